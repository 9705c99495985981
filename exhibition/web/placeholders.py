"""Placeholder colours as CSS classes, so no image box is blank under a strict CSP.

A page cannot carry the colour itself (no inline styles), so each image's
dominant colour is rounded to the nearest of 216 colours, six levels a
channel, and named by a class that static/media.css defines.
"""

from __future__ import annotations

LEVELS = 6
STEP = 255 / (LEVELS - 1)
MARKER = "/* Placeholder colours: made by exhibition/web/placeholders.py; do not edit below. */"


def placeholder_class(colour: str) -> str:
    """Return the class of the palette colour nearest "#rrggbb"; "" for no colour."""
    if len(colour) != 7 or not colour.startswith("#"):
        return ""
    channels = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "ph-" + "".join(str(round(c / STEP)) for c in channels)


def placeholder_css() -> str:
    """Return the style rules of every placeholder class, after their marker line."""
    lines = [MARKER]
    for red in range(LEVELS):
        for green in range(LEVELS):
            for blue in range(LEVELS):
                hex_colour = "".join(f"{round(c * STEP):02x}" for c in (red, green, blue))
                lines.append(f".ph-{red}{green}{blue}{{background-color:#{hex_colour}}}")
    return "\n".join(lines) + "\n"


def write_css(path) -> None:
    """Rewrite the placeholder part of a style sheet, keeping what is above the marker."""
    text = path.read_text(encoding="utf-8")
    head = text.split(MARKER, 1)[0]
    path.write_text(head + placeholder_css(), encoding="utf-8")
