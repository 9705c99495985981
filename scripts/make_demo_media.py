#!/usr/bin/env python3
"""Make the demo exhibition's media: illustrations, audio excerpts and the Sunspring clip.

Every file is generated here from code: illustrations drawn with Pillow, audio
synthesised with the standard library and encoded with ffmpeg, and the
Sunspring clip rendered frame by frame and narrated by espeak-ng. Nothing is
copied from a real work. Randomness is seeded from each exhibit's slug, so a
re-run writes identical bytes, and a file is only rewritten when its bytes change.

Run from the repository root:  python scripts/make_demo_media.py [--only SLUG ...]
Needs Pillow, ffmpeg (Debian: ffmpeg), espeak-ng (Debian: espeak-ng) and,
for the diagram labels, the DejaVu fonts (Debian: fonts-dejavu-core).
"""

from __future__ import annotations

import argparse
import array
import io
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import textwrap
import wave
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
ROOMS = CONTENT / "rooms"

SIZE = (1600, 1200)
SCALE = 2
W, H = SIZE[0] * SCALE, SIZE[1] * SCALE
JPEG_QUALITY = 82
BUDGET_BYTES = 12 * 1024 * 1024
MEDIA_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".mp3", ".webm", ".vtt"}
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
LANCZOS = Image.Resampling.LANCZOS

Color = tuple[int, int, int]
Point = tuple[float, float]


# --------------------------------------------------------------------------- colour


def hexrgb(value: str) -> Color:
    """Turn '#rrggbb' into an RGB tuple."""
    value = value.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def mix(a: Color, b: Color, t: float) -> Color:
    """Blend two colours, t=0 giving a and t=1 giving b."""
    t = min(1.0, max(0.0, t))
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))  # type: ignore[return-value]


def shade(color: Color, factor: float) -> Color:
    """Scale a colour's brightness by factor, clipped to the valid range."""
    return tuple(min(255, max(0, round(c * factor))) for c in color)  # type: ignore[return-value]


def rgba(color: Color, alpha: float) -> tuple[int, int, int, int]:
    """Add an alpha (0..1) to a colour."""
    return (*color, max(0, min(255, round(alpha * 255))))


def ramp(stops: Sequence[tuple[float, Color]], t: float) -> Color:
    """Read a colour at t from a list of (position, colour) stops."""
    if t <= stops[0][0]:
        return stops[0][1]
    for (p0, c0), (p1, c1) in zip(stops, stops[1:], strict=False):
        if t <= p1:
            return mix(c0, c1, (t - p0) / (p1 - p0) if p1 > p0 else 1.0)
    return stops[-1][1]


# --------------------------------------------------------------------------- images


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


# --------------------------------------------------------------------------- geometry


def spline(points: Sequence[Point], closed: bool = True, steps: int = 10) -> list[Point]:
    """Return a smooth Catmull-Rom curve through points."""
    n = len(points)
    out: list[Point] = []
    for i in range(n if closed else n - 1):
        p0 = points[(i - 1) % n] if closed else points[max(i - 1, 0)]
        p1, p2 = points[i], points[(i + 1) % n]
        p3 = points[(i + 2) % n] if closed else points[min(i + 2, n - 1)]
        for s in range(steps):
            t = s / steps
            t2, t3 = t * t, t * t * t
            out.append(
                tuple(
                    0.5
                    * (
                        2 * b
                        + (c - a) * t
                        + (2 * a - 5 * b + 4 * c - d) * t2
                        + (3 * b - a - 3 * c + d) * t3
                    )
                    for a, b, c, d in zip(p0, p1, p2, p3, strict=True)
                )  # type: ignore[arg-type]
            )
    out.append(out[0] if closed else points[-1])
    return out


def ellipse_points(
    cx: float, cy: float, rx: float, ry: float, n: int = 64, angle: float = 0.0, start: float = 0.0
) -> list[Point]:
    """Return n points round a rotated ellipse."""
    ca, sa = math.cos(angle), math.sin(angle)
    pts = []
    for i in range(n):
        t = start + 2 * math.pi * i / n
        x, y = rx * math.cos(t), ry * math.sin(t)
        pts.append((cx + x * ca - y * sa, cy + x * sa + y * ca))
    return pts


def rotate(points: Sequence[Point], center: Point, angle: float) -> list[Point]:
    """Rotate points round a centre by an angle in radians."""
    ca, sa = math.cos(angle), math.sin(angle)
    cx, cy = center
    return [
        (cx + (x - cx) * ca - (y - cy) * sa, cy + (x - cx) * sa + (y - cy) * ca) for x, y in points
    ]


def arch_points(cx: float, top: float, bottom: float, half: float, steps: int = 60) -> list[Point]:
    """Return the outline of a round-topped arch from its bottom left to its bottom right."""
    spring = top + half
    pts: list[Point] = [(cx - half, bottom), (cx - half, spring)]
    for i in range(1, steps):
        a = math.pi + math.pi * i / steps
        pts.append((cx + half * math.cos(a), spring + half * math.sin(a)))
    pts += [(cx + half, spring), (cx + half, bottom)]
    return pts


def wobble(points: Sequence[Point], rng: random.Random, amount: float) -> list[Point]:
    """Nudge every point by a small random offset."""
    return [(x + rng.uniform(-amount, amount), y + rng.uniform(-amount, amount)) for x, y in points]


def lerp_point(p: Point, q: Point, t: float) -> Point:
    """Return the point a fraction t of the way from p to q."""
    return p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t


def walk(points: Sequence[Point], spacing: float) -> Iterator[Point]:
    """Yield points every spacing pixels along a polyline."""
    carry = 0.0
    for p, q in zip(points, points[1:], strict=False):
        length = math.dist(p, q)
        pos = carry
        while pos < length:
            yield lerp_point(p, q, pos / length)
            pos += spacing
        carry = pos - length


def dashed(
    draw: ImageDraw.ImageDraw,
    points: Sequence[Point],
    dash: float,
    gap: float,
    fill: Color | tuple[int, int, int, int],
    width: int,
) -> None:
    """Draw a polyline as dashes."""
    pen_down, left = True, dash
    current: list[Point] = [points[0]]
    for p, q in zip(points, points[1:], strict=False):
        length, pos = math.dist(p, q), 0.0
        while length - pos > left:
            pos += left
            here = lerp_point(p, q, pos / length)
            if pen_down:
                draw.line([*current, here], fill=fill, width=width)
            current = [here]
            pen_down = not pen_down
            left = dash if pen_down else gap
        left -= length - pos
        current.append(q)
    if pen_down and len(current) > 1:
        draw.line(current, fill=fill, width=width)


def rect_points(x0: float, y0: float, x1: float, y1: float) -> list[Point]:
    """Return the closed outline of a rectangle."""
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]


def thick_line(draw: ImageDraw.ImageDraw, points: Sequence[Point], fill: Color, width: int) -> None:
    """Draw a polyline with rounded joints and round ends."""
    draw.line(list(points), fill=fill, width=width, joint="curve")
    r = width / 2
    for x, y in (points[0], points[-1]):
        draw.ellipse((x - r, y - r, x + r, y + r), fill=fill)


def text_bars(
    draw: ImageDraw.ImageDraw,
    rng: random.Random,
    x: float,
    y: float,
    width: float,
    height: float,
    fill: Color | tuple[int, int, int, int],
    word: tuple[float, float] = (0.6, 2.6),
    radius: float = 0,
) -> None:
    """Draw a line of word-like bars filling a width."""
    end = x + width * rng.uniform(0.55, 1.0)
    while x < end:
        length = height * rng.uniform(*word) * 2
        stop = min(end, x + length)
        if stop - x > height * 0.6:
            draw.rounded_rectangle((x, y, stop, y + height), radius=radius, fill=fill)
        x = stop + height * 0.9


# --------------------------------------------------------------------------- registry


@dataclass(frozen=True)
class Exhibit:
    """An exhibit folder and the function that draws its illustration."""

    room: str
    slug: str
    draw: Callable[[random.Random], Image.Image]

    @property
    def folder(self) -> Path:
        """Return the exhibit's folder in the content tree."""
        return ROOMS / self.room / self.slug


EXHIBITS: list[Exhibit] = []


def illustration(room: str, slug: str) -> Callable:
    """Register a drawing function as the illustration of an exhibit."""

    def register(func: Callable[[random.Random], Image.Image]) -> Callable:
        """Add the function to the registry and return it unchanged."""
        EXHIBITS.append(Exhibit(room, slug, func))
        return func

    return register


# --------------------------------------------------------------------------- 01 art


def organic_outline(
    rng: random.Random, center: Point, length: float, width: float, angle: float, bend: float
) -> list[Point]:
    """Return a closed, rounded outline like a leaf or a limb."""
    cx, cy = center
    pts: list[Point] = []
    n = 14
    for i in range(n):
        t = 2 * math.pi * i / n
        along = math.cos(t)
        taper = 1 - 0.35 * along if rng.random() < 0.5 else 1.0
        x = length / 2 * along
        y = width / 2 * math.sin(t) * taper + bend * (1 - along * along) * length / 2
        pts.append((x * rng.uniform(0.95, 1.05), y * rng.uniform(0.88, 1.12)))
    return spline(rotate([(cx + x, cy + y) for x, y in pts], (cx, cy), angle), steps=12)


