"""Exhibit cards drawn once per content and image build, then reused by every page that lists them.

A room page lists up to a page size of cards. A card depends only on its
exhibit and number, the content and image build it was drawn from, the
page's language and where the site is mounted; it is kept under those and
drawn again only when one changes. A reload or a new build starts afresh.
Drawn the first time in Python (cardmarkup.py), not through the macro: a
room page's first render drew 48 of them.
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
MOST_LINKS = 64  # languages and mount points whose links are kept at most


class Cards:
    """One app's drawn cards, for the content and image build they were drawn from."""

    def __init__(self):
        self.made_from: tuple = ()
        self.drawn: dict[tuple, Markup] = {}
        self.links: dict[tuple, cardmarkup.Links] = {}
        self.lock = threading.Lock()

    def card(self, exhibit, number: int | None = None) -> Markup:
        """Return an exhibit's card as the exhibit_card macro draws it, drawn once per build."""
        page = (g.get("language"), request.script_root)
        key = (*page, str(get_locale()), exhibit.room_slug, exhibit.slug, number)
        made_from = (current_exhibition(), *(catalogue for catalogue, _ in catalogues()))
        with self.lock:
            self.start_afresh_if_changed(made_from)
            found, links = self.drawn.get(key), self.links.get(page)
        if found is None:
            links = links or cardmarkup.Links()
            found = cardmarkup.card(exhibit, number, links)
            with self.lock:
                if len(self.drawn) >= MOST or len(self.links) >= MOST_LINKS:
                    self.drawn, self.links = {}, {}
                self.drawn[key] = found
                self.links.setdefault(page, links)
        return found

    def start_afresh_if_changed(self, made_from: tuple) -> None:
        """Forget every card if the content or an image build changed since they were drawn."""
        if len(made_from) != len(self.made_from) or any(
            a is not b for a, b in zip(made_from, self.made_from, strict=True)
        ):
            self.made_from, self.drawn = made_from, {}


def init_app(app: Flask) -> None:
    """Give templates `exhibit_card_of(exhibit, number)`, the card drawn once."""
    app.jinja_env.globals["exhibit_card_of"] = Cards().card
