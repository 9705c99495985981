"""Listings shown a page at a time: a room's exhibits, a tag's, the timeline's, a browse page's.

Page 1 is at the listing's own address and page n at `.../page/<n>/`, each
in every language; a page past the last is not found, and `.../page/1/` is
sent to the listing's own address. A listing whose address has a query
string (a combination of facets) numbers its later pages `?page=n` instead:
crawlers are not led there. Templates draw the links of any listing with
the macros of templates/_pagination.html.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from flask import abort, redirect, request, url_for

NUMBER = re.compile(r"[1-9][0-9]{0,8}")  # a page asked for in a query string: digits, no sign


@dataclass(frozen=True)
class Paging:
    """Where a listing's pages are, how many there are, and which one is shown."""

    first: str  # the endpoint of page 1: the listing's own address
    later: str  # the endpoint of the pages after it, with their `number`
    count: int
    number: int
    values: dict = field(default_factory=dict)  # the endpoints' other values: room, tag
    follow: bool = True  # whether crawlers should follow the links to the other pages

    def url(self, number: int) -> str:
        """Return the URL of one of the listing's pages."""
        if number == 1:
            return url_for(self.first, **self.values)
        return url_for(self.later, number=number, **self.values)

    def numbers(self, around: int = 2) -> list[int | None]:
        """Return the page numbers to link: the first, the last and those near the shown one.

        None stands for a gap, so a listing of many pages gets a short row of links.
        """
        ends, near = (1, self.count), range(self.number - around, self.number + around + 1)
        shown = [n for n in range(1, self.count + 1) if n in ends or n in near]
        numbers: list[int | None] = []
        for n in shown:
            if numbers and n - numbers[-1] > 1:
                numbers.append(None)
            numbers.append(n)
        return numbers


def page_of(first: str, later: str, count: int, number: int, **values) -> Paging:
    """Return the page of a listing asked for, after the 404 past its last page.

    Page 1 asked for at its `later` address is sent, for good, to the listing's own.
    """
    if not 1 <= number <= count:
        abort(404)
    if number == 1 and request.endpoint == later:
        abort(redirect(url_for(first, **values), 301))
    return Paging(first, later, count, number, values)


@dataclass(frozen=True)
class QueryPaging(Paging):
    """A listing at an address with a query string: page n adds `page=n` to it."""

    follow: bool = False

    def url(self, number: int) -> str:
        """Return the URL of one of the listing's pages: page 1 without `page`."""
        if number == 1:
            return url_for(self.first, **self.values)
        return url_for(self.first, **self.values, page=number)


def asked(args) -> int:
    """Return the page a query string asks for with `page`: 1 if none, a 404 if no page number."""
    text = args.get("page")
    if text is None:
        return 1
    if not NUMBER.fullmatch(text):
        abort(404)
    return int(text)


def query_page_of(endpoint: str, count: int, **values) -> QueryPaging:
    """Return the page of a listing its query string asks for, after the 404 past its last page.

    `?page=1` is sent, for good, to the listing's address without it.
    """
    number = asked(request.args)
    if not 1 <= number <= count:
        abort(404)
    if number == 1 and "page" in request.args:
        abort(redirect(url_for(endpoint, **values), 301))
    return QueryPaging(endpoint, endpoint, count, number, values)
