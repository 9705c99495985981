"""Paint whole images: gradients, glows, vignettes, grain, fonts, sprites and JPEG bytes."""

from __future__ import annotations

import functools
import io
import random
from collections.abc import Sequence
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from .colour import Color, Point, ramp

SIZE = (1600, 1200)
SCALE = 2
W, H = SIZE[0] * SCALE, SIZE[1] * SCALE
JPEG_QUALITY = 82
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
LANCZOS = Image.Resampling.LANCZOS


def gradient(
    size: tuple[int, int], stops: Sequence[tuple[float, Color]], horizontal: bool = False
) -> Image.Image:
    """Make an image filled with a multi-stop linear gradient."""
    steps = 512
    strip = Image.new("RGB", (steps, 1) if horizontal else (1, steps))
    strip.putdata([ramp(stops, i / (steps - 1)) for i in range(steps)])
    return strip.resize(size, Image.Resampling.BILINEAR)


def radial_mask(
    size: tuple[int, int], box: Sequence[float], falloff: float = 1.0, strength: float = 1.0
) -> Image.Image:
    """Make an L mask, bright at the centre of box and fading to nothing at its edge."""
    x0, y0, x1, y1 = (round(v) for v in box)
    width, height = max(2, x1 - x0), max(2, y1 - y0)
    lut = [round(255 * strength * max(0.0, 1 - v / 180) ** falloff) for v in range(256)]
    base = Image.radial_gradient("L").resize((width, height), Image.Resampling.BILINEAR)
    mask = Image.new("L", size, 0)
    mask.paste(base.point(lut), (x0, y0))
    return mask


def circle_box(cx: float, cy: float, rx: float, ry: float | None = None) -> tuple[float, ...]:
    """Return the bounding box of an ellipse."""
    ry = rx if ry is None else ry
    return cx - rx, cy - ry, cx + rx, cy + ry


def glow(
    img: Image.Image,
    color: Color,
    box: Sequence[float],
    strength: float = 1.0,
    falloff: float = 2.0,
    screen: bool = True,
) -> Image.Image:
    """Lay a soft elliptical light of a colour over an image, screened or painted."""
    mask = radial_mask(img.size, box, falloff, strength)
    layer = Image.new("RGB", img.size, color)
    if screen:
        return ImageChops.screen(img, Image.composite(layer, Image.new("RGB", img.size), mask))
    return Image.composite(layer, img, mask)


def bloom(
    base: Image.Image, layer: Image.Image, radius: float, strength: float = 1.0
) -> Image.Image:
    """Screen a light layer onto an image together with a blurred halo of it."""
    halo = layer.filter(ImageFilter.GaussianBlur(radius))
    if strength != 1.0:
        halo = halo.point([min(255, round(v * strength)) for v in range(256)] * 3)
    return ImageChops.screen(ImageChops.screen(base, halo), layer)


def vignette(img: Image.Image, strength: float = 0.5, reach: float = 1.35) -> Image.Image:
    """Darken an image towards its corners."""
    w, h = img.size
    rx, ry = w * reach / 2, h * reach / 2
    mask = radial_mask(img.size, circle_box(w / 2, h / 2, rx, ry), falloff=0.8)
    mask = mask.point([round(255 * (1 - strength) + v * strength) for v in range(256)])
    return Image.composite(img, Image.new("RGB", img.size), mask)


def noise_image(rng: random.Random, size: tuple[int, int], amount: float) -> Image.Image:
    """Make a grey L image of seeded noise centred on 128, spread by amount levels."""
    raw = Image.frombytes("L", size, rng.randbytes(size[0] * size[1]))
    return raw.point([round(128 + (v - 127.5) * amount / 128) for v in range(256)])


def add_grain(
    img: Image.Image, rng: random.Random, amount: float, blur: float = 0.6
) -> Image.Image:
    """Add subtle, slightly soft monochrome paper grain to an image."""
    grain = noise_image(rng, img.size, amount * 2.2)
    if blur:
        grain = grain.filter(ImageFilter.GaussianBlur(blur))
    return ImageChops.add(img, Image.merge("RGB", (grain, grain, grain)), 1.0, -128)


def mottle(img: Image.Image, rng: random.Random, amount: float, cells: int = 24) -> Image.Image:
    """Add soft, large blotches of lighter and darker tone, like handmade paper."""
    w, h = img.size
    small = noise_image(rng, (cells, max(2, cells * h // w)), amount)
    big = small.resize(img.size, Image.Resampling.BICUBIC)
    return ImageChops.add(img, Image.merge("RGB", (big, big, big)), 1.0, -128)


def finish(img: Image.Image, rng: random.Random, grain: float = 0.0) -> Image.Image:
    """Downsample a 2x drawing to the final size and add grain."""
    out = img.resize(SIZE, LANCZOS)
    if grain:
        out = add_grain(out, rng, grain)
    return out


def jpeg_bytes(img: Image.Image, quality: int = JPEG_QUALITY) -> bytes:
    """Encode an image as a progressive, optimised JPEG."""
    buffer = io.BytesIO()
    img.convert("RGB").save(buffer, "JPEG", quality=quality, progressive=True, optimize=True)
    return buffer.getvalue()


@functools.cache
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """Load DejaVu Sans at a size, or Pillow's own font if DejaVu is missing."""
    path = FONT_DIR / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    if path.exists():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def sprite_disc(
    radius: int, base: Color, light: Color, dark: Color, shine: float = 0.9
) -> Image.Image:
    """Make an RGBA sphere-like disc lit from the upper left."""
    size = 2 * radius + 2
    img = Image.new("RGB", (size, size), dark)
    lit = circle_box(radius * 0.8, radius * 0.7, radius * 1.6)
    img = Image.composite(Image.new("RGB", img.size, base), img, radial_mask(img.size, lit, 0.7))
    spot = circle_box(radius * 0.65, radius * 0.55, radius * 0.55)
    mask = radial_mask(img.size, spot, 1.6, shine)
    img = Image.composite(Image.new("RGB", img.size, light), img, mask)
    alpha = Image.new("L", img.size, 0)
    ImageDraw.Draw(alpha).ellipse((1, 1, size - 2, size - 2), fill=255)
    img.putalpha(alpha)
    return img


def paste_centered(img: Image.Image, sprite: Image.Image, center: Point) -> None:
    """Paste an RGBA sprite so that its centre lands on a point."""
    x = round(center[0] - sprite.width / 2)
    y = round(center[1] - sprite.height / 2)
    img.paste(sprite, (x, y), sprite)
