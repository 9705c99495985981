"""Say what is wrong with the exhibition as a whole, or missing for its visitors."""

from __future__ import annotations

from .words import did_you_mean

NO_EXHIBITION_YAML = "there is no exhibition.yaml in the content folder"
CLOSES_BEFORE_OPENS = "'closes' is before 'opens'"
NO_ROOMS_FOLDER = "there is no rooms folder"
LAST_GOOD_SERVED = "the last good version of this exhibit is served until the error is fixed"
EMPTY_LABEL = "the label text is empty: write it below the front matter"
NO_IP_QUESTION = "no 'ip_question': add the question this exhibit puts to visitors"
NO_LICENCE = (
    "no licence: add 'rights.licence' or 'rights.notice' so visitors know what they may reuse"
)
REPLACE_TODO = "replace the 'To do:' line with your text"
HOTSPOTS_WITHOUT_PANORAMA = "'hotspots' needs 'panorama': name the 360° picture they are on"


def no_content_folder(root) -> str:
    """Say that the content folder is not there."""
    return f"the content folder {root} does not exist"


def cover_not_an_image(cover: str) -> str:
    """Say that a room's cover is not an image of one of its exhibits."""
    return (
        f"'cover' {cover!r} is not an image of "
        "one of this room's exhibits; write it as exhibit-folder/file"
    )


def short_label(words: int, minimum: int) -> str:
    """Say that the label text is too short."""
    return f"the label text has {words} words; write at least {minimum}"


def panorama_not_two_to_one(name: str, width: int, height: int) -> str:
    """Say that a room's own 360° picture is not twice as wide as it is tall."""
    return (
        f"the panorama {name!r} is {width}×{height} pixels, not twice as wide as it is tall; "
        "use an equirectangular 360° picture (2:1), e.g. 8000×4000"
    )


def hotspot_not_in_room(exhibit: str, suggestion: str | None) -> str:
    """Say that a hotspot names an exhibit the room does not have."""
    return (
        f"'hotspots' names the exhibit {exhibit!r}, which is not in this room"
        f"{did_you_mean(suggestion)}; name it by its folder without the number, e.g. ai-da"
    )


def hotspot_twice(exhibit: str) -> str:
    """Say that two hotspots name the same exhibit."""
    return f"'hotspots' names the exhibit {exhibit!r} twice; keep one hotspot for each exhibit"
