"""Say what is wrong with a file or a folder: its name, where it leads, what it holds."""

from __future__ import annotations

from .words import did_you_mean

# Folders and file names


def bad_folder_name(name: str, suggestion: str) -> str:
    """Say that a folder or page is not named NN-slug or slug, and what to call it."""
    message = (
        f"'{name}' is not named NN-slug or slug "
        "(lower-case letters, digits and single hyphens); rename it"
    )
    return f"{message} to '{suggestion}'" if suggestion and suggestion != name else message


def slug_taken(slug: str, other: str) -> str:
    """Say that two folders or pages give the same slug."""
    return f"the slug '{slug}' is also used by {other}; rename one of them"


def page_name_taken(slug: str) -> str:
    """Say that a page is named like a part of the site."""
    return f"the page name '{slug}' is taken by the site; rename the file"


def link_leaves_content(name: str) -> str:
    """Say that a folder or file is a symbolic link out of the content folder."""
    return f"'{name}' is a symbolic link that leads outside the content folder; it is not followed"


def missing(name: str) -> str:
    """Say that a file the folder needs is not there."""
    return f"{name} is missing"


# Files an exhibit names


def missing_file(key: str, name: str, folder: str, suggestion: str | None) -> str:
    """Say that a file a field names is not in the folder, with the closest one that is."""
    return f"'{key}' names {name!r}, which is not in {folder}{did_you_mean(suggestion)}"


def leaves_folder(key: str, name: str) -> str:
    """Say that a file's name points out of the exhibit's folder."""
    return f"'{key}' {name!r} leaves the exhibit's folder; name a file inside it"


def link_leaves_exhibit(key: str, name: str) -> str:
    """Say that a file is a symbolic link out of the exhibit's folder."""
    return (
        f"'{key}' {name!r} is a symbolic link that leads outside "
        "the exhibit's folder; it is not followed"
    )


def unknown_media(name: str) -> str:
    """Say that a file is not of a kind of media the site shows."""
    return (
        f"{name!r} is not a known kind of media; "
        "use an image, audio or video file (see the content format)"
    )


def only_for(key: str, kind: str) -> str:
    """Say that a key belongs to another kind of media."""
    return f"'{key}' is for {kind} only; remove it"


NEEDS_TRANSCRIPT = "audio needs a 'transcript': a Markdown or text file"
NEEDS_CAPTIONS = "video needs 'captions': a WebVTT (.vtt) file"


def not_an_image(name: str) -> str:
    """Say that a file named as an image is not one."""
    return f"{name} is not an image"


def needs_alt(name: str) -> str:
    """Say that an image has no text alternative."""
    return f"{name} needs 'alt': a text alternative that says what the image shows"


def in_file(name: str, problem) -> str:
    """Say what is wrong inside a file, after its name."""
    return f"{name}: {problem}"


def captions_not_vtt(name: str) -> str:
    """Say that captions are named for another format than WebVTT."""
    return f"the captions {name!r} must be a WebVTT file ending in .vtt"


def transcript_not_text(name: str) -> str:
    """Say that a transcript is not a Markdown or text file."""
    return f"the transcript {name!r} must be a .md or .txt file"


def nul_bytes(name: str) -> str:
    """Say that a text file holds NUL bytes."""
    return f"{name}: the file holds NUL bytes, not text; save it as UTF-8"


def alt_says_too_little(name: str) -> str:
    """Say that an image's alt text is too short, or only its title or file name."""
    return f"the alt text of {name} says too little: describe what it shows"


def image_too_small(name: str, width: int, height: int, minimum: int) -> str:
    """Say that an image is too small for large screens."""
    return (
        f"{name} is {width} x {height} "
        f"pixels; give at least {minimum} px on its long side for large screens"
    )


# What is inside a file

NOT_AN_IMAGE_FILE = "the file is not an image that can be read"
NOT_WEBVTT = "the captions file is not WebVTT: its first line must be 'WEBVTT'"
NO_SOUND = "the file holds no sound"
NOT_UTF8 = "the file is not UTF-8 text; save it as UTF-8"


def too_large(size: int, max_bytes: int) -> str:
    """Say that a media file is over the size limit."""
    return (
        f"the file is {size / 1e6:,.1f} MB, over the limit of "
        f"{max_bytes / 1e6:,.0f} MB; make it smaller"
    )


def sound_too_large(max_bytes: int) -> str:
    """Say that a sound is over the size limit."""
    return f"the file is over the limit of {max_bytes / 1e6:,.0f} MB"


def text_too_large(max_bytes: int) -> str:
    """Say that a text file is larger than a content file may be."""
    return f"the file is larger than {max_bytes:,} bytes"


def wrong_ending(kind: str, suffix: str, ending: str) -> str:
    """Say that an image is named for another format than it is."""
    return f"the file is a {kind} image but its name ends in {suffix}; rename it to end in {ending}"


def too_many_pixels(max_pixels: int) -> str:
    """Say that an image has more pixels than the limit."""
    return f"the image is over the limit of {max_pixels:,} pixels; make it smaller"


def image_unreadable(error) -> str:
    """Say that an image cannot be decoded."""
    return f"the image cannot be read ({error}); export it again"


def sound_unreadable(error) -> str:
    """Say that a sound cannot be decoded."""
    return f"the sound cannot be read ({error}); export it again"
