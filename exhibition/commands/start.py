"""`exhibition start FOLDER`: a new exhibition that passes `check --strict`, fields explained."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import click
from PIL import Image, ImageDraw

EXHIBITION_YAML = """\
# The exhibition itself. Lines starting with # are notes for you; the site ignores them.

# The exhibition's name, shown in the lobby and on every page.
title: {title}
# Optional: one line under the title.
subtitle: A first exhibition, ready to make your own
# This run of the exhibition: lower-case letters, digits and hyphens.
edition: "{year}"
# The day the exhibition opens, as YYYY-MM-DD.
opens: {opens}
# The day it closes: not before it opens.
closes: {closes}
# Optional: who puts the exhibition on.
# organiser: The museum's name
# The language of your texts, such as en, fr or pt-BR.
language: en
# Optional: the licence of your texts, an SPDX id such as CC-BY-4.0, or a URL.
# licence: CC-BY-4.0
# Shown in the lobby, in Markdown. The | keeps the lines below as one text.
description: |
  Write what the exhibition is about here. Rooms are the folders in rooms/,
  exhibits the folders inside them; docs/curators.md tells every field.
"""

ROOM_MD = """\
---
# The room's name, shown on its card and at the top of its page.
title: First room
# One line, at most 200 characters, shown on the room's card in the lobby.
summary: The room every new exhibition starts with; rename it, or add others beside it.
# Optional: the card's image, as exhibit-folder/file; default: the first image of the first exhibit.
# cover: 01-first-exhibit/placeholder.png
---

Write the room's introduction here, in Markdown: what the works in this room
have in common, and what visitors should look out for.
"""

EXHIBIT_MD = """\
---
# The work's title.
title: A placeholder picture
# A year (2018) or an ISO date (2018-10-25).
year: {year}
# Who made the work: at least one name; the role is optional.
creators:
  - name: exhibition start
    role: the command that drew this picture
# Optional: what the work is made of.
medium: A colour gradient drawn by a program
# What part AI plays in the work.
ai:
  # The AI system or technique involved.
  system: None; a program drew the gradient by a fixed rule
  # tool, collaborator, autonomous or none.
  role: none
  # The work's IPTC digital source type (docs/curators.md lists them all).
  source_type: algorithmicMedia
# The media files in this folder, in the order visitors see them.
media:
  - file: placeholder.png
    # What the image shows, for people who cannot see it.
    alt: A smooth gradient from deep blue at the top to warm orange at the bottom.
    # Who made this file, and how.
    credit: Drawn by exhibition start with Pillow.
# Optional: who holds the rights, the licence (an SPDX id or a URL) and a notice.
rights:
  notice: A placeholder made for this exhibition; replace it with a work of your own.
# The intellectual-property question this exhibit puts to visitors.
ip_question: Can a picture drawn by a program, following a fixed rule, have an author?
# Optional: further reading, http(s) links only.
# links:
#   - title: The page's title
#     url: https://
# Optional: short words.
# tags: [placeholder]
# true shows this exhibit only in preview, until you are ready.
# draft: true
---

This is the label text, in Markdown, below the fields. The picture above is a
placeholder: `exhibition start` drew it when it made this exhibition, so that
the first room has something to show. Replace it with a work of your own, or
add exhibits beside it with `exhibition new exhibit`, then delete this one.
"""

ABOUT_MD = """\
---
# The page's name, shown in the site's menu and at the top of the page.
title: About this exhibition
# Optional: one line for search engines.
summary: What this exhibition is and who made it.
---

Write about the exhibition here, in Markdown: who made it, why, and how
visitors may reuse what they see. This page is pages/about.md, at /about/.
"""


class StartError(click.ClickException):
    """The new exhibition cannot be made there; the message says why."""


@click.command("start")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--title", default="My exhibition", show_default=True, help="The exhibition's name.")
def command(folder: Path, title: str) -> None:
    """Make a new exhibition in FOLDER: one room, one exhibit, an about page."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise StartError(f"{folder} already exists and is not empty: choose a new folder's name.")
    try:
        write_starter(folder, title, datetime.date.today())
    except OSError as error:
        raise StartError(f"Cannot make {folder}: {error.strerror}.") from None
    click.echo(f"Made a new exhibition in {folder}. Next:")
    click.echo(f"  cd {folder}")
    click.echo("  exhibition preview --open")


def write_starter(folder: Path, title: str, today: datetime.date) -> None:
    """Write the starter exhibition's files into a new folder."""
    closes = today + datetime.timedelta(days=364)  # a year's run; no 29 February to trip on
    exhibit = folder / "rooms" / "01-first-room" / "01-first-exhibit"
    exhibit.mkdir(parents=True)
    (folder / "pages").mkdir()
    texts = {
        folder / "exhibition.yaml": EXHIBITION_YAML.format(
            title=json.dumps(title, ensure_ascii=False), year=today.year, opens=today, closes=closes
        ),
        folder / "rooms" / "01-first-room" / "room.md": ROOM_MD,
        exhibit / "exhibit.md": EXHIBIT_MD.format(year=today.year),
        folder / "pages" / "about.md": ABOUT_MD,
    }
    for path, text in texts.items():
        path.write_text(text, encoding="utf-8")
    placeholder().save(exhibit / "placeholder.png")


def placeholder(size=(1600, 1200)) -> Image.Image:
    """Return a gradient from deep blue at the top to warm orange at the bottom."""
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    top, bottom = (20, 40, 110), (240, 140, 50)
    for y in range(size[1]):
        mix = y / (size[1] - 1)
        colour = tuple(round(a + (b - a) * mix) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (size[0], y)], fill=colour)
    return image
