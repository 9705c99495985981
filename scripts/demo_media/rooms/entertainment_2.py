"""Draw the entertainment room's AI Dungeon, Welcome to Chechnya and The Irishman."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

from PIL import Image, ImageDraw, ImageFilter

from ..colour import Color, Point, hexrgb, mix, rgba, shade
from ..geometry import walk
from ..painting import H, W, bloom, circle_box, finish, glow, gradient, vignette
from ..registry import illustration


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


TERMINAL_GREEN = hexrgb("#3dff7a")


def terminal_text(ld: ImageDraw.ImageDraw, rng: random.Random) -> None:
    """Draw paragraphs of blocky text bars, each opened by a prompt, and a cursor after them."""
    green = TERMINAL_GREEN
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


def story_branches(ld: ImageDraw.ImageDraw, rng: random.Random) -> None:
    """Draw a path branching upwards as dotted lines between glowing nodes."""
    green = TERMINAL_GREEN
    edges = branch_nodes(rng, (2520, H - 360), 6, 190)
    for p, q in edges:
        ld.line([p, q], fill=shade(green, 0.35), width=4)
        for i, point in enumerate(walk([p, q], 60)):
            if i:
                ld.ellipse(circle_box(*point, 6), fill=shade(green, 0.6))
    for p, q in edges:
        for point, r in ((p, 17), (q, 14)):
            ld.ellipse(circle_box(*point, r), fill=hexrgb("#b6ffcb"))


@illustration("03-entertainment", "04-ai-dungeon")
def draw_ai_dungeon(rng: random.Random) -> Image.Image:
    """Draw a green-on-black terminal with blocky text bars and a branching path of glowing dots."""
    img = Image.new("RGB", (W, H), hexrgb("#151815"))
    draw = ImageDraw.Draw(img)
    screen = (150, 130, W - 150, H - 130)
    draw.rounded_rectangle(screen, radius=90, fill=hexrgb("#020a04"))
    light = Image.new("RGB", (W, H))
    ld = ImageDraw.Draw(light)
    terminal_text(ld, rng)
    story_branches(ld, rng)
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
