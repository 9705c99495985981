"""The exhibition's floor plan: its rooms as spaces in tour order, drawn from the content alone.

Rooms are equal cells of a grid walked as a serpentine (left to right, then right
to left on the row below), so each room shares a wall, and a door, with the next.
Each exhibit is a numbered point set evenly along its room's walls, in tour order,
clockwise from the room's top-left corner. Everything is plain numbers in plan
units (one room is ROOM_WIDTH by ROOM_HEIGHT), for templates to draw and tests to check.

A room of more than MOST_POINTS exhibits is drawn as a room alone: every page
carries a plan, so points for every exhibit would make each page grow with the
collection (at 5,000 exhibits, a quarter of a megabyte of plan on every page);
its room page, paginated, lists its works.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

ROOM_WIDTH = 200
ROOM_HEIGHT = 140
MARGIN = 12  # around the whole plan, so the outer walls' strokes show
INSET = 14  # from a room's walls to its exhibits' points
POINT_RADIUS = 5  # a point of the drawn plan; points never stand closer than two radii
DOOR = 28  # the width of a door between two rooms
MOST_COLUMNS = 4
MOST_POINTS = 40  # exhibits a room's walls show as points; a larger room shows none


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x + self.width / 2, self.y + self.height / 2)

    def holds(self, x: float, y: float) -> bool:
        """Return True if the point lies strictly inside the rectangle."""
        return self.x < x < self.x + self.width and self.y < y < self.y + self.height

    def overlaps(self, other: Rect) -> bool:
        """Return True if the two share more than a wall."""
        return (
            self.x < other.x + other.width
            and other.x < self.x + self.width
            and self.y < other.y + other.height
            and other.y < self.y + self.height
        )


@dataclass(frozen=True)
class Point:
    slug: str
    number: int  # in the room, from 1
    x: float
    y: float


@dataclass(frozen=True)
class Door:
    """An opening in the wall two rooms share: a segment from (x1, y1) to (x2, y2)."""

    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class PlanRoom:
    slug: str
    index: int
    rect: Rect
    points: tuple[Point, ...]


@dataclass(frozen=True)
class Plan:
    width: float
    height: float
    columns: int
    rooms: tuple[PlanRoom, ...]
    doors: tuple[Door, ...]

    def room(self, slug: str) -> PlanRoom | None:
        """Return the room with this slug, or None."""
        return next((r for r in self.rooms if r.slug == slug), None)


def columns_for(count: int) -> int:
    """Return how many rooms a row holds: rows as even as can be, never more than four."""
    if count <= 0:
        return 1
    rows = math.ceil(count / MOST_COLUMNS)
    return math.ceil(count / rows)


def cell(index: int, columns: int) -> tuple[int, int]:
    """Return the (column, row) of the room at this place in the tour: a serpentine."""
    row, place = divmod(index, columns)
    return (columns - 1 - place if row % 2 else place, row)


def layout(rooms, columns: int = 0) -> Plan:
    """Return the plan of rooms (each with `slug` and `exhibits`), `columns` to a row or chosen."""
    columns = min(columns or columns_for(len(rooms)), max(1, len(rooms)))
    placed = tuple(_room(room, i, cell(i, columns)) for i, room in enumerate(rooms))
    rows = math.ceil(len(rooms) / columns) if rooms else 1
    doors = tuple(_door(a.rect, b.rect) for a, b in itertools.pairwise(placed))
    return Plan(
        width=columns * ROOM_WIDTH + 2 * MARGIN,
        height=rows * ROOM_HEIGHT + 2 * MARGIN,
        columns=columns,
        rooms=placed,
        doors=doors,
    )


def _room(room, index: int, place: tuple[int, int]) -> PlanRoom:
    column, row = place
    rect = Rect(MARGIN + column * ROOM_WIDTH, MARGIN + row * ROOM_HEIGHT, ROOM_WIDTH, ROOM_HEIGHT)
    slugs = [e.slug for e in room.exhibits] if len(room.exhibits) <= MOST_POINTS else []
    points = tuple(
        Point(slug, n + 1, *position)
        for n, (slug, position) in enumerate(zip(slugs, _along(rect, len(slugs)), strict=True))
    )
    return PlanRoom(room.slug, index, rect, points)


def _along(rect: Rect, count: int) -> list[tuple[float, float]]:
    """Return count points spaced evenly round the rectangle's walls, INSET within them."""
    left, top = rect.x + INSET, rect.y + INSET
    width, height = rect.width - 2 * INSET, rect.height - 2 * INSET
    perimeter = 2 * (width + height)
    step = perimeter / max(count, 1)
    return [_at(left, top, width, height, (i + 0.5) * step) for i in range(count)]


def _at(left: float, top: float, width: float, height: float, distance: float):
    """Return the point at a distance clockwise round a rectangle from its top-left corner."""
    for length, start, direction in (
        (width, (left, top), (1, 0)),
        (height, (left + width, top), (0, 1)),
        (width, (left + width, top + height), (-1, 0)),
        (height, (left, top + height), (0, -1)),
    ):
        if distance <= length:
            return (
                round(start[0] + direction[0] * distance, 1),
                round(start[1] + direction[1] * distance, 1),
            )
        distance -= length
    return (left, top)


def _door(a: Rect, b: Rect) -> Door:
    """Return the door in the wall two neighbouring rooms share, at its middle."""
    if a.y == b.y:  # side by side: the wall is upright
        x = max(a.x, b.x)
        middle = a.y + a.height / 2
        return Door(x, middle - DOOR / 2, x, middle + DOOR / 2)
    y = max(a.y, b.y)
    middle = a.x + a.width / 2
    return Door(middle - DOOR / 2, y, middle + DOOR / 2, y)
