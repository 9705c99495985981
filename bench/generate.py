"""Write a generated exhibition of N exhibits, for benchmarks.

By default every exhibit carries a copy of one image, in one language: cheap
to write, for the benchmarks that measure pages. `distinct_images` draws each
exhibit its own picture (a seed each, drawn on every core), so a build
measures encoding; `languages` adds a translation of every exhibit and room
beside its source (`exhibit.fr.md`, `room.ar.md`), with the `translated_from`
digest `check` wants, so the exhibition checks clean in every language.
"""

from __future__ import annotations

import random
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from PIL import Image, ImageDraw

LABEL = (
    "This generated exhibit stands in for a real one so that the benchmarks load an "
    "exhibition of realistic size. Its label is long enough to pass every check, and its "
    "image is as large as a curator's would be. "
) * 3

EXHIBIT = """\
---
title: Generated work {number}
year: {year}
creators:
  - name: Generated Artist {number}
    role: artist
medium: Generated image
ai:
  system: A generative model
  role: tool
  source_type: trainedAlgorithmicMedia
media:
  - file: image.jpg
    alt: Coloured circles on a pale ground, generated for the benchmark
    credit: Generated for the benchmark
rights:
  licence: CC-BY-4.0
ip_question: Who is the author of a generated work?
links:
  - title: A link
    url: https://example.org/{number}
tags: [generated, benchmark]
---
{label}
"""

TRANSLATED_EXHIBIT = """\
---
translated_from: {digest}
title: "[{language}] Generated work {number}"
creators:
  - name: Generated Artist {number}
    role: "[{language}] artist"
medium: "[{language}] Generated image"
ai:
  system: "[{language}] A generative model"
media:
  - file: image.jpg
    alt: "[{language}] Coloured circles on a pale ground, generated for the benchmark"
    credit: "[{language}] Generated for the benchmark"
ip_question: "[{language}] Who is the author of a generated work?"
links:
  - url: https://example.org/{number}
    title: "[{language}] A link"
---
[{language}] {label}
"""

ROOM = "---\ntitle: Room {name}\nsummary: A room.\n---\nIntro.\n"
TRANSLATED_ROOM = (
    '---\ntranslated_from: {digest}\ntitle: "[{language}] Room {name}"\n'
    'summary: "[{language}] A room."\n---\n[{language}] Intro.\n'
)
CAMERA = (1600, 1200)  # a curator's photograph, as exported for the web
EXHIBITION = "title: Generated\nedition: bench\nopens: 2020-01-01\ncloses: 2020-12-31\n"


def image(path: Path, seed: int, shapes: int = 40, size: tuple[int, int] = CAMERA) -> None:
    """Draw a JPEG of random circles, 1600 x 1200 unless told."""
    rng = random.Random(seed)
    width, height = size
    picture = Image.new("RGB", size, (240, 236, 228))
    draw = ImageDraw.Draw(picture)
    for _ in range(shapes):
        x, y = rng.randrange(width), rng.randrange(height)
        r = rng.randrange(width // 80, width // 8)
        colour = tuple(rng.randrange(256) for _ in range(3))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
    picture.save(path, quality=80)


def _draw_each(paths: list[Path], size: tuple[int, int]) -> None:
    """Draw one image of its own into each path, a seed each, on every core."""
    seeds = range(1, len(paths) + 1)
    with ProcessPoolExecutor() as pool:
        list(pool.map(image, paths, seeds, [12] * len(paths), [size] * len(paths), chunksize=64))


def _folders(root: Path, exhibits: int, rooms: int) -> list[tuple[Path, Path, int]]:
    """Return each exhibit's (room folder, exhibit folder, number), in the tour's order."""
    found = []
    for number in range(exhibits):
        room = root / "rooms" / f"{number % rooms + 1:02d}-room-{number % rooms + 1}"
        found.append((room, room / f"{number // rooms + 1:03d}-work-{number}", number))
    return found


def generate(
    root: Path,
    exhibits: int = 500,
    rooms: int = 10,
    *,
    languages: tuple[str, ...] = (),
    distinct_images: bool = False,
    image_size: tuple[int, int] = CAMERA,
) -> Path:
    """Write the exhibition into root and return it; distinct images are `image_size`."""
    (root / "rooms").mkdir(parents=True, exist_ok=True)
    more = f"languages: [{', '.join(languages)}]\n" if languages else ""
    (root / "exhibition.yaml").write_text(EXHIBITION + more)
    folders = _folders(root, exhibits, rooms)
    for room, folder, number in folders:
        if not (room / "room.md").exists():
            room.mkdir(exist_ok=True)
            (room / "room.md").write_text(ROOM.format(name=room.name))
        folder.mkdir(exist_ok=True)
        text = EXHIBIT.format(number=number, year=1950 + number % 70, label=LABEL)
        (folder / "exhibit.md").write_text(text)
    paths = [folder / "image.jpg" for _, folder, _ in folders]
    _images(root, paths, image_size if distinct_images else None)
    if languages:
        translate(folders, languages)
    return root


def _images(root: Path, paths: list[Path], size: tuple[int, int] | None) -> None:
    """Give every exhibit its image: its own of the size given, else a copy of one."""
    if size:
        _draw_each(paths, size)
        return
    template = root / "template.jpg"
    image(template, 0)
    for path in paths:
        path.write_bytes(template.read_bytes())
    template.unlink()


def translate(folders: list[tuple[Path, Path, int]], languages: tuple[str, ...]) -> None:
    """Write each language's translation beside every exhibit and room, digests included."""
    exhibit_texts, room_texts, exhibition_texts = _source_texts()
    root = folders[0][0].parent.parent
    for language in languages:
        (root / f"exhibition.{language}.yaml").write_text(
            f'translated_from: {_digest(exhibition_texts)}\ntitle: "[{language}] Generated"\n'
        )
    for room, folder, number in folders:
        exhibit_digest = _digest(exhibit_texts, title=f"Generated work {number}")
        room_digest = _digest(room_texts, title=f"Room {room.name}")
        for language in languages:
            (folder / f"exhibit.{language}.md").write_text(
                TRANSLATED_EXHIBIT.format(
                    digest=exhibit_digest, language=language, number=number, label=LABEL
                )
            )
            translated_room = room / f"room.{language}.md"
            if not translated_room.exists():
                translated_room.write_text(
                    TRANSLATED_ROOM.format(digest=room_digest, language=language, name=room.name)
                )


def _source_texts() -> tuple[dict[str, str], ...]:
    """Return the translatable texts of one generated exhibit, its room and exhibition.

    Every generated exhibit differs from another only in its title and year, so
    one small exhibition gives the texts of all; the title is put in for each.
    """
    from exhibition import loader, sourcetext

    with tempfile.TemporaryDirectory() as folder:
        loaded = loader.load(generate(Path(folder), 1, 1))
    room = loaded.exhibition.rooms[0]
    exhibition = sourcetext.exhibition_texts(loaded.exhibition)
    return sourcetext.exhibit_texts(room.exhibits[0]), sourcetext.room_texts(room), exhibition


def _digest(texts: dict[str, str], **changed: str) -> str:
    from exhibition import sourcetext

    return sourcetext.digest({**texts, **changed})


if __name__ == "__main__":
    generate(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 500)
