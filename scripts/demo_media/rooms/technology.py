"""Draw the technology room's two illustrations."""

from __future__ import annotations

import math
import random

from PIL import Image, ImageDraw, ImageFilter

from ..colour import Color, Point, hexrgb, rgba
from ..geometry import ellipse_points, lerp_point, walk
from ..painting import H, W, circle_box, finish, font, gradient
from ..registry import illustration


def card(
    img: Image.Image, box: tuple[float, float, float, float], fill: Color, radius: int = 36
) -> None:
    """Draw a rounded panel with a soft drop shadow."""
    shadow = Image.new("L", img.size, 0)
    x0, y0, x1, y1 = box
    ImageDraw.Draw(shadow).rounded_rectangle(
        (x0 + 10, y0 + 22, x1 + 10, y1 + 22), radius=radius, fill=70
    )
    img.paste(
        Image.new("RGB", img.size, hexrgb("#7d8799")),
        (0, 0),
        shadow.filter(ImageFilter.GaussianBlur(26)),
    )
    ImageDraw.Draw(img).rounded_rectangle(box, radius=radius, fill=fill)


def logo_shape(
    draw: ImageDraw.ImageDraw, kind: int, cx: float, cy: float, r: float, color: Color
) -> None:
    """Draw one simple logo-like shape of a given kind, 0 to 11."""
    if kind < 6:
        plain_logo(draw, kind, cx, cy, r, color)
    else:
        compound_logo(draw, kind, cx, cy, r, color)


def plain_logo(
    draw: ImageDraw.ImageDraw, kind: int, cx: float, cy: float, r: float, color: Color
) -> None:
    """Draw a disc, triangle, star, hexagon, ringed dot or diamond (kinds 0 to 5)."""
    if kind == 0:
        draw.ellipse(circle_box(cx, cy, r), fill=color)
    elif kind == 1:
        draw.polygon(ellipse_points(cx, cy, r, r, 3, 0, -math.pi / 2), fill=color)
    elif kind == 2:
        pts = [
            (
                cx + (r if i % 2 == 0 else r * 0.45) * math.cos(-math.pi / 2 + math.pi * i / 5),
                cy + (r if i % 2 == 0 else r * 0.45) * math.sin(-math.pi / 2 + math.pi * i / 5),
            )
            for i in range(10)
        ]
        draw.polygon(pts, fill=color)
    elif kind == 3:
        draw.polygon(ellipse_points(cx, cy, r, r, 6), fill=color)
    elif kind == 4:
        draw.ellipse(circle_box(cx, cy, r), outline=color, width=round(r * 0.25))
        draw.ellipse(circle_box(cx, cy, r * 0.3), fill=color)
    else:
        draw.polygon([(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)], fill=color)


def compound_logo(
    draw: ImageDraw.ImageDraw, kind: int, cx: float, cy: float, r: float, color: Color
) -> None:
    """Draw a cross, two rings, waves, an A, a framed square or a pie (kinds 6 to 11)."""
    if kind == 6:
        draw.rectangle((cx - r, cy - r * 0.28, cx + r, cy + r * 0.28), fill=color)
        draw.rectangle((cx - r * 0.28, cy - r, cx + r * 0.28, cy + r), fill=color)
    elif kind == 7:
        draw.ellipse(circle_box(cx - r * 0.4, cy, r * 0.6), fill=color)
        draw.ellipse(circle_box(cx + r * 0.4, cy, r * 0.6), outline=color, width=round(r * 0.18))
    elif kind == 8:
        pts = [
            (cx - r + 2 * r * i / 40, cy + r * 0.35 * math.sin(i / 40 * 4 * math.pi))
            for i in range(41)
        ]
        draw.line(pts, fill=color, width=round(r * 0.22), joint="curve")
        draw.line(
            [(x, y + r * 0.55) for x, y in pts], fill=color, width=round(r * 0.22), joint="curve"
        )
    elif kind == 9:
        draw.polygon(
            [
                (cx - r, cy + r * 0.6),
                (cx, cy - r * 0.8),
                (cx + r, cy + r * 0.6),
                (cx + r * 0.45, cy + r * 0.6),
                (cx, cy - r * 0.05),
                (cx - r * 0.45, cy + r * 0.6),
            ],
            fill=color,
        )
    elif kind == 10:
        draw.rounded_rectangle(
            (cx - r, cy - r, cx + r, cy + r), radius=r * 0.3, outline=color, width=round(r * 0.2)
        )
        draw.rectangle((cx - r * 0.4, cy - r * 0.4, cx + r * 0.4, cy + r * 0.4), fill=color)
    else:
        draw.pieslice(circle_box(cx, cy, r), 30, 330, fill=color)


