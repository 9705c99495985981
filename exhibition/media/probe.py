"""Look inside media files: image sizes, soundness and colour, durations, captions.

Pure Python and Pillow: no Flask here. Only formats on the allow-list are
ever handed to a decoder, chosen by the file's first bytes, not its name.
"""

from __future__ import annotations

import io
import struct
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import (  # the decoders of the allow-list, and only those, registered
    AvifImagePlugin,  # noqa: F401
    GifImagePlugin,  # noqa: F401
    ImageCms,
    JpegImagePlugin,  # noqa: F401
    MpoImagePlugin,  # noqa: F401
    PngImagePlugin,  # noqa: F401
    TiffImagePlugin,  # noqa: F401
    WebPImagePlugin,  # noqa: F401
)
from PIL import Image as PILImage
from pillow_heif import register_heif_opener

from ..messages import files
from .limits import DEFAULT_LIMITS, Limits

# A phone's HEIC/HEIF photos. Decode the picture itself, never an embedded thumbnail
# (a probe must find a damaged file), and leave depth maps and other extras unread.
register_heif_opener(thumbnails=False, depth_images=False, aux_images=False)

MIN_LONG_SIDE = 1200

# Pillow's format name -> the file name endings a curator may give it.
FORMATS = {
    "JPEG": (".jpg", ".jpeg"),
    "MPO": (".jpg", ".jpeg"),  # a camera's JPEG with a second, preview picture
    "PNG": (".png",),
    "WEBP": (".webp",),
    "GIF": (".gif",),
    "AVIF": (".avif",),
    "TIFF": (".tif", ".tiff"),
    "HEIF": (".heic", ".heif"),  # a phone's photo; see orientation()
}
DECODERS = [name for name in FORMATS if name != "MPO"]  # the JPEG decoder opens MPO
FORMAT_WORDS = {"MPO": "JPEG", "WEBP": "WebP", "HEIF": "HEIC"}
_PIXEL_LIMIT = threading.Lock()  # Pillow's limit is global; set it for one open at a time
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


class MediaProblem(Exception):
    """A media file cannot be used; the message says why."""


@dataclass(frozen=True)
class Probe:
    """What an image holds, as displayed: size, placeholder colour, frames."""

    width: int
    height: int
    colour: str  # "#rrggbb", or "" for an image with transparency
    format: str
    frames: int = 1


def file_version(stat) -> str:
    """Return a short text that changes when a file changes: its time and size."""
    return f"{stat.st_mtime_ns:x}{stat.st_size:x}"[-10:]


def open_image(path: Path, limits: Limits = DEFAULT_LIMITS) -> PILImage.Image:
    """Open an image of an accepted format whose name matches its content, lazily.

    Raise MediaProblem for a file too large, of another format, named for
    another format or with more pixels than the limit; the caller closes it.
    """
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise MediaProblem(files.too_large(size, limits.max_bytes))
    try:
        with _PIXEL_LIMIT, warnings.catch_warnings():
            # Pillow refuses outright above twice its own limit: hold that to ours.
            saved, PILImage.MAX_IMAGE_PIXELS = PILImage.MAX_IMAGE_PIXELS, limits.max_pixels
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)  # checked below
            try:
                image = PILImage.open(path, formats=DECODERS)
            finally:
                PILImage.MAX_IMAGE_PIXELS = saved
    except PILImage.UnidentifiedImageError:
        raise MediaProblem(files.NOT_AN_IMAGE_FILE) from None
    except PILImage.DecompressionBombError:
        raise MediaProblem(files.too_many_pixels(limits.max_pixels)) from None
    suffix = path.suffix.lower()
    if suffix not in FORMATS[image.format]:
        kind = FORMAT_WORDS.get(image.format, image.format)
        image.close()
        raise MediaProblem(files.wrong_ending(kind, suffix, FORMATS[image.format][0]))
    if image.width * image.height * frames_of(image) > limits.max_pixels:
        image.close()
        raise MediaProblem(files.too_many_pixels(limits.max_pixels))
    return image


