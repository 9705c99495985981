"""A room in 360°: an equirectangular picture of a gallery with the room's works hung in it.

Pure Python: no Flask here. The room is a box around the visitor, who stands
at its centre with eyes at 0; the works go round its four walls in tour
order (a few together on the wall ahead), at eye level, each with its
number on a card beside it. `layout()` places them once: where each hangs
on its wall, and the yaw, pitch and angular size a visitor turns to, so the
hotspots the viewer shows are the very places the picture was drawn.
`render()` casts a ray through every pixel at once with NumPy, a band of
rows at a time, and paints what it hits. Its recipe number, raised when the
drawing changes, is roompanoramas.RECIPE, read there without NumPy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

SIZE = (4096, 2048)  # equirectangular: 360° across, 180° down
HALF = 4.0  # metres from the visitor to each wall
FLOOR, CEILING = -1.6, 1.9  # heights below and above the eyes
MAX_HEIGHT = 1.5  # the tallest a work hangs
FILL = 0.62  # of its share of the wall a work may take across
FEW = 3  # this many works or fewer hang together on the wall ahead
FRAME = 0.05  # the frame's width, in metres
CARD = (0.22, 0.15)  # the number's card, metres across and down
BAND = 128  # rows cast at once: bounds the memory a render takes
FLOOR_COLOUR = np.array([0.42, 0.35, 0.28])  # oiled oak
CEILING_COLOUR = np.array([0.93, 0.92, 0.89])
FRAME_COLOUR = (38, 32, 28)
CARD_COLOUR, INK = (246, 243, 238), (34, 30, 27)
# The walls, in the order works go round: ahead, right, behind, left.
# Each: (axis of its normal, sign of the normal, axis along it, sign along it).
WALLS = ((2, 1, 0, 1), (0, 1, 2, -1), (2, -1, 0, -1), (0, -1, 2, 1))


@dataclass(frozen=True)
class Hung:
    """One work on a wall: where it hangs, in metres, and where a visitor looks to see it."""

    number: int  # its number in the tour, from 1
    wall: int  # index into WALLS
    centre: float  # along the wall, from its middle
    width: float
    height: float
    yaw: float  # degrees, -180..180, 0 ahead, positive to the right
    pitch: float  # degrees, positive up
    span: float  # degrees across, as seen from the centre


def _shares(count: int) -> list[int]:
    """Return how many works each wall takes, in tour order.

    A few works hang together, centred, on the wall ahead, the one a visitor faces
    on entering, rather than one to a wall with bare walls between; more go round
    the room, as even as can be.
    """
    if count <= FEW:
        return [count, 0, 0, 0]
    return [count // 4 + (wall < count % 4) for wall in range(4)]


def layout(aspects: list[float]) -> list[Hung]:
    """Return where each work hangs, in tour order, given each one's width over its height."""
    hung, number = [], 0
    for wall, share in enumerate(_shares(len(aspects))):
        slot = 2 * HALF / max(share, 1)
        for place in range(share):
            aspect = max(aspects[number], 0.05)
            width = min(slot * FILL, MAX_HEIGHT * aspect)
            centre = -HALF + slot * (place + 0.5)
            hung.append(_hang(number + 1, wall, centre, width, width / aspect))
            number += 1
    return hung


def _hang(number: int, wall: int, centre: float, width: float, height: float) -> Hung:
    point = _on_wall(wall, centre, 0.0)
    left, right = _on_wall(wall, centre - width / 2, 0.0), _on_wall(wall, centre + width / 2, 0.0)
    span = abs(_yaw_between(_yaw_of(left), _yaw_of(right)))
    return Hung(number, wall, centre, width, height, _yaw_of(point), 0.0, span)


def _on_wall(wall: int, along: float, up: float) -> np.ndarray:
    """Return the point of a wall `along` metres from its middle, `up` from eye level."""
    normal, sign, axis, direction = WALLS[wall]
    point = np.zeros(3)
    point[normal], point[axis], point[1] = sign * HALF, direction * along, up
    return point