Box = tuple[int, int, int, int]


def matching_panel(draw: ImageDraw.ImageDraw, rng: random.Random, left: Box) -> None:
    """Draw two columns of text bars, slate and blue, with arrows matching one to another."""
    slate, blue, arrow = hexrgb("#55657d"), hexrgb("#2f6fdb"), hexrgb("#93a1b5")
    rows = 11
    pitch = (left[3] - left[1] - 260) / (rows - 1)
    targets = list(range(rows))
    for i in range(0, rows - 1, 3):
        targets[i], targets[i + 1] = targets[i + 1], targets[i]
    ends = []
    for i in range(rows):
        y = left[1] + 130 + i * pitch
        length = rng.uniform(240, 480)
        draw.rounded_rectangle(
            (left[0] + 130, y - 18, left[0] + 130 + length, y + 18), radius=18, fill=slate
        )
        ends.append((left[0] + 150 + length, y))
    for i in range(rows):
        y = left[1] + 130 + i * pitch
        start = left[0] + 860
        length = rng.uniform(240, 470)
        draw.rounded_rectangle((start, y - 18, start + length, y + 18), radius=18, fill=blue)
    for i, (x, y) in enumerate(ends):
        ty = left[1] + 130 + targets[i] * pitch
        tip = (left[0] + 835, ty)
        draw.line([(x, y), (x + 80, y), (tip[0] - 80, ty), tip], fill=arrow, width=4, joint="curve")
        draw.polygon([tip, (tip[0] - 22, ty - 12), (tip[0] - 22, ty + 12)], fill=arrow)


