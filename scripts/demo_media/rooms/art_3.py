"""Draw the art room's last three illustrations, from Théâtre D'opéra Spatial on."""

from __future__ import annotations

import math
import random

from PIL import Image, ImageDraw

from ..colour import Color, Point, hexrgb, mix, rgba, shade
from ..geometry import arch_points, lerp_point, walk
from ..painting import (
    H,
    W,
    bloom,
    circle_box,
    finish,
    glow,
    gradient,
    mottle,
    radial_mask,
    vignette,
)
from ..registry import illustration

Arch = tuple[float, float, float]  # half width, top, bottom


def proscenium_arches(draw: ImageDraw.ImageDraw, vp: Point) -> list[Arch]:
    """Draw nested copper and red arches shrinking towards the vanishing point; return them."""
    copper, red, night = hexrgb("#c87533"), hexrgb("#8c1616"), hexrgb("#140505")
    count, ratio = 10, 0.84
    arches = []
    for k in range(count + 1):
        s = ratio**k
        arches.append((1250 * s, vp[1] - (vp[1] - 70) * s, vp[1] + (2050 - vp[1]) * s))
    for k, (half, top, bottom) in enumerate(arches[:-1]):
        lit = 0.25 + 0.75 * (k / (count - 1)) ** 1.2
        color = mix(night, copper if k % 2 == 0 else red, lit)
        draw.polygon(arch_points(vp[0], top, bottom, half), fill=color)
        draw.line(arch_points(vp[0], top, bottom, half), fill=mix(color, copper, 0.35), width=5)
        inset = 0.95
        inner = arch_points(
            vp[0], vp[1] - (vp[1] - top) * inset, vp[1] + (bottom - vp[1]) * inset, half * inset
        )
        draw.polygon(inner, fill=mix(night, color, 0.6))
        draw.line(inner, fill=mix(night, hexrgb("#f3b54a"), 0.2 + 0.7 * lit), width=4)
    half, top, bottom = arches[-1]
    draw.polygon(arch_points(vp[0], top, bottom, half), fill=hexrgb("#2a0e07"))
    return arches


def stage_floor(img: Image.Image, vp: Point, first: Arch, last: Arch) -> Image.Image:
    """Lay floorboards converging on the vanishing point between the outer and inner arch."""
    first_half, _, first_bottom = first
    half, _, bottom = last
    floor = [
        (0, H),
        (W, H),
        (W, first_bottom),
        (vp[0] + first_half, first_bottom),
        (vp[0] + half, bottom),
        (vp[0] - half, bottom),
        (vp[0] - first_half, first_bottom),
        (0, first_bottom),
    ]
    boards = gradient((W, H), [(0, hexrgb("#2a0c08")), (1, hexrgb("#3b130c"))])
    bd = ImageDraw.Draw(boards)
    for k in range(-14, 15):
        bd.line([vp, (vp[0] + k * 260, H + 60)], fill=hexrgb("#200806"), width=5)
    floor_mask = Image.new("L", (W, H), 0)
    ImageDraw.Draw(floor_mask).polygon(floor, fill=255)
    return Image.composite(boards, img, floor_mask)


def golden_opening(img: Image.Image, vp: Point, last: Arch) -> Image.Image:
    """Light a blooming golden disc in the innermost arch and let its glow fill the hall."""
    half, top, bottom = last
    radius = min(half * 0.8, (bottom - top) * 0.42)
    centre = (vp[0], (top + bottom) / 2 - 10)
    light = Image.new("RGB", (W, H))
    ImageDraw.Draw(light).ellipse(circle_box(*centre, radius), fill=hexrgb("#f2b544"))
    core = radial_mask((W, H), circle_box(*centre, radius * 0.98), 0.7)
    light = Image.composite(Image.new("RGB", (W, H), hexrgb("#fff4d2")), light, core)
    img = bloom(img, light, 36, 1.0)
    img = glow(img, hexrgb("#e8952a"), circle_box(*centre, 1500, 1250), 0.42, 2.3)
    return glow(img, hexrgb("#f0a838"), circle_box(vp[0], 1700, 230, 520), 0.3, 1.6)


@illustration("01-art", "08-theatre-dopera-spatial")
def draw_theatre_dopera_spatial(rng: random.Random) -> Image.Image:
    """Draw a glowing circular opening of gold light framed by copper and deep red arches."""
    vp = (W / 2, 1000.0)
    img = gradient((W, H), [(0, hexrgb("#160907")), (1, hexrgb("#0a0403"))])
    arches = proscenium_arches(ImageDraw.Draw(img), vp)
    img = stage_floor(img, vp, arches[0], arches[-1])
    img = golden_opening(img, vp, arches[-1])
    return finish(vignette(img, 0.45), rng, grain=2.5)


