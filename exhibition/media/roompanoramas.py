"""Each room's 360° picture, made by `build` after the images, and the list pages read.

Pure Python: no Flask here. A room's panorama is drawn (panorama.py) from
the largest derivative of each exhibit's picture (a sound's waveform, a
film's poster), and written down a ladder of widths in AVIF, WebP and JPEG
into the `panoramas/` folder beside the derivatives. Its key hashes the
drawing's recipe, the room's colour and the derivative keys of its works in
tour order, so a room is drawn again only when one of those changes.
`panoramas.json` says, for every room, its key, widths and the hotspot of
each work.

A room that names its own 360° picture (`panorama` in room.md) is not
drawn: that picture is written down the same ladder, keyed by its file's
signature, with the curator's hotspots, those of its published exhibits.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from PIL import Image as PILImage

from .. import atomic, model, settings
from . import copies, waveform
from .manifest import Catalogue, Reread
from .probe import DEFAULT_LIMITS, Limits, displayable, file_version, open_image, orientation

FOLDER = "panoramas"
LIST = "panoramas.json"
PAPER = (246, 243, 238)  # an exhibit with no picture hangs as a blank card
PROVENANCE = copies.Provenance(source_type="algorithmicMedia")
# Raise when panorama.py draws rooms otherwise, so every room is drawn again. Kept here, not
# there: panorama.py loads NumPy, which a build that draws no room (nor the site) never loads.
RECIPE = 2


@dataclass(frozen=True)
class RoomView:
    """A room's 360° picture: the key its files are named after, and where each work hangs."""

    room: str  # its slug
    key: str
    widths: tuple[int, ...]
    hotspots: tuple[dict, ...]  # exhibit (slug), number, yaw, pitch, span

    def files(self) -> list[str]:
        """Return the names of its files in the panoramas folder."""
        return [
            copies.copy_name(self.key, w, kind) for w in self.widths for kind in copies.EXTENSIONS
        ]


def folder(out: Path) -> Path:
    """Return the panoramas folder of a derivatives folder."""
    return out / FOLDER