def _yaw_of(point: np.ndarray) -> float:
    return math.degrees(math.atan2(point[0], point[2]))


def _yaw_between(a: float, b: float) -> float:
    return (b - a + 180) % 360 - 180


def hotspots(hung: list[Hung]) -> list[dict]:
    """Return where the viewer puts each work's hotspot: its number, yaw, pitch and size."""
    return [
        {"number": h.number, "yaw": round(h.yaw, 3), "pitch": h.pitch, "span": round(h.span, 3)}
        for h in hung
    ]


def pixel_of(yaw: float, pitch: float, size: tuple[int, int] = SIZE) -> tuple[int, int]:
    """Return the pixel of an equirectangular picture a yaw and pitch (degrees) look at."""
    width, height = size
    x = int((yaw + 180) / 360 * width) % width
    y = min(height - 1, int((90 - pitch) / 180 * height))
    return x, y


def render(
    pictures: list[PILImage.Image], colour: str, size: tuple[int, int] = SIZE
) -> tuple[PILImage.Image, list[Hung]]:
    """Draw the room with the pictures hung in tour order; return it and where each hangs."""
    hung = layout([p.width / p.height for p in pictures])
    textures = [_texture(p, h, size) for p, h in zip(pictures, hung, strict=True)]
    cards = [_card(h.number) for h in hung]
    wall = np.array(PILImage.new("RGB", (1, 1), colour).getpixel((0, 0))) / 255
    out = np.empty((size[1], size[0], 3), np.uint8)
    for top in range(0, size[1], BAND):
        rows = slice(top, min(top + BAND, size[1]))
        out[rows] = _band(rows, size, wall, hung, textures, cards)
    return PILImage.fromarray(out, "RGB"), hung


def _texture(picture: PILImage.Image, hung: Hung, size: tuple[int, int]) -> np.ndarray:
    """Return a work's pixels at about the size it is seen at, framed, as an array."""
    across = max(8, round(hung.span / 360 * size[0] * 1.5))
    down = max(8, round(across * hung.height / hung.width))
    inner = picture.convert("RGB").resize((across, down), PILImage.Resampling.LANCZOS)
    border = max(2, round(across * FRAME / hung.width))
    framed = PILImage.new("RGB", (across + 2 * border, down + 2 * border), FRAME_COLOUR)
    framed.paste(inner, (border, border))
    return np.asarray(framed)


def _card(number: int) -> np.ndarray:
    """Return the card with a work's number on it, as an array."""
    card = PILImage.new("RGB", (160, 110), CARD_COLOUR)
    draw = ImageDraw.Draw(card)
    font = ImageFont.load_default(size=64)
    draw.text((80, 55), str(number), fill=INK, font=font, anchor="mm")
    return np.asarray(card)


def _rays(rows: slice, size: tuple[int, int]) -> np.ndarray:
    """Return the direction through every pixel of some rows: shape (rows, width, 3)."""
    width, height = size
    yaw = np.radians((np.arange(width, dtype=np.float32) + 0.5) / width * 360 - 180)
    ys = np.arange(rows.start, rows.stop, dtype=np.float32)
    pitch = np.radians(90 - (ys + 0.5) / height * 180)[:, None]
    return np.stack(
        np.broadcast_arrays(
            np.cos(pitch) * np.sin(yaw), np.sin(pitch), np.cos(pitch) * np.cos(yaw)
        ),
        axis=-1,
    )


def _band(rows, size, wall, hung, textures, cards) -> np.ndarray:
    """Return the colours of some rows of the room: walls, floor, ceiling, works and cards."""
    rays = _rays(rows, size)
    with np.errstate(divide="ignore"):
        reach = np.stack(
            [HALF / np.abs(rays[..., 0]), _vertical(rays[..., 1]), HALF / np.abs(rays[..., 2])],
            axis=-1,
        )
    face = np.argmin(reach, axis=-1)
    hit = rays * np.min(reach, axis=-1)[..., None]
    colour = _surfaces(face, hit, wall)
    for index, work in enumerate(hung):
        _paint_work(colour, face, hit, work, textures[index], cards[index])
    return (np.clip(colour, 0, 1) * 255 + 0.5).astype(np.uint8)


