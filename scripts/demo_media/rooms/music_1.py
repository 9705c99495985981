"""Draw the music room's first four illustrations, Illiac Suite to AIVA."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from PIL import Image, ImageDraw, ImageFilter

from ..colour import Color, Point, hexrgb, mix, rgba
from ..geometry import ellipse_points, lerp_point, rotate, thick_line
from ..painting import H, W, circle_box, finish, font, glow, gradient, mottle, vignette
from ..registry import illustration

CARD = (2860, 1260)  # the punched card's width and height
CARD_COLS, CARD_ROWS = 40, 12


def card_on_table(img: Image.Image, x0: int, y0: int) -> ImageDraw.ImageDraw:
    """Lay a cream card with a cut corner and a soft shadow on the table; return its pen."""
    cw, ch = CARD
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
    draw.polygon(card_outline, fill=hexrgb("#efe3c2"))
    return draw


def card_melody(rng: random.Random) -> list[int]:
    """Return the punched row of each column: a melody that rises and falls with dice steps."""
    melody = []
    level = 7.0
    for c in range(CARD_COLS):
        target = 6 + 5 * math.sin(c / CARD_COLS * 2 * math.pi * 1.5 + 0.4) * (
            0.7 + 0.3 * math.cos(c / 5)
        )
        level += (target - level) * 0.6 + rng.choice((-1, 0, 0, 1))
        melody.append(max(0, min(CARD_ROWS - 1, round(CARD_ROWS - 1 - level))))
    return melody


def card_cell(draw: ImageDraw.ImageDraw, x: float, y: float, row: int, punched: bool) -> None:
    """Draw one card position: a dark punched hole, a printed digit, or an empty printed box."""
    hw, hh = 18, 34
    printed = hexrgb("#b9a57a")
    if punched:
        draw.rectangle((x - hw, y - hh, x + hw, y + hh), fill=hexrgb("#2c333d"))
        draw.line([(x - hw, y - hh), (x + hw, y - hh)], fill=hexrgb("#1a1e24"), width=4)
    elif row >= 2:
        label, small = str((row + 10) % 10), font(30)
        box = draw.textbbox((0, 0), label, font=small)
        position = (x - (box[2] - box[0]) / 2, y - (box[3] + box[1]) / 2)
        draw.text(position, label, fill=printed, font=small)
    else:
        draw.rectangle((x - hw, y - hh, x + hw, y + hh), outline=printed, width=3)


@illustration("02-music", "01-illiac-suite")
def draw_illiac_suite(rng: random.Random) -> Image.Image:
    """Draw a cream punched card whose darkened holes trace a rising and falling melody."""
    img = gradient((W, H), [(0, hexrgb("#38414d")), (1, hexrgb("#1e232a"))])
    (cw, ch), cols, rows = CARD, CARD_COLS, CARD_ROWS
    x0, y0 = (W - cw) // 2, (H - ch) // 2
    draw = card_on_table(img, x0, y0)
    cream, printed = hexrgb("#efe3c2"), hexrgb("#b9a57a")
    gx0, gy0 = x0 + 190, y0 + 170
    pitch_x, pitch_y = (cw - 320) / (cols - 1), (ch - 300) / (rows - 1)
    melody = card_melody(rng)
    for c in range(cols):
        for r in range(rows):
            card_cell(draw, gx0 + c * pitch_x, gy0 + r * pitch_y, r, melody[c] == r)
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


@dataclass
class Phrases:
    """The notes of the overlapping staves: heads, stems and beams, and their coloured groups."""

    groups: Image.Image
    heads: list[Point] = field(default_factory=list)
    stems: list[list[Point]] = field(default_factory=list)
    beams: list[list[Point]] = field(default_factory=list)


def add_phrase(
    phrases: Phrases, rng: random.Random, x: float, stave: tuple[float, float], gap: float
) -> float:
    """Add one group of notes on a stave, maybe stemmed and beamed; return where it ends."""
    cy, angle = stave
    colours = [hexrgb(c) for c in ("#e8735a", "#2a9d8f", "#e9c46a", "#5a7bd8", "#9b5de5")]
    size = rng.randrange(3, 7)
    position = rng.randrange(-4, 5)
    members: list[Point] = []
    for _ in range(size):
        position = max(-7, min(7, position + rng.choice((-3, -2, -1, 1, 1, 2, 3))))
        members.append(rotate([(x, cy + position * gap / 2)], (W / 2, cy), angle)[0])
        x += rng.uniform(80, 120)
    phrases.heads += members
    thick_line(ImageDraw.Draw(phrases.groups), members, rng.choice(colours), 120)
    if rng.random() < 0.35:
        up = rng.random() < 0.5
        ends = []
        for hx, hy in members:
            sx = hx + (20 if up else -20)
            end = (sx, hy - gap * 3.4 if up else hy + gap * 3.4)
            phrases.stems.append([(sx, hy), end])
            ends.append(end)
        phrases.beams.append([ends[0], ends[-1]])
    return x


def ink_staves(
    img: Image.Image, staves: Sequence[tuple[float, float]], phrases: Phrases, gap: float
) -> None:
    """Rule the tilted staves and ink the stems, beams and note heads over the groups."""
    line_color, black = hexrgb("#5f574d"), hexrgb("#161412")
    draw = ImageDraw.Draw(img, "RGBA")
    for cy, angle in staves:
        for i in range(5):
            y = cy + (i - 2) * gap
            draw.line(
                rotate([(-300, y), (W + 300, y)], (W / 2, cy), angle),
                fill=rgba(line_color, 0.8),
                width=3,
            )
    for stem in phrases.stems:
        draw.line(stem, fill=black, width=5)
    for beam in phrases.beams:
        draw.line(beam, fill=black, width=12)
    for x, y in phrases.heads:
        note_head(draw, x, y, 16, black)


@illustration("02-music", "02-experiments-in-musical-intelligence")
def draw_experiments_in_musical_intelligence(rng: random.Random) -> Image.Image:
    """Draw overlapping five-line staves with small black note heads in coloured groups."""
    img = mottle(Image.new("RGB", (W, H), hexrgb("#f4eedf")), rng, 3, 40)
    gap = 34
    staves = [
        (H * (0.1 + 0.8 * (k + rng.uniform(0.1, 0.9)) / 7), rng.uniform(-0.26, 0.26))
        for k in range(7)
    ]
    phrases = Phrases(Image.new("RGB", (W, H)))
    for stave in staves:
        x = rng.uniform(-100, 250)
        while x < W + 100:
            x = add_phrase(phrases, rng, x, stave, gap)
            x += rng.uniform(140, 320)
    groups = phrases.groups
    mask = groups.convert("L").point(lambda v: 140 if v else 0).filter(ImageFilter.GaussianBlur(8))
    img = Image.composite(groups, img, mask)
    ink_staves(img, staves, phrases, gap)
    return finish(img, rng, grain=2.5)


PIANO_ROW, PIANO_KEYS, PIANO_BEAT = 48, 250, 96


def piano_roll(draw: ImageDraw.ImageDraw) -> None:
    """Draw the keyboard at the left, the lanes of each pitch and the beat lines."""
    row, keys = PIANO_ROW, PIANO_KEYS
    black_keys = {1, 3, 6, 8, 10}
    for r in range(H // row + 1):
        y = H - (r + 1) * row
        sharp = r % 12 in black_keys
        fill = hexrgb("#181410") if sharp else hexrgb("#241e18")
        draw.rectangle((keys, y, W, y + row), fill=fill)
        draw.line([(keys, y), (W, y)], fill=hexrgb("#2e261f"), width=2)
        draw.rectangle((0, y, keys, y + row), fill=hexrgb("#ebe3d1"))
        draw.line([(0, y), (keys, y)], fill=hexrgb("#b9ae98"), width=2)
        if sharp:
            draw.rectangle((0, y + 5, keys * 0.62, y + row - 5), fill=hexrgb("#1a1612"))
    for i, x in enumerate(range(keys, W, PIANO_BEAT)):
        strong = i % 4 == 0
        draw.line(
            [(x, 0), (x, H)],
            fill=hexrgb("#3f352a" if strong else "#2a231c"),
            width=4 if strong else 2,
        )


def roll_bar(
    draw: ImageDraw.ImageDraw, x: float, length: float, degree: int, base: int, color: Color
) -> None:
    """Draw one note bar on the piano roll, at a major-scale degree above a base row."""
    note = base + 12 * (degree // 7) + (0, 2, 4, 5, 7, 9, 11)[degree % 7]
    y = H - (note + 1) * PIANO_ROW
    draw.rounded_rectangle((x + 3, y + 5, x + length - 3, y + PIANO_ROW - 5), radius=10, fill=color)
    draw.line(
        [(x + 12, y + 11), (x + length - 12, y + 11)],
        fill=mix(color, (255, 255, 255), 0.45),
        width=4,
    )


@illustration("02-music", "03-daddys-car")
def draw_daddys_car(rng: random.Random) -> Image.Image:
    """Draw a piano roll of warm yellow and orange bars that rise and fall in a repeated pattern."""
    img = Image.new("RGB", (W, H), hexrgb("#1e1915"))
    draw = ImageDraw.Draw(img)
    piano_roll(draw)
    beat = PIANO_BEAT
    contour = (0, 1, 2, 3, 4, 5, 6, 5, 4, 3, 2, 1)
    yellows = [hexrgb(c) for c in ("#ffe08a", "#ffd166", "#fcc14a", "#f9c74f")]
    oranges = [hexrgb(c) for c in ("#f8961e", "#f3722c", "#fb8b24")]
    for repeat in range(3):
        start = PIANO_KEYS + beat * (0.5 + repeat * 10)
        for step, degree in enumerate(contour[:10] if repeat < 2 else contour):
            x = start + step * beat
            roll_bar(draw, x, beat, degree, 30, yellows[(step + repeat) % len(yellows)])
            roll_bar(draw, x, beat, degree, 18, oranges[(step + repeat) % len(oranges)])
        for k, degree in enumerate((0, 4, 5, 3, 4)):
            roll_bar(draw, start + k * 2 * beat, 2 * beat, degree, 6, hexrgb("#c2571a"))
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
