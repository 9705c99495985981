"""Mix, shade and read colours, and name the types of colours and points."""

from __future__ import annotations

from collections.abc import Sequence

Color = tuple[int, int, int]
Point = tuple[float, float]


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