def probe_image(path: Path, limits: Limits = DEFAULT_LIMITS) -> Probe:
    """Return what an image holds as displayed; raise MediaProblem if it is unsound.

    Reads the header for the size and decodes a reduced draft of the pixels,
    so a truncated or corrupt file is caught without decoding it at full size.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with open_image(path, limits) as image:
                width, height, frames = image.width, image.height, frames_of(image)
                turned = orientation(image)
                image.draft(image.mode, (max(1, width // 8), max(1, height // 8)))
                image.load()
                colour = dominant_colour(image)
                found = image.format
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        raise MediaProblem(files.too_many_pixels(limits.max_pixels)) from None
    except (OSError, SyntaxError, ValueError, EOFError, struct.error) as error:
        raise MediaProblem(files.image_unreadable(error)) from None
    if turned in (5, 6, 7, 8):  # rotated a quarter turn by its EXIF orientation
        width, height = height, width
    return Probe(width, height, colour, found, frames)


def frames_of(image: PILImage.Image) -> int:
    """Return how many frames an image shows: a HEIF's other pictures are not frames of one."""
    return 1 if image.format == "HEIF" else getattr(image, "n_frames", 1)


def orientation(image: PILImage.Image) -> int:
    """Return the EXIF orientation (1 to 8) that turns an opened image upright; read before load.

    libheif turns a HEIF picture by the file's own rotation and mirroring as it
    decodes, and pillow-heif then sets the EXIF tag to 1 so that no one turns it
    twice; a HEIF without them (some converters write only the EXIF tag) is
    turned by the tag it had, as a JPEG would be.
    """
    if image.format != "HEIF":
        return image.getexif().get(0x0112, 1)
    try:  # pillow-heif keeps the container's transforms on the decoder, unpublished
        transforms = image._heif_file[image.tell()]._c_image.transformations
    except (AttributeError, TypeError, IndexError):
        return 1  # libheif has done what the file says; turning it again would be wrong
    turns = [t for t in transforms if t and t[0] in ("irot", "imir")]
    return 1 if turns else image.info.get("original_orientation") or 1


def dominant_colour(image: PILImage.Image) -> str:
    """Return the most common colour of an image as #rrggbb; "" if it has transparency."""
    small = displayable(image.resize((64, 64), PILImage.Resampling.NEAREST))
    if small.mode == "RGBA":
        return ""
    palette = small.quantize(8)
    count, index = max(palette.getcolors())
    red, green, blue = palette.getpalette()[index * 3 : index * 3 + 3]
    return f"#{red:02x}{green:02x}{blue:02x}"


def has_alpha(image: PILImage.Image) -> bool:
    """Return True if an image has an alpha channel or a transparent colour."""
    return image.mode in ("RGBA", "LA", "La", "RGBa", "PA") or "transparency" in image.info


def displayable(image: PILImage.Image) -> PILImage.Image:
    """Return an 8-bit sRGB image, RGB or RGBA, of any image Pillow decodes.

    Converts through the embedded ICC profile where there is one (CMYK and
    wide-gamut photos), scales 16-bit and float samples down rather than
    clipping them, and keeps transparency.
    """
    alpha = has_alpha(image)
    if image.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        high = 65535 if image.mode != "F" else 1.0
        image = image.convert("F").point(lambda v: v * 255 / high).convert("L")
    elif image.mode in ("1", "P", "PA", "LA", "La", "RGBa", "YCbCr", "LAB", "HSV"):
        image = image.convert("RGBA" if alpha else "RGB")
    icc = image.info.get("icc_profile")
    if icc and image.mode in ("RGB", "RGBA", "CMYK", "L"):
        image = _to_srgb(image, icc, "RGBA" if image.mode == "RGBA" else "RGB")
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if alpha else "RGB")
    return image


