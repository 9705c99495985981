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


def display_p3_icc() -> bytes:
    """Return a small ICC v2 profile of Display P3: its primaries (D50-adapted), gamma 2.2."""
    colorants = {
        b"rXYZ": (0.515121, 0.241196, -0.001053),
        b"gXYZ": (0.291977, 0.692245, 0.041885),
        b"bXYZ": (0.157104, 0.066574, 0.784073),
        b"wtpt": (0.964203, 1.0, 0.824905),
    }
    tags = {sig: b"XYZ \0\0\0\0" + _s15(xyz) for sig, xyz in colorants.items()}
    curve = b"curv\0\0\0\0" + struct.pack(">IH", 1, round(2.2 * 256)) + b"\0\0"
    tags.update({b"rTRC": curve, b"gTRC": curve, b"bTRC": curve})
    name = b"Display P3 (tests)\0"
    tags[b"desc"] = b"desc\0\0\0\0" + struct.pack(">I", len(name)) + name + b"\0" * 12 + b"\0" * 67
    tags[b"cprt"] = b"text\0\0\0\0No copyright\0"
    offset = 128 + 4 + 12 * len(tags)
    table, data = struct.pack(">I", len(tags)), b""
    for sig, body in tags.items():
        body += b"\0" * (-len(body) % 4)
        table += sig + struct.pack(">II", offset + len(data), len(body))
        data += body
    size = offset + len(data)
    header = (
        struct.pack(">I4sI", size, b"none", 0x02100000)
        + b"mntrRGB XYZ "
        + b"\0" * 12
        + b"acsp"
        + b"\0" * 24
        + struct.pack(">I", 0)
        + _s15((0.964203, 1.0, 0.824905))
        + b"\0" * 48
    )
    return header + table + data


def _s15(values) -> bytes:
    return b"".join(struct.pack(">i", round(v * 65536)) for v in values)


def rotated_heic(path: Path, colour=(200, 100, 50)) -> Path:
    """Write an iPhone-like HEIC: stored sideways with EXIF orientation 6, a P3 profile and GPS.

    Its top half is `colour` (in Display P3) once turned upright, its bottom half blue.
    """
    upright = two_tone((300, 400))
    upright.paste(colour, (0, 0, 300, 200))
    stored = upright.transpose(Image.Transpose.ROTATE_90)  # 400 x 300, as a camera stores it
    exif = stored.getexif()
    exif[0x0112] = 6
    exif[0x010F] = "Phone maker"
    exif.get_ifd(0x8825)[2] = (51.0, 30.0, 0.0)
    stored.save(path, "HEIF", exif=exif, icc_profile=display_p3_icc(), quality=95)
    return path


def quiet_then_loud_wav(path: Path, seconds: float = 2.0, rate: int = 8000) -> Path:
    """Write a mono WAV: a quiet tone for its first half, a loud one for its second."""
    import math
    import wave

    count = int(seconds * rate)
    samples = (
        round((2000 if i < count // 2 else 30000) * math.sin(2 * math.pi * 440 * i / rate))
        for i in range(count)
    )
    with wave.open(str(path), "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(rate)
        sound.writeframes(b"".join(struct.pack("<h", s) for s in samples))
    return path
