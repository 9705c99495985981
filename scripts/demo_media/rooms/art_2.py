"""Draw the art room's exhibits 05 to 07: Memories of Passersby, Ai-Da, Machine Hallucinations."""

from __future__ import annotations

import math
import random

from PIL import Image, ImageDraw, ImageFilter

from ..colour import Color, Point, hexrgb, mix, rgba, shade
from ..geometry import lerp_point
from ..painting import H, W, bloom, circle_box, finish, glow, gradient, vignette
from ..registry import illustration


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


def hatched_sheet(rng: random.Random, graphite: Color) -> Image.Image:
    """Make a slightly turned RGBA sheet of paper covered in patches of hatched pencil strokes."""
    sheet_w, sheet_h = 1700, 1120
    sheet = Image.new("RGBA", (sheet_w, sheet_h), rgba(hexrgb("#f4f1e8"), 1))
    sd = ImageDraw.Draw(sheet, "RGBA")
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
    return sheet.rotate(-4, resample=Image.Resampling.BICUBIC, expand=True)


def lay_sheet(img: Image.Image, sheet: Image.Image) -> None:
    """Lay the sheet on the table with a soft shadow under it."""
    shadow = Image.new("L", sheet.size, 0)
    shadow.paste(sheet.getchannel("A").point([v * 120 // 255 for v in range(256)]))
    shadow = shadow.filter(ImageFilter.GaussianBlur(24))
    sx, sy = 470, 1020
    img.paste(Image.new("RGB", sheet.size, hexrgb("#0c3a37")), (sx + 20, sy + 30), shadow)
    img.paste(sheet, (sx, sy), sheet)


def robot_arm(draw: ImageDraw.ImageDraw, white: Color, width: int) -> Point:
    """Draw the arm's base, two links and three joints in white line; return its wrist."""
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
    return wrist


def pencil_in_hand(
    draw: ImageDraw.ImageDraw, wrist: Point, tip: Point, colors: tuple[Color, Color], width: int
) -> None:
    """Draw two fingers from the wrist gripping a pencil whose lead touches the tip."""
    white, graphite = colors
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
    back, cone = lerp_point(wrist, tip, 0.05), lerp_point(wrist, tip, 0.86)

    def side_of(p: Point, k: float) -> Point:
        """Return the point k pixels to the pencil's side of p."""
        return (p[0] + nx * k, p[1] + ny * k)

    body = [side_of(back, 20), side_of(cone, 20), tip, side_of(cone, -20), side_of(back, -20)]
    draw.polygon(body, fill=hexrgb("#1b6f6a"), outline=white, width=5)
    draw.line([side_of(cone, 20), side_of(cone, -20)], fill=white, width=4)
    lead = lerp_point(cone, tip, 0.62)
    draw.polygon([side_of(lead, 8), tip, side_of(lead, -8)], fill=graphite)


@illustration("01-art", "06-ai-da")
def draw_ai_da(rng: random.Random) -> Image.Image:
    """Draw a white-line robot arm holding a pencil over a sheet of hatched strokes on teal."""
    img = gradient((W, H), [(0, hexrgb("#22807b")), (1, hexrgb("#145a56"))])
    img = glow(img, hexrgb("#3aa39a"), circle_box(W * 0.45, H * 0.35, 1600, 1100), 0.35)
    graphite = hexrgb("#3b3d42")
    lay_sheet(img, hatched_sheet(rng, graphite))
    draw = ImageDraw.Draw(img)
    white, width = hexrgb("#f3f8f7"), 7
    wrist = robot_arm(draw, white, width)
    pencil_in_hand(draw, wrist, (1390, 1390), (white, graphite), width)
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
