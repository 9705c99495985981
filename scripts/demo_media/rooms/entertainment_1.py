"""Draw the entertainment room's Sunspring scene, AlphaGo and Quick, Draw!"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFilter

from ..colour import Point, hexrgb, mix, rgba
from ..geometry import spline, thick_line, walk
from ..painting import (
    H,
    W,
    bloom,
    circle_box,
    finish,
    glow,
    gradient,
    paste_centered,
    sprite_disc,
    vignette,
)
from ..registry import illustration


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


GO_BOARD, GO_MARGIN = 2200, 120  # the board's side and the margin round its grid, in pixels
GO_SPACING = (GO_BOARD - 2 * GO_MARGIN) / 18


def wooden_board(rng: random.Random) -> Image.Image:
    """Make the pale wooden board: wavy grain, the 19x19 grid, its star points and an edge."""
    size, margin, spacing = GO_BOARD, GO_MARGIN, GO_SPACING
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
    line = hexrgb("#2d2217")
    for i in range(19):
        p = margin + i * spacing
        bd.line([(margin, p), (size - margin, p)], fill=line, width=4)
        bd.line([(p, margin), (p, size - margin)], fill=line, width=4)
    for i in (3, 9, 15):
        for j in (3, 9, 15):
            bd.ellipse(circle_box(margin + i * spacing, margin + j * spacing, 11), fill=line)
    bd.rectangle((0, 0, size - 1, size - 1), outline=hexrgb("#b8925a"), width=8)
    return board


def cast_shadow(img: Image.Image, shadow: Image.Image, blur: float, color: str) -> None:
    """Darken an image with a blurred L shadow in a colour."""
    tint = Image.new("RGB", (W, H), hexrgb(color))
    img.paste(tint, (0, 0), shadow.filter(ImageFilter.GaussianBlur(blur)))


def place_stones(
    img: Image.Image, stones: dict[tuple[int, int], int], corner: Point, radius: int
) -> None:
    """Lay the stones, shaded black and white sprites, with their shadows on the board."""
    sprites = (
        sprite_disc(radius, hexrgb("#2b2b30"), hexrgb("#7c7c86"), hexrgb("#0a0a0c"), 0.6),
        sprite_disc(radius, hexrgb("#f4f1ea"), hexrgb("#ffffff"), hexrgb("#bdb7aa"), 0.8),
    )
    shadows = Image.new("L", (W, H), 0)
    sd = ImageDraw.Draw(shadows)
    for point in stones:
        x, y = go_point(corner, point)
        sd.ellipse(circle_box(x + 10, y + 14, radius), fill=150)
    cast_shadow(img, shadows, 8, "#4a3720")
    for point, colour in stones.items():
        paste_centered(img, sprites[colour], go_point(corner, point))


def go_point(corner: Point, point: tuple[int, int]) -> Point:
    """Return the pixel centre of a board point, given the board's top-left corner."""
    bx, by = corner
    return bx + GO_MARGIN + point[0] * GO_SPACING, by + GO_MARGIN + point[1] * GO_SPACING


@illustration("03-entertainment", "02-alphago")
def draw_alphago(rng: random.Random) -> Image.Image:
    """Draw a pale wooden 19x19 Go board from above, a loose cluster and one red-ringed stone."""
    img = gradient((W, H), [(0, hexrgb("#2b302c")), (1, hexrgb("#171a18"))])
    size = GO_BOARD
    bx, by = (W - size) // 2, (H - size) // 2
    shadow = Image.new("L", (W, H), 0)
    ImageDraw.Draw(shadow).rectangle((bx + 30, by + 40, bx + size + 30, by + size + 40), fill=200)
    cast_shadow(img, shadow, 40, "#070807")
    img.paste(wooden_board(rng), (bx, by))
    ringed = (13, 4)
    stones = go_cluster(rng, ringed, 32)
    radius = round(GO_SPACING * 0.47)
    place_stones(img, stones, (bx, by), radius)
    draw = ImageDraw.Draw(img)
    ring = circle_box(*go_point((bx, by), ringed), radius + 20)
    draw.ellipse(ring, outline=hexrgb("#d7263d"), width=11)
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


