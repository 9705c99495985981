"""Write a generated exhibition of N exhibits, for benchmarks."""

from __future__ import annotations

import random
import sys
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


def image(path: Path, seed: int) -> None:
    """Draw a 1600 x 1200 JPEG of random circles."""
    rng = random.Random(seed)
    picture = Image.new("RGB", (1600, 1200), (240, 236, 228))
    draw = ImageDraw.Draw(picture)
    for _ in range(40):
        x, y, r = rng.randrange(1600), rng.randrange(1200), rng.randrange(20, 200)
        colour = tuple(rng.randrange(256) for _ in range(3))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
    picture.save(path, quality=80)


def generate(root: Path, exhibits: int = 500, rooms: int = 10) -> Path:
    """Write the exhibition into root and return it."""
    (root / "rooms").mkdir(parents=True, exist_ok=True)
    (root / "exhibition.yaml").write_text(
        "title: Generated\nedition: bench\nopens: 2020-01-01\ncloses: 2020-12-31\n"
    )
    template = root / "template.jpg"
    image(template, 0)
    for number in range(exhibits):
        room = root / "rooms" / f"{number % rooms + 1:02d}-room-{number % rooms + 1}"
        if not (room / "room.md").exists():
            room.mkdir(exist_ok=True)
            (room / "room.md").write_text(
                f"---\ntitle: Room {room.name}\nsummary: A room.\n---\nIntro.\n"
            )
        folder = room / f"{number // rooms + 1:03d}-work-{number}"
        folder.mkdir(exist_ok=True)
        text = EXHIBIT.format(number=number, year=1950 + number % 70, label=LABEL)
        (folder / "exhibit.md").write_text(text)
        (folder / "image.jpg").write_bytes(template.read_bytes())
    template.unlink()
    return root


if __name__ == "__main__":
    generate(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 500)