def logo_grid(draw: ImageDraw.ImageDraw, rng: random.Random, right: Box) -> None:
    """Draw a 4x4 grid of logo shapes with one chosen and highlighted in orange."""
    cols, grid_rows = 4, 4
    cw = (right[2] - right[0] - 200) / cols
    ch = (right[3] - right[1] - 200) / grid_rows
    chosen = rng.randrange(cols * grid_rows)
    kinds = rng.sample(range(12), 12) + rng.sample(range(12), 4)
    dark, orange = hexrgb("#3d4a5c"), hexrgb("#f08c2e")
    for k in range(cols * grid_rows):
        cx = right[0] + 100 + (k % cols + 0.5) * cw
        cy = right[1] + 100 + (k // cols + 0.5) * ch
        if k == chosen:
            side = min(cw, ch) / 2 - 18
            draw.rounded_rectangle(
                (cx - side, cy - side, cx + side, cy + side),
                radius=30,
                fill=hexrgb("#fff1e0"),
                outline=orange,
                width=9,
            )
        logo_shape(draw, kinds[k], cx, cy, min(cw, ch) * 0.27, orange if k == chosen else dark)


@illustration("04-technology", "01-wipo-ai-tools")
def draw_wipo_ai_tools(rng: random.Random) -> Image.Image:
    """Draw two panels: text bars linked by arrows, and a grid of logo shapes, one highlighted."""
    img = gradient((W, H), [(0, hexrgb("#e9eef5")), (1, hexrgb("#dbe2ec"))])
    left, right = (150, 230, 1540, 2170), (1660, 230, 3050, 2170)
    for box in (left, right):
        card(img, box, hexrgb("#ffffff"))
    draw = ImageDraw.Draw(img, "RGBA")
    matching_panel(draw, rng, left)
    logo_grid(draw, rng, right)
    return finish(img, rng, grain=1)


DIAGRAM_INK = hexrgb("#2b2f3a")
DIAGRAM_COLOURS = [hexrgb(c) for c in ("#ef6f6c", "#2a9d8f", "#e9b949")]


def diagram_panels(draw: ImageDraw.ImageDraw) -> None:
    """Draw the three stages' panels under their titles."""
    panels = [(130, 330, 1000, 2230), (1150, 330, 2130, 2230), (2280, 330, 3070, 2230)]
    labels = ("Training data", "Model", "Output")
    title = font(78, bold=True)
    for box, label in zip(panels, labels, strict=True):
        draw.rounded_rectangle(box, radius=40, fill=hexrgb("#ebe8e0"))
        tw = draw.textlength(label, font=title)
        draw.text(((box[0] + box[2]) / 2 - tw / 2, 170), label, fill=DIAGRAM_INK, font=title)


def training_data(draw: ImageDraw.ImageDraw, rng: random.Random) -> None:
    """Scatter 84 non-overlapping coloured dots in the training data panel."""
    data: list[tuple[Point, int]] = []
    while len(data) < 84:
        p = (rng.uniform(200, 930), rng.uniform(420, 2140))
        if all(math.dist(p, q) > 62 for q, _ in data):
            data.append((p, rng.randrange(3)))
    for (x, y), c in data:
        draw.ellipse(circle_box(x, y, 24), fill=DIAGRAM_COLOURS[c])


def network_edges(draw: ImageDraw.ImageDraw, rng: random.Random, nodes: list[list[Point]]) -> None:
    """Join every node to every node of the next layer, some edges carrying a dot."""
    edge = hexrgb("#8f96a3")
    for a, b in zip(nodes, nodes[1:], strict=False):
        for p in a:
            for q in b:
                draw.line([p, q], fill=rgba(edge, 0.45), width=4)
                if rng.random() < 0.3:
                    t = rng.uniform(0.2, 0.8)
                    dot = circle_box(*lerp_point(p, q, t), 13)
                    draw.ellipse(dot, fill=rng.choice(DIAGRAM_COLOURS))


def data_flows(draw: ImageDraw.ImageDraw, nodes: list[list[Point]]) -> None:
    """Draw dots flowing into the first layer, and from the last into sorted output groups."""
    colours = DIAGRAM_COLOURS
    for i, target in enumerate(nodes[0]):
        source = (1020, 700 + i * 370)
        for k, point in enumerate(walk([source, target], 44)):
            draw.ellipse(circle_box(*point, 10), fill=colours[(i + k) % 3])
    outputs = []
    for c, node in enumerate(nodes[-1]):
        row_y = node[1]
        for j in range(8):
            col, line = j % 4, j // 4
            outputs.append(((2490 + col * 130, row_y - 65 + line * 130), c))
        for k, point in enumerate(walk([node, (2430, row_y)], 44)):
            if k:
                draw.ellipse(circle_box(*point, 10), fill=colours[c])
    for (x, y), c in outputs:
        draw.ellipse(circle_box(x, y, 40), fill=colours[c])


@illustration("04-technology", "02-how-machine-learning-works")
def draw_how_machine_learning_works(rng: random.Random) -> Image.Image:
    """Draw a three-stage diagram, Training data, Model, Output, with dots flowing through it."""
    img = Image.new("RGB", (W, H), hexrgb("#f6f4ef"))
    draw = ImageDraw.Draw(img, "RGBA")
    diagram_panels(draw)
    training_data(draw, rng)
    layers = [4, 6, 6, 3]
    xs = [1290, 1530, 1770, 2000]
    nodes = [
        [(x, 1280 + (i - (n - 1) / 2) * (250 if n > 3 else 420)) for i in range(n)]
        for x, n in zip(xs, layers, strict=True)
    ]
    network_edges(draw, rng, nodes)
    data_flows(draw, nodes)
    for layer in nodes:
        for p in layer:
            draw.ellipse(circle_box(*p, 50), fill=hexrgb("#ffffff"), outline=DIAGRAM_INK, width=7)
    return finish(img, rng, grain=1)