def _to_srgb(image: PILImage.Image, icc: bytes, mode: str) -> PILImage.Image:
    """Convert an image from its ICC profile to sRGB; keep it as it is if the profile is bad."""
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.profileToProfile(
            image,
            source,
            SRGB,
            renderingIntent=ImageCms.Intent.PERCEPTUAL,
            outputMode=mode,
            flags=ImageCms.Flags.COPY_ALPHA,
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image.convert(mode)


def check_webvtt(path: Path) -> None:
    """Raise MediaProblem unless the file is UTF-8 WebVTT."""
    with open(path, "rb") as file:
        head = file.read(16)
    head = head.removeprefix(b"\xef\xbb\xbf")
    if not (head.startswith(b"WEBVTT") and (len(head) == 6 or head[6:7] in b" \t\r\n")):
        raise MediaProblem(files.NOT_WEBVTT)


def duration(path: Path) -> float | None:
    """Return how long a sound or film lasts, in seconds, or None if that cannot be read."""
    if path.suffix.lower() == ".webm":
        return webm_duration(path)
    import mutagen  # only when there is sound or film to read

    try:
        found = mutagen.File(path)
    except (mutagen.MutagenError, OSError, ValueError, struct.error):
        return None
    length = getattr(getattr(found, "info", None), "length", None)
    return float(length) if length and length > 0 else None


# Matroska/WebM element ids: https://www.matroska.org/technical/elements.html
EBML, SEGMENT, INFO = 0x1A45DFA3, 0x18538067, 0x1549A966
TIMESTAMP_SCALE, DURATION = 0x2AD7B1, 0x4489
UNKNOWN_SIZE = -1


def webm_duration(path: Path) -> float | None:
    """Return a WebM file's duration from its Segment Info, or None if it has none."""
    try:
        with open(path, "rb") as file:
            element, size = _element_header(file)
            if element != EBML:
                return None
            file.seek(size, io.SEEK_CUR)
            element, size = _element_header(file)
            if element != SEGMENT:
                return None
            info = _find_child(file, INFO, size)
            return _info_duration(file.read(info)) if info is not None else None
    except (OSError, EOFError, ValueError, struct.error):
        return None


def _find_child(file, wanted: int, parent_size: int) -> int | None:
    """Skip to a child element of the current one; return its size, or None."""
    end = None if parent_size == UNKNOWN_SIZE else file.tell() + parent_size
    while end is None or file.tell() < end:
        element, size = _element_header(file)
        if element == wanted:
            return size
        if size == UNKNOWN_SIZE:
            return None  # a cluster of unknown size: the info, if any, came before it
        file.seek(size, io.SEEK_CUR)
    return None


def _info_duration(data: bytes) -> float | None:
    """Return the duration in seconds from the bytes of a Segment Info element."""
    stream, scale, ticks = io.BytesIO(data), 1_000_000, None
    while stream.tell() < len(data):
        element, size = _element_header(stream)
        value = stream.read(size)
        if element == TIMESTAMP_SCALE:
            scale = int.from_bytes(value, "big")
        elif element == DURATION and size in (4, 8):
            ticks = struct.unpack(">f" if size == 4 else ">d", value)[0]
    return ticks * scale / 1e9 if ticks and ticks > 0 else None


def _element_header(file) -> tuple[int, int]:
    """Read an EBML element's id and data size."""
    element = _vint(file, keep_marker=True)
    size = _vint(file, keep_marker=False)
    return element, size


def _vint(file, *, keep_marker: bool) -> int:
    """Read an EBML variable-length integer; a size of all ones is UNKNOWN_SIZE."""
    first = file.read(1)
    if not first:
        raise EOFError("end of file inside an element")
    length = 9 - first[0].bit_length()
    if length > 8:
        raise ValueError("not an EBML number")
    data = first + file.read(length - 1)
    if len(data) < length:
        raise EOFError("end of file inside an element")
    value = int.from_bytes(data, "big")
    if keep_marker:
        return value
    value &= (1 << (7 * length)) - 1
    return UNKNOWN_SIZE if value == (1 << (7 * length)) - 1 else value
