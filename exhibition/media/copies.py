"""Make one image's derivatives: a ladder of widths in AVIF, WebP and JPEG, and zoom tiles.

Pure Pillow: no Flask here. Each picture is decoded once, turned upright,
converted to 8-bit sRGB, and resized down the ladder from the largest width.
Every file is written atomically under a name that encodes what made it.
"""

from __future__ import annotations

import html
import io
import math
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageSequence

from .. import atomic
from . import types
from .probe import (
    DEFAULT_LIMITS,
    Limits,
    displayable,
    frames_of,
    has_alpha,
    open_image,
    orientation,
)

LANCZOS = PILImage.Resampling.LANCZOS
EXTENSIONS = {"avif": "avif", "webp": "webp", "jpeg": "jpg"}
MIME_TYPES = {kind: types.TYPES[f".{ending}"] for kind, ending in EXTENSIONS.items()}
# Chosen by eye and by `make bench-media`: AVIF and WebP near JPEG 82 in look, smaller.
ENCODERS = {
    "avif": {"format": "AVIF", "quality": 60, "speed": 7, "subsampling": "4:2:0"},
    "webp": {"format": "WEBP", "quality": 78, "method": 4},
    "jpeg": {"format": "JPEG", "quality": 82, "optimize": True, "progressive": True},
}
ZOOM_MIN_SIDE = 3000  # an image this long on either side opens in the zoom viewer
TILE_SIZE, TILE_OVERLAP, TILE_QUALITY = 254, 1, 80
SOURCE_TYPES = "http://cv.iptc.org/newscodes/digitalsourcetype/"
ORIENTATIONS = {
    2: PILImage.Transpose.FLIP_LEFT_RIGHT,
    3: PILImage.Transpose.ROTATE_180,
    4: PILImage.Transpose.FLIP_TOP_BOTTOM,
    5: PILImage.Transpose.TRANSPOSE,
    6: PILImage.Transpose.ROTATE_270,
    7: PILImage.Transpose.TRANSVERSE,
    8: PILImage.Transpose.ROTATE_90,
}


def _escape(text: str) -> str:
    """Escape &, < and > for XML text, as xml.sax.saxutils does, without loading urllib."""
    return html.escape(text, quote=False)


@dataclass(frozen=True)
class Provenance:
    """What travels inside every derivative: who made it, whose it is, how it was made."""

    credit: str = ""
    copyright: str = ""
    source_type: str = ""  # an IPTC digital source type code

    def exif(self) -> bytes:
        """Return EXIF with only Artist and Copyright: no place, camera or time."""
        exif = PILImage.Exif()
        if self.credit:
            exif[0x013B] = self.credit.encode()  # Artist, UTF-8 as readers expect
        if self.copyright:
            exif[0x8298] = self.copyright.encode()  # Copyright
        return exif.tobytes()

    def xmp(self) -> bytes:
        """Return an XMP packet naming the creator, the rights and the digital source type."""
        fields = []
        if self.credit:
            fields.append(
                f"<dc:creator><rdf:Seq><rdf:li>{_escape(self.credit)}</rdf:li></rdf:Seq></dc:creator>"
            )
        if self.copyright:
            fields.append(
                '<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">'
                f"{_escape(self.copyright)}</rdf:li></rdf:Alt></dc:rights>"
            )
        if self.source_type:
            fields.append(
                "<Iptc4xmpExt:DigitalSourceType>"
                f"{SOURCE_TYPES}{_escape(self.source_type)}</Iptc4xmpExt:DigitalSourceType>"
            )
        return (
            '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
            '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"'
            ' xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/">'
            + "".join(fields)
            + '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
        ).encode()


@dataclass(frozen=True)
class Made:
    """What was made of one image: its displayed size, the widths and zoom levels."""

    width: int
    height: int
    widths: tuple[int, ...]
    animated: bool
    zoom: bool


def ladder(width: int, widths: tuple[int, ...]) -> tuple[int, ...]:
    """Return the widths to make of an image: the setting's, never wider than the image."""
    chosen = [w for w in widths if w < width]
    if width <= max(widths):
        chosen.append(width)
    return tuple(chosen)


def zoomable(width: int, height: int, animated: bool = False) -> bool:
    """Return True if an image is large enough to open in the zoom viewer."""
    return not animated and max(width, height) >= ZOOM_MIN_SIDE


def write_copies(
    source: Path,
    out: Path,
    key: str,
    *,
    widths: tuple[int, ...],
    background: str,
    provenance: Provenance,
    limits: Limits = DEFAULT_LIMITS,
) -> Made:
    """Write every derivative of one image into `out`, named after `key`; return what was made."""
    with open_image(source, limits) as image:
        if frames_of(image) > 1:
            return _make_animation(image, out, key, widths, background, provenance)
        turned = orientation(image)
        image.load()
        picture = displayable(image)
    picture = turn(picture, turned)
    made_widths = write_ladder(picture, out, key, widths, background, provenance)
    zoom = zoomable(picture.width, picture.height)
    if zoom:
        write_tiles(picture, out, key)
    return Made(picture.width, picture.height, made_widths, False, zoom)


def write_ladder(
    picture: PILImage.Image,
    out: Path,
    key: str,
    widths: tuple[int, ...],
    background: str,
    provenance: Provenance,
) -> tuple[int, ...]:
    """Write an upright sRGB picture at each width, in every kind; return the widths."""
    made_widths = ladder(picture.width, widths)
    for width, copy in zip(reversed(made_widths), _shrink(picture, made_widths), strict=True):
        for kind in EXTENSIONS:
            frame = flatten(copy, background) if kind == "jpeg" else copy
            _save(out / copy_name(key, width, kind), [frame], kind, provenance)
    return made_widths


