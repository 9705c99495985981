"""Generated image files for the media tests: each a small case a curator might drop in."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from PIL import Image


def two_tone(size=(400, 300)) -> Image.Image:
    """Return a picture red on top and blue below, so its way up can be seen."""
    image = Image.new("RGB", size, "blue")
    image.paste((255, 0, 0), (0, 0, size[0], size[1] // 2))
    return image


def rotated_jpeg(path: Path) -> Path:
    """Write a JPEG stored sideways whose EXIF orientation (6) turns it red on top."""
    upright = two_tone((300, 400))
    stored = upright.transpose(Image.Transpose.ROTATE_90)  # 400 x 300, as a camera stores it
    exif = stored.getexif()
    exif[0x0112] = 6
    exif[0x010F] = "Camera maker"  # Make: must not travel into derivatives
    exif.get_ifd(0x8825)[2] = (51.0, 30.0, 0.0)  # GPS latitude: neither must this
    stored.save(path, exif=exif, quality=95)
    return path


def cmyk_jpeg(path: Path) -> Path:
    """Write a CMYK JPEG of pure cyan."""
    Image.new("CMYK", (400, 300), (255, 0, 0, 0)).save(path, quality=95)
    return path


def grey16_png(path: Path, value: int = 32768) -> Path:
    """Write a 16-bit greyscale PNG of one mid-grey value."""
    Image.new("I;16", (400, 300), value).save(path)
    return path


def rgb48_png(path: Path, width: int = 64, height: int = 48) -> Path:
    """Write a 16-bit-a-channel RGB PNG by hand: half-intensity green."""
    row = b"\0" + struct.pack(">HHH", 0, 32768, 0) * width
    ihdr = struct.pack(">IIBBBBB", width, height, 16, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", ihdr)
        + _chunk(b"IDAT", zlib.compress(row * height))
        + _chunk(b"IEND", b"")
    )
    return path


def transparent_png(path: Path) -> Path:
    """Write an RGBA PNG: an opaque red left half, a fully transparent right half."""
    image = Image.new("RGBA", (400, 300), (0, 0, 0, 0))
    image.paste((255, 0, 0, 255), (0, 0, 200, 300))
    image.save(path)
    return path


def palette_png(path: Path) -> Path:
    """Write a palette PNG with a transparent colour."""
    image = Image.new("P", (400, 300), 1)
    image.putpalette([0, 0, 0, 0, 128, 0] + [0] * 762)
    image.paste(0, (0, 0, 100, 300))
    image.save(path, transparency=0)
    return path


def animated_gif(path: Path, frames: int = 3) -> Path:
    """Write an animated GIF whose frames are red, green and blue."""
    colours = ["red", "lime", "blue"]
    images = [Image.new("RGB", (200, 150), colours[i % 3]) for i in range(frames)]
    images[0].save(path, save_all=True, append_images=images[1:], duration=120, loop=0)
    return path


def truncated_jpeg(path: Path) -> Path:
    """Write a JPEG cut off half way."""
    two_tone((800, 600)).save(path, quality=95)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    return path


def pixel_bomb(path: Path, width: int = 40000, height: int = 40000) -> Path:
    """Write a tiny PNG that claims a vast number of pixels."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", ihdr)
        + _chunk(b"IDAT", zlib.compress(b"\0"))
        + _chunk(b"IEND", b"")
    )
    return path


def png_named_jpg(path: Path) -> Path:
    """Write a PNG under a .jpg name: an extension that lies."""
    two_tone().save(path, "PNG")
    return path


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
