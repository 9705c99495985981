"""Make every demo media file that is missing or out of date, and weigh them against a budget."""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from . import rooms as _rooms  # noqa: F401  (importing the rooms registers their drawings)
from .excerpts import EXCERPTS, Excerpt
from .film import make_sunspring_clip
from .output import BUDGET_BYTES, media_total, report
from .painting import jpeg_bytes
from .registry import EXHIBITS, ROOMS, Exhibit
from .synth import render
from .tools import Tools, check_encoders, encode_mp3, find_tool

CLIP_EXHIBIT = ("03-entertainment", "01-sunspring")


def selected(room: str, slug: str, only: Sequence[str]) -> bool:
    """Say whether an exhibit is among those asked for (all when none are named)."""
    return not only or any(name in (slug, f"{room}/{slug}") for name in only)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(
        prog="python -m scripts.demo_media", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--only",
        nargs="+",
        default=[],
        metavar="SLUG",
        help="make only these exhibits (folder names, or room/folder)",
    )
    parser.add_argument(
        "--rooms",
        type=Path,
        default=ROOMS,
        metavar="FOLDER",
        help="write into this rooms folder instead of content/rooms",
    )
    return parser.parse_args(argv)


def make_illustration(exhibit: Exhibit, rooms: Path) -> None:
    """Draw an exhibit's illustration, seeded by its folder name, and write it as a JPEG."""
    image = exhibit.draw(random.Random(exhibit.slug))
    report(exhibit.folder(rooms) / "illustration.jpg", jpeg_bytes(image))


def make_excerpt(item: Excerpt, rooms: Path, ffmpeg: str, workdir: Path) -> None:
    """Compose and synthesise an exhibit's audio excerpt and write it as an MP3."""
    wav = render(item.compose(random.Random(f"{item.slug}/excerpt")), room=item.room_size)
    report(item.folder(rooms) / "excerpt.mp3", encode_mp3(ffmpeg, wav, workdir))


def find_tools(only: Sequence[str]) -> Tools:
    """Find the programs the asked-for media need, exiting if one is missing."""
    want_clip = selected(*CLIP_EXHIBIT, only)
    want_audio = want_clip or any(selected(e.room, e.slug, only) for e in EXCERPTS)
    tools = Tools(
        find_tool("ffmpeg", "ffmpeg", want_audio), find_tool("espeak-ng", "espeak-ng", want_clip)
    )
    if want_audio and tools.ffmpeg:
        check_encoders(tools.ffmpeg)
    return tools


def check_budget(rooms: Path) -> int:
    """Print the rooms' media total; return 1 if it is over budget, else 0."""
    count, total = media_total(rooms)
    print(
        f"total      {count} media files, {total / 1024 / 1024:.2f} MB "
        f"(budget {BUDGET_BYTES / 1024 / 1024:.0f} MB)"
    )
    if total > BUDGET_BYTES:
        print("demo_media: the demo media are over budget; make them smaller", file=sys.stderr)
        return 1
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Make every demo media file that is missing or out of date, and report the total size."""
    args = parse_args(argv)
    only, rooms = args.only, args.rooms
    known = {e.slug for e in EXHIBITS} | {f"{e.room}/{e.slug}" for e in EXHIBITS}
    unknown = [name for name in only if name not in known]
    if unknown:
        sys.exit(f"demo_media: no such exhibit: {', '.join(unknown)}")
    tools = find_tools(only)
    for exhibit in sorted(EXHIBITS, key=lambda e: (e.room, e.slug)):
        if selected(exhibit.room, exhibit.slug, only):
            make_illustration(exhibit, rooms)
    with tempfile.TemporaryDirectory(prefix="demo_media.") as work:
        for item in EXCERPTS:
            if selected(item.room, item.slug, only) and tools.ffmpeg:
                make_excerpt(item, rooms, tools.ffmpeg, Path(work))
        if selected(*CLIP_EXHIBIT, only):
            make_sunspring_clip(tools, rooms.joinpath(*CLIP_EXHIBIT), Path(work))
    return check_budget(rooms)