def _vertical(up: np.ndarray) -> np.ndarray:
    """Return how far each ray goes before it meets the floor or the ceiling."""
    return np.where(up > 0, CEILING / np.maximum(up, 1e-9), FLOOR / np.minimum(up, -1e-9))


def _surfaces(face: np.ndarray, hit: np.ndarray, wall: np.ndarray) -> np.ndarray:
    """Return the bare room's colours: lit walls, a floor and a ceiling with soft light."""
    height = (hit[..., 1] - FLOOR) / (CEILING - FLOOR)  # 0 at the floor, 1 at the ceiling
    wash = 0.78 + 0.3 * np.exp(-(((height - 0.62) / 0.35) ** 2))  # light thrown on the walls
    colour = wall * wash[..., None]
    skirting = (face != 1) & (hit[..., 1] < FLOOR + 0.1)
    colour[skirting] = wall * 0.55
    middle = np.hypot(hit[..., 0], hit[..., 2]) / (HALF * math.sqrt(2))
    glow = (1.0 - 0.35 * middle**2)[..., None]
    flat = face == 1
    below = flat & (hit[..., 1] < 0)
    colour[below] = (FLOOR_COLOUR * glow)[below]
    colour[flat & ~below] = (CEILING_COLOUR * (0.86 + 0.14 * glow))[flat & ~below]
    return colour


def _paint_work(colour, face, hit, work: Hung, texture, card) -> None:
    """Paint a work, its frame and its number's card on its wall, where rays meet them.

    Only the columns the work and its card can fall in are looked at, so a room of a
    thousand works costs about what a room of ten does, not a hundred times as much.
    """
    for window in _columns(work, colour.shape[1]):
        _paint_within(colour[:, window], face[:, window], hit[:, window], work, texture, card)


def _paint_within(colour, face, hit, work: Hung, texture, card) -> None:
    normal, sign, axis, direction = WALLS[work.wall]
    on_wall = (face == normal) & (np.sign(hit[..., normal]) == sign)
    along = direction * hit[..., axis] - work.centre
    up = hit[..., 1]
    border = FRAME
    _paste(colour, on_wall, along, up, work.width + 2 * border, work.height + 2 * border, texture)
    card_centre = work.width / 2 + border + 0.08 + CARD[0] / 2
    low = -work.height / 2 + CARD[1] / 2
    _paste(colour, on_wall, along - card_centre, up - low, CARD[0], CARD[1], card)


def _columns(work: Hung, width: int) -> list[slice]:
    """Return the columns of the picture a work, its frame and its card lie within.

    Yaw grows along a wall, so the ends of the frame and of the card bound the
    columns, padded by two; a work across the seam behind the visitor gets the
    columns either side of it.
    """
    left = work.centre - work.width / 2 - FRAME
    right = work.centre + work.width / 2 + FRAME + 0.08 + CARD[0]
    first, last = (_yaw_of(_on_wall(work.wall, along, 0.0)) for along in (left, right))
    start, stop = (int((yaw + 180) / 360 * width) for yaw in (first, last))
    if first <= last:
        return [slice(max(0, start - 2), min(width, stop + 3))]
    return [slice(0, min(width, stop + 3)), slice(max(0, start - 2), width)]  # across the seam


def _paste(colour, on_wall, along, up, width, height, texture) -> None:
    """Map a texture onto the rays that meet a rectangle of a wall, centred on 0, 0."""
    inside = on_wall & (np.abs(along) < width / 2) & (np.abs(up) < height / 2)
    if not inside.any():
        return
    rows, cols = texture.shape[:2]
    x = ((along[inside] / width + 0.5) * cols).astype(int).clip(0, cols - 1)
    y = ((0.5 - up[inside] / height) * rows).astype(int).clip(0, rows - 1)
    colour[inside] = texture[y, x] / 255