def panel_scene(
    draw: ImageDraw.ImageDraw, rng: random.Random, box: tuple[int, int, int, int], ink: Color
) -> None:
    """Draw simple circles and lines into one comic panel."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    kind = rng.randrange(4)
    horizon = y0 + h * rng.uniform(0.55, 0.75)
    if kind in (0, 2):
        draw.line([(x0, horizon), (x1, horizon)], fill=ink, width=6)
    r = min(w, h) * rng.uniform(0.12, 0.2)
    cx, cy = x0 + w * rng.uniform(0.25, 0.75), y0 + h * rng.uniform(0.3, 0.5)
    draw.ellipse(circle_box(cx, cy, r), outline=ink, width=6)
    if kind == 0:
        for i in range(9):
            a = math.pi + math.pi * i / 8
            draw.line(
                [
                    (cx + math.cos(a) * r * 1.3, cy + math.sin(a) * r * 1.3),
                    (cx + math.cos(a) * r * 1.8, cy + math.sin(a) * r * 1.8),
                ],
                fill=ink,
                width=5,
            )
    elif kind == 1:
        draw.ellipse(circle_box(cx, cy, r * 2.1, r * 0.55), outline=ink, width=4)
        for _ in range(6):
            sx, sy = x0 + w * rng.uniform(0.05, 0.95), y0 + h * rng.uniform(0.6, 0.95)
            draw.ellipse(circle_box(sx, sy, 8), fill=ink)
    elif kind == 2:
        peaks = [(x0, horizon)]
        for i in range(1, 6):
            peaks.append((x0 + w * i / 6, horizon - h * rng.uniform(0.05, 0.22) * (i % 2)))
        peaks.append((x1, horizon))
        draw.line(peaks, fill=ink, width=6, joint="curve")
    else:
        for i in range(5):
            yy = y0 + h * (0.62 + i * 0.075)
            draw.line([(x0 + w * 0.08, yy), (x1 - w * 0.08 * (i + 1), yy)], fill=ink, width=5)
        draw.ellipse(circle_box(cx + r * 1.8, cy + r * 0.4, r * 0.45), outline=ink, width=5)


def speech_balloon(
    draw: ImageDraw.ImageDraw, box: tuple[float, float, float, float], tail: Point
) -> None:
    """Draw an empty white speech balloon with a tail pointing at a point."""
    x0, y0, x1, y1 = box
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    root = cy + (y1 - y0) * 0.3
    corners = [(cx - (x1 - x0) * 0.12, root), tail, (cx + (x1 - x0) * 0.04, root)]
    ink, white = hexrgb("#151515"), hexrgb("#fffdf7")
    draw.polygon(corners, fill=white, outline=ink, width=6)
    draw.ellipse(box, fill=white, outline=ink, width=6)
    centre = (sum(p[0] for p in corners) / 3, sum(p[1] for p in corners) / 3)
    inset = [lerp_point(p, centre, 14 / max(1.0, math.dist(p, centre))) for p in corners]
    left, tip, right = inset
    draw.polygon([left, lerp_point(left, tip, 0.6), lerp_point(right, tip, 0.6), right], fill=white)


ZARYA_GRADIENTS = tuple(
    (hexrgb(top), hexrgb(bottom))
    for top, bottom in (
        ("#ff9a8b", "#ffd36e"),
        ("#1d5c7a", "#7fd3c8"),
        ("#b39ddb", "#ffccaa"),
        ("#2b2d6e", "#b05fa8"),
        ("#ffb347", "#d64545"),
        ("#a8e6cf", "#4a90c2"),
    )
)


def comic_panel(
    img: Image.Image, draw: ImageDraw.ImageDraw, rng: random.Random, box: tuple, k: int
) -> None:
    """Fill panel k with its gradient and scene, give it its balloons, and ink its border."""
    x, y, x1, y1 = box
    pw, ph = x1 - x, y1 - y
    top, bottom = ZARYA_GRADIENTS[k]
    panel = gradient((pw, ph), [(0, top), (1, bottom)], horizontal=k % 3 == 1)
    img.paste(panel, (x, y))
    panel_scene(draw, rng, box, shade(bottom, 0.45))
    if k != 3:
        bw, bh = pw * rng.uniform(0.36, 0.5), ph * rng.uniform(0.2, 0.26)
        bx = x + rng.uniform(0.06, 0.94 - bw / pw) * pw
        by = y + ph * 0.07
        tail = (bx + bw * rng.uniform(0.3, 0.8), by + bh + ph * 0.14)
        speech_balloon(draw, (bx, by, bx + bw, by + bh), tail)
    if k in (1, 4):
        bw2, bh2 = pw * 0.3, ph * 0.16
        bx2, by2 = x + pw - bw2 - pw * 0.07, y + ph * 0.42
        speech_balloon(
            draw, (bx2, by2, bx2 + bw2, by2 + bh2), (bx2 + bw2 * 0.2, by2 + bh2 + ph * 0.1)
        )
    draw.rectangle(box, outline=hexrgb("#161412"), width=9)


@illustration("01-art", "09-zarya-of-the-dawn")
def draw_zarya_of_the_dawn(rng: random.Random) -> Image.Image:
    """Draw a comic page of six gradient panels with circles, lines and empty speech balloons."""
    img = Image.new("RGB", (W, H), hexrgb("#f6f1e6"))
    margin, gutter = 120, 48
    rows = [(0.4, 0.27, 0.33), (0.31, 0.38, 0.31)]
    heights = (0.52, 0.48)
    inner_w, inner_h = W - 2 * margin, H - 2 * margin - gutter
    y = margin
    k = 0
    draw = ImageDraw.Draw(img)
    for widths, frac in zip(rows, heights, strict=True):
        ph = round(inner_h * frac)
        x = margin
        usable = inner_w - gutter * (len(widths) - 1)
        for share in widths:
            pw = round(usable * share)
            comic_panel(img, draw, rng, (x, y, x + pw, y + ph), k)
            x += pw + gutter
            k += 1
        y += ph + gutter
    img = mottle(img, rng, 5)
    return finish(img, rng, grain=2.5)


TunnelArch = tuple[float, float, float, float]  # top, bottom, half width, scale


def green_tunnel(draw: ImageDraw.ImageDraw, vp: Point) -> list[TunnelArch]:
    """Draw 26 arches alternating green and violet, shrinking towards the vanishing point."""
    greens = (hexrgb("#1f6b3a"), hexrgb("#3f9b54"))
    violets = (hexrgb("#4b2378"), hexrgb("#8a57c2"))
    count = 26
    arches = []
    for k in range(count):
        s = 0.87**k
        half = 1900 * s
        top = vp[1] - (vp[1] + 500) * s
        bottom = vp[1] + (H + 300 - vp[1]) * s
        arches.append((top, bottom, half, s))
        family = greens if k % 2 == 0 else violets
        lit = 0.35 + 0.9 * (k / count) ** 1.1
        color = shade(family[(k // 2) % 2], lit)
        draw.polygon(arch_points(vp[0], top, bottom, half), fill=color)
        draw.line(
            arch_points(vp[0], top, bottom, half),
            fill=shade(color, 0.6),
            width=max(2, round(9 * s)),
        )
    return arches


def vine_dots(img: Image.Image, rng: random.Random, vp: Point, arches: list[TunnelArch]) -> None:
    """Edge all but the three smallest arches with swaying dots of leaf and blossom."""
    dots = ImageDraw.Draw(img, "RGBA")
    leaf = (hexrgb("#b8f28a"), hexrgb("#e3c8ff"), hexrgb("#7fe0a0"), hexrgb("#fff2b0"))
    for k, (top, bottom, half, s) in enumerate(arches[:-3]):
        outline = arch_points(vp[0], top, bottom, half, steps=90)
        phase = rng.uniform(0, 6.28)
        for i, (x, y) in enumerate(walk(outline, max(10.0, 46 * s))):
            sway = math.sin(i * 0.55 + phase) * 14 * s
            r = max(1.5, 9 * s * rng.uniform(0.6, 1.3))
            color = leaf[(i + k) % len(leaf)] if rng.random() < 0.7 else leaf[0]
            dots.ellipse(circle_box(x + sway, y + sway * 0.4, r), fill=rgba(color, 0.85))
            if rng.random() < 0.25:
                dots.ellipse(circle_box(x + sway * 2.4, y - r * 2, r * 0.6), fill=rgba(color, 0.6))


@illustration("01-art", "10-a-recent-entrance-to-paradise")
def draw_recent_entrance_to_paradise(rng: random.Random) -> Image.Image:
    """Draw a tunnel of green and violet arches leading to a bright point, edged with vine dots."""
    vp = (W * 0.5, H * 0.47)
    img = Image.new("RGB", (W, H), hexrgb("#07120b"))
    arches = green_tunnel(ImageDraw.Draw(img), vp)
    vine_dots(img, rng, vp, arches)
    img = glow(img, hexrgb("#fffbe0"), circle_box(*vp, 520), 1.0, 2.4)
    img = glow(img, hexrgb("#d8ffd0"), circle_box(*vp, 1400, 1300), 0.4, 2.0)
    draw = ImageDraw.Draw(img)
    draw.ellipse(circle_box(*vp, 18), fill=hexrgb("#ffffff"))
    return finish(vignette(img, 0.4), rng, grain=2)
