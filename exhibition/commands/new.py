"""`flask --app exhibition new`: scaffold a room or an exhibit for curators."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from ..fields import SLUG
from ..loader import FOLDER_NAME
from ..model import media_kind

ROOM_MD = """\
---
# The room's name, shown on its card and at the top of its page.
title: {title}
# One line, at most 200 characters, shown on the room's card in the lobby.
summary:
# Optional: the card's image, as exhibit-folder/file; default: the first
# image of the first exhibit.
# cover: 01-exhibit/image.jpg
---

Write the room's introduction here, in Markdown.
"""

EXHIBIT_MD = """\
---
# The work's title.
title: {title}
# A year (2018) or an ISO date (2018-10-25).
year:
# Who made the work: at least one name; the role is optional.
creators:
  - name:
    role:
# Optional: what the work is made of, e.g. "GAN-generated print on canvas".
# medium:
ai:
  # The AI system or technique involved.
  system:
  # tool, collaborator, autonomous or none.
  role:
  # The work's IPTC digital source type, e.g. trainedAlgorithmicMedia
  # (see docs/curators.md for the list).
  source_type:
# The media files in this folder, in the order visitors see them.
media:
{media}
# Optional: who holds the rights, the licence (an SPDX id such as CC-BY-4.0,
# or a URL) and a copyright line.
# rights:
#   holder:
#   licence:
#   notice:
# The intellectual-property question this exhibit puts to visitors.
# ip_question:
# Optional further reading, http(s) links only.
# links:
#   - title:
#     url: https://
# Optional short words.
# tags: []
# true to show this exhibit only in preview.
draft: true
---
"""

MEDIA_ITEM = {
    "image": "  - file: {file}\n    # What the image shows, for people who cannot see it.\n"
    "    alt:\n",
    "audio": "  - file: {file}\n    # A Markdown or text file transcribing the sound.\n"
    "    transcript:\n",
    "video": "  - file: {file}\n    # A WebVTT file of captions.\n    captions:\n",
}
CREDIT = "    # Who made this file, and how.\n    credit:\n"
NO_MEDIA = "  - file:\n    credit:\n"


class NewError(click.ClickException):
    """A scaffold cannot be made; the message says why."""


def _slug(value: str) -> str:
    if not SLUG.fullmatch(value):
        raise NewError(
            f"{value!r} is not a slug: use lower-case letters, digits and single hyphens"
        )
    return value


def _next_folder(parent: Path, slug: str) -> Path:
    """Return a new folder numbered after the last numbered sibling."""
    numbers, width = [0], 2
    for sibling in parent.iterdir() if parent.is_dir() else ():
        match = FOLDER_NAME.fullmatch(sibling.name)
        if match and sibling.is_dir():
            if match[2] == slug:
                raise NewError(f"{sibling} already uses the slug {slug!r}")
            if match[1]:
                numbers.append(int(match[1]))
                width = max(width, len(match[1]))
    return parent / f"{max(numbers) + 1:0{width}d}-{slug}"


def _title(slug: str) -> str:
    return re.sub(r"-+", " ", slug).capitalize()


@click.group("new", cls=AppGroup)
def command() -> None:
    """Create a room or an exhibit, ready to fill in."""


@command.command("room")
@click.argument("slug", callback=lambda ctx, param, value: _slug(value))
@click.option("--title", help="The room's name; default: from the slug.")
def new_room(slug: str, title: str | None) -> None:
    """Create a room folder with its room.md."""
    folder = _next_folder(Path(current_app.config["CONTENT_DIR"]) / "rooms", slug)
    folder.mkdir(parents=True)
    (folder / "room.md").write_text(ROOM_MD.format(title=title or _title(slug)), encoding="utf-8")
    click.echo(f"Created {folder}/room.md: fill in its summary and introduction.")


@command.command("exhibit")
@click.argument("room")
@click.argument("slug", callback=lambda ctx, param, value: _slug(value))
@click.option("--title", help="The work's title; default: from the slug.")
@click.option(
    "--media",
    "files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A media file to copy in; repeat for more.",
)
def new_exhibit(room: str, slug: str, title: str | None, files: tuple[Path, ...]) -> None:
    """Create an exhibit folder in a room, with exhibit.md and its media."""
    room_folder = _room_folder(Path(current_app.config["CONTENT_DIR"]) / "rooms", room)
    for file in files:
        if media_kind(file.name) is None:
            raise NewError(f"{file.name} is not an image, audio or video file")
    folder = _next_folder(room_folder, slug)
    folder.mkdir()
    for file in files:
        shutil.copy2(file, folder / file.name)
    items = "".join(MEDIA_ITEM[media_kind(f.name)].format(file=f.name) + CREDIT for f in files)
    text = EXHIBIT_MD.format(title=title or _title(slug), media=items or NO_MEDIA)
    (folder / "exhibit.md").write_text(text, encoding="utf-8")
    click.echo(f"Created {folder}/exhibit.md: fill it in, then run `flask --app exhibition check`.")


def _room_folder(rooms: Path, room: str) -> Path:
    """Return the folder of a room given by slug or folder name."""
    for folder in sorted(rooms.iterdir()) if rooms.is_dir() else ():
        match = FOLDER_NAME.fullmatch(folder.name)
        if folder.is_dir() and (folder.name == room or (match and match[2] == room)):
            return folder
    raise NewError(f"there is no room {room!r} in {rooms}")
