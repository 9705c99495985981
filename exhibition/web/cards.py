"""A page's exhibit cards, drawn in Python each time the page is rendered.

A room page or a tag page lists up to a page size of cards (48). They are
drawn by cardmarkup.py with the page's links worked out once: some 40 µs a
card, about 2 ms a page, paid only when the page cache misses. They are not
kept between renders: a store of every card in every language (up to 15,000
cards of ~1.5 KB at 5,000 exhibits in three languages) cost each worker some
25 MB to save those 2 ms, and had to be forgotten whenever the content, an
image build, the language or the mount point changed.
"""

from __future__ import annotations

from flask import Flask
from markupsafe import Markup

from . import cardmarkup


def exhibit_cards_of(exhibits, before: int | None = 0) -> list[Markup]:
    """Return a page's cards as the exhibit_card macro draws them, numbered on from `before`.

    With `before` None the cards have no numbers, as on a tag page, whose
    exhibits come from several rooms.
    """
    links = cardmarkup.Links()
    return [
        cardmarkup.card(exhibit, None if before is None else before + n, links)
        for n, exhibit in enumerate(exhibits, start=1)
    ]


def init_app(app: Flask) -> None:
    """Give templates `exhibit_cards_of(exhibits, before)`, a page's cards."""
    app.jinja_env.globals["exhibit_cards_of"] = exhibit_cards_of
