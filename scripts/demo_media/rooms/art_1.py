"""Draw the art room's first four illustrations, AARON to Edmond de Belamy."""

from __future__ import annotations

import math
import random
from collections.abc import Iterator, Sequence

from PIL import Image, ImageDraw, ImageFilter

from ..colour import Color, Point, hexrgb, mix, rgba, shade
from ..geometry import rotate, spline, wobble
from ..painting import H, W, circle_box, finish, glow, gradient, mottle, vignette
from ..registry import illustration


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


def place_eyes(rng: random.Random) -> list[tuple[float, float, float]]:
    """Scatter non-overlapping eye circles (x, y, r) at four scales, largest first."""
    eyes: list[tuple[float, float, float]] = []
    for low, high, count in ((300, 380, 5), (140, 200, 16), (60, 95, 46), (28, 40, 60)):
        for _ in range(count * 40):
            if sum(1 for e in eyes if low <= e[2] <= high) >= count:
                break
            r = rng.uniform(low, high)
            x, y = rng.uniform(-r * 0.3, W + r * 0.3), rng.uniform(-r * 0.3, H + r * 0.3)
            if all(math.hypot(x - ex, y - ey) > (r + er) * 0.98 for ex, ey, er in eyes):
                eyes.append((x, y, r))
    return eyes


def swirl_strokes(
    img: Image.Image,
    rng: random.Random,
    eyes: Sequence[tuple[float, float, float]],
    palette: Sequence[Color],
) -> None:
    """Draw translucent strokes that follow the swirl round the largest eyes."""
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


def draw_eyes(
    img: Image.Image,
    rng: random.Random,
    eyes: Sequence[tuple[float, float, float]],
    palette: Sequence[Color],
) -> None:
    """Draw every eye, largest first, ringing each of the largest with a dozen small ones."""
    draw = ImageDraw.Draw(img, "RGBA")
    for ex, ey, er in sorted(eyes, key=lambda e: -e[2]):
        k = int(ex + ey) % 3
        shifted = (*palette[k:3], *palette[:k], palette[3 + int(er) % 2])
        if er > 250:
            for j in range(12):
                a = 2 * math.pi * j / 12
                x, y = ex + math.cos(a) * er * 1.12, ey + math.sin(a) * er * 1.12
                eye(draw, rng, x, y, er * 0.12, shifted)
        eye(draw, rng, ex, ey, er, shifted)


@illustration("01-art", "02-deepdream")
def draw_deepdream(rng: random.Random) -> Image.Image:
    """Draw a swirling field of eye-like spirals in purple, teal and orange at several scales."""
    purple, teal, orange = hexrgb("#7b2cbf"), hexrgb("#1fb5a8"), hexrgb("#ff8c1a")
    palette = (purple, teal, orange, hexrgb("#cc88ff"), hexrgb("#ffd166"))
    img = gradient((W, H), [(0, hexrgb("#2a0845")), (1, hexrgb("#120326"))])
    eyes = place_eyes(rng)
    swirl_strokes(img, rng, eyes, palette)
    img = img.filter(ImageFilter.GaussianBlur(6))
    draw_eyes(img, rng, eyes, palette)
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
