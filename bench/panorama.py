"""Benchmark a room's 360° picture against the room's own image derivatives, in the same run.

A room of generated 12-megapixel photos: each round makes the photos'
derivatives (the ladder in AVIF, WebP and JPEG, and zoom tiles, in one
process) and then draws the room's panorama from them and writes its ladder,
interleaved, so both meet the same machine. The figures are the medians of
the rounds, their ratio, and the panorama's file sizes.

Run with `make bench-panorama`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.report import write_section  # noqa: E402
from exhibition.media import build, copies, panorama, roompanoramas  # noqa: E402
from exhibition.media.probe import Limits  # noqa: E402

DOCS = Path(__file__).resolve().parent.parent / "docs" / "media.md"
BEGIN, END = "<!-- bench-panorama -->", "<!-- /bench-panorama -->"
PROVENANCE = copies.Provenance("Benchmark photographer", "© Benchmark", "digitalCapture")


def photo(path: Path, seed: int) -> Path:
    """Write a 12-megapixel picture of coloured bands, different for each seed."""
    image = Image.new("RGB", (4000, 3000), (40 * seed % 255, 90, 160))
    draw = ImageDraw.Draw(image)
    for band in range(0, 4000, 200):
        draw.rectangle((band, 0, band + 100, 3000), fill=((band + 50 * seed) % 255, 200, 80))
    image.save(path, quality=92)
    return path


def derivatives(photos: list[Path], out: Path) -> tuple[float, list[Path]]:
    """Make every photo's derivatives; return the seconds taken and each largest JPEG."""
    started, largest = time.perf_counter(), []
    for index, source in enumerate(photos):
        key = f"{index:020x}"
        made = copies.write_copies(
            source,
            out,
            key,
            widths=build.Recipe().widths,
            background="#ffffff",
            provenance=PROVENANCE,
            limits=Limits(),
        )
        largest.append(out / copies.copy_name(key, max(made.widths), "jpeg"))
    return time.perf_counter() - started, largest


def room(largest: list[Path], out: Path) -> tuple[float, roompanoramas.RoomView]:
    """Draw the room's panorama from the derivatives; return the seconds taken and it."""
    started = time.perf_counter()
    pictures = [(f"work-{i}", path) for i, path in enumerate(largest)]
    view = roompanoramas.draw("room", pictures, "#176d67", "f" * 20, out)
    return time.perf_counter() - started, view


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--works", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        photos = [photo(root / f"photo-{i}.jpg", i) for i in range(args.works)]
        images, rooms = [], []
        for number in range(args.rounds):
            out = root / f"round-{number}"
            out.mkdir()
            took, largest = derivatives(photos, out)
            images.append(took)
            took, view = room(largest, out)
            rooms.append(took)
        sizes = {n: (out / n).stat().st_size for n in view.files()}
    report(args, statistics.median(images), statistics.median(rooms), sizes)


def report(args, images: float, room_seconds: float, sizes: dict[str, int]) -> None:
    lines = [
        BEGIN,
        f"A room of {args.works} 12-megapixel photos, medians of {args.rounds} interleaved "
        f"rounds, one process (`make bench-panorama`, {panorama.SIZE[0]}×{panorama.SIZE[1]}):",
        "",
        "| what | seconds |",
        "|---|---|",
        f"| the room's image derivatives | {images:.1f} |",
        f"| the room in 360° (drawn and written) | {room_seconds:.1f} |",
        f"| ratio, 360° / derivatives | {room_seconds / images:.2f} |",
        "",
        "| panorama file | bytes |",
        "|---|---|",
        *(f"| `…{name[20:]}` | {size:,} |" for name, size in sorted(sizes.items())),
        END,
    ]
    block = "\n".join(lines)
    print(block)
    write_section(DOCS, BEGIN, END, block, before="## Pages")


if __name__ == "__main__":
    main()
