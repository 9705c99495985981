"""Exhibit cards drawn once per content and image build, then reused by every page that lists them.

A room page lists up to a page size of cards. A card depends only on its
exhibit and number, the content and image build it was drawn from, the
page's language and where the site is mounted; it is kept under those and
drawn again only when one changes. A reload or a new build starts afresh.
The cards a page lacks are drawn in Python (cardmarkup.py), all with the
links worked out once for the page: through the macro, a room page's first
render cost 48 Jinja modules and some 400 `url_for` calls.
"""

from __future__ import annotations

import threading

from flask import Flask, g, request
from flask_babel import get_locale
from markupsafe import Markup

from . import cardmarkup
from .current import current_exhibition
from .images import catalogues

MOST = 20_000  # cards kept at most; past it they are all drawn afresh


class Cards:
    """One app's drawn cards, for the content and image build they were drawn from."""

    def __init__(self):
        self.made_from: tuple = ()
        self.drawn: dict[tuple, Markup] = {}
        self.lock = threading.Lock()

    def of(self, exhibits, before: int = 0) -> list[Markup]:
        """Return a page's cards as the exhibit_card macro draws them, numbered on from `before`.

        Only the cards not kept yet are drawn.
        """
        page = (g.get("language"), request.script_root, str(get_locale()))
        keys = [(*page, e.room_slug, e.slug, before + n) for n, e in enumerate(exhibits, start=1)]
        made_from = (current_exhibition(), *(catalogue for catalogue, _ in catalogues()))
        with self.lock:
            self.start_afresh_if_changed(made_from)
            found = [self.drawn.get(key) for key in keys]
        if any(card is None for card in found):
            found = self.draw(exhibits, keys, found)
        return found

    def draw(self, exhibits, keys: list[tuple], found: list) -> list[Markup]:
        """Draw the cards of a page not kept yet, with the page's links, and keep them."""
        links = cardmarkup.Links()
        drawn = {
            key: cardmarkup.card(exhibit, key[-1], links)
            for exhibit, key, card in zip(exhibits, keys, found, strict=True)
            if card is None
        }
        with self.lock:
            if len(self.drawn) + len(drawn) > MOST:
                self.drawn = {}
            self.drawn.update(drawn)
        return [drawn[key] if card is None else card for key, card in zip(keys, found, strict=True)]

    def start_afresh_if_changed(self, made_from: tuple) -> None:
        """Forget every card if the content or an image build changed since they were drawn."""
        if len(made_from) != len(self.made_from) or any(
            a is not b for a, b in zip(made_from, self.made_from, strict=True)
        ):
            self.made_from, self.drawn = made_from, {}


def init_app(app: Flask) -> None:
    """Give templates `exhibit_cards_of(exhibits, before)`, a page's cards, each drawn once."""
    app.jinja_env.globals["exhibit_cards_of"] = Cards().of