def doodle_cat(rng: random.Random) -> list[list[Point]]:
    """Return a cat's head: a round face, two ears, two eyes, a mouth and whiskers."""
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
            strokes.append([(0.5 + side * 0.1, 0.63 + dy / 2), (0.5 + side * 0.38, 0.6 + dy * 2)])
    return strokes


def doodle_house(rng: random.Random) -> list[list[Point]]:
    """Return a house: walls, a roof, a door, a window and a chimney."""
    return [
        [(0.2, 0.46), (0.2, 0.88), (0.8, 0.88), (0.8, 0.46)],
        [(0.12, 0.5), (0.5, 0.13), (0.88, 0.5)],
        [(0.43, 0.88), (0.43, 0.66), (0.57, 0.66), (0.57, 0.88)],
        [(0.27, 0.56), (0.37, 0.56), (0.37, 0.66), (0.27, 0.66), (0.27, 0.56)],
        [(0.66, 0.2), (0.66, 0.08), (0.74, 0.08), (0.74, 0.3)],
    ]


def doodle_sun(rng: random.Random) -> list[list[Point]]:
    """Return a sun: a circle and eleven rays."""
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


def doodle_bicycle(rng: random.Random) -> list[list[Point]]:
    """Return a bicycle: two wheels, a frame, a saddle and handlebars."""
    return [
        doodle_circle(0.26, 0.64, 0.18, rng),
        doodle_circle(0.74, 0.64, 0.18, rng),
        [(0.26, 0.64), (0.46, 0.64), (0.64, 0.4), (0.38, 0.4), (0.26, 0.64)],
        [(0.46, 0.64), (0.36, 0.3)],
        [(0.29, 0.3), (0.43, 0.3)],
        [(0.74, 0.64), (0.62, 0.28)],
        [(0.56, 0.27), (0.68, 0.24)],
    ]


def doodle_tree(rng: random.Random) -> list[list[Point]]:
    """Return a tree: a trunk, a bumpy crown and the ground."""
    return [
        [(0.44, 0.9), (0.45, 0.6)],
        [(0.56, 0.9), (0.55, 0.6)],
        doodle_circle(0.5, 0.4, 0.24, rng, bumps=7),
        [(0.2, 0.9), (0.8, 0.9)],
    ]


def doodle_fish(rng: random.Random) -> list[list[Point]]:
    """Return a fish: a curved body, a tail, an eye and a gill."""
    body_top = spline([(0.16, 0.52), (0.42, 0.28), (0.7, 0.5)], closed=False, steps=10)
    body_bottom = spline([(0.16, 0.52), (0.42, 0.74), (0.7, 0.5)], closed=False, steps=10)
    return [
        body_top,
        body_bottom,
        [(0.7, 0.5), (0.87, 0.33), (0.86, 0.68), (0.7, 0.5)],
        doodle_circle(0.3, 0.47, 0.025, rng),
        [(0.44, 0.38), (0.48, 0.5), (0.44, 0.62)],
    ]


DOODLES = (doodle_cat, doodle_house, doodle_sun, doodle_bicycle, doodle_tree, doodle_fish)


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
    colours = [
        hexrgb(c) for c in ("#3b82f6", "#ef4444", "#f59e0b", "#22a55e", "#8b5cf6", "#14b8a6")
    ]
    cell_w, cell_h = W / 3, H / 2
    size = 760
    for k, doodle in enumerate(DOODLES):
        col, row = k % 3, k // 3
        x0 = col * cell_w + (cell_w - size) / 2
        y0 = row * cell_h + 60
        for stroke in doodle(rng):
            thick_line(draw, hand_drawn(stroke, rng, (x0, y0, size), 7), hexrgb("#141414"), 11)
        bar_y = y0 + size + 90
        bx0, bx1 = x0 + 110, x0 + size - 110
        draw.rounded_rectangle((bx0, bar_y, bx1, bar_y + 30), radius=15, fill=hexrgb("#e7e7e4"))
        fill_to = bx0 + (bx1 - bx0) * rng.uniform(0.45, 0.95)
        draw.rounded_rectangle((bx0, bar_y, fill_to, bar_y + 30), radius=15, fill=colours[k])
    return finish(img, rng)
