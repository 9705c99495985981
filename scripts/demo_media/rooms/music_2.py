"""Draw the music room's last five illustrations, I AM AI to Heart on My Sleeve."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFilter

from ..colour import Color, Point, hexrgb, mix, ramp, rgba, shade
from ..geometry import ellipse_points, spline, walk, wobble
from ..painting import H, W, bloom, circle_box, finish, glow, gradient, mottle, vignette
from ..registry import illustration
from ..rooms.music_1 import note_head


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


SPECTROGRAM_STOPS = [
    (0.0, hexrgb("#0f1d18")),
    (0.25, hexrgb("#1f4438")),
    (0.45, hexrgb("#5e9e84")),
    (0.6, hexrgb("#9cc7ae")),
    (0.74, hexrgb("#f28c38")),
    (0.9, hexrgb("#ff9f4a")),
    (1.0, hexrgb("#ffd59a")),
]


def spectrogram(rng: random.Random, cols: int, rows: int) -> Image.Image:
    """Make a small spectrogram of a melody's harmonics over noise, with a few onsets."""
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
            pixels.append(ramp(SPECTROGRAM_STOPS, min(1.0, value)))
    small = Image.new("RGB", (cols, rows))
    small.putdata(pixels)
    return small


def rising_streaks(rng: random.Random) -> Image.Image:
    """Make six warm streaks curving upwards, brightening as they rise."""
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
    return streaks


@illustration("02-music", "07-beautiful-the-world")
def draw_beautiful_the_world(rng: random.Random) -> Image.Image:
    """Draw a spectrogram of eucalyptus and orange vertical bands crossed by rising streaks."""
    cols, rows = 100, 150
    small = spectrogram(rng, cols, rows)
    img = small.resize((cols, H), Image.Resampling.BICUBIC).resize((W, H), Image.Resampling.NEAREST)
    draw = ImageDraw.Draw(img)
    band = W / cols
    for c in range(cols + 1):
        draw.line([(c * band, 0), (c * band, H)], fill=hexrgb("#0b1411"), width=5)
    streaks = rising_streaks(rng)
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
