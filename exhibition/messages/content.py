"""Say what is wrong with the exhibition as a whole, or missing for its visitors."""

from __future__ import annotations

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
