"""The timeline: every exhibit placed by its year, and the picture that shows them.

Pure arithmetic on the model; the web layer draws the picture from the
points this module places (inline SVG) and lists the same exhibits by decade.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Exhibit, Exhibition

_YEAR = re.compile(r"\s*(\d{4})")
STEP = 16  # width of a year in the picture, in its own units
DOT = 6  # the radius of an exhibit's point
MARGIN = 24  # room around the points for the decades' labels
TOP = 16


@dataclass(frozen=True)
class Point:
    """An exhibit in the picture: where its point is drawn, and its room's place (its colour)."""

    exhibit: Exhibit
    year: int
    x: int
    y: int
    room_index: int


@dataclass(frozen=True)
class Timeline:
    """The exhibits with a year, by year; those without one; and the picture's size and ticks."""

    years: tuple[tuple[int, tuple[Exhibit, ...]], ...]
    undated: tuple[Exhibit, ...]
    points: tuple[Point, ...]
    width: int
    height: int
    ticks: tuple[tuple[int, int], ...]  # (decade, x)

    @property
    def decades(self) -> tuple[tuple[int, tuple[tuple[int, tuple[Exhibit, ...]], ...]], ...]:
        """Return the years grouped by decade, oldest first."""
        found: dict[int, list] = {}
        for year, exhibits in self.years:
            found.setdefault(year - year % 10, []).append((year, exhibits))
        return tuple((decade, tuple(years)) for decade, years in found.items())


def year_of(exhibit: Exhibit) -> int | None:
    """Return the year an exhibit's `year` field starts with ("2018", "2018-03-01"), or None."""
    match = _YEAR.match(str(exhibit.year or ""))
    return int(match[1]) if match else None


def _by_year(exhibition: Exhibition) -> tuple[dict[int, list[Exhibit]], list[Exhibit]]:
    years: dict[int, list[Exhibit]] = {}
    undated = []
    for exhibit in exhibition.tour:
        year = year_of(exhibit)
        (undated if year is None else years.setdefault(year, [])).append(exhibit)
    return years, undated


def place(exhibition: Exhibition, right_to_left: bool = False) -> Timeline:
    """Place every exhibit: a column per year, oldest at the start of the line.

    In a language written from the right the years run from right to left.
    """
    years, undated = _by_year(exhibition)
    first = min(years, default=0) // 10 * 10
    last = max(years, default=0) // 10 * 10 + 10
    width = (last - first) * STEP + 2 * MARGIN
    tallest = max((len(e) for e in years.values()), default=1)
    height = TOP + tallest * (2 * DOT + 2) + MARGIN + 8

    def at(offset: int) -> int:
        return width - offset if right_to_left else offset

    def x_of(year: int) -> int:
        return at(MARGIN + (year - first) * STEP + STEP // 2)

    rooms = {room.slug: room.index for room in exhibition.rooms}
    baseline = height - MARGIN
    points = tuple(
        Point(
            exhibit, year, x_of(year), baseline - DOT - i * (2 * DOT + 2), rooms[exhibit.room_slug]
        )
        for year in sorted(years)
        for i, exhibit in enumerate(years[year])
    )
    ticks = tuple(
        (decade, at(MARGIN + (decade - first) * STEP)) for decade in range(first, last + 1, 10)
    )
    ordered = tuple((year, tuple(years[year])) for year in sorted(years))
    return Timeline(ordered, tuple(undated), points, width, height, ticks)
