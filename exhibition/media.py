"""Look inside media files: image sizes and soundness, captions, transcripts."""

from __future__ import annotations

import os
import tempfile
import warnings
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageOps

MIN_LONG_SIDE = 1200


class MediaProblem(Exception):
    """A media file cannot be used; the message says why."""


def probe_image(path: Path) -> tuple[int, int]:
    """Return an image's displayed (width, height); raise MediaProblem if it is unsound.

    Reads the header for the size and decodes a reduced draft of the pixels,
    so a truncated or corrupt file is caught without decoding it at full size.
    """
    limit = PILImage.MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(path) as image:
                width, height = image.size
                if limit and width * height > limit:
                    raise MediaProblem(
                        f"the image is {width} x {height} pixels, over the limit of "
                        f"{limit:,} pixels; make it smaller"
                    )
                image.draft(image.mode, (max(1, width // 8), max(1, height // 8)))
                image.load()
                orientation = image.getexif().get(0x0112, 1)
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        raise MediaProblem(
            f"the image is over the limit of {limit:,} pixels; make it smaller"
        ) from None
    except PILImage.UnidentifiedImageError:
        raise MediaProblem("the file is not an image that can be read") from None
    except (OSError, SyntaxError, ValueError) as error:
        raise MediaProblem(f"the image cannot be read ({error}); export it again") from None
    if orientation in (5, 6, 7, 8):  # rotated a quarter turn by its EXIF orientation
        width, height = height, width
    return width, height


def check_webvtt(path: Path) -> None:
    """Raise MediaProblem unless the file is UTF-8 WebVTT."""
    with open(path, "rb") as file:
        head = file.read(16)
    head = head.removeprefix(b"\xef\xbb\xbf")
    if not (head.startswith(b"WEBVTT") and (len(head) == 6 or head[6:7] in b" \t\r\n")):
        raise MediaProblem("the captions file is not WebVTT: its first line must be 'WEBVTT'")


def resized_copy(source: Path, target: Path, width: int) -> Path:
    """Write a WebP copy of an image at a width, atomically; return its path."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with PILImage.open(source) as image:
        image = ImageOps.exif_transpose(image)
        height = max(1, round(image.height * width / image.width))
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert(
                "RGBA" if "transparency" in image.info or "A" in image.mode else "RGB"
            )
        copy = image.resize((width, height), PILImage.Resampling.LANCZOS)
    fd, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as file:
            copy.save(file, "WEBP", quality=80, method=4)
        os.replace(temporary, target)
    except BaseException:
        os.unlink(temporary)
        raise
    return target
