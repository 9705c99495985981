"""Draw the IP and policy room's DABUS, Naruto v. Slater and WIPO conversation."""

from __future__ import annotations

import math
import random

from PIL import Image, ImageDraw, ImageFilter

from ..colour import Color, Point, hexrgb, mix, rgba, shade
from ..geometry import lerp_point, spline, text_bars
from ..painting import (
    H,
    W,
    bloom,
    circle_box,
    finish,
    font,
    glow,
    gradient,
    paste_centered,
    sprite_disc,
    vignette,
)
from ..registry import illustration
from ..rooms.art_1 import organic_outline


def sphere_chain(img: Image.Image, rng: random.Random) -> Image.Image:
    """Draw nine glowing spheres along an arc, linked like a chain, from cyan to violet."""
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
    return img


def blank_form(draw: ImageDraw.ImageDraw) -> None:
    """Draw a patent form whose Inventor line is empty, above three unlabelled lines."""
    line = rgba(hexrgb("#dfe6ff"), 0.85)
    faint = rgba((223, 230, 255), 0.45)
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
        draw.rectangle((fx0 + 90, yy - 60, fx0 + 330, yy + 10), outline=faint, width=4)
        draw.line([(fx0 + 420, yy), (fx1 - 90, yy)], fill=faint, width=4)


@illustration("05-ip-and-policy", "01-dabus")
def draw_dabus(rng: random.Random) -> Image.Image:
    """Draw a chain of linked glowing spheres above a blank form with an empty inventor line."""
    img = gradient((W, H), [(0, hexrgb("#151a3a")), (1, hexrgb("#080a1c"))])
    img = sphere_chain(img, rng)
    blank_form(ImageDraw.Draw(img, "RGBA"))
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


def jungle(img: Image.Image, rng: random.Random) -> Image.Image:
    """Cover the ground with 70 blurred leaves of several greens."""
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
    return Image.composite(leaves, img, mask).filter(ImageFilter.GaussianBlur(18))


def lens_barrel(img: Image.Image, cx: float, cy: float) -> Image.Image:
    """Draw the lens's shadow, its dark rings and its knurled focus ring."""
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
    return img


def lens_glass(img: Image.Image, cx: float, cy: float, glass: int) -> Image.Image:
    """Fill the glass with a green depth that reflects a monkey's head, and add its glints."""
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
    pale, shine = hexrgb("#9fd98a"), hexrgb("#eaffe0")
    for r, alpha in ((glass, 0.7), (600, 0.35), (470, 0.28), (330, 0.25), (190, 0.22)):
        draw.ellipse(circle_box(cx, cy, r), outline=rgba(pale, alpha), width=5)
    draw.arc(circle_box(cx, cy, glass - 60), 200, 250, fill=rgba(shine, 0.75), width=22)
    draw.ellipse(circle_box(cx - 250, cy - 330, 34), fill=rgba(shine, 0.6))
    draw.ellipse(circle_box(cx + 300, cy + 280, 16), fill=rgba(shine, 0.35))
    return img


@illustration("05-ip-and-policy", "02-naruto-v-slater")
def draw_naruto_v_slater(rng: random.Random) -> Image.Image:
    """Draw a camera lens of concentric circles reflecting a monkey-head silhouette, in greens."""
    img = gradient((W, H), [(0, hexrgb("#1f4a2b")), (1, hexrgb("#0c2214"))])
    img = jungle(img, rng)
    cx, cy = W / 2, H / 2
    img = lens_barrel(img, cx, cy)
    img = lens_glass(img, cx, cy, 680)
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


BUBBLE_COLOURS = [
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


def question_mark(img: Image.Image, cx: float, cy: float) -> None:
    """Draw a large dark question mark centred on a point, with a soft shadow."""
    mark = font(880, bold=True)
    box = ImageDraw.Draw(img).textbbox((0, 0), "?", font=mark)
    origin = (cx - (box[0] + box[2]) / 2, cy - (box[1] + box[3]) / 2)
    shadow = Image.new("L", (W, H), 0)
    ImageDraw.Draw(shadow).text((origin[0] + 14, origin[1] + 22), "?", fill=90, font=mark)
    img.paste(
        Image.new("RGB", (W, H), hexrgb("#6b5f4a")),
        (0, 0),
        shadow.filter(ImageFilter.GaussianBlur(18)),
    )
    ImageDraw.Draw(img).text(origin, "?", fill=hexrgb("#1f2a44"), font=mark)


@illustration("05-ip-and-policy", "03-wipo-conversation")
def draw_wipo_conversation(rng: random.Random) -> Image.Image:
    """Draw speech bubbles of many colours in a circle round a central question mark."""
    img = gradient((W, H), [(0, hexrgb("#f5f1e8")), (1, hexrgb("#ebe4d6"))])
    draw = ImageDraw.Draw(img, "RGBA")
    cx, cy = W / 2, H / 2
    count = len(BUBBLE_COLOURS)
    for i, colour in enumerate(BUBBLE_COLOURS):
        a = -math.pi / 2 + 2 * math.pi * i / count + rng.uniform(-0.05, 0.05)
        bx, by = cx + math.cos(a) * 1130, cy + math.sin(a) * 830
        tail = (cx + math.cos(a) * 720, cy + math.sin(a) * 520)
        size = (rng.uniform(400, 500), rng.uniform(230, 290))
        bubble(draw, rng, (bx, by), size, tail, colour, i % 2 == 0)
    question_mark(img, cx, cy)
    return finish(img, rng, grain=2)
