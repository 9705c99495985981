"""Draw the IP and policy room's three court cases against AI companies."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

from PIL import Image, ImageDraw

from ..colour import Color, Point, hexrgb, mix, rgba, shade
from ..geometry import dashed, rect_points
from ..painting import H, W, circle_box, finish, glow, gradient, mottle, vignette
from ..registry import illustration


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


PHOTO_SIZE, PHOTO_COLS, PHOTO_ROWS, PHOTO_GAP = (360, 250), 7, 3, 40
FUNNEL_TOP, FUNNEL_NECK, FUNNEL_SPOUT = 1480, 1980, 2190  # heights of the funnel's parts


def photo_wall(img: Image.Image, rng: random.Random, mouth: Point) -> None:
    """Hang a grid of photographs, four crossed by a pale band, with lines into the funnel."""
    (pw, ph), cols, rows, gap = PHOTO_SIZE, PHOTO_COLS, PHOTO_ROWS, PHOTO_GAP
    x0 = (W - cols * (pw + 24) - (cols - 1) * gap) / 2
    banded = set(rng.sample(range(cols * rows), 4))
    draw = ImageDraw.Draw(img, "RGBA")
    for k in range(cols * rows):
        x = x0 + (k % cols) * (pw + 24 + gap)
        y = 120 + (k // cols) * (ph + 24 + gap)
        cx, cy = x + (pw + 24) / 2, y + ph + 24
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


def steel_funnel(img: Image.Image, mouth: Point) -> Image.Image:
    """Stand a brushed-steel funnel under the wall, its dark mouth open at the top."""
    steel = [(0, hexrgb("#5d6678")), (0.5, hexrgb("#a5afc0")), (1, hexrgb("#4a5262"))]
    funnel = gradient((W, H), steel, horizontal=True)
    fmask = Image.new("L", (W, H), 0)
    md = ImageDraw.Draw(fmask)
    top_half, neck_half = 820, 80
    md.polygon(
        [
            (mouth[0] - top_half, FUNNEL_TOP),
            (mouth[0] + top_half, FUNNEL_TOP),
            (mouth[0] + neck_half, FUNNEL_NECK),
            (mouth[0] + neck_half, FUNNEL_SPOUT),
            (mouth[0] - neck_half, FUNNEL_SPOUT),
            (mouth[0] - neck_half, FUNNEL_NECK),
        ],
        fill=255,
    )
    md.ellipse(circle_box(mouth[0], FUNNEL_TOP, top_half, 110), fill=255)
    img = Image.composite(funnel, img, fmask)
    draw = ImageDraw.Draw(img, "RGBA")
    draw.ellipse(circle_box(mouth[0], FUNNEL_TOP, top_half - 26, 90), fill=hexrgb("#161a22"))
    return img


def falling_photos(img: Image.Image, rng: random.Random, mouth: Point) -> None:
    """Tumble five small photographs into the funnel's mouth and let fine grains leave its spout."""
    for _ in range(5):
        x = mouth[0] + rng.uniform(-500, 500)
        y = FUNNEL_TOP - 260 + rng.uniform(-120, 80)
        small = photo(rng, (150, 104)).convert("RGBA")
        small = small.rotate(rng.uniform(-35, 35), expand=True, resample=Image.Resampling.BICUBIC)
        img.paste(small, (round(x - small.width / 2), round(y - small.height / 2)), small)
    draw = ImageDraw.Draw(img, "RGBA")
    for k in range(24):
        y = FUNNEL_SPOUT + 20 + k * 9
        dx, d = rng.uniform(-40, 40) * k / 24, rng.uniform(4, 8)
        draw.rectangle(
            (mouth[0] + dx - d, y - d, mouth[0] + dx + d, y + d),
            fill=(225, 232, 240, round(200 * (1 - k / 24))),
        )


@illustration("05-ip-and-policy", "04-getty-v-stability")
def draw_getty_v_stability(rng: random.Random) -> Image.Image:
    """Draw a grid of photograph-like rectangles, a few crossed by a pale band, feeding a funnel."""
    img = gradient((W, H), [(0, hexrgb("#232a36")), (1, hexrgb("#12161d"))])
    mouth = (W / 2, FUNNEL_TOP)
    photo_wall(img, rng, mouth)
    img = steel_funnel(img, mouth)
    falling_photos(img, rng, mouth)
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


BOOK_COLOURS = [
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
SHELF_LEFT, SHELF_RIGHT = 200, W - 200


def book_spine(draw: ImageDraw.ImageDraw, rng: random.Random, box: Sequence[float]) -> None:
    """Draw a solid book spine with lit and shaded edges, two bands and maybe a label."""
    x, top, right, base = box
    bw, bh = right - x, base - top
    colour = rng.choice(BOOK_COLOURS)
    draw.rectangle(box, fill=colour)
    draw.rectangle((x, base - bh, x + 6, base), fill=shade(colour, 1.25))
    draw.rectangle((x + bw - 8, base - bh, x + bw, base), fill=shade(colour, 0.7))
    band = shade(colour, 1.5) if sum(colour) < 500 else shade(colour, 0.6)
    for frac in (0.1, 0.86):
        y = base - bh + bh * frac
        draw.rectangle((x + 6, y, x + bw - 8, y + 8), fill=band)
    if rng.random() < 0.6:
        draw.rectangle((x + bw * 0.3, base - bh * 0.7, x + bw * 0.7, base - bh * 0.38), fill=band)


def shelf_of_books(img: Image.Image, rng: random.Random, top: float, s: int, pitch: float) -> None:
    """Fill shelf s with books, runs of one to three of them only dashed outlines."""
    x0, x1 = SHELF_LEFT, SHELF_RIGHT
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
            book_spine(draw, rng, box)
        x += bw + rng.uniform(2, 8)
    draw.rectangle((x0 - 70, base, x1 + 70, base + 40), fill=hexrgb("#6b4529"))
    draw.line([(x0 - 70, base + 2), (x1 + 70, base + 2)], fill=hexrgb("#8a5e3a"), width=5)


@illustration("05-ip-and-policy", "06-bartz-v-anthropic")
def draw_bartz_v_anthropic(rng: random.Random) -> Image.Image:
    """Draw shelves of coloured book spines, some solid and some only dashed outlines."""
    img = gradient((W, H), [(0, hexrgb("#2c1d13")), (1, hexrgb("#1a110b"))])
    draw = ImageDraw.Draw(img)
    x0, x1 = SHELF_LEFT, SHELF_RIGHT
    shelves = 5
    top, bottom = 120, H - 120
    pitch = (bottom - top) / shelves
    draw.rectangle((x0 - 70, top - 70, x1 + 70, bottom + 40), fill=hexrgb("#4a301d"))
    draw.rectangle((x0, top, x1, bottom), fill=hexrgb("#160e08"))
    for s in range(shelves):
        shelf_of_books(img, rng, top, s, pitch)
    img = glow(img, hexrgb("#ffd9a0"), circle_box(W * 0.45, H * 0.2, 1800, 1400), 0.12)
    return finish(vignette(img, 0.4), rng, grain=2)
