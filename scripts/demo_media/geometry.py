"""Build outlines and draw strokes: splines, ellipses, arches, dashes, word bars."""

from __future__ import annotations

import math
import random
from collections.abc import Iterator, Sequence

from PIL import ImageDraw

from .colour import Color, Point


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