@illustration("01-art", "01-aaron")
def draw_aaron(rng: random.Random) -> Image.Image:
    """Draw overlapping rounded leaf and limb outlines in black plotter ink on warm paper."""
    paper = hexrgb("#f3ecdc")
    img = mottle(Image.new("RGB", (W, H), paper), rng, 2, 48)
    draw = ImageDraw.Draw(img)
    ink = hexrgb("#1c1a18")
    clusters = [(W * 0.36, H * 0.56), (W * 0.64, H * 0.46)]
    shapes = []
    for i in range(22):
        base = clusters[i % len(clusters)]
        angle = rng.uniform(0, 2 * math.pi)
        reach = rng.uniform(150, 780)
        center = (base[0] + math.cos(angle) * reach * 1.2, base[1] + math.sin(angle) * reach * 0.8)
        limb = rng.random() < 0.45
        length = rng.uniform(620, 1100) if limb else rng.uniform(340, 760)
        width = length * (rng.uniform(0.18, 0.28) if limb else rng.uniform(0.34, 0.58))
        bend = rng.uniform(-0.3, 0.3) if limb else rng.uniform(-0.12, 0.12)
        turn = angle + rng.uniform(-0.6, 0.6)
        shapes.append(organic_outline(rng, center, length, width, turn, bend))
    for outline in shapes:
        draw.polygon(outline, fill=paper)
        draw.line(outline, fill=ink, width=6, joint="curve")
        retrace = wobble(outline, rng, 1.4)
        start = rng.randrange(len(retrace) // 2)
        draw.line(retrace[start : start + len(retrace) // 3], fill=ink, width=4, joint="curve")
    return finish(img, rng, grain=3)


def eye(
    draw: ImageDraw.ImageDraw,
    rng: random.Random,
    cx: float,
    cy: float,
    r: float,
    palette: Sequence[Color],
) -> None:
    """Draw one eye-like spiral: a rim, three swirling arms, an iris, a pupil and a glint."""
    turn = rng.choice((-1, 1))
    draw.ellipse(circle_box(cx, cy, r), fill=shade(palette[0], 0.45))
    draw.ellipse(circle_box(cx, cy, r * 0.9), fill=shade(palette[0], 0.7))
    start = rng.uniform(0, 2 * math.pi)
    steps, chunks = 96, 8
    for arm in range(3):
        color = palette[(arm + 1) % 3] if arm < 2 else palette[3]
        outer: list[Point] = []
        inner: list[Point] = []
        for i in range(steps + 1):
            t = i / steps
            a = start + arm * 2 * math.pi / 3 + turn * t * 2 * math.pi * 1.05
            rr, half = r * (0.3 + 0.58 * t), r * (0.02 + 0.075 * t)
            outer.append((cx + math.cos(a) * (rr + half), cy + math.sin(a) * (rr + half)))
            inner.append((cx + math.cos(a) * (rr - half), cy + math.sin(a) * (rr - half)))
        size = steps // chunks
        for c in range(chunks):
            lo, hi = c * size, min(steps, (c + 1) * size + 1)
            band = outer[lo:hi] + inner[lo:hi][::-1]
            draw.polygon(band, fill=mix(shade(color, 0.65), color, c / (chunks - 1)))
    draw.ellipse(circle_box(cx, cy, r * 0.34), fill=palette[1])
    draw.ellipse(circle_box(cx, cy, r * 0.26), fill=shade(palette[1], 0.6))
    draw.ellipse(circle_box(cx, cy, r * 0.15), fill=hexrgb("#12051d"))
    draw.ellipse(circle_box(cx - r * 0.08, cy - r * 0.09, r * 0.05), fill=hexrgb("#fff4e0"))


@illustration("01-art", "02-deepdream")
def draw_deepdream(rng: random.Random) -> Image.Image:
    """Draw a swirling field of eye-like spirals in purple, teal and orange at several scales."""
    purple, teal, orange = hexrgb("#7b2cbf"), hexrgb("#1fb5a8"), hexrgb("#ff8c1a")
    palette = (purple, teal, orange, hexrgb("#cc88ff"), hexrgb("#ffd166"))
    img = gradient((W, H), [(0, hexrgb("#2a0845")), (1, hexrgb("#120326"))])
    eyes: list[tuple[float, float, float]] = []
    for low, high, count in ((300, 380, 5), (140, 200, 16), (60, 95, 46), (28, 40, 60)):
        for _ in range(count * 40):
            if sum(1 for e in eyes if low <= e[2] <= high) >= count:
                break
            r = rng.uniform(low, high)
            x, y = rng.uniform(-r * 0.3, W + r * 0.3), rng.uniform(-r * 0.3, H + r * 0.3)
            if all(math.hypot(x - ex, y - ey) > (r + er) * 0.98 for ex, ey, er in eyes):
                eyes.append((x, y, r))
    draw = ImageDraw.Draw(img, "RGBA")
    for _ in range(2800):
        x, y = rng.uniform(0, W), rng.uniform(0, H)
        color = rng.choice(palette[:3])
        pts = [(x, y)]
        for _step in range(14):
            vx = vy = 0.0
            for ex, ey, er in eyes[:21]:
                dx, dy = x - ex, y - ey
                d2 = dx * dx + dy * dy + er * er
                vx += -dy * er * er / d2
                vy += dx * er * er / d2
            norm = math.hypot(vx, vy) or 1
            x, y = x + vx / norm * 16, y + vy / norm * 16
            pts.append((x, y))
        draw.line(pts, fill=rgba(color, 0.26), width=7, joint="curve")
    img = img.filter(ImageFilter.GaussianBlur(6))
    draw = ImageDraw.Draw(img, "RGBA")
    for ex, ey, er in sorted(eyes, key=lambda e: -e[2]):
        k = int(ex + ey) % 3
        shifted = (*palette[k:3], *palette[:k], palette[3 + int(er) % 2])
        if er > 250:
            for j in range(12):
                a = 2 * math.pi * j / 12
                eye(
                    draw,
                    rng,
                    ex + math.cos(a) * er * 1.12,
                    ey + math.sin(a) * er * 1.12,
                    er * 0.12,
                    shifted,
                )
        eye(draw, rng, ex, ey, er, shifted)
    img = glow(img, orange, circle_box(W * 0.5, H * 0.5, W * 0.7, H * 0.7), 0.18, 1.5)
    return finish(vignette(img, 0.35), rng, grain=1)


def height_field(u: float, v: float) -> float:
    """Return the height of a head-like relief at (u, v), in units of the oval's height."""
    rho = math.hypot(u / (0.7 * (1 - 0.14 * v)), v / 0.98)
    h = 1 - rho**1.5 if rho < 1 else 1 - rho

    def bump(x: float, y: float, sx: float, sy: float, a: float) -> float:
        """Return a Gaussian bump of height a centred on (x, y)."""
        return a * math.exp(-(((u - x) / sx) ** 2) - ((v - y) / sy) ** 2)

    turn = 0.08
    h += bump(turn, 0.1, 0.06, 0.2, 0.2)  # nose
    h += bump(turn - 0.24, -0.2, 0.15, 0.05, 0.07) + bump(turn + 0.24, -0.2, 0.15, 0.05, 0.07)
    h -= bump(turn - 0.23, -0.08, 0.1, 0.06, 0.1) + bump(turn + 0.23, -0.08, 0.1, 0.06, 0.1)
    h += bump(turn - 0.33, 0.14, 0.12, 0.1, 0.045) + bump(turn + 0.33, 0.14, 0.12, 0.1, 0.04)
    h += bump(turn, 0.43, 0.13, 0.045, 0.035) + bump(turn, 0.7, 0.16, 0.1, 0.05)
    return h


def contour_segments(
    grid: list[list[float]], level: float, x0: float, y0: float, step: float
) -> Iterator[tuple[Point, Point]]:
    """Yield the segments of one iso-line of a grid of values (marching squares)."""
    for j in range(len(grid) - 1):
        row, below = grid[j], grid[j + 1]
        for i in range(len(row) - 1):
            a, b, c, d = row[i], row[i + 1], below[i + 1], below[i]
            inside = (a > level, b > level, c > level, d > level)
            if all(inside) or not any(inside):
                continue
            x, y = x0 + i * step, y0 + j * step

            def cross(p: float, q: float) -> float:
                """Return where the level crosses between two corner values, as a fraction."""
                return (level - p) / (q - p)

            edges: dict[str, Point] = {}
            if inside[0] != inside[1]:
                edges["t"] = (x + cross(a, b) * step, y)
            if inside[1] != inside[2]:
                edges["r"] = (x + step, y + cross(b, c) * step)
            if inside[3] != inside[2]:
                edges["b"] = (x + cross(d, c) * step, y + step)
            if inside[0] != inside[3]:
                edges["l"] = (x, y + cross(a, d) * step)
            if len(edges) == 2:
                p, q = edges.values()
                yield p, q
            elif len(edges) == 4:
                centre_in = (a + b + c + d) / 4 > level
                if inside[0] == centre_in:
                    yield edges["t"], edges["r"]
                    yield edges["b"], edges["l"]
                else:
                    yield edges["t"], edges["l"]
                    yield edges["b"], edges["r"]


@illustration("01-art", "03-the-next-rembrandt")
def draw_next_rembrandt(rng: random.Random) -> Image.Image:
    """Draw a softly lit head-like oval of stacked ochre and umber contour lines on dark brown."""
    img = gradient((W, H), [(0, hexrgb("#2a1a0f")), (1, hexrgb("#130c06"))])
    cx, cy, scale = W * 0.5, H * 0.52, H * 0.42
    img = glow(img, hexrgb("#4a2c14"), circle_box(cx - 160, cy - 220, 1150, 1150), 0.6, 1.5)
    step = 6.0
    x0, y0 = cx - scale * 0.8, cy - scale * 1.05
    cols, rows = int(scale * 1.6 / step) + 2, int(scale * 2.1 / step) + 2
    grid = [
        [
            height_field((x0 + i * step - cx) / scale, (y0 + j * step - cy) / scale)
            for i in range(cols)
        ]
        for j in range(rows)
    ]
    draw = ImageDraw.Draw(img)
    umber, ochre, light = hexrgb("#3c220f"), hexrgb("#c08a3c"), hexrgb("#f6d690")
    levels = 28
    for k in range(levels):
        level = 0.02 + k * 1.06 / levels
        for p, q in contour_segments(grid, level, x0, y0, step):
            mx, my = (p[0] + q[0]) / 2, (p[1] + q[1]) / 2
            lit = 0.5 - 0.75 * ((mx - cx) * 0.8 + (my - cy) * 0.6) / scale
            lit = max(0.0, min(1.0, lit))
            color = mix(umber, ochre, 0.1 + 0.9 * lit)
            color = mix(color, light, max(0.0, lit - 0.6) * 1.8 * (0.3 + 0.7 * k / levels))
            draw.line([p, q], fill=color, width=6)
    img = glow(img, hexrgb("#7a4e22"), circle_box(cx - 200, cy - 300, 640, 700), 0.3, 1.6)
    return finish(vignette(img, 0.55), rng, grain=3)


def noisy_square(
    rng: random.Random, size: int, dark: Color, gold: Color, bias: float
) -> Image.Image:
    """Make a square of coarse noise cells mixing dark brown and gold."""
    cells = 7
    small = Image.new("RGB", (cells, cells))
    small.putdata(
        [mix(dark, gold, min(1.0, max(0.0, rng.gauss(bias, 0.28)))) for _ in range(cells * cells)]
    )
    return small.resize((size, size), Image.Resampling.NEAREST)


@illustration("01-art", "04-edmond-de-belamy")
def draw_edmond_de_belamy(rng: random.Random) -> Image.Image:
    """Draw two interlocking grids of noisy brown and gold squares, one sharp, one blurred."""
    ground = hexrgb("#120c08")
    dark, gold = hexrgb("#4a2c16"), hexrgb("#d4a94c")
    cell, gap = 150, 26
    pitch = cell + gap
    rows = 11
    top = (H - rows * pitch + gap) / 2
    centre = W / 2
    sharp = Image.new("RGB", (W, H), ground)
    soft = Image.new("RGB", (W, H), ground)
    mask = Image.new("L", (W, H), 0)
    mask_draw = ImageDraw.Draw(mask)
    for r in range(rows):
        y = round(top + r * pitch)
        left_end = 0 if r % 2 == 0 else -3
        right_start = -1 if r % 2 == 1 else 2
        for j in range(-8, 8):
            x = round(centre + j * pitch + gap / 2)
            if j <= left_end:
                sharp.paste(noisy_square(rng, cell, dark, gold, 0.42 + 0.02 * j), (x, y))
                mask_draw.rectangle((x, y, x + cell - 1, y + cell - 1), fill=255)
            elif j >= right_start:
                soft.paste(noisy_square(rng, cell, dark, gold, 0.42 - 0.02 * j), (x, y))
    soft = soft.filter(ImageFilter.GaussianBlur(14))
    img = Image.composite(sharp, soft, mask)
    img = glow(img, hexrgb("#6b4a1c"), circle_box(centre, H / 2, 900, 700), 0.25, 2.0)
    return finish(vignette(img, 0.4), rng, grain=2)


def melting_oval(rng: random.Random, size: tuple[int, int], tone: Color) -> Image.Image:
    """Make a soft oval in flesh tones that drips and smears downwards, on black."""
    w, h = size
    cx, cy, rx, ry = w / 2, h * 0.44, w * 0.3, h * 0.28
    mask = Image.new("L", size, 0)
    md = ImageDraw.Draw(mask)
    md.ellipse(circle_box(cx, cy, rx, ry), fill=255)
    for _ in range(9):
        x = cx + rng.uniform(-0.8, 0.8) * rx
        bottom = cy + ry * math.sqrt(max(0.0, 1 - ((x - cx) / rx) ** 2)) - 30
        length = rng.uniform(0.15, 0.55) * h
        width = rng.uniform(0.05, 0.14) * w
        md.rounded_rectangle(
            (x - width / 2, bottom - 60, x + width / 2, bottom + length),
            radius=width / 2,
            fill=rng.randrange(120, 230),
        )
    strips = Image.new("L", size, 0)
    band = 26
    for y in range(0, h, band):
        strips.paste(mask.crop((0, y, w, y + band)), (round(rng.gauss(0, 14)), y))
    mask = strips.filter(ImageFilter.GaussianBlur(34))
    face = gradient(size, [(0.0, shade(tone, 1.15)), (0.5, tone), (1.0, shade(tone, 0.55))])
    face = glow(face, hexrgb("#e8c2a8"), circle_box(cx - rx * 0.3, cy - ry * 0.3, rx, ry), 0.35)
    return Image.composite(face, Image.new("RGB", size), mask)


@illustration("01-art", "05-memories-of-passersby")
def draw_memories_of_passersby(rng: random.Random) -> Image.Image:
    """Draw two dark frames side by side, each holding a soft melting flesh-toned oval on black."""
    img = gradient((W, H), [(0, hexrgb("#1d1b1a")), (1, hexrgb("#0f0e0d"))])
    draw = ImageDraw.Draw(img)
    fw, fh, gap = 1180, 1560, 140
    y0 = (H - fh) // 2
    tones = (hexrgb("#b48a74"), hexrgb("#a67f6e"))
    for k, x0 in enumerate((W // 2 - gap // 2 - fw, W // 2 + gap // 2)):
        draw.rectangle((x0 + 24, y0 + 34, x0 + fw + 24, y0 + fh + 34), fill=hexrgb("#090808"))
        draw.rectangle((x0, y0, x0 + fw, y0 + fh), fill=hexrgb("#2a2522"))
        draw.rectangle(
            (x0 + 6, y0 + 6, x0 + fw - 6, y0 + fh - 6), outline=hexrgb("#3e3631"), width=4
        )
        border = 70
        draw.rectangle(
            (x0 + border - 8, y0 + border - 8, x0 + fw - border + 8, y0 + fh - border + 8),
            fill=hexrgb("#171412"),
        )
        inner = (fw - 2 * border, fh - 2 * border)
        img.paste(melting_oval(rng, inner, tones[k]), (x0 + border, y0 + border))
    img = glow(img, hexrgb("#3a3430"), circle_box(W / 2, -200, 1400, 900), 0.3)
    return finish(vignette(img, 0.3), rng, grain=2.5)


def link_outline(p: Point, q: Point, width: float) -> list[Point]:
    """Return the closed outline of a rounded bar from p to q."""
    angle = math.atan2(q[1] - p[1], q[0] - p[0])
    r = width / 2
    pts: list[Point] = []
    for center, start in ((q, angle - math.pi / 2), (p, angle + math.pi / 2)):
        for i in range(13):
            a = start + math.pi * i / 12
            pts.append((center[0] + r * math.cos(a), center[1] + r * math.sin(a)))
    return [*pts, pts[0]]


@illustration("01-art", "06-ai-da")
def draw_ai_da(rng: random.Random) -> Image.Image:
    """Draw a white-line robot arm holding a pencil over a sheet of hatched strokes on teal."""
    img = gradient((W, H), [(0, hexrgb("#22807b")), (1, hexrgb("#145a56"))])
    img = glow(img, hexrgb("#3aa39a"), circle_box(W * 0.45, H * 0.35, 1600, 1100), 0.35)
    sheet_w, sheet_h = 1700, 1120
    sheet = Image.new("RGBA", (sheet_w, sheet_h), rgba(hexrgb("#f4f1e8"), 1))
    sd = ImageDraw.Draw(sheet, "RGBA")
    graphite = hexrgb("#3b3d42")
    for _ in range(22):
        cx, cy = rng.uniform(200, sheet_w - 200), rng.uniform(160, sheet_h - 160)
        angle = rng.choice((-0.9, -0.75, 0.7, 1.2)) + rng.uniform(-0.1, 0.1)
        length, count = rng.uniform(90, 200), rng.randrange(8, 22)
        spacing = rng.uniform(9, 15)
        dx, dy = math.cos(angle), math.sin(angle)
        for i in range(count):
            off = (i - count / 2) * spacing
            ox, oy = cx - dy * off, cy + dx * off
            half = length / 2 * rng.uniform(0.6, 1.0)
            sd.line(
                [(ox - dx * half, oy - dy * half), (ox + dx * half, oy + dy * half)],
                fill=rgba(graphite, rng.uniform(0.45, 0.85)),
                width=3,
            )
    sheet = sheet.rotate(-4, resample=Image.Resampling.BICUBIC, expand=True)
    shadow = Image.new("L", sheet.size, 0)
    shadow.paste(sheet.getchannel("A").point([v * 120 // 255 for v in range(256)]))
    shadow = shadow.filter(ImageFilter.GaussianBlur(24))
    sx, sy = 470, 1020
    img.paste(Image.new("RGB", sheet.size, hexrgb("#0c3a37")), (sx + 20, sy + 30), shadow)
    img.paste(sheet, (sx, sy), sheet)
    draw = ImageDraw.Draw(img)
    white, width = hexrgb("#f3f8f7"), 7
    draw.rectangle((2440, 1830, 2960, 1910), outline=white, width=width)
    draw.polygon(
        [(2520, 1830), (2580, 1660), (2820, 1660), (2880, 1830)], outline=white, width=width
    )
    shoulder, elbow, wrist = (2700, 1540), (2380, 520), (1700, 780)
    for p, q, w in ((shoulder, elbow, 150), (elbow, wrist, 118)):
        draw.line(link_outline(p, q, w), fill=white, width=width, joint="curve")
        draw.line([lerp_point(p, q, 0.18), lerp_point(p, q, 0.82)], fill=white, width=3)
    for joint, r in ((shoulder, 110), (elbow, 92), (wrist, 72)):
        draw.ellipse(circle_box(*joint, r), fill=hexrgb("#1b6f6a"), outline=white, width=width)
        draw.ellipse(circle_box(*joint, r * 0.4), outline=white, width=4)
    tip = (1390, 1390)
    grip = lerp_point(wrist, tip, 0.36)
    angle = math.atan2(tip[1] - wrist[1], tip[0] - wrist[0])
    nx, ny = -math.sin(angle), math.cos(angle)
    for side in (-1, 1):
        finger = [
            (wrist[0] + nx * side * 60, wrist[1] + ny * side * 60),
            (grip[0] + nx * side * 48, grip[1] + ny * side * 48),
            (grip[0] + nx * side * 20, grip[1] + ny * side * 20),
        ]
        draw.line(finger, fill=white, width=width, joint="curve")
    pencil_back = lerp_point(wrist, tip, 0.05)
    cone = lerp_point(wrist, tip, 0.86)
    hw = 20
    body = [
        (pencil_back[0] + nx * hw, pencil_back[1] + ny * hw),
        (cone[0] + nx * hw, cone[1] + ny * hw),
        tip,
        (cone[0] - nx * hw, cone[1] - ny * hw),
        (pencil_back[0] - nx * hw, pencil_back[1] - ny * hw),
    ]
    draw.polygon(body, fill=hexrgb("#1b6f6a"), outline=white, width=5)
    draw.line(
        [(cone[0] + nx * hw, cone[1] + ny * hw), (cone[0] - nx * hw, cone[1] - ny * hw)],
        fill=white,
        width=4,
    )
    lead = lerp_point(cone, tip, 0.62)
    draw.polygon(
        [(lead[0] + nx * 8, lead[1] + ny * 8), tip, (lead[0] - nx * 8, lead[1] - ny * 8)],
        fill=graphite,
    )
    return finish(img, rng, grain=2.5)


def flow_angle(x: float, y: float) -> float:
    """Return the direction of the hallucination flow field at a point."""
    return (
        0.75 * math.sin(y / 430 + 1.4 * math.sin(x / 690))
        + 0.45 * math.sin(x / 520 + y / 910)
        + 0.25 * math.cos(x / 260 - y / 330)
    )


@illustration("01-art", "07-machine-hallucinations")
def draw_machine_hallucinations(rng: random.Random) -> Image.Image:
    """Draw thousands of small coloured particles flowing in curved streams on dark blue."""
    img = gradient(
        (W, H), [(0, hexrgb("#0a1738")), (0.6, hexrgb("#071029")), (1, hexrgb("#040a1c"))]
    )
    light = Image.new("RGB", (W, H))
    draw = ImageDraw.Draw(light)
    palette = [
        hexrgb(c) for c in ("#3ee0ff", "#7a6bff", "#ff4fd8", "#ffb347", "#e8f4ff", "#41ffb0")
    ]
    bands = [rng.uniform(0.1, 0.9) * H for _ in range(7)]
    for s in range(1100):
        band = bands[s % len(bands)]
        x, y = rng.uniform(-300, W * 0.9), rng.gauss(band, 170)
        hue = (s % len(bands) + rng.random() * 1.3) % len(palette)
        c0, c1 = palette[int(hue)], palette[(int(hue) + 1) % len(palette)]
        color = mix(c0, c1, hue % 1)
        brightness = rng.uniform(0.35, 1.0)
        for i in range(rng.randrange(18, 46)):
            a = flow_angle(x, y)
            x, y = x + math.cos(a) * 22, y + math.sin(a) * 22
            if i % 2 == 0:
                r = rng.uniform(1.6, 4.2) * (1.3 if rng.random() < 0.04 else 1)
                draw.ellipse(
                    circle_box(x, y, r), fill=shade(color, brightness * rng.uniform(0.6, 1))
                )
    img = bloom(img, light, 10, 0.9)
    img = glow(img, hexrgb("#1b2f7a"), circle_box(W * 0.55, H * 0.45, 1500, 900), 0.25)
    return finish(vignette(img, 0.35), rng, grain=1.5)


@illustration("01-art", "08-theatre-dopera-spatial")
def draw_theatre_dopera_spatial(rng: random.Random) -> Image.Image:
    """Draw a glowing circular opening of gold light framed by copper and deep red arches."""
    vp = (W / 2, 1000.0)
    img = gradient((W, H), [(0, hexrgb("#160907")), (1, hexrgb("#0a0403"))])
    draw = ImageDraw.Draw(img)
    copper, red, night = hexrgb("#c87533"), hexrgb("#8c1616"), hexrgb("#140505")
    count, ratio = 10, 0.84
    arches = []
    for k in range(count + 1):
        s = ratio**k
        arches.append((1250 * s, vp[1] - (vp[1] - 70) * s, vp[1] + (2050 - vp[1]) * s))
    for k, (half, top, bottom) in enumerate(arches[:-1]):
        lit = 0.25 + 0.75 * (k / (count - 1)) ** 1.2
        color = mix(night, copper if k % 2 == 0 else red, lit)
        draw.polygon(arch_points(vp[0], top, bottom, half), fill=color)
        draw.line(arch_points(vp[0], top, bottom, half), fill=mix(color, copper, 0.35), width=5)
        inset = 0.95
        inner = arch_points(
            vp[0], vp[1] - (vp[1] - top) * inset, vp[1] + (bottom - vp[1]) * inset, half * inset
        )
        draw.polygon(inner, fill=mix(night, color, 0.6))
        draw.line(inner, fill=mix(night, hexrgb("#f3b54a"), 0.2 + 0.7 * lit), width=4)
    half, top, bottom = arches[-1]
    draw.polygon(arch_points(vp[0], top, bottom, half), fill=hexrgb("#2a0e07"))
    first_half, _, first_bottom = arches[0]
    floor = [
        (0, H),
        (W, H),
        (W, first_bottom),
        (vp[0] + first_half, first_bottom),
        (vp[0] + half, bottom),
        (vp[0] - half, bottom),
        (vp[0] - first_half, first_bottom),
        (0, first_bottom),
    ]
    boards = gradient((W, H), [(0, hexrgb("#2a0c08")), (1, hexrgb("#3b130c"))])
    bd = ImageDraw.Draw(boards)
    for k in range(-14, 15):
        bd.line([vp, (vp[0] + k * 260, H + 60)], fill=hexrgb("#200806"), width=5)
    floor_mask = Image.new("L", (W, H), 0)
    ImageDraw.Draw(floor_mask).polygon(floor, fill=255)
    img = Image.composite(boards, img, floor_mask)
    radius = min(half * 0.8, (bottom - top) * 0.42)
    centre = (vp[0], (top + bottom) / 2 - 10)
    light = Image.new("RGB", (W, H))
    ImageDraw.Draw(light).ellipse(circle_box(*centre, radius), fill=hexrgb("#f2b544"))
    core = radial_mask((W, H), circle_box(*centre, radius * 0.98), 0.7)
    light = Image.composite(Image.new("RGB", (W, H), hexrgb("#fff4d2")), light, core)
    img = bloom(img, light, 36, 1.0)
    img = glow(img, hexrgb("#e8952a"), circle_box(*centre, 1500, 1250), 0.42, 2.3)
    img = glow(img, hexrgb("#f0a838"), circle_box(vp[0], 1700, 230, 520), 0.3, 1.6)
    return finish(vignette(img, 0.45), rng, grain=2.5)


def panel_scene(
    draw: ImageDraw.ImageDraw, rng: random.Random, box: tuple[int, int, int, int], ink: Color
) -> None:
    """Draw simple circles and lines into one comic panel."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    kind = rng.randrange(4)
    horizon = y0 + h * rng.uniform(0.55, 0.75)
    if kind in (0, 2):
        draw.line([(x0, horizon), (x1, horizon)], fill=ink, width=6)
    r = min(w, h) * rng.uniform(0.12, 0.2)
    cx, cy = x0 + w * rng.uniform(0.25, 0.75), y0 + h * rng.uniform(0.3, 0.5)
    draw.ellipse(circle_box(cx, cy, r), outline=ink, width=6)
    if kind == 0:
        for i in range(9):
            a = math.pi + math.pi * i / 8
            draw.line(
                [
                    (cx + math.cos(a) * r * 1.3, cy + math.sin(a) * r * 1.3),
                    (cx + math.cos(a) * r * 1.8, cy + math.sin(a) * r * 1.8),
                ],
                fill=ink,
                width=5,
            )
    elif kind == 1:
        draw.ellipse(circle_box(cx, cy, r * 2.1, r * 0.55), outline=ink, width=4)
        for _ in range(6):
            sx, sy = x0 + w * rng.uniform(0.05, 0.95), y0 + h * rng.uniform(0.6, 0.95)
            draw.ellipse(circle_box(sx, sy, 8), fill=ink)
    elif kind == 2:
        peaks = [(x0, horizon)]
        for i in range(1, 6):
            peaks.append((x0 + w * i / 6, horizon - h * rng.uniform(0.05, 0.22) * (i % 2)))
        peaks.append((x1, horizon))
        draw.line(peaks, fill=ink, width=6, joint="curve")
    else:
        for i in range(5):
            yy = y0 + h * (0.62 + i * 0.075)
            draw.line([(x0 + w * 0.08, yy), (x1 - w * 0.08 * (i + 1), yy)], fill=ink, width=5)
        draw.ellipse(circle_box(cx + r * 1.8, cy + r * 0.4, r * 0.45), outline=ink, width=5)


def speech_balloon(
    draw: ImageDraw.ImageDraw, box: tuple[float, float, float, float], tail: Point
) -> None:
    """Draw an empty white speech balloon with a tail pointing at a point."""
    x0, y0, x1, y1 = box
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    root = cy + (y1 - y0) * 0.3
    corners = [(cx - (x1 - x0) * 0.12, root), tail, (cx + (x1 - x0) * 0.04, root)]
    ink, white = hexrgb("#151515"), hexrgb("#fffdf7")
    draw.polygon(corners, fill=white, outline=ink, width=6)
    draw.ellipse(box, fill=white, outline=ink, width=6)
    centre = (sum(p[0] for p in corners) / 3, sum(p[1] for p in corners) / 3)
    inset = [lerp_point(p, centre, 14 / max(1.0, math.dist(p, centre))) for p in corners]
    left, tip, right = inset
    draw.polygon([left, lerp_point(left, tip, 0.6), lerp_point(right, tip, 0.6), right], fill=white)


@illustration("01-art", "09-zarya-of-the-dawn")
def draw_zarya_of_the_dawn(rng: random.Random) -> Image.Image:
    """Draw a comic page of six gradient panels with circles, lines and empty speech balloons."""
    page = hexrgb("#f6f1e6")
    img = Image.new("RGB", (W, H), page)
    ink = hexrgb("#161412")
    gradients = [
        (hexrgb("#ff9a8b"), hexrgb("#ffd36e")),
        (hexrgb("#1d5c7a"), hexrgb("#7fd3c8")),
        (hexrgb("#b39ddb"), hexrgb("#ffccaa")),
        (hexrgb("#2b2d6e"), hexrgb("#b05fa8")),
        (hexrgb("#ffb347"), hexrgb("#d64545")),
        (hexrgb("#a8e6cf"), hexrgb("#4a90c2")),
    ]
    margin, gutter = 120, 48
    rows = [(0.4, 0.27, 0.33), (0.31, 0.38, 0.31)]
    heights = (0.52, 0.48)
    inner_w, inner_h = W - 2 * margin, H - 2 * margin - gutter
    y = margin
    k = 0
    draw = ImageDraw.Draw(img)
    for widths, frac in zip(rows, heights, strict=True):
        ph = round(inner_h * frac)
        x = margin
        usable = inner_w - gutter * (len(widths) - 1)
        for share in widths:
            pw = round(usable * share)
            box = (x, y, x + pw, y + ph)
            top, bottom = gradients[k]
            panel = gradient((pw, ph), [(0, top), (1, bottom)], horizontal=k % 3 == 1)
            img.paste(panel, (x, y))
            panel_scene(draw, rng, box, shade(bottom, 0.45))
            if k != 3:
                bw, bh = pw * rng.uniform(0.36, 0.5), ph * rng.uniform(0.2, 0.26)
                bx = x + rng.uniform(0.06, 0.94 - bw / pw) * pw
                by = y + ph * 0.07
                tail = (bx + bw * rng.uniform(0.3, 0.8), by + bh + ph * 0.14)
                speech_balloon(draw, (bx, by, bx + bw, by + bh), tail)
            if k in (1, 4):
                bw2, bh2 = pw * 0.3, ph * 0.16
                bx2, by2 = x + pw - bw2 - pw * 0.07, y + ph * 0.42
                speech_balloon(
                    draw, (bx2, by2, bx2 + bw2, by2 + bh2), (bx2 + bw2 * 0.2, by2 + bh2 + ph * 0.1)
                )
            draw.rectangle(box, outline=ink, width=9)
            x += pw + gutter
            k += 1
        y += ph + gutter
    img = mottle(img, rng, 5)
    return finish(img, rng, grain=2.5)


@illustration("01-art", "10-a-recent-entrance-to-paradise")
def draw_recent_entrance_to_paradise(rng: random.Random) -> Image.Image:
    """Draw a tunnel of green and violet arches leading to a bright point, edged with vine dots."""
    vp = (W * 0.5, H * 0.47)
    img = Image.new("RGB", (W, H), hexrgb("#07120b"))
    draw = ImageDraw.Draw(img)
    greens = (hexrgb("#1f6b3a"), hexrgb("#3f9b54"))
    violets = (hexrgb("#4b2378"), hexrgb("#8a57c2"))
    count = 26
    arches = []
    for k in range(count):
        s = 0.87**k
        half = 1900 * s
        top = vp[1] - (vp[1] + 500) * s
        bottom = vp[1] + (H + 300 - vp[1]) * s
        arches.append((top, bottom, half, s))
        family = greens if k % 2 == 0 else violets
        lit = 0.35 + 0.9 * (k / count) ** 1.1
        color = shade(family[(k // 2) % 2], lit)
        draw.polygon(arch_points(vp[0], top, bottom, half), fill=color)
        draw.line(
            arch_points(vp[0], top, bottom, half),
            fill=shade(color, 0.6),
            width=max(2, round(9 * s)),
        )
    dots = ImageDraw.Draw(img, "RGBA")
    leaf = (hexrgb("#b8f28a"), hexrgb("#e3c8ff"), hexrgb("#7fe0a0"), hexrgb("#fff2b0"))
    for k, (top, bottom, half, s) in enumerate(arches[:-3]):
        outline = arch_points(vp[0], top, bottom, half, steps=90)
        phase = rng.uniform(0, 6.28)
        for i, (x, y) in enumerate(walk(outline, max(10.0, 46 * s))):
            sway = math.sin(i * 0.55 + phase) * 14 * s
            r = max(1.5, 9 * s * rng.uniform(0.6, 1.3))
            color = leaf[(i + k) % len(leaf)] if rng.random() < 0.7 else leaf[0]
            dots.ellipse(circle_box(x + sway, y + sway * 0.4, r), fill=rgba(color, 0.85))
            if rng.random() < 0.25:
                dots.ellipse(circle_box(x + sway * 2.4, y - r * 2, r * 0.6), fill=rgba(color, 0.6))
    img = glow(img, hexrgb("#fffbe0"), circle_box(*vp, 520), 1.0, 2.4)
    img = glow(img, hexrgb("#d8ffd0"), circle_box(*vp, 1400, 1300), 0.4, 2.0)
    draw = ImageDraw.Draw(img)
    draw.ellipse(circle_box(*vp, 18), fill=hexrgb("#ffffff"))
    return finish(vignette(img, 0.4), rng, grain=2)


# --------------------------------------------------------------------------- 02 music


@illustration("02-music", "01-illiac-suite")
def draw_illiac_suite(rng: random.Random) -> Image.Image:
    """Draw a cream punched card whose darkened holes trace a rising and falling melody."""
    table = hexrgb("#2c333d")
    img = gradient((W, H), [(0, hexrgb("#38414d")), (1, hexrgb("#1e232a"))])
    cw, ch = 2860, 1260
    x0, y0 = (W - cw) // 2, (H - ch) // 2
    card_outline = [
        (x0 + 110, y0),
        (x0 + cw, y0),
        (x0 + cw, y0 + ch),
        (x0, y0 + ch),
        (x0, y0 + 110),
    ]
    shadow = Image.new("L", (W, H), 0)
    ImageDraw.Draw(shadow).polygon([(x + 26, y + 36) for x, y in card_outline], fill=170)
    img.paste(
        Image.new("RGB", (W, H), hexrgb("#0d1014")),
        (0, 0),
        shadow.filter(ImageFilter.GaussianBlur(30)),
    )
    draw = ImageDraw.Draw(img)
    cream = hexrgb("#efe3c2")
    draw.polygon(card_outline, fill=cream)
    printed = hexrgb("#b9a57a")
    cols, rows = 40, 12
    gx0, gy0 = x0 + 190, y0 + 170
    pitch_x, pitch_y = (cw - 320) / (cols - 1), (ch - 300) / (rows - 1)
    hw, hh = 18, 34
    small = font(30)
    melody = []
    level = 7.0
    for c in range(cols):
        target = 6 + 5 * math.sin(c / cols * 2 * math.pi * 1.5 + 0.4) * (
            0.7 + 0.3 * math.cos(c / 5)
        )
        level += (target - level) * 0.6 + rng.choice((-1, 0, 0, 1))
        melody.append(max(0, min(rows - 1, round(rows - 1 - level))))
    for c in range(cols):
        x = gx0 + c * pitch_x
        for r in range(rows):
            y = gy0 + r * pitch_y
            if melody[c] == r:
                draw.rectangle((x - hw, y - hh, x + hw, y + hh), fill=table)
                draw.line([(x - hw, y - hh), (x + hw, y - hh)], fill=hexrgb("#1a1e24"), width=4)
            else:
                label = str((r + 10) % 10) if r >= 2 else ""
                if label:
                    box = draw.textbbox((0, 0), label, font=small)
                    draw.text(
                        (x - (box[2] - box[0]) / 2, y - (box[3] + box[1]) / 2),
                        label,
                        fill=printed,
                        font=small,
                    )
                else:
                    draw.rectangle((x - hw, y - hh, x + hw, y + hh), outline=printed, width=3)
    for c in range(0, cols, 10):
        draw.line(
            [(gx0 + (c - 0.5) * pitch_x, y0 + 60), (gx0 + (c - 0.5) * pitch_x, y0 + ch - 60)],
            fill=mix(cream, printed, 0.35),
            width=2,
        )
    draw.line([(x0 + 60, y0 + 100 - 20), (x0 + cw - 60, y0 + 100 - 20)], fill=printed, width=3)
    img = glow(img, hexrgb("#fff6dc"), circle_box(W * 0.4, H * 0.3, 1600, 1000), 0.18)
    return finish(vignette(img, 0.3), rng, grain=2.5)


def note_head(
    draw: ImageDraw.ImageDraw,
    x: float,
    y: float,
    size: float,
    fill: Color | None,
    outline: Color | None = None,
    width: int = 4,
) -> None:
    """Draw a tilted oval note head."""
    pts = ellipse_points(x, y, size * 1.3, size * 0.9, 24, -0.35)
    draw.polygon(pts, fill=fill, outline=outline, width=width if outline else 0)


@illustration("02-music", "02-experiments-in-musical-intelligence")
def draw_experiments_in_musical_intelligence(rng: random.Random) -> Image.Image:
    """Draw overlapping five-line staves with small black note heads in coloured groups."""
    img = mottle(Image.new("RGB", (W, H), hexrgb("#f4eedf")), rng, 3, 40)
    line_color, black = hexrgb("#5f574d"), hexrgb("#161412")
    colours = [hexrgb(c) for c in ("#e8735a", "#2a9d8f", "#e9c46a", "#5a7bd8", "#9b5de5")]
    gap = 34
    staves = [
        (H * (0.1 + 0.8 * (k + rng.uniform(0.1, 0.9)) / 7), rng.uniform(-0.26, 0.26))
        for k in range(7)
    ]
    groups = Image.new("RGB", (W, H))
    blob = ImageDraw.Draw(groups)
    heads: list[Point] = []
    stems: list[list[Point]] = []
    beams: list[list[Point]] = []
    for cy, angle in staves:
        centre = (W / 2, cy)
        x = rng.uniform(-100, 250)
        while x < W + 100:
            size = rng.randrange(3, 7)
            position = rng.randrange(-4, 5)
            members: list[Point] = []
            for _ in range(size):
                position = max(-7, min(7, position + rng.choice((-3, -2, -1, 1, 1, 2, 3))))
                members.append(rotate([(x, cy + position * gap / 2)], centre, angle)[0])
                x += rng.uniform(80, 120)
            heads += members
            thick_line(blob, members, rng.choice(colours), 120)
            if rng.random() < 0.35:
                up = rng.random() < 0.5
                ends = []
                for hx, hy in members:
                    sx = hx + (20 if up else -20)
                    end = (sx, hy - gap * 3.4 if up else hy + gap * 3.4)
                    stems.append([(sx, hy), end])
                    ends.append(end)
                beams.append([ends[0], ends[-1]])
            x += rng.uniform(140, 320)
    mask = groups.convert("L").point(lambda v: 140 if v else 0).filter(ImageFilter.GaussianBlur(8))
    img = Image.composite(groups, img, mask)
    draw = ImageDraw.Draw(img, "RGBA")
    for cy, angle in staves:
        for i in range(5):
            y = cy + (i - 2) * gap
            draw.line(
                rotate([(-300, y), (W + 300, y)], (W / 2, cy), angle),
                fill=rgba(line_color, 0.8),
                width=3,
            )
    for stem in stems:
        draw.line(stem, fill=black, width=5)
    for beam in beams:
        draw.line(beam, fill=black, width=12)
    for x, y in heads:
        note_head(draw, x, y, 16, black)
    return finish(img, rng, grain=2.5)


@illustration("02-music", "03-daddys-car")
def draw_daddys_car(rng: random.Random) -> Image.Image:
    """Draw a piano roll of warm yellow and orange bars that rise and fall in a repeated pattern."""
    img = Image.new("RGB", (W, H), hexrgb("#1e1915"))
    draw = ImageDraw.Draw(img)
    row, keys = 48, 250
    count = H // row + 1
    black_keys = {1, 3, 6, 8, 10}
    for r in range(count):
        y = H - (r + 1) * row
        sharp = r % 12 in black_keys
        fill = hexrgb("#181410") if sharp else hexrgb("#241e18")
        draw.rectangle((keys, y, W, y + row), fill=fill)
        draw.line([(keys, y), (W, y)], fill=hexrgb("#2e261f"), width=2)
        draw.rectangle((0, y, keys, y + row), fill=hexrgb("#ebe3d1"))
        draw.line([(0, y), (keys, y)], fill=hexrgb("#b9ae98"), width=2)
        if sharp:
            draw.rectangle((0, y + 5, keys * 0.62, y + row - 5), fill=hexrgb("#1a1612"))
    beat = 96
    for i, x in enumerate(range(keys, W, beat)):
        strong = i % 4 == 0
        draw.line(
            [(x, 0), (x, H)],
            fill=hexrgb("#3f352a" if strong else "#2a231c"),
            width=4 if strong else 2,
        )
    major = (0, 2, 4, 5, 7, 9, 11)

    def pitch(degree: int, base: int) -> int:
        """Return the MIDI row of a major-scale degree above a base row."""
        return base + 12 * (degree // 7) + major[degree % 7]

    def bar(x: float, length: float, note: int, color: Color) -> None:
        """Draw one note bar on the piano roll."""
        y = H - (note + 1) * row
        draw.rounded_rectangle((x + 3, y + 5, x + length - 3, y + row - 5), radius=10, fill=color)
        draw.line(
            [(x + 12, y + 11), (x + length - 12, y + 11)],
            fill=mix(color, (255, 255, 255), 0.45),
            width=4,
        )

    contour = (0, 1, 2, 3, 4, 5, 6, 5, 4, 3, 2, 1)
    yellows = [hexrgb(c) for c in ("#ffe08a", "#ffd166", "#fcc14a", "#f9c74f")]
    oranges = [hexrgb(c) for c in ("#f8961e", "#f3722c", "#fb8b24")]
    for repeat in range(3):
        start = keys + beat * (0.5 + repeat * 10)
        for step, degree in enumerate(contour[:10] if repeat < 2 else contour):
            x = start + step * beat
            bar(x, beat, pitch(degree, 30), yellows[(step + repeat) % len(yellows)])
            bar(x, beat, pitch(degree, 18), oranges[(step + repeat) % len(oranges)])
        for k, degree in enumerate((0, 4, 5, 3, 4)):
            bar(start + k * 2 * beat, 2 * beat, pitch(degree, 6), hexrgb("#c2571a"))
    img = glow(img, hexrgb("#ff9a3c"), circle_box(W * 0.6, H * 0.45, 1500, 1000), 0.12)
    return finish(vignette(img, 0.3), rng, grain=1.5)


@illustration("02-music", "04-aiva")
def draw_aiva(rng: random.Random) -> Image.Image:
    """Draw a fan of thin navy and silver lines radiating from the bottom centre, like a score."""
    img = gradient((W, H), [(0, hexrgb("#1a2c5c")), (1, hexrgb("#0b1634"))])
    img = glow(img, hexrgb("#4a6aa8"), circle_box(W / 2, H + 100, 1500, 1300), 0.45, 1.6)
    origin = (W / 2, H + 140)
    silver, navy = hexrgb("#dfe4ee"), hexrgb("#6f8fd0")
    draw = ImageDraw.Draw(img, "RGBA")
    staves = 11
    for s in range(staves):
        centre = math.pi + math.pi * (s + 0.5) / staves + rng.uniform(-0.03, 0.03)
        color = silver if s % 2 == 0 else navy
        for line in range(5):
            a = centre + (line - 2) * 0.011
            end = (origin[0] + math.cos(a) * 3400, origin[1] + math.sin(a) * 3400)
            for k in range(20):
                p, q = lerp_point(origin, end, k / 20), lerp_point(origin, end, (k + 1) / 20)
                draw.line([p, q], fill=rgba(color, 0.12 + 0.8 * (k / 20) ** 0.7), width=3)
        for d in range(10):
            dist = 700 + d * 270 + rng.uniform(-60, 60)
            a = centre + rng.randrange(-4, 5) * 0.0055
            x, y = origin[0] + math.cos(a) * dist, origin[1] + math.sin(a) * dist
            r = 6 + dist / 300
            draw.ellipse(circle_box(x, y, r * 1.3, r), fill=rgba(color, min(1.0, dist / 2400)))
    for _ in range(60):
        a = math.pi + math.pi * rng.random()
        end = (origin[0] + math.cos(a) * 3400, origin[1] + math.sin(a) * 3400)
        draw.line([origin, end], fill=rgba(silver, 0.08), width=2)
    return finish(vignette(img, 0.35), rng, grain=1.5)


def envelope_curve(rng: random.Random, n: int, bursts: int) -> list[float]:
    """Return n amplitudes rising and falling in a few smooth bursts, like speech or music."""
    centres = [
        (rng.uniform(0, n), rng.uniform(n / 40, n / 10), rng.uniform(0.4, 1.0))
        for _ in range(bursts)
    ]
    return [
        min(1.0, sum(a * math.exp(-(((i - c) / w) ** 2)) for c, w, a in centres)) for i in range(n)
    ]


@illustration("02-music", "05-i-am-ai")
def draw_i_am_ai(rng: random.Random) -> Image.Image:
    """Draw stacked translucent pink and electric-blue waveform bands on a dark ground."""
    img = gradient((W, H), [(0, hexrgb("#120f24")), (1, hexrgb("#07060f"))])
    pink, blue = hexrgb("#ff4fa3"), hexrgb("#2f7bff")
    layer = Image.new("RGB", (W, H))
    draw = ImageDraw.Draw(layer, "RGBA")
    bands, step = 6, 10
    for b in range(bands):
        cy = H * (0.15 + 0.7 * b / (bands - 1))
        color = pink if b % 2 == 0 else blue
        env = envelope_curve(rng, W // step + 2, 12)
        phase = rng.uniform(0, 6.3)
        xs = list(range(0, W + step, step))
        amps = [
            8 + 240 * env[i] * (0.6 + 0.4 * abs(math.sin(x / 53 + phase))) * rng.uniform(0.6, 1.0)
            for i, x in enumerate(xs)
        ]
        for scale, alpha in ((1.0, 0.3), (0.55, 0.35)):
            upper = [(x, cy - a * scale) for x, a in zip(xs, amps, strict=True)]
            lower = [(x, cy + a * scale) for x, a in zip(xs, amps, strict=True)]
            draw.polygon(upper + lower[::-1], fill=rgba(color, alpha))
        edge = rgba(mix(color, (255, 255, 255), 0.25), 0.85)
        upper = [(x, cy - a) for x, a in zip(xs, amps, strict=True)]
        lower = [(x, cy + a) for x, a in zip(xs, amps, strict=True)]
        draw.line(upper, fill=edge, width=3)
        draw.line(lower, fill=edge, width=3)
        draw.line([(0, cy), (W, cy)], fill=rgba(mix(color, (255, 255, 255), 0.5), 0.6), width=2)
    img = bloom(img, layer, 22, 0.5)
    return finish(vignette(img, 0.3), rng, grain=1.5)


@illustration("02-music", "06-proto")
def draw_proto(rng: random.Random) -> Image.Image:
    """Draw pale lilac and white rings rippling out from several centres and overlapping."""
    img = gradient((W, H), [(0, hexrgb("#4b3d72")), (1, hexrgb("#2c2347"))])
    img = glow(img, hexrgb("#7a66a8"), circle_box(W * 0.4, H * 0.35, 1700, 1200), 0.4)
    lilac, white = hexrgb("#d9c8f2"), hexrgb("#ffffff")
    draw = ImageDraw.Draw(img, "RGBA")
    centres = [(rng.uniform(0.1, 0.9) * W, rng.uniform(0.12, 0.88) * H) for _ in range(6)]
    for k, (cx, cy) in enumerate(centres):
        radius, ring = 40.0, 0
        spacing = rng.uniform(85, 115)
        reach = rng.uniform(1500, 2100)
        while radius < reach:
            fade = max(0.0, 1 - radius / reach) ** 1.3
            color = white if ring % 3 == 0 else lilac
            width = max(2, round(10 * fade + 2))
            draw.ellipse(
                circle_box(cx, cy, radius), outline=rgba(color, 0.08 + 0.62 * fade), width=width
            )
            radius += spacing * (1 + radius / 2500)
            ring += 1
        draw.ellipse(circle_box(cx, cy, 16 + k % 3 * 4), fill=rgba(white, 0.9))
    return finish(vignette(img, 0.3), rng, grain=1.5)


@illustration("02-music", "07-beautiful-the-world")
def draw_beautiful_the_world(rng: random.Random) -> Image.Image:
    """Draw a spectrogram of eucalyptus and orange vertical bands crossed by rising streaks."""
    cols, rows = 100, 150
    stops = [
        (0.0, hexrgb("#0f1d18")),
        (0.25, hexrgb("#1f4438")),
        (0.45, hexrgb("#5e9e84")),
        (0.6, hexrgb("#9cc7ae")),
        (0.74, hexrgb("#f28c38")),
        (0.9, hexrgb("#ff9f4a")),
        (1.0, hexrgb("#ffd59a")),
    ]
    melody = [14 + 6 * math.sin(c / 7) + 3 * math.sin(c / 2.7) for c in range(cols)]
    loud = [0.45 + 0.55 * math.sin(c / 5.2) ** 2 for c in range(cols)]
    onsets = {c for c in range(cols) if rng.random() < 0.14}
    pixels = []
    for r in range(rows):
        freq = rows - 1 - r
        for c in range(cols):
            value = 0.32 * math.exp(-freq / 120) + rng.uniform(0, 0.1)
            if c in onsets:
                value += 0.4 * math.exp(-freq / 90)
            for k in range(1, 9):
                d = freq - melody[c] * k
                value += loud[c] * (1.0 / k**0.5) * math.exp(-(d * d) / (3.0 * k))
            pixels.append(ramp(stops, min(1.0, value)))
    small = Image.new("RGB", (cols, rows))
    small.putdata(pixels)
    img = small.resize((cols, H), Image.Resampling.BICUBIC).resize((W, H), Image.Resampling.NEAREST)
    draw = ImageDraw.Draw(img)
    band = W / cols
    for c in range(cols + 1):
        draw.line([(c * band, 0), (c * band, H)], fill=hexrgb("#0b1411"), width=5)
    streaks = Image.new("RGB", (W, H))
    sd = ImageDraw.Draw(streaks)
    for _ in range(6):
        x, y = rng.uniform(0, W * 0.8), rng.uniform(H * 0.6, H * 0.95)
        rise, run = rng.uniform(800, 1400), rng.uniform(250, 600)
        pts = [(x + run * t, y - rise * t**1.6) for t in (i / 30 for i in range(31))]
        for i in range(len(pts) - 1):
            t = (i + 1) / len(pts)
            sd.line(pts[i : i + 2], fill=shade(hexrgb("#ffb35c"), t), width=26)
            sd.line(pts[i : i + 2], fill=shade(hexrgb("#fff3d6"), t), width=8)
    img = bloom(img, streaks.filter(ImageFilter.GaussianBlur(3)), 26, 1.0)
    return finish(vignette(img, 0.3), rng, grain=1.5)


@dataclass
class Mark:
    """One pen mark on a music manuscript: a head, a stem, a beam or a slur."""

    kind: str
    points: list[Point]
    filled: bool = True


def manuscript_marks(rng: random.Random, staves: Sequence[float], gap: float) -> list[Mark]:
    """Invent a dense page of handwritten note marks along staves."""
    marks: list[Mark] = []
    for top in staves:
        x = 260.0
        while x < W - 200:
            group = rng.randrange(1, 5)
            heads = []
            base = rng.randrange(-2, 10)
            for _ in range(group):
                y = top + (base + rng.randrange(-2, 3)) * gap / 2
                heads.append((x, y))
                marks.append(Mark("head", [(x, y)], rng.random() < 0.8))
                x += rng.uniform(50, 80)
            up = base > 4
            stem_len = gap * 3.3
            stems = []
            for hx, hy in heads:
                sx = hx + (13 if up else -13)
                end = (sx, hy - stem_len if up else hy + stem_len)
                stems.append(end)
                marks.append(Mark("stem", [(sx, hy), end]))
            if group > 1:
                marks.append(Mark("beam", [stems[0], stems[-1]]))
            if rng.random() < 0.18:
                y = top - gap * 1.5
                marks.append(
                    Mark("slur", [(heads[0][0], y), ((heads[0][0] + x) / 2, y - 40), (x, y)])
                )
            x += rng.uniform(40, 110)
            if rng.random() < 0.12:
                marks.append(Mark("bar", [(x, top), (x, top + 4 * gap)]))
                x += 50
    return marks


def draw_mark(
    draw: ImageDraw.ImageDraw, rng: random.Random, mark: Mark, color: Color, dotted: bool
) -> None:
    """Draw one manuscript mark in solid ink or as faint dots."""
    if mark.kind == "head":
        x, y = mark.points[0]
        if dotted:
            for px, py in ellipse_points(x, y, 17, 12, 8, -0.35):
                draw.ellipse(circle_box(px, py, 3.2), fill=color)
        else:
            note_head(
                draw, x, y, 13, color if mark.filled else None, None if mark.filled else color, 4
            )
        return
    pts = mark.points
    if mark.kind == "slur":
        pts = spline(pts, closed=False, steps=16)
    width = 9 if mark.kind == "beam" else 4
    if dotted:
        for px, py in walk(pts, 18):
            draw.ellipse(circle_box(px, py, 3.4 if mark.kind == "beam" else 2.8), fill=color)
    else:
        draw.line(wobble(pts, rng, 1.5), fill=color, width=width, joint="curve")


@illustration("02-music", "08-beethoven-x")
def draw_beethoven_x(rng: random.Random) -> Image.Image:
    """Draw a manuscript page: dense dark note marks at left, continued as faint dots at right."""
    img = gradient((W, H), [(0, hexrgb("#f1e6cc")), (1, hexrgb("#e7d7b4"))])
    img = mottle(img, rng, 5, 24)
    for _ in range(6):
        x, y = rng.choice((rng.uniform(0, 500), rng.uniform(W - 500, W))), rng.uniform(0, H)
        img = glow(
            img, hexrgb("#c9a66b"), circle_box(x, y, rng.uniform(200, 500)), 0.18, 1.5, screen=False
        )
    draw = ImageDraw.Draw(img)
    gap = 26
    staves = [220 + i * 205 for i in range(10)]
    rule = hexrgb("#8c7657")
    for top in staves:
        for i in range(5):
            y = top + i * gap + rng.uniform(-1, 1)
            draw.line([(180, y), (W - 150, y)], fill=rule, width=2)
    ink, faint = hexrgb("#2a1d12"), hexrgb("#9c876a")
    for mark in manuscript_marks(rng, staves, gap):
        dotted = mark.points[0][0] > W * 0.52
        draw_mark(draw, rng, mark, faint if dotted else ink, dotted)
    return finish(vignette(img, 0.25), rng, grain=3)


@illustration("02-music", "09-heart-on-my-sleeve")
def draw_heart_on_my_sleeve(rng: random.Random) -> Image.Image:
    """Draw a red voice waveform and its grey mirror image facing each other across a line."""
    img = gradient((W, H), [(0, hexrgb("#1b1819")), (1, hexrgb("#0e0d0e"))])
    red, grey = hexrgb("#e0393e"), hexrgb("#9a9a9f")
    left = Image.new("RGB", (W // 2, H))
    draw = ImageDraw.Draw(left)
    step = 14
    n = (W // 2 - 80) // step
    env = envelope_curve(rng, n, 11)
    for i in range(n):
        x = 80 + i * step
        wiggle = 0.35 + 0.65 * abs(math.sin(i * 0.9) * math.cos(i * 0.37 + 1))
        amp = 8 + 720 * env[i] * wiggle * (0.6 + 0.4 * i / n)
        draw.rounded_rectangle((x, H / 2 - amp, x + 8, H / 2 + amp), radius=4, fill=red)
    mirror = left.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    grey_layer = Image.merge(
        "RGB",
        [mirror.getchannel("R").point([round(v * c / 255) for v in range(256)]) for c in grey],
    )
    light = Image.new("RGB", (W, H))
    light.paste(left, (0, 0))
    light.paste(grey_layer, (W // 2, 0))
    img = bloom(img, light, 14, 0.5)
    draw = ImageDraw.Draw(img)
    draw.line([(W / 2, 120), (W / 2, H - 120)], fill=hexrgb("#f2efe9"), width=4)
    return finish(vignette(img, 0.3), rng, grain=1.5)


# --------------------------------------------------------------------------- 03 entertainment


@dataclass(frozen=True)
class Figure:
    """A standing text-line figure in the Sunspring scene, in fractions of the frame."""

    x: float
    height: float
    slope: float


SUNSPRING_FIGURES = (Figure(0.3, 0.6, -0.02), Figure(0.51, 0.68, 0.0), Figure(0.71, 0.57, 0.03))
SUNSPRING_ROWS = 58


def figure_spans(u: float) -> list[tuple[float, float]]:
    """Return a standing figure's horizontal spans at height u (0 top of head, 1 feet)."""
    if u < 0.13:
        w = 0.062 * math.sqrt(max(0.0, 1 - ((u - 0.065) / 0.065) ** 2))
        return [(-w, w)]
    if u < 0.16:
        return [(-0.026, 0.026)]
    if u < 0.21:
        w = 0.05 + 0.09 * math.sqrt((u - 0.16) / 0.05)
        return [(-w, w)]
    if u < 0.53:
        body = 0.098 - 0.02 * (u - 0.21) / 0.32
        arm_in, arm_out = body + 0.012, 0.14 - 0.012 * (u - 0.21) / 0.32
        return [(-arm_out, -arm_in), (-body, body), (arm_in, arm_out)]
    if u < 0.57:
        return [(-0.095, 0.095)]
    out = 0.09 - 0.025 * (u - 0.57) / 0.43
    return [(-out, -0.012), (0.012, out)]


def row_words(seed: str, start: float, end: float, height: float) -> list[tuple[float, float]]:
    """Return word-like (start, end) runs filling a span, chosen from a seed."""
    rng = random.Random(seed)
    words, x = [], start + rng.uniform(0, height * 1.2)
    while x < end:
        stop = min(end, x + height * rng.uniform(1.2, 5.5))
        if stop - x > height * 0.8:
            words.append((x, stop))
        x = stop + height * rng.uniform(0.8, 1.4)
    return words


def sunspring_background(size: tuple[int, int]) -> Image.Image:
    """Draw the dark film frame, its sprocket strips and the cold green haze."""
    w, h = size
    strip = round(h * 0.085)
    img = gradient(
        size, [(0, hexrgb("#071410")), (0.75, hexrgb("#030806")), (1, hexrgb("#020504"))]
    )
    img = glow(img, hexrgb("#1b5a42"), circle_box(w / 2, strip, w * 0.45, h * 0.7), 0.55, 1.4)
    img = glow(img, hexrgb("#0f3a2a"), circle_box(w / 2, h * 0.86, w * 0.36, h * 0.06), 0.6, 1.2)
    draw = ImageDraw.Draw(img)
    for y0 in (0, h - strip):
        draw.rectangle((0, y0, w, y0 + strip), fill=hexrgb("#0b100e"))
        hole_w, hole_h = strip * 0.55, strip * 0.42
        pitch = hole_w * 2.3
        x = pitch / 3
        while x < w:
            cy = y0 + strip / 2
            draw.rounded_rectangle(
                (x, cy - hole_h / 2, x + hole_w, cy + hole_h / 2),
                radius=hole_h * 0.25,
                fill=hexrgb("#010202"),
            )
            x += pitch
    draw.rectangle((0, strip, w - 1, h - strip), outline=hexrgb("#14201b"), width=max(2, h // 300))
    return vignette(img, 0.45, 1.5)


def sunspring_scene(size: tuple[int, int], t: float | None, seed: str) -> Image.Image:
    """Draw the Sunspring scene at 2x: three text-line figures lit cold green; t animates it."""
    w, h = size
    img = sunspring_background(size)
    light = Image.new("RGB", size)
    draw = ImageDraw.Draw(light)
    floor = h * 0.86
    bright, dim = hexrgb("#aaffd2"), hexrgb("#1f6a4c")
    for f, figure in enumerate(SUNSPRING_FIGURES):
        fh = figure.height * h
        pitch = fh / SUNSPRING_ROWS
        bar = pitch * 0.52
        cx = figure.x * w
        for i in range(SUNSPRING_ROWS):
            u = (i + 0.5) / SUNSPRING_ROWS
            y = floor - fh * (1 - u)
            row_rng = random.Random(f"{seed}:{f}:{i}")
            period, phase = row_rng.uniform(0.8, 2.6), row_rng.random()
            level = 1.0 - 0.55 * u
            shift = 0.0
            epoch = 0
            if t is not None:
                epoch = int(t / period + phase)
                wave_t = 0.82 + 0.18 * math.sin(
                    2 * math.pi * (t * row_rng.uniform(0.4, 1.6) + phase)
                )
                flick = random.Random(f"{seed}:{f}:{i}:{round(t * 24)}").random()
                level *= wave_t * (0.35 if flick < 0.025 else 1.0)
                shift = pitch * 0.9 * math.sin(2 * math.pi * (t / (period * 3.1) + phase))
            color = mix(dim, bright, level)
            for s, (a, b) in enumerate(figure_spans(u)):
                x0 = cx + (a + figure.slope * (1 - u)) * fh
                x1 = cx + (b + figure.slope * (1 - u)) * fh
                for ws, we in row_words(f"{seed}:{f}:{i}:{s}:{epoch}", x0, x1, bar):
                    ws, we = max(x0, ws + shift), min(x1, we + shift)
                    if we - ws > bar * 0.5:
                        draw.rectangle((ws, y - bar / 2, we, y + bar / 2), fill=color)
    img = bloom(img, light, h / 70, 0.85)
    return glow(img, hexrgb("#3dd598"), circle_box(w / 2, h * 0.1, w * 0.35, h * 0.35), 0.12)


@illustration("03-entertainment", "01-sunspring")
def draw_sunspring(rng: random.Random) -> Image.Image:
    """Draw a dark film frame with three standing figures of text-like lines lit cold green."""
    return finish(sunspring_scene((W, H), None, "01-sunspring"), rng, grain=2)


def go_cluster(
    rng: random.Random, ringed: tuple[int, int], count: int
) -> dict[tuple[int, int], int]:
    """Place a loose cluster of alternating black (0) and white (1) stones round a point."""
    stones = {ringed: 0}
    colour = 1
    moves = [(dx, dy) for dx in range(-3, 4) for dy in range(-3, 4) if 2 <= dx * dx + dy * dy <= 9]
    moves += [(1, 0), (0, 1), (-1, 0), (0, -1)]
    while len(stones) < count:
        (x, y), _ = rng.choice(list(stones.items()))
        dx, dy = rng.choice(moves)
        point = (x + dx, y + dy)
        if 1 <= point[0] <= 17 and 1 <= point[1] <= 16 and point not in stones:
            stones[point] = colour
            colour = 1 - colour
    return stones


@illustration("03-entertainment", "02-alphago")
def draw_alphago(rng: random.Random) -> Image.Image:
    """Draw a pale wooden 19x19 Go board from above, a loose cluster and one red-ringed stone."""
    img = gradient((W, H), [(0, hexrgb("#2b302c")), (1, hexrgb("#171a18"))])
    size = 2200
    bx, by = (W - size) // 2, (H - size) // 2
    shadow = Image.new("L", (W, H), 0)
    ImageDraw.Draw(shadow).rectangle((bx + 30, by + 40, bx + size + 30, by + size + 40), fill=200)
    img.paste(
        Image.new("RGB", (W, H), hexrgb("#070807")),
        (0, 0),
        shadow.filter(ImageFilter.GaussianBlur(40)),
    )
    board = gradient(
        (size, size), [(0, hexrgb("#e8cb96")), (1, hexrgb("#d8b57c"))], horizontal=True
    )
    bd = ImageDraw.Draw(board, "RGBA")
    for _ in range(220):
        y = rng.uniform(-50, size + 50)
        amp, freq, phase = rng.uniform(4, 26), rng.uniform(0.002, 0.006), rng.uniform(0, 6.3)
        pts = [(x, y + amp * math.sin(x * freq + phase)) for x in range(0, size + 40, 40)]
        tone = hexrgb("#b98d52") if rng.random() < 0.6 else hexrgb("#f5dcaa")
        bd.line(
            pts, fill=rgba(tone, rng.uniform(0.08, 0.3)), width=rng.randrange(2, 7), joint="curve"
        )
    board = board.filter(ImageFilter.GaussianBlur(1.2))
    bd = ImageDraw.Draw(board)
    margin = 120
    spacing = (size - 2 * margin) / 18
    line = hexrgb("#2d2217")
    for i in range(19):
        p = margin + i * spacing
        bd.line([(margin, p), (size - margin, p)], fill=line, width=4)
        bd.line([(p, margin), (p, size - margin)], fill=line, width=4)
    for i in (3, 9, 15):
        for j in (3, 9, 15):
            bd.ellipse(circle_box(margin + i * spacing, margin + j * spacing, 11), fill=line)
    bd.rectangle((0, 0, size - 1, size - 1), outline=hexrgb("#b8925a"), width=8)
    img.paste(board, (bx, by))
    ringed = (13, 4)
    stones = go_cluster(rng, ringed, 32)
    radius = round(spacing * 0.47)
    sprites = (
        sprite_disc(radius, hexrgb("#2b2b30"), hexrgb("#7c7c86"), hexrgb("#0a0a0c"), 0.6),
        sprite_disc(radius, hexrgb("#f4f1ea"), hexrgb("#ffffff"), hexrgb("#bdb7aa"), 0.8),
    )
    shadows = Image.new("L", (W, H), 0)
    sd = ImageDraw.Draw(shadows)

    def centre(point: tuple[int, int]) -> Point:
        """Return the pixel centre of a board point."""
        return bx + margin + point[0] * spacing, by + margin + point[1] * spacing

    for point in stones:
        x, y = centre(point)
        sd.ellipse(circle_box(x + 10, y + 14, radius), fill=150)
    img.paste(
        Image.new("RGB", (W, H), hexrgb("#4a3720")),
        (0, 0),
        shadows.filter(ImageFilter.GaussianBlur(8)),
    )
    for point, colour in stones.items():
        paste_centered(img, sprites[colour], centre(point))
    draw = ImageDraw.Draw(img)
    draw.ellipse(circle_box(*centre(ringed), radius + 20), outline=hexrgb("#d7263d"), width=11)
    img = glow(img, hexrgb("#fff2d8"), circle_box(W * 0.4, H * 0.3, 1500, 1200), 0.12)
    return finish(vignette(img, 0.3), rng, grain=2)


def doodle_circle(
    cx: float, cy: float, r: float, rng: random.Random, bumps: int = 0
) -> list[Point]:
    """Return a quick hand-drawn circle that overshoots its start."""
    start = rng.uniform(0, 2 * math.pi)
    pts = []
    for i in range(41):
        a = start + 2 * math.pi * 1.08 * i / 40
        rr = r * (
            1 + 0.05 * math.sin(3 * a) + (0.14 * abs(math.sin(bumps * a / 2)) if bumps else 0)
        )
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    return pts


def doodle_strokes(name: str, rng: random.Random) -> list[list[Point]]:
    """Return the strokes of one quick doodle in unit coordinates."""
    if name == "cat":
        strokes = [
            doodle_circle(0.5, 0.56, 0.28, rng),
            [(0.29, 0.42), (0.3, 0.16), (0.45, 0.3)],
            [(0.55, 0.29), (0.7, 0.16), (0.72, 0.42)],
            doodle_circle(0.4, 0.5, 0.028, rng),
            doodle_circle(0.6, 0.5, 0.028, rng),
            [(0.46, 0.63), (0.5, 0.67), (0.54, 0.63)],
        ]
        for side in (-1, 1):
            for dy in (-0.03, 0.04):
                strokes.append(
                    [(0.5 + side * 0.1, 0.63 + dy / 2), (0.5 + side * 0.38, 0.6 + dy * 2)]
                )
        return strokes
    if name == "house":
        return [
            [(0.2, 0.46), (0.2, 0.88), (0.8, 0.88), (0.8, 0.46)],
            [(0.12, 0.5), (0.5, 0.13), (0.88, 0.5)],
            [(0.43, 0.88), (0.43, 0.66), (0.57, 0.66), (0.57, 0.88)],
            [(0.27, 0.56), (0.37, 0.56), (0.37, 0.66), (0.27, 0.66), (0.27, 0.56)],
            [(0.66, 0.2), (0.66, 0.08), (0.74, 0.08), (0.74, 0.3)],
        ]
    if name == "sun":
        strokes = [doodle_circle(0.5, 0.5, 0.19, rng)]
        for i in range(11):
            a = 2 * math.pi * i / 11 + rng.uniform(-0.08, 0.08)
            strokes.append(
                [
                    (0.5 + 0.27 * math.cos(a), 0.5 + 0.27 * math.sin(a)),
                    (0.5 + 0.4 * math.cos(a), 0.5 + 0.4 * math.sin(a)),
                ]
            )
        return strokes
    if name == "bicycle":
        return [
            doodle_circle(0.26, 0.64, 0.18, rng),
            doodle_circle(0.74, 0.64, 0.18, rng),
            [(0.26, 0.64), (0.46, 0.64), (0.64, 0.4), (0.38, 0.4), (0.26, 0.64)],
            [(0.46, 0.64), (0.36, 0.3)],
            [(0.29, 0.3), (0.43, 0.3)],
            [(0.74, 0.64), (0.62, 0.28)],
            [(0.56, 0.27), (0.68, 0.24)],
        ]
    if name == "tree":
        return [
            [(0.44, 0.9), (0.45, 0.6)],
            [(0.56, 0.9), (0.55, 0.6)],
            doodle_circle(0.5, 0.4, 0.24, rng, bumps=7),
            [(0.2, 0.9), (0.8, 0.9)],
        ]
    body_top = spline([(0.16, 0.52), (0.42, 0.28), (0.7, 0.5)], closed=False, steps=10)
    body_bottom = spline([(0.16, 0.52), (0.42, 0.74), (0.7, 0.5)], closed=False, steps=10)
    return [
        body_top,
        body_bottom,
        [(0.7, 0.5), (0.87, 0.33), (0.86, 0.68), (0.7, 0.5)],
        doodle_circle(0.3, 0.47, 0.025, rng),
        [(0.44, 0.38), (0.48, 0.5), (0.44, 0.62)],
    ]


def hand_drawn(
    points: Sequence[Point], rng: random.Random, box: tuple[float, float, float], amount: float
) -> list[Point]:
    """Map unit points into a cell and make the line wobble like a quick mouse stroke."""
    x0, y0, size = box
    mapped = [(x0 + x * size, y0 + y * size) for x, y in points]
    dense = list(walk(mapped, 10)) + [mapped[-1]]
    phase, freq = rng.uniform(0, 6.3), rng.uniform(0.08, 0.2)
    return [
        (x + amount * math.sin(i * freq + phase), y + amount * math.cos(i * freq * 1.3 + phase))
        for i, (x, y) in enumerate(dense)
    ]


@illustration("03-entertainment", "03-quick-draw")
def draw_quick_draw(rng: random.Random) -> Image.Image:
    """Draw six quick wobbly black doodles on white, each with a small coloured bar beneath."""
    img = Image.new("RGB", (W, H), hexrgb("#fcfcfa"))
    draw = ImageDraw.Draw(img)
    names = ("cat", "house", "sun", "bicycle", "tree", "fish")
    colours = [
        hexrgb(c) for c in ("#3b82f6", "#ef4444", "#f59e0b", "#22a55e", "#8b5cf6", "#14b8a6")
    ]
    cell_w, cell_h = W / 3, H / 2
    size = 760
    for k, name in enumerate(names):
        col, row = k % 3, k // 3
        x0 = col * cell_w + (cell_w - size) / 2
        y0 = row * cell_h + 60
        for stroke in doodle_strokes(name, rng):
            thick_line(draw, hand_drawn(stroke, rng, (x0, y0, size), 7), hexrgb("#141414"), 11)
        bar_y = y0 + size + 90
        bx0, bx1 = x0 + 110, x0 + size - 110
        draw.rounded_rectangle((bx0, bar_y, bx1, bar_y + 30), radius=15, fill=hexrgb("#e7e7e4"))
        fill_to = bx0 + (bx1 - bx0) * rng.uniform(0.45, 0.95)
        draw.rounded_rectangle((bx0, bar_y, fill_to, bar_y + 30), radius=15, fill=colours[k])
    return finish(img, rng)


def branch_nodes(
    rng: random.Random, root: Point, depth: int, spread: float
) -> list[tuple[Point, Point]]:
    """Return the edges of a path branching upwards from a root, one row of choices per level."""
    edges: list[tuple[Point, Point]] = []
    previous = [root]
    for level in range(1, depth + 1):
        count = (2, 3, 4, 3, 5, 4, 5)[(level - 1) % 7]
        y = root[1] - level * 300
        nodes = [
            (root[0] + (i - (count - 1) / 2) * spread + rng.uniform(-60, 60), y)
            for i in range(count)
        ]
        for node in nodes:
            parent = min((abs(p[0] - node[0]) * rng.uniform(0.5, 1.5), p) for p in previous)[1]
            edges.append((parent, node))
        previous = nodes
    return edges


@illustration("03-entertainment", "04-ai-dungeon")
def draw_ai_dungeon(rng: random.Random) -> Image.Image:
    """Draw a green-on-black terminal with blocky text bars and a branching path of glowing dots."""
    img = Image.new("RGB", (W, H), hexrgb("#151815"))
    draw = ImageDraw.Draw(img)
    screen = (150, 130, W - 150, H - 130)
    draw.rounded_rectangle(screen, radius=90, fill=hexrgb("#020a04"))
    light = Image.new("RGB", (W, H))
    ld = ImageDraw.Draw(light)
    green = hexrgb("#3dff7a")
    cell, bar = 30, 34
    y = 300
    row = 0
    while y < H - 400:
        if row % 5 == 4:
            y += 60
            row += 1
            continue
        x = 330
        level = rng.uniform(0.55, 0.9)
        if row % 5 == 0:
            ld.line([(x, y), (x + 22, y + bar / 2), (x, y + bar)], fill=green, width=8)
            x += 70
            level = 1.0
        end = 330 + rng.uniform(0.55, 1.0) * 1750
        while x < end:
            length = cell * rng.randrange(2, 10)
            ld.rectangle((x, y, min(end, x + length), y + bar), fill=shade(green, level))
            x += length + cell
        y += 78
        row += 1
    ld.rectangle((400, y - 78 + 80, 430, y - 78 + 80 + bar), fill=green)
    root = (2520, H - 360)
    edges = branch_nodes(rng, root, 6, 190)
    for p, q in edges:
        ld.line([p, q], fill=shade(green, 0.35), width=4)
        for i, point in enumerate(walk([p, q], 60)):
            if i:
                ld.ellipse(circle_box(*point, 6), fill=shade(green, 0.6))
    for p, q in edges:
        for point, r in ((p, 17), (q, 14)):
            ld.ellipse(circle_box(*point, r), fill=hexrgb("#b6ffcb"))
    img = bloom(img, light, 14, 1.1)
    img = glow(img, hexrgb("#0f3a1c"), circle_box(W / 2, H / 2, 1500, 1100), 0.4)
    mask = Image.new("L", (W, H), 0)
    ImageDraw.Draw(mask).rounded_rectangle(screen, radius=90, fill=255)
    frame = vignette(img, 0.6, 1.2)
    img = Image.composite(frame, Image.new("RGB", (W, H), hexrgb("#151815")), mask)
    draw = ImageDraw.Draw(img)
    draw.rounded_rectangle(screen, radius=90, outline=hexrgb("#2a2f2a"), width=12)
    return finish(img, rng, grain=2)


def soft_face(size: tuple[int, int], box: Sequence[float], tone: Color, blur: float) -> Image.Image:
    """Make an RGBA soft, blurred face-like oval with hints of brow, eyes, nose and mouth."""
    x0, y0, x1, y1 = box
    cx, cy, rx, ry = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2, (y1 - y0) / 2
    face = Image.new("RGB", size, shade(tone, 0.75))
    face = glow(
        face,
        shade(tone, 1.15),
        circle_box(cx - rx * 0.15, cy - ry * 0.25, rx, ry * 0.9),
        0.9,
        1.0,
        screen=False,
    )
    draw = ImageDraw.Draw(face)
    for side in (-1, 1):
        draw.ellipse(
            circle_box(cx + side * rx * 0.38, cy - ry * 0.1, rx * 0.2, ry * 0.09),
            fill=shade(tone, 0.55),
        )
    draw.ellipse(circle_box(cx, cy + ry * 0.12, rx * 0.09, ry * 0.2), fill=shade(tone, 1.2))
    draw.ellipse(circle_box(cx, cy + ry * 0.47, rx * 0.25, ry * 0.06), fill=shade(tone, 0.6))
    face = face.filter(ImageFilter.GaussianBlur(blur * 0.6))
    mask = Image.new("L", size, 0)
    ImageDraw.Draw(mask).ellipse(box, fill=255)
    face.putalpha(mask.filter(ImageFilter.GaussianBlur(blur)))
    return face


@illustration("03-entertainment", "05-welcome-to-chechnya")
def draw_welcome_to_chechnya(rng: random.Random) -> Image.Image:
    """Draw a soft blurred face-like oval under a fine white triangular mesh on dark grey."""
    img = gradient((W, H), [(0, hexrgb("#35363a")), (1, hexrgb("#1e1f22"))])
    cx, cy, rx, ry = W / 2, H * 0.5, 560, 780
    face = soft_face((W, H), circle_box(cx, cy, rx, ry), hexrgb("#a49a92"), 40)
    img.paste(face, (0, 0), face)
    cols, rows = 8, 11
    points: dict[tuple[int, int], Point] = {}
    for r in range(-rows, rows + 1):
        for c in range(-cols - 1, cols + 1):
            u, v = (c + (0.5 if r % 2 else 0.0)) / cols, r / rows
            rho = math.hypot(u, v)
            if rho > 1.1:
                continue
            if rho > 1:
                u, v = u / rho, v / rho
            else:
                u, v = u + rng.uniform(-0.015, 0.015), v + rng.uniform(-0.012, 0.012)
            rho = math.hypot(u, v) or 1.0
            bulge = math.sin(min(1.0, rho) * math.pi / 2) / rho
            points[(r, c)] = (cx + rx * u * bulge, cy + ry * v * bulge)
    triangles: list[tuple[Point, ...]] = []
    for (r, c), p in points.items():
        if r % 2 == 0:
            corners = (((r, c + 1), (r + 1, c)), ((r + 1, c), (r + 1, c - 1)))
        else:
            corners = (((r, c + 1), (r + 1, c + 1)), ((r + 1, c + 1), (r + 1, c)))
        for a, b in corners:
            if a in points and b in points:
                triangles.append((p, points[a], points[b]))
    draw = ImageDraw.Draw(img, "RGBA")
    for tri in triangles:
        draw.line([*tri, tri[0]], fill=(255, 255, 255, 125), width=3)
    for p in points.values():
        draw.ellipse(circle_box(*p, 5), fill=(255, 255, 255, 210))
    return finish(vignette(img, 0.35), rng, grain=2.5)


FACE_LANDMARKS: tuple[Point, ...] = (
    (-0.45, -0.32),
    (-0.15, -0.36),
    (0.15, -0.36),
    (0.45, -0.32),
    (-0.4, -0.12),
    (-0.22, -0.12),
    (0.22, -0.12),
    (0.4, -0.12),
    (0.0, -0.02),
    (0.0, 0.16),
    (-0.12, 0.24),
    (0.12, 0.24),
    (-0.27, 0.47),
    (0.0, 0.42),
    (0.27, 0.47),
    (0.0, 0.54),
    (-0.86, 0.05),
    (-0.74, 0.5),
    (-0.42, 0.84),
    (0.0, 0.97),
    (0.42, 0.84),
    (0.74, 0.5),
    (0.86, 0.05),
)
TRACKED = (0, 3, 4, 7, 9, 12, 14, 19)


@illustration("03-entertainment", "06-the-irishman")
def draw_the_irishman(rng: random.Random) -> Image.Image:
    """Draw three face-like ovals going from cool grey to warm, linked by lines of tracking dots."""
    img = gradient((W, H), [(0, hexrgb("#17181b")), (1, hexrgb("#0d0d0f"))])
    tones = (hexrgb("#8d97a3"), hexrgb("#b09f94"), hexrgb("#d39a76"))
    dot_tones = (hexrgb("#cfe0f5"), hexrgb("#eadbd0"), hexrgb("#ffd6b8"))
    rx, ry = 390, 520
    centres = [(W * f, H * 0.5) for f in (0.2, 0.5, 0.8)]
    for (cx, cy), tone in zip(centres, tones, strict=True):
        face = soft_face((W, H), circle_box(cx, cy, rx, ry), tone, 26)
        img.paste(face, (0, 0), face)
    draw = ImageDraw.Draw(img, "RGBA")

    def landmark(k: int, index: int) -> Point:
        """Return the position of a landmark on the k-th face."""
        x, y = FACE_LANDMARKS[index]
        return centres[k][0] + x * rx * 0.95, centres[k][1] + y * ry * 0.95

    for k in range(2):
        for index in TRACKED:
            p, q = landmark(k, index), landmark(k + 1, index)
            for i, point in enumerate(walk([p, q], 22)):
                t = i * 22 / math.dist(p, q)
                draw.ellipse(
                    circle_box(*point, 3.2), fill=rgba(mix(dot_tones[k], dot_tones[k + 1], t), 0.55)
                )
    for k in range(3):
        for index in range(len(FACE_LANDMARKS)):
            x, y = landmark(k, index)
            draw.ellipse(circle_box(x, y, 8), fill=rgba(dot_tones[k], 0.95))
            draw.ellipse(circle_box(x, y, 15), outline=rgba(dot_tones[k], 0.45), width=3)
    return finish(vignette(img, 0.3), rng, grain=2)


# --------------------------------------------------------------------------- 04 technology


def card(
    img: Image.Image, box: tuple[float, float, float, float], fill: Color, radius: int = 36
) -> None:
    """Draw a rounded panel with a soft drop shadow."""
    shadow = Image.new("L", img.size, 0)
    x0, y0, x1, y1 = box
    ImageDraw.Draw(shadow).rounded_rectangle(
        (x0 + 10, y0 + 22, x1 + 10, y1 + 22), radius=radius, fill=70
    )
    img.paste(
        Image.new("RGB", img.size, hexrgb("#7d8799")),
        (0, 0),
        shadow.filter(ImageFilter.GaussianBlur(26)),
    )
    ImageDraw.Draw(img).rounded_rectangle(box, radius=radius, fill=fill)


def logo_shape(
    draw: ImageDraw.ImageDraw, kind: int, cx: float, cy: float, r: float, color: Color
) -> None:
    """Draw one simple logo-like shape of a given kind."""
    if kind == 0:
        draw.ellipse(circle_box(cx, cy, r), fill=color)
    elif kind == 1:
        draw.polygon(ellipse_points(cx, cy, r, r, 3, 0, -math.pi / 2), fill=color)
    elif kind == 2:
        pts = [
            (
                cx + (r if i % 2 == 0 else r * 0.45) * math.cos(-math.pi / 2 + math.pi * i / 5),
                cy + (r if i % 2 == 0 else r * 0.45) * math.sin(-math.pi / 2 + math.pi * i / 5),
            )
            for i in range(10)
        ]
        draw.polygon(pts, fill=color)
    elif kind == 3:
        draw.polygon(ellipse_points(cx, cy, r, r, 6), fill=color)
    elif kind == 4:
        draw.ellipse(circle_box(cx, cy, r), outline=color, width=round(r * 0.25))
        draw.ellipse(circle_box(cx, cy, r * 0.3), fill=color)
    elif kind == 5:
        draw.polygon([(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)], fill=color)
    elif kind == 6:
        draw.rectangle((cx - r, cy - r * 0.28, cx + r, cy + r * 0.28), fill=color)
        draw.rectangle((cx - r * 0.28, cy - r, cx + r * 0.28, cy + r), fill=color)
    elif kind == 7:
        draw.ellipse(circle_box(cx - r * 0.4, cy, r * 0.6), fill=color)
        draw.ellipse(circle_box(cx + r * 0.4, cy, r * 0.6), outline=color, width=round(r * 0.18))
    elif kind == 8:
        pts = [
            (cx - r + 2 * r * i / 40, cy + r * 0.35 * math.sin(i / 40 * 4 * math.pi))
            for i in range(41)
        ]
        draw.line(pts, fill=color, width=round(r * 0.22), joint="curve")
        draw.line(
            [(x, y + r * 0.55) for x, y in pts], fill=color, width=round(r * 0.22), joint="curve"
        )
    elif kind == 9:
        draw.polygon(
            [
                (cx - r, cy + r * 0.6),
                (cx, cy - r * 0.8),
                (cx + r, cy + r * 0.6),
                (cx + r * 0.45, cy + r * 0.6),
                (cx, cy - r * 0.05),
                (cx - r * 0.45, cy + r * 0.6),
            ],
            fill=color,
        )
    elif kind == 10:
        draw.rounded_rectangle(
            (cx - r, cy - r, cx + r, cy + r), radius=r * 0.3, outline=color, width=round(r * 0.2)
        )
        draw.rectangle((cx - r * 0.4, cy - r * 0.4, cx + r * 0.4, cy + r * 0.4), fill=color)
    else:
        draw.pieslice(circle_box(cx, cy, r), 30, 330, fill=color)


@illustration("04-technology", "01-wipo-ai-tools")
def draw_wipo_ai_tools(rng: random.Random) -> Image.Image:
    """Draw two panels: text bars linked by arrows, and a grid of logo shapes, one highlighted."""
    img = gradient((W, H), [(0, hexrgb("#e9eef5")), (1, hexrgb("#dbe2ec"))])
    left, right = (150, 230, 1540, 2170), (1660, 230, 3050, 2170)
    for box in (left, right):
        card(img, box, hexrgb("#ffffff"))
    draw = ImageDraw.Draw(img, "RGBA")
    slate, blue, arrow = hexrgb("#55657d"), hexrgb("#2f6fdb"), hexrgb("#93a1b5")
    rows = 11
    pitch = (left[3] - left[1] - 260) / (rows - 1)
    targets = list(range(rows))
    for i in range(0, rows - 1, 3):
        targets[i], targets[i + 1] = targets[i + 1], targets[i]
    ends = []
    for i in range(rows):
        y = left[1] + 130 + i * pitch
        length = rng.uniform(240, 480)
        draw.rounded_rectangle(
            (left[0] + 130, y - 18, left[0] + 130 + length, y + 18), radius=18, fill=slate
        )
        ends.append((left[0] + 150 + length, y))
    for i in range(rows):
        y = left[1] + 130 + i * pitch
        start = left[0] + 860
        length = rng.uniform(240, 470)
        draw.rounded_rectangle((start, y - 18, start + length, y + 18), radius=18, fill=blue)
    for i, (x, y) in enumerate(ends):
        ty = left[1] + 130 + targets[i] * pitch
        tip = (left[0] + 835, ty)
        draw.line([(x, y), (x + 80, y), (tip[0] - 80, ty), tip], fill=arrow, width=4, joint="curve")
        draw.polygon([tip, (tip[0] - 22, ty - 12), (tip[0] - 22, ty + 12)], fill=arrow)
    cols, grid_rows = 4, 4
    cw = (right[2] - right[0] - 200) / cols
    ch = (right[3] - right[1] - 200) / grid_rows
    chosen = rng.randrange(cols * grid_rows)
    kinds = rng.sample(range(12), 12) + rng.sample(range(12), 4)
    dark, orange = hexrgb("#3d4a5c"), hexrgb("#f08c2e")
    for k in range(cols * grid_rows):
        cx = right[0] + 100 + (k % cols + 0.5) * cw
        cy = right[1] + 100 + (k // cols + 0.5) * ch
        if k == chosen:
            side = min(cw, ch) / 2 - 18
            draw.rounded_rectangle(
                (cx - side, cy - side, cx + side, cy + side),
                radius=30,
                fill=hexrgb("#fff1e0"),
                outline=orange,
                width=9,
            )
        logo_shape(draw, kinds[k], cx, cy, min(cw, ch) * 0.27, orange if k == chosen else dark)
    return finish(img, rng, grain=1)


@illustration("04-technology", "02-how-machine-learning-works")
def draw_how_machine_learning_works(rng: random.Random) -> Image.Image:
    """Draw a three-stage diagram, Training data, Model, Output, with dots flowing through it."""
    img = Image.new("RGB", (W, H), hexrgb("#f6f4ef"))
    draw = ImageDraw.Draw(img, "RGBA")
    ink, edge = hexrgb("#2b2f3a"), hexrgb("#8f96a3")
    colours = [hexrgb(c) for c in ("#ef6f6c", "#2a9d8f", "#e9b949")]
    panels = [(130, 330, 1000, 2230), (1150, 330, 2130, 2230), (2280, 330, 3070, 2230)]
    labels = ("Training data", "Model", "Output")
    title = font(78, bold=True)
    for box, label in zip(panels, labels, strict=True):
        draw.rounded_rectangle(box, radius=40, fill=hexrgb("#ebe8e0"))
        tw = draw.textlength(label, font=title)
        draw.text(((box[0] + box[2]) / 2 - tw / 2, 170), label, fill=ink, font=title)
    data: list[tuple[Point, int]] = []
    while len(data) < 84:
        p = (rng.uniform(200, 930), rng.uniform(420, 2140))
        if all(math.dist(p, q) > 62 for q, _ in data):
            data.append((p, rng.randrange(3)))
    for (x, y), c in data:
        draw.ellipse(circle_box(x, y, 24), fill=colours[c])
    layers = [4, 6, 6, 3]
    xs = [1290, 1530, 1770, 2000]
    nodes = [
        [(x, 1280 + (i - (n - 1) / 2) * (250 if n > 3 else 420)) for i in range(n)]
        for x, n in zip(xs, layers, strict=True)
    ]
    for a, b in zip(nodes, nodes[1:], strict=False):
        for p in a:
            for q in b:
                draw.line([p, q], fill=rgba(edge, 0.45), width=4)
                if rng.random() < 0.3:
                    t = rng.uniform(0.2, 0.8)
                    draw.ellipse(circle_box(*lerp_point(p, q, t), 13), fill=rng.choice(colours))
    for i, target in enumerate(nodes[0]):
        source = (1020, 700 + i * 370)
        for k, point in enumerate(walk([source, target], 44)):
            draw.ellipse(circle_box(*point, 10), fill=colours[(i + k) % 3])
    outputs = []
    for c, node in enumerate(nodes[-1]):
        row_y = node[1]
        for j in range(8):
            col, line = j % 4, j // 4
            outputs.append(((2490 + col * 130, row_y - 65 + line * 130), c))
        for k, point in enumerate(walk([node, (2430, row_y)], 44)):
            if k:
                draw.ellipse(circle_box(*point, 10), fill=colours[c])
    for (x, y), c in outputs:
        draw.ellipse(circle_box(x, y, 40), fill=colours[c])
    for layer in nodes:
        for p in layer:
            draw.ellipse(circle_box(*p, 50), fill=hexrgb("#ffffff"), outline=ink, width=7)
    return finish(img, rng, grain=1)


# --------------------------------------------------------------------------- 05 ip and policy


@illustration("05-ip-and-policy", "01-dabus")
def draw_dabus(rng: random.Random) -> Image.Image:
    """Draw a chain of linked glowing spheres above a blank form with an empty inventor line."""
    img = gradient((W, H), [(0, hexrgb("#151a3a")), (1, hexrgb("#080a1c"))])
    light = Image.new("RGB", (W, H))
    ld = ImageDraw.Draw(light)
    count = 9
    spheres = []
    for i in range(count):
        t = i / (count - 1)
        x = 330 + t * (W - 660)
        y = 640 - 220 * math.sin(t * math.pi) + rng.uniform(-30, 30)
        spheres.append((x, y, rng.uniform(62, 104)))
    for (x0, y0, _), (x1, y1, _) in zip(spheres, spheres[1:], strict=False):
        ld.line([(x0, y0), (x1, y1)], fill=hexrgb("#4d79c9"), width=7)
        mid = lerp_point((x0, y0), (x1, y1), 0.5)
        ld.ellipse(circle_box(*mid, 34, 20), outline=hexrgb("#7ea8f0"), width=6)
    img = bloom(img, light, 10, 0.8)
    cyan, violet = hexrgb("#5ce1e6"), hexrgb("#a27bff")
    for i, (x, y, r) in enumerate(spheres):
        tone = mix(cyan, violet, i / (count - 1))
        img = glow(img, tone, circle_box(x, y, r * 3.2), 0.55, 2.0)
        paste_centered(
            img, sprite_disc(round(r), tone, hexrgb("#ffffff"), shade(tone, 0.35), 0.95), (x, y)
        )
    draw = ImageDraw.Draw(img, "RGBA")
    line = rgba(hexrgb("#dfe6ff"), 0.85)
    fx0, fy0, fx1, fy1 = 880, 1160, 2320, 2250
    draw.rectangle((fx0, fy0, fx1, fy1), outline=line, width=6)
    draw.rectangle(
        (fx0 + 70, fy0 + 70, fx1 - 70, fy0 + 180), outline=rgba((223, 230, 255), 0.5), width=4
    )
    label = font(56, bold=True)
    y = fy0 + 330
    draw.text((fx0 + 90, y - 70), "Inventor", fill=line, font=label)
    draw.line([(fx0 + 420, y), (fx1 - 90, y)], fill=line, width=6)
    for k in range(3):
        yy = y + 180 + k * 170
        draw.rectangle(
            (fx0 + 90, yy - 60, fx0 + 330, yy + 10), outline=rgba((223, 230, 255), 0.45), width=4
        )
        draw.line([(fx0 + 420, yy), (fx1 - 90, yy)], fill=rgba((223, 230, 255), 0.45), width=4)
    return finish(vignette(img, 0.35), rng, grain=2)


def monkey_silhouette(size: tuple[int, int], cx: float, cy: float, s: float) -> Image.Image:
    """Make an L mask of a simple monkey-head silhouette with eye, nostril and mouth cut-outs."""
    mask = Image.new("L", size, 0)
    draw = ImageDraw.Draw(mask)
    draw.ellipse(circle_box(cx, cy - s * 0.25, s * 0.78, s * 0.7), fill=255)
    draw.ellipse(circle_box(cx, cy + s * 0.2, s * 0.86, s * 0.55), fill=255)
    draw.ellipse(circle_box(cx, cy + s * 0.62, s * 0.52, s * 0.42), fill=255)
    for side in (-1, 1):
        draw.ellipse(circle_box(cx + side * s * 0.95, cy - s * 0.08, s * 0.24, s * 0.28), fill=255)
    crest = [
        (cx - s * 0.3, cy - s * 0.85),
        (cx - s * 0.02, cy - s * 1.3),
        (cx + s * 0.14, cy - s * 1.18),
        (cx + s * 0.34, cy - s * 0.84),
    ]
    draw.polygon(spline(crest, closed=True, steps=8), fill=255)
    for side in (-1, 1):
        eye_box = circle_box(cx + side * s * 0.27, cy - s * 0.06, s * 0.16, s * 0.1)
        draw.ellipse(eye_box, fill=0)
        draw.ellipse(circle_box(cx + side * s * 0.09, cy + s * 0.56, s * 0.045, s * 0.035), fill=0)
    draw.arc(
        circle_box(cx, cy + s * 0.62, s * 0.3, s * 0.22), 30, 150, fill=0, width=round(s * 0.05)
    )
    return mask


@illustration("05-ip-and-policy", "02-naruto-v-slater")
def draw_naruto_v_slater(rng: random.Random) -> Image.Image:
    """Draw a camera lens of concentric circles reflecting a monkey-head silhouette, in greens."""
    img = gradient((W, H), [(0, hexrgb("#1f4a2b")), (1, hexrgb("#0c2214"))])
    leaves = Image.new("RGB", (W, H))
    mask = Image.new("L", (W, H), 0)
    ld, md = ImageDraw.Draw(leaves), ImageDraw.Draw(mask)
    greens = [hexrgb(c) for c in ("#2f6b3a", "#3f8a45", "#1d4d28", "#5c9e4a", "#27582f")]
    for _ in range(70):
        x, y = rng.uniform(-200, W + 200), rng.uniform(-200, H + 200)
        length = rng.uniform(300, 700)
        outline = organic_outline(rng, (x, y), length, length * 0.36, rng.uniform(0, 6.3), 0.05)
        ld.polygon(outline, fill=rng.choice(greens))
        md.polygon(outline, fill=rng.randrange(120, 230))
    img = Image.composite(leaves, img, mask).filter(ImageFilter.GaussianBlur(18))
    cx, cy = W / 2, H / 2
    draw = ImageDraw.Draw(img)
    draw.ellipse(circle_box(cx + 30, cy + 40, 960), fill=hexrgb("#06140a"))
    img = img.filter(ImageFilter.GaussianBlur(3))
    draw = ImageDraw.Draw(img)
    rings = [
        (930, "#122a18"),
        (880, "#0b1d10"),
        (800, "#1a3a22"),
        (760, "#0a170d"),
        (700, "#06110a"),
    ]
    for r, colour in rings:
        draw.ellipse(circle_box(cx, cy, r), fill=hexrgb(colour))
    for r in range(810, 880, 12):
        draw.ellipse(circle_box(cx, cy, r), outline=hexrgb("#24462c"), width=4)
    glass = 680
    inner = gradient(
        (W, H), [(0, hexrgb("#1d4a2c")), (0.5, hexrgb("#0a2012")), (1, hexrgb("#040c06"))]
    )
    inner = glow(inner, hexrgb("#3c8a4a"), circle_box(cx - 200, cy - 260, 560), 0.5, 1.6)
    reflection = monkey_silhouette((W, H), cx + 40, cy + 20, 230)
    reflection = reflection.filter(ImageFilter.GaussianBlur(5)).point(
        [v * 150 // 255 for v in range(256)]
    )
    inner = Image.composite(Image.new("RGB", (W, H), hexrgb("#8fd17a")), inner, reflection)
    lens_mask = Image.new("L", (W, H), 0)
    ImageDraw.Draw(lens_mask).ellipse(circle_box(cx, cy, glass), fill=255)
    img = Image.composite(inner, img, lens_mask)
    draw = ImageDraw.Draw(img, "RGBA")
    pale = hexrgb("#9fd98a")
    for r, alpha in ((glass, 0.7), (600, 0.35), (470, 0.28), (330, 0.25), (190, 0.22)):
        draw.ellipse(circle_box(cx, cy, r), outline=rgba(pale, alpha), width=5)
    draw.arc(circle_box(cx, cy, glass - 60), 200, 250, fill=rgba(hexrgb("#eaffe0"), 0.75), width=22)
    draw.ellipse(circle_box(cx - 250, cy - 330, 34), fill=rgba(hexrgb("#eaffe0"), 0.6))
    draw.ellipse(circle_box(cx + 300, cy + 280, 16), fill=rgba(hexrgb("#eaffe0"), 0.35))
    return finish(vignette(img, 0.4), rng, grain=2)


def bubble(
    draw: ImageDraw.ImageDraw,
    rng: random.Random,
    centre: Point,
    size: tuple[float, float],
    tail: Point,
    color: Color,
    rounded: bool,
) -> None:
    """Draw a coloured speech bubble with a tail and a few white text bars."""
    cx, cy = centre
    w, h = size
    box = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
    angle = math.atan2(tail[1] - cy, tail[0] - cx)
    nx, ny = -math.sin(angle), math.cos(angle)
    base = (cx + math.cos(angle) * w * 0.3, cy + math.sin(angle) * h * 0.3)
    draw.polygon(
        [(base[0] + nx * 44, base[1] + ny * 44), tail, (base[0] - nx * 44, base[1] - ny * 44)],
        fill=color,
    )
    if rounded:
        draw.rounded_rectangle(box, radius=h * 0.32, fill=color)
    else:
        draw.ellipse(box, fill=color)
    lines = 3 if h > 240 else 2
    for i in range(lines):
        y = cy + (i - (lines - 1) / 2) * 56 - 11
        text_bars(draw, rng, cx - w * 0.32, y, w * 0.64, 22, (255, 255, 255, 215), radius=11)


@illustration("05-ip-and-policy", "03-wipo-conversation")
def draw_wipo_conversation(rng: random.Random) -> Image.Image:
    """Draw speech bubbles of many colours in a circle round a central question mark."""
    img = gradient((W, H), [(0, hexrgb("#f5f1e8")), (1, hexrgb("#ebe4d6"))])
    draw = ImageDraw.Draw(img, "RGBA")
    colours = [
        hexrgb(c)
        for c in (
            "#e76f51",
            "#f4a261",
            "#e9c46a",
            "#8ab17d",
            "#2a9d8f",
            "#3a86ff",
            "#5e60ce",
            "#9b5de5",
            "#f15bb5",
            "#00bbf9",
            "#43aa8b",
            "#d62839",
        )
    ]
    cx, cy = W / 2, H / 2
    count = len(colours)
    for i, colour in enumerate(colours):
        a = -math.pi / 2 + 2 * math.pi * i / count + rng.uniform(-0.05, 0.05)
        bx, by = cx + math.cos(a) * 1130, cy + math.sin(a) * 830
        tail = (cx + math.cos(a) * 720, cy + math.sin(a) * 520)
        size = (rng.uniform(400, 500), rng.uniform(230, 290))
        bubble(draw, rng, (bx, by), size, tail, colour, i % 2 == 0)
    mark = font(880, bold=True)
    box = draw.textbbox((0, 0), "?", font=mark)
    origin = (cx - (box[0] + box[2]) / 2, cy - (box[1] + box[3]) / 2)
    shadow = Image.new("L", (W, H), 0)
    ImageDraw.Draw(shadow).text((origin[0] + 14, origin[1] + 22), "?", fill=90, font=mark)
    img.paste(
        Image.new("RGB", (W, H), hexrgb("#6b5f4a")),
        (0, 0),
        shadow.filter(ImageFilter.GaussianBlur(18)),
    )
    ImageDraw.Draw(img).text(origin, "?", fill=hexrgb("#1f2a44"), font=mark)
    return finish(img, rng, grain=2)


def photo(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    """Make a small photograph-like picture: a sky, a sun or moon and hills, in a white border."""
    w, h = size
    palettes = [
        ("#8ecae6", "#ffe8d6", "#52796f"),
        ("#ffb4a2", "#ffe5b4", "#6d597a"),
        ("#22223b", "#4a4e69", "#9a8c98"),
        ("#caf0f8", "#90e0ef", "#2d6a4f"),
        ("#f9c74f", "#f3722c", "#577590"),
        ("#b8c0ff", "#ffd6ff", "#3d405b"),
    ]
    sky, glow_c, land = (hexrgb(c) for c in rng.choice(palettes))
    img = gradient(size, [(0, sky), (1, glow_c)])
    draw = ImageDraw.Draw(img)
    draw.ellipse(
        circle_box(w * rng.uniform(0.2, 0.8), h * rng.uniform(0.2, 0.45), h * 0.12),
        fill=mix(glow_c, (255, 255, 255), 0.6),
    )
    for layer in range(2):
        base = h * (0.62 + 0.14 * layer)
        pts = (
            [(0, h)]
            + [
                (x, base - h * 0.12 * math.sin(x / w * 3 + rng.uniform(0, 3)))
                for x in range(0, w + 20, 20)
            ]
            + [(w, h)]
        )
        draw.polygon(pts, fill=shade(land, 1 - 0.25 * layer))
    framed = Image.new("RGB", (w + 24, h + 24), hexrgb("#f7f7f4"))
    framed.paste(img, (12, 12))
    return framed


@illustration("05-ip-and-policy", "04-getty-v-stability")
def draw_getty_v_stability(rng: random.Random) -> Image.Image:
    """Draw a grid of photograph-like rectangles, a few crossed by a pale band, feeding a funnel."""
    img = gradient((W, H), [(0, hexrgb("#232a36")), (1, hexrgb("#12161d"))])
    pw, ph, cols, rows = 360, 250, 7, 3
    gap = 40
    x0 = (W - cols * (pw + 24) - (cols - 1) * gap) / 2
    banded = set(rng.sample(range(cols * rows), 4))
    mouth = (W / 2, 1480)
    draw = ImageDraw.Draw(img, "RGBA")
    centres = []
    for k in range(cols * rows):
        x = x0 + (k % cols) * (pw + 24 + gap)
        y = 120 + (k // cols) * (ph + 24 + gap)
        centres.append((x + (pw + 24) / 2, y + ph + 24))
    for cx, cy in centres:
        draw.line(
            [(cx, cy), (mouth[0] + (cx - mouth[0]) * 0.55, mouth[1] - 40)],
            fill=(200, 210, 225, 60),
            width=3,
        )
    for k in range(cols * rows):
        x = round(x0 + (k % cols) * (pw + 24 + gap))
        y = round(120 + (k // cols) * (ph + 24 + gap))
        picture = photo(rng, (pw, ph))
        if k in banded:
            pd = ImageDraw.Draw(picture, "RGBA")
            pd.polygon(
                [(0, ph + 24), (90, ph + 24), (pw + 24, 60), (pw + 24, -30)],
                fill=(255, 255, 255, 150),
            )
        img.paste(picture, (x, y))
    steel = [(0, hexrgb("#5d6678")), (0.5, hexrgb("#a5afc0")), (1, hexrgb("#4a5262"))]
    funnel = gradient((W, H), steel, horizontal=True)
    fmask = Image.new("L", (W, H), 0)
    md = ImageDraw.Draw(fmask)
    top_half, neck_half, top_y, neck_y, spout_y = 820, 80, 1480, 1980, 2190
    md.polygon(
        [
            (mouth[0] - top_half, top_y),
            (mouth[0] + top_half, top_y),
            (mouth[0] + neck_half, neck_y),
            (mouth[0] + neck_half, spout_y),
            (mouth[0] - neck_half, spout_y),
            (mouth[0] - neck_half, neck_y),
        ],
        fill=255,
    )
    md.ellipse(circle_box(mouth[0], top_y, top_half, 110), fill=255)
    img = Image.composite(funnel, img, fmask)
    draw = ImageDraw.Draw(img, "RGBA")
    draw.ellipse(circle_box(mouth[0], top_y, top_half - 26, 90), fill=hexrgb("#161a22"))
    for _ in range(5):
        x = mouth[0] + rng.uniform(-500, 500)
        y = top_y - 260 + rng.uniform(-120, 80)
        small = photo(rng, (150, 104)).convert("RGBA")
        small = small.rotate(rng.uniform(-35, 35), expand=True, resample=Image.Resampling.BICUBIC)
        img.paste(small, (round(x - small.width / 2), round(y - small.height / 2)), small)
    for k in range(24):
        y = spout_y + 20 + k * 9
        dx, d = rng.uniform(-40, 40) * k / 24, rng.uniform(4, 8)
        draw.rectangle(
            (mouth[0] + dx - d, y - d, mouth[0] + dx + d, y + d),
            fill=(225, 232, 240, round(200 * (1 - k / 24))),
        )
    return finish(vignette(img, 0.3), rng, grain=2)


def brush_stroke(
    draw: ImageDraw.ImageDraw,
    rng: random.Random,
    centre: Point,
    a0: float,
    r0: float,
    colour: Color,
    width: float,
) -> None:
    """Paint one bristly stroke curving inwards, its end breaking up into specks of noise."""
    cx, cy = centre
    steps, bristles = 60, 16
    sweep = rng.uniform(0.9, 1.5)
    thickness = max(6, round(width / bristles * 1.9))
    for _ in range(bristles):
        offset = rng.uniform(-0.5, 0.5)
        tone = shade(colour, rng.uniform(0.78, 1.18))
        alpha = rng.uniform(0.5, 0.85)
        run: list[Point] = []
        for i in range(steps + 1):
            t = i / steps
            r = r0 * (1 - 0.5 * t) + offset * width * math.sin(math.pi * min(1.0, t * 1.3)) ** 0.5
            a = a0 + sweep * t
            x, y = cx + math.cos(a) * r * 1.25, cy + math.sin(a) * r
            if t > 0.62:
                if i % 2:
                    continue
                scatter = 260 * (t - 0.62)
                d = rng.uniform(3, 6)
                sx, sy = x + rng.gauss(0, scatter), y + rng.gauss(0, scatter)
                draw.rectangle((sx - d, sy - d, sx + d, sy + d), fill=rgba(tone, alpha))
                continue
            if rng.random() < 0.04 and len(run) > 1:
                draw.line(run, fill=rgba(tone, alpha), width=thickness, joint="curve")
                run = []
            run.append((x, y))
        if len(run) > 1:
            draw.line(run, fill=rgba(tone, alpha), width=thickness, joint="curve")


@illustration("05-ip-and-policy", "05-andersen-v-stability")
def draw_andersen_v_stability(rng: random.Random) -> Image.Image:
    """Draw many-coloured brush strokes drawn inwards into one swirl of noise."""
    img = mottle(Image.new("RGB", (W, H), hexrgb("#f2ede2")), rng, 3, 40)
    draw = ImageDraw.Draw(img, "RGBA")
    colours = [
        hexrgb(c)
        for c in (
            "#2b4acb",
            "#d7263d",
            "#f4c430",
            "#1b998b",
            "#6a4c93",
            "#f46036",
            "#e86a92",
            "#2e2e2e",
            "#56a3e8",
            "#7cb518",
        )
    ]
    centre = (W / 2, H / 2)
    for s in range(26):
        a0 = 2 * math.pi * s / 26 + rng.uniform(-0.12, 0.12)
        brush_stroke(
            draw,
            rng,
            centre,
            a0,
            rng.uniform(900, 1500),
            colours[s % len(colours)],
            rng.uniform(70, 120),
        )
    for _ in range(3500):
        r = abs(rng.gauss(0, 260))
        a = rng.uniform(0, 2 * math.pi)
        a += r / 160
        x, y = centre[0] + math.cos(a) * r * 1.25, centre[1] + math.sin(a) * r
        d = rng.uniform(2.5, 5.5)
        draw.rectangle((x - d, y - d, x + d, y + d), fill=rgba(rng.choice(colours), 0.8))
    return finish(img, rng, grain=1)


@illustration("05-ip-and-policy", "06-bartz-v-anthropic")
def draw_bartz_v_anthropic(rng: random.Random) -> Image.Image:
    """Draw shelves of coloured book spines, some solid and some only dashed outlines."""
    img = gradient((W, H), [(0, hexrgb("#2c1d13")), (1, hexrgb("#1a110b"))])
    draw = ImageDraw.Draw(img)
    palette = [
        hexrgb(c)
        for c in (
            "#7b1e24",
            "#1f3a5f",
            "#2f5d3a",
            "#c28a2c",
            "#2a7f86",
            "#5d2f5a",
            "#e6dcc3",
            "#4a5563",
            "#b8552a",
            "#8c6d46",
        )
    ]
    x0, x1 = 200, W - 200
    shelves = 5
    top, bottom = 120, H - 120
    pitch = (bottom - top) / shelves
    draw.rectangle((x0 - 70, top - 70, x1 + 70, bottom + 40), fill=hexrgb("#4a301d"))
    draw.rectangle((x0, top, x1, bottom), fill=hexrgb("#160e08"))
    for s in range(shelves):
        base = top + (s + 1) * pitch - 40
        shelf_top = top + s * pitch
        back = glow(
            Image.new("RGB", (x1 - x0, round(pitch))),
            hexrgb("#3a2616"),
            circle_box((x1 - x0) / 2, pitch * 0.2, (x1 - x0) * 0.6, pitch * 0.9),
            0.5,
        )
        img.paste(back, (x0, round(shelf_top)))
        draw = ImageDraw.Draw(img)
        x = x0 + rng.uniform(20, 60)
        ghost_run = 0
        while True:
            bw = rng.uniform(52, 118)
            if x + bw > x1 - 20:
                break
            bh = (pitch - 70) * rng.uniform(0.68, 0.96)
            box = (x, base - bh, x + bw, base)
            if ghost_run == 0 and rng.random() < 0.16:
                ghost_run = rng.randrange(1, 4)
            if ghost_run:
                dashed(draw, rect_points(*box), 22, 14, hexrgb("#d9c9a8"), 5)
                ghost_run -= 1
            else:
                colour = rng.choice(palette)
                draw.rectangle(box, fill=colour)
                draw.rectangle((x, base - bh, x + 6, base), fill=shade(colour, 1.25))
                draw.rectangle((x + bw - 8, base - bh, x + bw, base), fill=shade(colour, 0.7))
                band = shade(colour, 1.5) if sum(colour) < 500 else shade(colour, 0.6)
                for frac in (0.1, 0.86):
                    y = base - bh + bh * frac
                    draw.rectangle((x + 6, y, x + bw - 8, y + 8), fill=band)
                if rng.random() < 0.6:
                    draw.rectangle(
                        (x + bw * 0.3, base - bh * 0.7, x + bw * 0.7, base - bh * 0.38), fill=band
                    )
            x += bw + rng.uniform(2, 8)
        draw.rectangle((x0 - 70, base, x1 + 70, base + 40), fill=hexrgb("#6b4529"))
        draw.line([(x0 - 70, base + 2), (x1 + 70, base + 2)], fill=hexrgb("#8a5e3a"), width=5)
    img = glow(img, hexrgb("#ffd9a0"), circle_box(W * 0.45, H * 0.2, 1800, 1400), 0.12)
    return finish(vignette(img, 0.4), rng, grain=2)


# --------------------------------------------------------------------------- audio

RATE = 44100
TABLE_SIZE = 1 << 15
TARGET_RMS = 10 ** (-18 / 20)
AUDIO_SECONDS = 20.6


@dataclass(frozen=True)
class Voice:
    """A synthesised timbre: harmonic amplitudes, an envelope and detuned copies."""

    harmonics: tuple[float, ...]
    attack: float
    decay: float
    sustain: float
    release: float
    mellow: tuple[float, ...] | None = None
    brightness: float = 1.0
    detune: tuple[float, ...] = (0.0,)


@dataclass(frozen=True)
class Note:
    """One note: when it starts, how long it is held, its MIDI pitch, gain and voice."""

    start: float
    length: float
    pitch: float
    gain: float
    voice: Voice


SINE = Voice((1.0,), attack=0.012, decay=0.3, sustain=0.55, release=0.09)
ORGAN = Voice(
    (1.0, 0.55, 0.22, 0.2, 0.0, 0.08, 0.0, 0.05),
    attack=0.07,
    decay=0.5,
    sustain=0.9,
    release=0.35,
    detune=(0.0, 2.5),
)
STRINGS = Voice(
    tuple(math.exp(-k / 5) / k for k in range(1, 15)),
    attack=1.6,
    decay=2.0,
    sustain=0.9,
    release=1.8,
    detune=(-6.0, 5.0),
)
PIANO = Voice(
    (1.0, 0.62, 0.36, 0.26, 0.16, 0.1, 0.06, 0.04),
    attack=0.004,
    decay=1.5,
    sustain=0.0,
    release=0.35,
    mellow=(1.0, 0.22, 0.07, 0.02),
    brightness=0.3,
)


def wavetable(
    harmonics: tuple[float, ...], cache: dict[tuple[float, ...], list[float]]
) -> list[float]:
    """Return one normalised cycle of a waveform built from harmonic amplitudes."""
    if harmonics not in cache:
        table = [
            sum(
                a * math.sin(2 * math.pi * (k + 1) * i / TABLE_SIZE)
                for k, a in enumerate(harmonics)
            )
            for i in range(TABLE_SIZE)
        ]
        peak = max(abs(v) for v in table)
        cache[harmonics] = [v / peak for v in table]
    return cache[harmonics]


def envelope(voice: Voice, held: int, total: int) -> list[float]:
    """Return a note's per-sample loudness: smooth attack, decay to sustain, then release."""
    attack = min(held, max(1, round(voice.attack * RATE)))
    curve = [0.5 - 0.5 * math.cos(math.pi * i / attack) for i in range(attack)]
    tau = voice.decay * RATE
    s = voice.sustain
    curve += [s + (1 - s) * math.exp(-i / tau) for i in range(held - attack)]
    last = curve[-1] if curve else 0.0
    release = max(1, round(voice.release * RATE))
    curve += [last * math.exp(-4.6 * i / release) for i in range(total - held)]
    taper = min(len(curve), round(0.006 * RATE))
    for i in range(taper):
        curve[-1 - i] *= i / taper
    return curve[:total]


def add_note(out: list[float], note: Note, cache: dict[tuple[float, ...], list[float]]) -> None:
    """Mix one note into a sample buffer."""
    voice = note.voice
    start = round(note.start * RATE)
    held = round(note.length * RATE)
    total = min(held + round(voice.release * RATE), len(out) - start)
    if total <= 0:
        return
    env = envelope(voice, held, total)
    bright = wavetable(voice.harmonics, cache)
    mellow = wavetable(voice.mellow, cache) if voice.mellow else None
    freq = 440.0 * 2 ** ((note.pitch - 69) / 12)
    mask = TABLE_SIZE - 1
    gain = note.gain / len(voice.detune)
    if mellow:
        tau = voice.brightness * RATE
        mixes = [math.exp(-i / tau) for i in range(total)]
    for k, cents in enumerate(voice.detune):
        inc = freq * 2 ** (cents / 1200) * TABLE_SIZE / RATE
        phase = k * TABLE_SIZE / 3
        segment = out[start : start + total]
        if mellow:
            wave_ = [
                (
                    mellow[int(phase + i * inc) & mask] * (1 - m)
                    + bright[int(phase + i * inc) & mask] * m
                )
                * e
                for i, (e, m) in enumerate(zip(env, mixes, strict=True))
            ]
        else:
            wave_ = [bright[int(phase + i * inc) & mask] * e for i, e in enumerate(env)]
        out[start : start + total] = [o + w * gain for o, w in zip(segment, wave_, strict=True)]


def reverb(
    dry: list[float], wet: float = 0.25, feedback: float = 0.8, damp: float = 0.3
) -> list[float]:
    """Add a small room to a signal with four damped combs and two all-pass filters."""
    n = len(dry)
    acc = [0.0] * n
    for delay in (1557, 1617, 1491, 1422):
        buf, idx, store = [0.0] * delay, 0, 0.0
        for i in range(n):
            y = buf[idx]
            store = y * (1 - damp) + store * damp
            buf[idx] = dry[i] + store * feedback
            acc[i] += y
            idx = idx + 1 if idx + 1 < delay else 0
    for delay in (556, 441):
        buf, idx = [0.0] * delay, 0
        for i in range(n):
            b = buf[idx]
            x = acc[i]
            buf[idx] = x + b * 0.5
            acc[i] = b - x
            idx = idx + 1 if idx + 1 < delay else 0
    return [d + wet * a / 4 for d, a in zip(dry, acc, strict=True)]


def render(notes: Sequence[Note], seconds: float = AUDIO_SECONDS, room: float = 0.25) -> bytes:
    """Synthesise notes into a normalised, gently faded 16-bit mono WAV."""
    out = [0.0] * round(seconds * RATE)
    cache: dict[tuple[float, ...], list[float]] = {}
    for note in notes:
        add_note(out, note, cache)
    out = reverb(out, wet=room)
    peak = max(abs(v) for v in out) or 1.0
    rms = math.sqrt(sum(v * v for v in out) / len(out)) or 1.0
    gain = min(0.89 / peak, TARGET_RMS / rms)
    fade = round(0.5 * RATE)
    samples = array.array("h")
    n = len(out)
    for i, v in enumerate(out):
        level = min(1.0, i / 441, (n - 1 - i) / fade)
        samples.append(round(max(-1.0, min(1.0, v * gain * level)) * 32767))
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(samples.tobytes())
    return buffer.getvalue()


@dataclass(frozen=True)
class Excerpt:
    """An exhibit folder and the function that composes its audio excerpt."""

    room: str
    slug: str
    compose: Callable[[random.Random], list[Note]]
    room_size: float = 0.25

    @property
    def folder(self) -> Path:
        """Return the exhibit's folder in the content tree."""
        return ROOMS / self.room / self.slug


EXCERPTS: list[Excerpt] = []


def excerpt(room: str, slug: str, room_size: float = 0.25) -> Callable:
    """Register a composing function as the audio excerpt of an exhibit."""

    def register(func: Callable[[random.Random], list[Note]]) -> Callable:
        """Add the function to the registry and return it unchanged."""
        EXCERPTS.append(Excerpt(room, slug, func, room_size))
        return func

    return register


C_MAJOR = (0, 2, 4, 5, 7, 9, 11)


def degree_pitch(degree: int, tonic: int = 60) -> int:
    """Return the MIDI pitch of a C-major scale degree counted from a tonic."""
    return tonic + 12 * (degree // 7) + C_MAJOR[degree % 7]


@excerpt("02-music", "01-illiac-suite", room_size=0.18)
def compose_illiac_suite(rng: random.Random) -> list[Note]:
    """Compose a sine-tone line by dice rules in strict rhythm, joined by a second voice at 10 s."""
    beat, notes = 0.5, []
    upper, lower = 4, -3
    consonant = {0, 3, 4, 7, 8, 9, 12, 15, 16}
    last_leap = 0
    for step in range(40):
        t = 0.25 + step * beat
        roll = rng.randint(1, 6)
        move = {1: -2, 2: -1, 3: 1, 4: 2, 5: 3, 6: -3}[roll]
        if last_leap and abs(move) > 1:
            move = -1 if last_leap > 0 else 1
        upper = max(0, min(11, upper + move))
        last_leap = move if abs(move) > 1 else 0
        high = degree_pitch(upper)
        notes.append(Note(t, beat * 0.82, high, 0.32, SINE))
        if step >= 20:
            for _ in range(12):
                candidate = max(-7, min(3, lower + rng.choice((-2, -1, 1, 2))))
                if (high - degree_pitch(candidate)) % 24 in consonant:
                    lower = candidate
                    break
            notes.append(Note(t, beat * 0.82, degree_pitch(lower), 0.26, SINE))
    return notes


CHORALE = (
    (43, 59, 62, 67),
    (48, 60, 64, 67),
    (50, 57, 62, 66),
    (52, 59, 64, 67),
    (48, 60, 64, 72),
    (47, 62, 67, 71),
    (45, 60, 64, 72),
    (50, 62, 66, 69),
    (43, 59, 62, 67),
    (52, 55, 64, 71),
    (48, 60, 64, 72),
    (50, 60, 66, 69),
    (43, 59, 62, 67),
)


@excerpt("02-music", "02-experiments-in-musical-intelligence", room_size=0.35)
def compose_experiments_in_musical_intelligence(rng: random.Random) -> list[Note]:
    """Compose a four-voice chorale-like progression in soft organ tones."""
    chord_len = 1.35
    lengths = [chord_len] * (len(CHORALE) - 1) + [3.4]
    notes = []
    gains = (0.27, 0.2, 0.2, 0.25)
    for voice in range(4):
        t, i = 0.2, 0
        while i < len(CHORALE):
            pitch, held = CHORALE[i][voice], lengths[i]
            while i + 1 < len(CHORALE) and CHORALE[i + 1][voice] == pitch:
                i += 1
                held += lengths[i]
            notes.append(Note(t, held - 0.04, pitch, gains[voice] * rng.uniform(0.97, 1.03), ORGAN))
            t += held
            i += 1
    return notes


@excerpt("02-music", "04-aiva", room_size=0.4)
def compose_aiva(rng: random.Random) -> list[Note]:
    """Compose slow sustained string-like chords climbing in A minor."""
    chords = (
        (45, 52, 57, 60, 64),
        (50, 57, 62, 65, 69),
        (53, 60, 65, 69, 72),
        (55, 62, 67, 71, 74),
        (57, 64, 69, 72, 76),
    )
    notes = []
    for k, chord in enumerate(chords):
        start = 0.1 + k * 3.8
        length = 4.5 if k < len(chords) - 1 else 3.3
        for pitch in chord:
            notes.append(Note(start + rng.uniform(0, 0.12), length, pitch, 0.17, STRINGS))
    return notes


@excerpt("02-music", "08-beethoven-x", room_size=0.3)
def compose_beethoven_x(rng: random.Random) -> list[Note]:
    """Compose a short piano motif, then a variation answering it, then a closing chord."""
    right = [  # (start, length, pitch): the statement, then its variation
        (0.5, 0.6, 67),
        (1.1, 0.6, 72),
        (1.7, 0.6, 75),
        (2.3, 0.3, 74),
        (2.6, 0.3, 72),
        (2.9, 1.2, 71),
        (4.1, 0.6, 74),
        (4.7, 1.8, 67),
        (8.0, 0.45, 67),
        (8.45, 0.15, 68),
        (8.6, 0.6, 72),
        (9.2, 0.6, 77),
        (9.8, 0.3, 75),
        (10.1, 0.3, 74),
        (10.4, 0.3, 72),
        (10.7, 0.3, 71),
        (11.0, 0.6, 72),
        (11.6, 0.9, 75),
        (12.5, 0.3, 74),
        (12.8, 0.3, 72),
        (13.1, 0.3, 68),
        (13.4, 0.6, 67),
        (14.0, 0.3, 65),
        (14.3, 0.3, 63),
        (14.6, 0.6, 62),
        (15.2, 0.6, 59),
        (15.8, 1.2, 60),
    ]
    left = [
        (0.5, 1.2, (48, 55)),
        (1.7, 1.2, (44, 51)),
        (2.9, 1.2, (43, 50, 53)),
        (4.1, 2.4, (43, 47, 50)),
        (8.0, 1.2, (48, 55)),
        (9.2, 1.2, (41, 48, 56)),
        (10.4, 0.6, (43, 50, 53)),
        (11.0, 1.2, (44, 51, 60)),
        (12.2, 1.2, (41, 48, 56)),
        (13.4, 1.2, (43, 48, 51)),
        (14.6, 1.2, (43, 50, 53, 59)),
        (15.8, 1.2, (48, 55)),
    ]
    notes = [Note(s, length, p, 0.34 * rng.uniform(0.9, 1.05), PIANO) for s, length, p in right]
    for s, length, chord in left:
        notes += [Note(s + 0.01 * i, length, p, 0.19, PIANO) for i, p in enumerate(chord)]
    closing = (36, 48, 55, 60, 63, 67, 72)
    notes += [Note(17.2 + 0.018 * i, 2.6, p, 0.2, PIANO) for i, p in enumerate(closing)]
    return notes


# --------------------------------------------------------------------------- tools and files


@dataclass(frozen=True)
class Tools:
    """Paths to the external programs the media need."""

    ffmpeg: str | None
    espeak: str | None


def find_tool(name: str, debian_package: str, needed: bool) -> str | None:
    """Return a program's path, or exit with a clear message if it is needed and missing."""
    path = shutil.which(name) or (f"/usr/bin/{name}" if Path(f"/usr/bin/{name}").exists() else None)
    if needed and not path:
        sys.exit(
            f"make_demo_media: {name} is missing; install it with: "
            f"apt-get install -y {debian_package}"
        )
    return path


def check_encoders(ffmpeg: str) -> None:
    """Exit with a clear message unless ffmpeg has the MP3, VP9 and Opus encoders."""
    listing = subprocess.run(
        [ffmpeg, "-hide_banner", "-encoders"], capture_output=True, text=True, check=True
    ).stdout
    missing = [e for e in ("libmp3lame", "libvpx-vp9", "libopus") if e not in listing]
    if missing:
        sys.exit(
            f"make_demo_media: this ffmpeg lacks the encoders {', '.join(missing)}; "
            "use Debian's ffmpeg (apt-get install -y ffmpeg)"
        )


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write bytes to a file atomically unless it already holds them; say whether it wrote."""
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True


def report(path: Path, data: bytes) -> None:
    """Write a media file if it changed and print one line about it."""
    status = "written" if write_if_changed(path, data) else "unchanged"
    print(f"{status:9}  {path.relative_to(ROOT)}  ({len(data) / 1024:.0f} KB)", flush=True)


FFMPEG_QUIET = "-hide_banner -loglevel error -nostdin -y".split()
BITEXACT = "-map_metadata -1 -map_chapters -1 -fflags +bitexact -flags +bitexact".split()
MP3_CODEC = f"-c:a libmp3lame -b:a 96k -ac 1 -ar {RATE} -id3v2_version 0 -f mp3".split()


def encode_mp3(ffmpeg: str, wav: bytes, workdir: Path) -> bytes:
    """Encode WAV bytes as a reproducible 96 kbps mono MP3."""
    target = workdir / "excerpt.mp3"
    command = [ffmpeg, *FFMPEG_QUIET, "-f", "wav", "-i", "pipe:0", *BITEXACT, *MP3_CODEC]
    subprocess.run([*command, str(target)], input=wav, check=True)
    return target.read_bytes()


# --------------------------------------------------------------------------- the Sunspring clip

CLIP_SIZE = (640, 360)
CLIP_FPS = 24
CLIP_MIN_SECONDS = 20.0
NARRATION = (
    "Sunspring is a 2016 short film, directed by Oscar Sharp.",
    "Its screenplay was written by a neural network: an LSTM built by Ross Goodwin.",
    "The network named itself Benjamin.",
    "This clip is an illustration made for this exhibition.",
    "It quotes nothing from the film.",
)
NARRATION_LEAD, NARRATION_GAP = 0.8, 0.55
CLIP_VIDEO_CODEC = (
    "-c:v libvpx-vp9 -pix_fmt yuv420p -b:v 0 -crf 40 -deadline good -cpu-used 2"
    " -row-mt 0 -threads 1 -g 96"
).split()
CLIP_AUDIO_CODEC = "-c:a libopus -b:a 40k -ac 1 -ar 48000".split()


def speak(espeak: str, text: str, workdir: Path) -> tuple[int, array.array]:
    """Speak a sentence with espeak-ng; return its sample rate and 16-bit samples."""
    target = workdir / "sentence.wav"
    subprocess.run(
        [espeak, "-v", "en-gb", "-s", "150", "-p", "42", "-w", str(target), text], check=True
    )
    with wave.open(str(target), "rb") as wav:
        rate, frames = wav.getframerate(), wav.readframes(wav.getnframes())
    samples = array.array("h")
    samples.frombytes(frames)
    return rate, samples


def voiced_span(samples: array.array, threshold: int = 400) -> tuple[int, int]:
    """Return the first and last sample indexes louder than a threshold."""
    loud = [i for i in range(0, len(samples), 32) if abs(samples[i]) > threshold]
    if not loud:
        return 0, len(samples)
    return loud[0], loud[-1]


def narrate(espeak: str, workdir: Path) -> tuple[Path, list[tuple[float, float, str]], float]:
    """Speak the narration into one WAV; return it, its cues and the clip's length in seconds."""
    rate, track = 22050, array.array("h")
    cues = []
    for text in NARRATION:
        rate, samples = speak(espeak, text, workdir)
        first, last = voiced_span(samples)
        if not track:
            track.extend([0] * round(NARRATION_LEAD * rate))
        else:
            track.extend([0] * round(NARRATION_GAP * rate))
        offset = len(track)
        track.extend(samples[first : last + 1])
        cues.append((offset / rate, (offset + last - first) / rate, text))
    seconds = max(CLIP_MIN_SECONDS, len(track) / rate + 1.5)
    track.extend([0] * (round(seconds * rate) - len(track)))
    target = workdir / "narration.wav"
    with wave.open(str(target), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(track.tobytes())
    return target, cues, seconds


def timestamp(seconds: float) -> str:
    """Format seconds as a WebVTT timestamp."""
    ms = round(seconds * 1000)
    return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def webvtt(cues: Sequence[tuple[float, float, str]]) -> bytes:
    """Write the narration's cues as WebVTT captions."""
    lines = [
        "WEBVTT",
        "",
        "NOTE",
        "Synthetic narration written for this exhibition; it quotes nothing from the film.",
        "",
    ]
    for k, (start, end, text) in enumerate(cues, 1):
        lines += [
            str(k),
            f"{timestamp(max(0.0, start - 0.1))} --> {timestamp(end + 0.3)}",
            *textwrap.wrap(text, 42),
            "",
        ]
    return "\n".join(lines).encode("utf-8")


def clip_frames(seconds: float, slug: str) -> Iterator[bytes]:
    """Yield the clip's frames as raw RGB bytes."""
    big = (CLIP_SIZE[0] * SCALE, CLIP_SIZE[1] * SCALE)
    for index in range(round(seconds * CLIP_FPS)):
        frame = sunspring_scene(big, index / CLIP_FPS, slug)
        fade = min(1.0, index / 12, (round(seconds * CLIP_FPS) - 1 - index) / 18)
        frame = frame.resize(CLIP_SIZE, LANCZOS)
        if fade < 1:
            frame = Image.blend(Image.new("RGB", CLIP_SIZE), frame, max(0.0, fade))
        yield frame.tobytes()


def encode_clip(ffmpeg: str, seconds: float, narration: Path, slug: str, workdir: Path) -> bytes:
    """Render the frames, pipe them into ffmpeg with the narration, and return the WebM."""
    target = workdir / "clip.webm"
    frames = f"-f rawvideo -pix_fmt rgb24 -s {CLIP_SIZE[0]}x{CLIP_SIZE[1]} -r {CLIP_FPS}".split()
    command = [
        ffmpeg, *FFMPEG_QUIET, *frames, "-i", "pipe:0", "-i", str(narration),
        "-map", "0:v", "-map", "1:a", *BITEXACT, *CLIP_VIDEO_CODEC, *CLIP_AUDIO_CODEC,
        "-f", "webm", str(target),
    ]  # fmt: skip
    with subprocess.Popen(command, stdin=subprocess.PIPE) as process:
        assert process.stdin is not None
        try:
            for frame in clip_frames(seconds, slug):
                process.stdin.write(frame)
        finally:
            process.stdin.close()
        if process.wait() != 0:
            sys.exit("make_demo_media: ffmpeg failed to encode the Sunspring clip")
    return target.read_bytes()


def make_sunspring_clip(tools: Tools, folder: Path, workdir: Path) -> None:
    """Write the Sunspring poster, narrated clip and captions."""
    assert tools.ffmpeg and tools.espeak
    slug = folder.name
    poster = sunspring_scene((CLIP_SIZE[0] * SCALE, CLIP_SIZE[1] * SCALE), None, slug)
    report(folder / "poster.jpg", jpeg_bytes(poster.resize(CLIP_SIZE, LANCZOS)))
    narration, cues, seconds = narrate(tools.espeak, workdir)
    report(folder / "clip.webm", encode_clip(tools.ffmpeg, seconds, narration, slug, workdir))
    report(folder / "clip.vtt", webvtt(cues))


# --------------------------------------------------------------------------- main

CLIP_EXHIBIT = ("03-entertainment", "01-sunspring")


def selected(room: str, slug: str, only: Sequence[str]) -> bool:
    """Say whether an exhibit is among those asked for (all when none are named)."""
    return not only or any(name in (slug, f"{room}/{slug}") for name in only)


def media_total() -> tuple[int, int]:
    """Return the number and total size of media files under the content rooms."""
    sizes = [p.stat().st_size for p in ROOMS.rglob("*") if p.suffix.lower() in MEDIA_SUFFIXES]
    return len(sizes), sum(sizes)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--only",
        nargs="+",
        default=[],
        metavar="SLUG",
        help="make only these exhibits (folder names, or room/folder)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Make every demo media file that is missing or out of date, and report the total size."""
    only = parse_args(argv).only
    known = {e.slug for e in EXHIBITS} | {f"{e.room}/{e.slug}" for e in EXHIBITS}
    unknown = [name for name in only if name not in known]
    if unknown:
        sys.exit(f"make_demo_media: no such exhibit: {', '.join(unknown)}")
    want_clip = selected(*CLIP_EXHIBIT, only)
    want_audio = want_clip or any(selected(e.room, e.slug, only) for e in EXCERPTS)
    tools = Tools(
        find_tool("ffmpeg", "ffmpeg", want_audio), find_tool("espeak-ng", "espeak-ng", want_clip)
    )
    if want_audio and tools.ffmpeg:
        check_encoders(tools.ffmpeg)
    for exhibit in EXHIBITS:
        if selected(exhibit.room, exhibit.slug, only):
            image = exhibit.draw(random.Random(exhibit.slug))
            report(exhibit.folder / "illustration.jpg", jpeg_bytes(image))
    with tempfile.TemporaryDirectory(prefix="make_demo_media.") as work:
        workdir = Path(work)
        for item in EXCERPTS:
            if selected(item.room, item.slug, only) and tools.ffmpeg:
                wav = render(
                    item.compose(random.Random(f"{item.slug}/excerpt")), room=item.room_size
                )
                report(item.folder / "excerpt.mp3", encode_mp3(tools.ffmpeg, wav, workdir))
        if want_clip:
            make_sunspring_clip(tools, ROOMS.joinpath(*CLIP_EXHIBIT), workdir)
    count, total = media_total()
    print(
        f"total      {count} media files, {total / 1024 / 1024:.2f} MB "
        f"(budget {BUDGET_BYTES / 1024 / 1024:.0f} MB)"
    )
    if total > BUDGET_BYTES:
        print("make_demo_media: the demo media are over budget; make them smaller", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
