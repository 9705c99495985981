"""What a curator has still to fill in: the "to do" items `check` lists.

A blank required key is one (see `fields.record`); so is a line starting
`To do:` that `new` writes into label text, introductions, transcripts and
captions for the curator to replace, and a blank `alt` of an image.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from . import model
from .fields import FileProblems, blank
from .messages import content, values

MARKER = re.compile(r"^[ \t]*(?:NOTE[ \t]+)?To do:", re.I | re.M)
MAX_TEXT = 1_000_000  # bytes; larger files are not starter files

TRANSCRIPT = """\
# {name}

To do: write down everything that is heard in {name}, for visitors who cannot hear it.
"""

CAPTIONS = """\
WEBVTT

NOTE To do: write the captions of {name} below this note, then delete the note.
Each caption is a line of times, start and end, then the words on the lines
after it, then an empty line. A caption from the first to the fourth second
has the times 00:00:01.000 and 00:00:04.000 with an arrow between them.
"""


def scan(text: str, first_line: int, report: FileProblems, path: str | None = None) -> None:
    """Report each `To do:` line of a text that starts at `first_line`."""
    for found in MARKER.finditer(text):
        report.todo(first_line + text.count("\n", 0, found.start()), content.REPLACE_TODO, path)


def scan_media(walker, folder: Path, raw, report: FileProblems) -> None:
    """Report a blank `alt` and the `To do:` lines of transcripts and captions.

    Read from the raw front matter, so they are listed with the blank keys
    on the first `check`, not after those are filled in.
    """
    items = raw.get("media") if isinstance(raw, dict) else None
    for number, item in enumerate(items if isinstance(items, list) else (), start=1):
        if not isinstance(item, dict):
            continue
        pictured = model.media_kind(str(item.get("file"))) == "image" or "poster" in item
        if "alt" in item and blank(item["alt"]) and pictured:
            report.todo(item.line_of("alt"), values.empty(f"media[{number}].alt"))
        for key in ("transcript", "captions"):
            _scan_file(walker, folder, item.get(key), report)


def _scan_file(walker, folder: Path, name, report: FileProblems) -> None:
    """Scan a text file named in an exhibit, if it is safely inside its folder."""
    if not isinstance(name, str) or PurePosixPath(name).is_absolute() or ".." in name:
        return
    path = folder / name
    try:
        if not walker.inside(path) or not path.is_file() or path.stat().st_size > MAX_TEXT:
            return
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return  # the media checks say what is wrong with the file
    scan(text, 1, report, walker.rel(path))
