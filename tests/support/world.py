"""Small exhibitions written from strings, their images made with Pillow."""

from __future__ import annotations

import textwrap
from pathlib import Path

from PIL import Image

EXHIBITION_YAML = """\
title: Machines that make
subtitle: A test exhibition
edition: test-1
opens: 2020-09-21
closes: 2021-03-18
organiser: Test Museum
licence: CC-BY-4.0
description: A *small* exhibition for tests.
"""

ROOM_MD = """\
---
title: {title}
summary: The {title} room.
---
An introduction to the {title} room.
"""

LABEL = " ".join(["This label says enough about the work to satisfy every curator."] * 5)

EXHIBIT_MD = """\
---
title: {title}
year: 2018
creators:
  - name: Ada Example
    role: artist
ai:
  system: GAN
  role: tool
  source_type: trainedAlgorithmicMedia
media:
  - file: work.png
    alt: A red square on a white ground, drawn for tests
    credit: Made for the tests
rights:
  licence: CC-BY-4.0
ip_question: Who is the author?
---
{label}
"""


def write_image(path: Path, size=(1600, 1200), color="crimson", fmt=None) -> Path:
    """Write an image file with Pillow."""
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, color).save(path, fmt)
    return path


FIRST_FR = """\
---
title: Premier
creators:
  - name: Ada Example
    role: artiste
media:
  - file: work.png
    alt: Un carré rouge sur fond blanc, dessiné pour les tests
    credit: Fait pour les tests
ai:
  system: GAN
ip_question: Qui en est l'auteur ?
---
Une étiquette en français, qui en dit assez sur l'œuvre pour satisfaire chaque commissaire.
"""

FIRST_AR = """\
---
title: الأول
---
بطاقة بالعربية تقول ما يكفي عن العمل.
"""


class World:
    """A content folder in tmp_path, written from strings."""

    def __init__(self, root: Path):
        self.root = root

    def write(self, relative: str, text: str) -> Path:
        """Write a text file into the content folder."""
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def room(self, folder: str, title: str | None = None) -> Path:
        """Write a room folder with its room.md."""
        title = title or folder.split("-", 1)[-1].title()
        return self.write(f"rooms/{folder}/room.md", ROOM_MD.format(title=title)).parent

    def exhibit(
        self, room: str, folder: str, text: str | None = None, title: str | None = None
    ) -> Path:
        """Write an exhibit folder with its exhibit.md and a generated image."""
        base = f"rooms/{room}/{folder}"
        title = title or folder.split("-", 1)[-1].replace("-", " ").title()
        self.write(f"{base}/exhibit.md", text or EXHIBIT_MD.format(title=title, label=LABEL))
        write_image(self.root / base / "work.png")
        return self.root / base


def make_world(root: Path) -> World:
    """Write a valid exhibition of two rooms and three exhibits into root, ready to change."""
    world = World(root)
    world.write("exhibition.yaml", EXHIBITION_YAML)
    world.room("01-art")
    world.room("02-music")
    world.exhibit("01-art", "01-first")
    world.exhibit("01-art", "02-second")
    world.exhibit("02-music", "01-third")
    world.write("pages/about.md", "---\ntitle: About\n---\nAbout this exhibition.\n")
    return world


def derivatives_folder(world: World, tmp_path: Path) -> Path:
    """Give each exhibit of the test world an image of its own; return its derivatives' folder."""
    for folder, colour in (("01-art/02-second", "navy"), ("02-music/01-third", "olive")):
        write_image(world.root / "rooms" / folder / "work.png", color=colour)
    return tmp_path / "cache" / "images"


def small_exhibition(root: Path, colour: str) -> World:
    """Write an exhibition of one room and one exhibit whose image is of one colour."""
    world = World(root)
    world.write("exhibition.yaml", EXHIBITION_YAML)
    world.room("01-art")
    world.exhibit("01-art", "01-first")
    write_image(world.root / "rooms/01-art/01-first/work.png", (400, 300), colour)
    return world


def in_three_languages(world: World) -> World:
    """Give a world languages en, fr and ar: one exhibit translated, one not, one in part."""
    world.write("exhibition.yaml", EXHIBITION_YAML + "languages: [en, fr, ar]\n")
    world.write("exhibition.fr.yaml", "title: Des machines qui créent\n")
    world.write("rooms/01-art/room.fr.md", "---\ntitle: Art\nsummary: La salle Art.\n---\nIntro.\n")
    world.write("rooms/01-art/01-first/exhibit.fr.md", FIRST_FR)
    world.write("rooms/01-art/01-first/exhibit.ar.md", FIRST_AR)
    world.write("rooms/02-music/01-third/exhibit.fr.md", "---\ntitle: Troisième\n---\n")
    return world