def read(out: Path) -> dict[str, RoomView]:
    """Return the rooms' panoramas the last build listed; none if there is no readable list."""
    try:
        data = json.loads((folder(out) / LIST).read_text(encoding="utf-8"))
        return {
            slug: RoomView(slug, v["key"], tuple(v["widths"]), tuple(v["hotspots"]))
            for slug, v in data.items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def listed(out: Path) -> Reread:
    """Return the rooms' panoramas of a derivatives folder as a server keeps them: the list
    read again only when a build writes it anew."""
    return Reread(folder(out) / LIST, lambda: read(out))


def _pictures(room: model.Room, catalogue: Catalogue) -> list[tuple[str, str]]:
    """Return each exhibit's slug with the name of its largest derivative, or "" if none yet.

    Names, not paths: a build with nothing to draw makes no path of 5,000 files.
    """
    found = []
    for exhibit in room.exhibits:
        image = exhibit.main_image
        entry = catalogue.entries.get(image.path) if image else None
        largest = copies.copy_name(entry.key, max(entry.widths), "jpeg") if entry else ""
        found.append((exhibit.slug, largest))
    return found


def key_of(pictures: list[tuple[str, str]], colour: str, widths: tuple[int, ...]) -> str:
    """Return the key of a room's panorama: its recipe, widths, colour and works in order."""
    parts = [RECIPE, widths, colour, copies.ENCODERS, *pictures]
    text = json.dumps(parts, default=str)
    return hashlib.blake2b(text.encode(), digest_size=10).hexdigest()


WIDTHS = settings.default("PANORAMA_WIDTHS")


def build(
    exhibition: model.Exhibition,
    out: Path,
    widths: tuple[int, ...] = WIDTHS,
    content: Path | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> tuple[int, int]:
    """Make every room's panorama that is missing; return how many were made and kept.

    The widest of widths is drawn, the others scaled from it. With the content
    folder, a room's own 360° picture is used instead of a drawing.
    """
    catalogue, where = Catalogue.read(out), folder(out)
    where.mkdir(parents=True, exist_ok=True)
    old, views, made = read(out), {}, 0
    for room in exhibition.rooms:
        published = [e for e in room.exhibits if not e.draft]
        if not published:
            continue
        room = _with(room, published)
        own = content / room.panorama.path if room.panorama and content else None
        if own is None:
            pictures, colour = _pictures(room, catalogue), waveform.room_colour(room.index)
            key = key_of(pictures, colour, widths)
        else:
            key = own_key(own, widths)
        view = old.get(room.slug)
        if view is None or view.key != key or not all((where / n).exists() for n in view.files()):
            if own is None:
                found = [(slug, out / name if name else None) for slug, name in pictures]
                view = draw(room.slug, found, (colour, key, widths), where)
            else:
                view = hang_own(room.slug, own, (key, widths), where, limits)
            made += 1
        if own is not None:  # hotspots move without the picture being made again
            view = dataclasses.replace(view, hotspots=own_hotspots(room))
        views[room.slug] = view
    if views != old:  # a build with nothing new leaves the list as it is
        _write_list(where, views)
    _remove_stale(where, views.values())
    return made, len(views) - made


def own_key(source: Path, widths: tuple[int, ...] = WIDTHS) -> str:
    """Return the key of a room's own 360° picture: its file's signature and the ladder."""
    parts = ["own", widths, copies.ENCODERS, source.name, file_version(source.stat())]
    text = json.dumps(parts, default=str)
    return hashlib.blake2b(text.encode(), digest_size=10).hexdigest()


def hang_own(slug: str, source: Path, ladder, where: Path, limits: Limits) -> RoomView:
    """Write a room's own 360° picture down the ladder (its key and widths); its hotspots
    are added after."""
    key, widths = ladder
    with open_image(source, limits) as image:
        turned = orientation(image)
        image.load()
        picture = copies.turn(displayable(image), turned)
    widths = copies.write_ladder(picture, where, key, widths, "#ffffff", copies.Provenance())
    return RoomView(slug, key, widths, ())


def own_hotspots(room: model.Room) -> tuple[dict, ...]:
    """Return the curator's hotspots on a room's published exhibits, in tour order."""
    numbers = {e.slug: n for n, e in enumerate(room.exhibits, start=1)}
    spots = [
        {"exhibit": s.exhibit, "number": numbers[s.exhibit], "yaw": s.yaw, "pitch": s.pitch}
        for s in room.hotspots
        if s.exhibit in numbers
    ]
    return tuple(sorted(spots, key=lambda spot: spot["number"]))


def _with(room: model.Room, exhibits: list[model.Exhibit]) -> model.Room:
    return dataclasses.replace(room, exhibits=tuple(exhibits))


def draw(slug: str, pictures, drawing: tuple[str, str, tuple[int, ...]], where: Path) -> RoomView:
    """Draw one room's panorama (its colour, key and widths), write its ladder and return it."""
    from . import panorama

    colour, key, widths = drawing
    opened = [_open(path) for _, path in pictures]
    picture, hung = panorama.render(opened, colour, (max(widths), max(widths) // 2))
    widths = copies.write_ladder(picture, where, key, widths, "#ffffff", PROVENANCE)
    spots = panorama.hotspots(hung)
    for spot, (exhibit, _) in zip(spots, pictures, strict=True):
        spot["exhibit"] = exhibit
    return RoomView(slug, key, widths, tuple(spots))


def _open(path: Path | None) -> PILImage.Image:
    if path is None:
        return PILImage.new("RGB", (400, 300), PAPER)
    with PILImage.open(path) as image:
        return image.convert("RGB")


def _write_list(where: Path, views: dict[str, RoomView]) -> None:
    data = {
        slug: {"key": view.key, "widths": view.widths, "hotspots": view.hotspots}
        for slug, view in views.items()
    }
    text = json.dumps(data, indent=1, sort_keys=True)
    path = where / LIST
    atomic.write(path, text.encode())  # only if it changed


def _remove_stale(where: Path, views) -> None:
    keep = {name for view in views for name in view.files()} | {LIST}
    for path in where.iterdir():
        if path.is_file() and path.name not in keep:
            path.unlink(missing_ok=True)
