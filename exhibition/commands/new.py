"""`flask --app exhibition new`: scaffold a room or an exhibit for curators."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import click

from ..fields import SLUG
from ..loader import FOLDER_NAME
from ..media import types
from ..model import media_kind
from ..todo import CAPTIONS as STARTER_CAPTIONS
from ..todo import TRANSCRIPT as STARTER_TRANSCRIPT
from . import newtranslation, options

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
To do: write the room's introduction here, in Markdown.
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
medium:
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
{media}# Optional: who holds the rights, the licence (an SPDX id such as CC-BY-4.0,
# or a URL) and a copyright line.
rights:
  holder:
  licence:
  notice:
# The intellectual-property question this exhibit puts to visitors.
ip_question:
# Optional further reading, http(s) links only.
# links:
#   - title:
#     url: https://
# Optional short words.
# tags: []
# true to show this exhibit only in preview.
draft: true
---
To do: write the label text here, in Markdown: at least 40 words.
"""

FILE = "  - file: {file}\n"
ALT = "    # What the image shows, for people who cannot see it.\n    alt:\n"
CAPTIONS = "    # The captions of the film: a WebVTT file.\n    captions: {file}\n"
POSTER = "    # An image shown before the film plays.\n    poster: {file}\n"
POSTER_ALT = "    # What the poster shows, for people who cannot see it.\n    alt:\n"
TRANSCRIPT = "    # Everything that is heard, in a Markdown or text file.\n    transcript: {file}\n"
CREDIT = "    # Who made this file, and how.\n    credit:\n"
NO_MEDIA = "  - file:\n" + CREDIT
TEXTS = (*types.CAPTIONS, *types.TRANSCRIPTS)
COMPANIONS = {"video": (*types.CAPTIONS, *types.IMAGES), "audio": types.TRANSCRIPTS}


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


@click.group("new")
def command() -> None:
    """Create a room, an exhibit or translations, ready to fill in."""


command.add_command(newtranslation.command)


@command.command("room")
@options.with_app
@click.argument("slug", callback=lambda ctx, param, value: _slug(value))
@click.option("--title", help="The room's name; default: from the slug.")
def new_room(app, slug: str, title: str | None) -> None:
    """Create a room folder with its room.md."""
    folder = _next_folder(Path(app.config["CONTENT_DIR"]) / "rooms", slug)
    folder.mkdir(parents=True)
    (folder / "room.md").write_text(ROOM_MD.format(title=title or _title(slug)), encoding="utf-8")
    click.echo(f"Created {folder}/room.md: fill in its summary and introduction.")


@command.command("exhibit")
@options.with_app
@click.argument("room")
@click.argument("slug", callback=lambda ctx, param, value: _slug(value))
@click.option("--title", help="The work's title; default: from the slug.")
@click.option(
    "--media",
    "files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A media file to copy in (or a video's captions or poster, a sound's transcript); "
    "repeat for more.",
)
def new_exhibit(app, room: str, slug: str, title: str | None, files: tuple[Path, ...]) -> None:
    """Create an exhibit folder in a room, with exhibit.md and its media."""
    room_folder = _room_folder(Path(app.config["CONTENT_DIR"]) / "rooms", room)
    scaffold = Scaffold(files)
    folder = _next_folder(room_folder, slug)
    folder.mkdir()
    scaffold.write(folder)
    text = EXHIBIT_MD.format(title=title or _title(slug), media=scaffold.items or NO_MEDIA)
    (folder / "exhibit.md").write_text(text, encoding="utf-8")
    click.echo(f"Created {folder}/exhibit.md: fill it in, then run `exhibition check`.")


class Scaffold:
    """The media items of a new exhibit and the files to copy or start for them.

    A video takes the captions and poster named like it (clip.mp4: clip.vtt,
    clip.jpg), given with --media or found beside it; a sound its transcript
    (song.mp3: song.md or song.txt). What is not found is started for the
    curator to fill in; every other image is an item of its own.
    """

    def __init__(self, files: tuple[Path, ...]):
        for file in files:
            if media_kind(file.name) is None and file.suffix.lower() not in TEXTS:
                raise NewError(f"{file.name} is not an image, audio or video file")
        names = [file.name for file in files]
        if len(set(names)) < len(names):
            raise NewError("two of the --media files have the same name; rename one")
        self.given = {file.name: file for file in files}
        self.copies = dict(self.given)  # name in the exhibit's folder: file to copy
        self.starters: dict[str, str] = {}  # name in the exhibit's folder: text to write
        used = {name for file in files for name in self._companions(file)}
        self.items = "".join(
            self._item(file) for file in files if media_kind(file.name) and file.name not in used
        )

    def write(self, folder: Path) -> None:
        """Copy the media files into the exhibit's folder and write the starters."""
        for name, file in self.copies.items():
            shutil.copy2(file, folder / name)
        for name, text in self.starters.items():
            (folder / name).write_text(text, encoding="utf-8")

    def _item(self, file: Path) -> str:
        kind = media_kind(file.name)
        lines = FILE.format(file=file.name)
        if kind == "image":
            lines += ALT
        elif kind == "video":
            lines += CAPTIONS.format(file=self._text(file, (".vtt",), STARTER_CAPTIONS))
            poster = self._poster(file)
            lines += POSTER.format(file=poster) + POSTER_ALT if poster else ""
        else:
            lines += TRANSCRIPT.format(file=self._text(file, (".md", ".txt"), STARTER_TRANSCRIPT))
        return lines + CREDIT

    def _companions(self, file: Path) -> list[str]:
        """Return the names of the given files that go with a video or a sound."""
        suffixes = COMPANIONS.get(media_kind(file.name), ())
        return [
            name
            for name in self.given
            if Path(name).stem == file.stem and Path(name).suffix.lower() in suffixes
        ]

    def _find(self, file: Path, suffixes) -> Path | None:
        """Return a file named like `file` with one of `suffixes`: given, or beside it."""
        for suffix in suffixes:
            name = file.with_suffix(suffix).name
            for found in (self.given.get(name), file.with_suffix(suffix)):
                if found is not None and found.is_file():
                    return found
        return None

    def _text(self, file: Path, suffixes, starter: str) -> str:
        """Return the name of a video's captions or a sound's transcript, started if missing."""
        found = self._find(file, suffixes)
        if found:
            self.copies[found.name] = found
            return found.name
        name = file.with_suffix(suffixes[0]).name
        self.starters[name] = starter.format(name=file.name)
        return name

    def _poster(self, file: Path) -> str | None:
        """Return the name of a video's poster, if one is given or beside it."""
        found = self._find(file, sorted(types.IMAGES))
        if found:
            self.copies[found.name] = found
        return found and found.name


def _room_folder(rooms: Path, room: str) -> Path:
    """Return the folder of a room given by slug or folder name."""
    for folder in sorted(rooms.iterdir()) if rooms.is_dir() else ():
        match = FOLDER_NAME.fullmatch(folder.name)
        if folder.is_dir() and (folder.name == room or (match and match[2] == room)):
            return folder
    raise NewError(f"there is no room {room!r} in {rooms}")
