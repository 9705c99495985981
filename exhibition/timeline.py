"""The timeline: every exhibit placed by its year, and the picture that shows them.

Pure arithmetic on the model; the web layer draws the picture from the
points this module places (inline SVG) and lists the same exhibits by decade.

The timeline is shown a page at a time, PAGE exhibits a page, oldest first
and those without a year last: each page draws the picture and the list of
its own exhibits, so a page stays the same size however large the collection.
Pages of a decade each would read more naturally, but a decade has no bound:
an exhibition of works made by machines has most of them in its last one or
two, and that page would be the whole collection again. A page of entries is
a line each, lighter than a card: four rooms' pages of them to a page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import PAGE_SIZE, Exhibit, Exhibition, page_count, page_of

_YEAR = re.compile(r"\s*(\d{4})")
STEP = 16  # width of a year in the picture, in its own units
DOT = 6  # the radius of an exhibit's point
MARGIN = 24  # room around the points for the decades' labels
TOP = 16
PAGE = 4 * PAGE_SIZE  # exhibits on a page of the timeline


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


def in_order(exhibition: Exhibition) -> tuple[Exhibit, ...]:
    """Return the exhibits by year, in tour order within a year, and those without one last."""
    dated = sorted((e for e in exhibition.tour if year_of(e) is not None), key=year_of)
    return (*dated, *(e for e in exhibition.tour if year_of(e) is None))


def pages(exhibition: Exhibition) -> int:
    """Return how many pages the timeline fills: at least one."""
    return page_count(len(exhibition.tour), PAGE)


def _by_year(exhibits) -> tuple[dict[int, list[Exhibit]], list[Exhibit]]:
    years: dict[int, list[Exhibit]] = {}
    undated = []
    for exhibit in exhibits:
        year = year_of(exhibit)
        (undated if year is None else years.setdefault(year, [])).append(exhibit)
    return years, undated


def place(exhibition: Exhibition, right_to_left: bool = False, number: int = 1) -> Timeline:
    """Place the exhibits of a page of the timeline: a column per year, oldest at the start.

    In a language written from the right the years run from right to left.
    """
    years, undated = _by_year(page_of(in_order(exhibition), number, PAGE))
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
