"""A curator's own 360° picture of a room: `panorama` and `hotspots` in room.md.

Pure Python: no Flask here. The picture is a file beside room.md, probed as
an exhibit's images are, and must be twice as wide as it is tall, as every
equirectangular picture is. Each hotspot names an exhibit of the room by its
slug, once; the ranges of yaw and pitch are the schema's. A picture that
fails leaves the room with its drawn panorama; a hotspot that fails is left out.
"""

from __future__ import annotations

from pathlib import Path

from . import model
from .exhibits import MediaFolder
from .fields import FileProblems
from .messages import content, files, words

TOLERANCE = 0.01  # how far from 2:1 a picture may be: a few pixels lost to cropping


def read(
    walker, folder: Path, fields, slugs: list[str], report: FileProblems
) -> tuple[model.Image | None, tuple[model.Hotspot, ...]]:
    """Return a room's own panorama and its hotspots, or (None, ()) with the mistakes reported.

    `slugs` are those of every exhibit folder in the room, drafts included.
    """
    spots = _hotspots(fields.get("hotspots", []), slugs, report)
    if "panorama" not in fields:
        if "hotspots" in fields:
            report.error(fields.line_of("hotspots"), content.HOTSPOTS_WITHOUT_PANORAMA)
        return None, ()
    image = _picture(walker, folder, fields["panorama"], fields.line_of("panorama"), report)
    return (image, spots) if image else (None, ())


def _picture(walker, folder: Path, name: str, line: int | None, report) -> model.Image | None:
    media = MediaFolder(walker, folder, report)
    path = media.find(name, line, "panorama")
    if path is None:
        return None
    if model.media_kind(path.name) != "image":
        report.error(line, files.not_an_image(path.name))
        return None
    image = media.picture(path, line, "")
    if image and not two_to_one(image.width, image.height):
        report.error(line, content.panorama_not_two_to_one(name, image.width, image.height))
        return None
    return image


def two_to_one(width: int, height: int) -> bool:
    """Return True if a picture is twice as wide as it is tall, within the tolerance."""
    return height > 0 and abs(width / height - 2) <= 2 * TOLERANCE


def _hotspots(raw: list, slugs: list[str], report: FileProblems) -> tuple[model.Hotspot, ...]:
    spots, seen = [], set()
    for spot in raw:
        line, slug = spot.line, spot["exhibit"]
        if slug not in slugs:
            report.error(line, content.hotspot_not_in_room(slug, words.closest(slug, slugs)))
        elif slug in seen:
            report.error(line, content.hotspot_twice(slug))
        else:
            seen.add(slug)
            spots.append(model.Hotspot(slug, float(spot["yaw"]), float(spot["pitch"])))
    return tuple(spots)