def turn(image: PILImage.Image, orientation: int) -> PILImage.Image:
    """Return an image turned upright as its EXIF orientation says."""
    method = ORIENTATIONS.get(orientation)
    return image.transpose(method) if method is not None else image


def _shrink(picture: PILImage.Image, widths: tuple[int, ...]) -> Iterator[PILImage.Image]:
    """Yield the picture at each width, largest first, each made from the one before."""
    current = picture
    for width in reversed(widths):
        height = max(1, round(picture.height * width / picture.width))
        if current.size != (width, height):
            current = current.resize((width, height), LANCZOS, reducing_gap=3.0)
        yield current


def flatten(image: PILImage.Image, background: str) -> PILImage.Image:
    """Return an RGB image: a transparent one laid on the background colour."""
    if image.mode != "RGBA":
        return image
    ground = PILImage.new("RGB", image.size, background)
    ground.paste(image, mask=image.getchannel("A"))
    return ground


def copy_name(key: str, width: int, kind: str) -> str:
    """Return the file name of one derivative."""
    return f"{key}-{width}.{EXTENSIONS[kind]}"


def _save(path: Path, frames: list[PILImage.Image], kind: str, provenance: Provenance, **extra):
    """Encode frames into a file atomically, carrying the provenance."""
    options = dict(ENCODERS[kind], exif=provenance.exif(), xmp=provenance.xmp(), **extra)
    if len(frames) > 1:
        options.update(save_all=True, append_images=frames[1:])
    buffer = io.BytesIO()
    frames[0].save(buffer, **options)
    atomic.write(path, buffer.getvalue())


def _make_animation(image, out, key, widths, background, provenance) -> Made:
    """Write an animation's ladder: animated AVIF and WebP, and a still JPEG of its first frame."""
    turned = orientation(image)
    durations, frames = [], []
    for frame in ImageSequence.Iterator(image):
        durations.append(frame.info.get("duration", 100))
        frames.append(turn(displayable(frame.convert("RGBA")), turned))
    loop = image.info.get("loop", 0)
    first = frames[0]
    made_widths = ladder(first.width, widths)
    for width in made_widths:
        size = (width, max(1, round(first.height * width / first.width)))
        resized = [f.resize(size, LANCZOS) if f.size != size else f for f in frames]
        for kind in ("avif", "webp"):
            _save(
                out / copy_name(key, width, kind),
                resized,
                kind,
                provenance,
                duration=durations,
                loop=loop,
            )
        _save(
            out / copy_name(key, width, "jpeg"),
            [flatten(resized[0], background)],
            "jpeg",
            provenance,
        )
    return Made(first.width, first.height, made_widths, True, False)


def dzi_name(key: str) -> str:
    """Return the file name of an image's Deep Zoom descriptor; its tiles are in KEY_files/."""
    return f"{key}.dzi"


def tile_format(image: PILImage.Image) -> str:
    """Return the tiles' format: JPEG, or PNG to keep transparency."""
    return "png" if has_alpha(image) else "jpg"


def write_tiles(picture: PILImage.Image, out: Path, key: str) -> None:
    """Write Deep Zoom (DZI) tiles of a picture, level by level, then their descriptor."""
    kind = tile_format(picture)
    top = math.ceil(math.log2(max(picture.size)))
    folder = out / f"{key}_files"
    lock, name = atomic.held(lambda: tempfile.mkdtemp(dir=out, prefix=".tiles-"))
    staging = Path(name)
    os.chmod(staging, atomic.FOLDER_MODE)  # mkdtemp's folder is private; tiles are not
    try:
        level_image = picture
        for level in range(top, -1, -1):
            scale = 2 ** (top - level)
            size = (math.ceil(picture.width / scale), math.ceil(picture.height / scale))
            if level_image.size != size:
                level_image = level_image.resize(size, PILImage.Resampling.BOX)
            _write_level(level_image, staging / str(level), kind)
        shutil.rmtree(folder, ignore_errors=True)
        os.replace(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        os.close(lock)
    atomic.write(out / dzi_name(key), dzi(picture.width, picture.height, kind).encode())


def _write_level(image: PILImage.Image, folder: Path, kind: str) -> None:
    folder.mkdir()
    step = TILE_SIZE
    for column in range(math.ceil(image.width / step)):
        for row in range(math.ceil(image.height / step)):
            left, top = column * step, row * step
            box = (
                max(0, left - TILE_OVERLAP),
                max(0, top - TILE_OVERLAP),
                min(image.width, left + step + TILE_OVERLAP),
                min(image.height, top + step + TILE_OVERLAP),
            )
            tile = image.crop(box)
            path = folder / f"{column}_{row}.{kind}"
            if kind == "jpg":
                tile.save(path, "JPEG", quality=TILE_QUALITY)
            else:
                tile.save(path, "PNG")


def dzi(width: int, height: int, kind: str) -> str:
    """Return a Deep Zoom descriptor."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<Image xmlns="http://schemas.microsoft.com/deepzoom/2008" '
        f'Format="{kind}" Overlap="{TILE_OVERLAP}" TileSize="{TILE_SIZE}">'
        f'<Size Width="{width}" Height="{height}"/></Image>\n'
    )
