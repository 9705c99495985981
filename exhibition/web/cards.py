"""Exhibit cards drawn once per content and image build, then reused by every page that lists them.

A room page lists up to a page size of cards, and each card's <picture>
costs a dozen URL lookups and escapes: drawn on every render, they made a
room page of 48 cards cost 30 ms. A card depends only on its exhibit and
number, the content and image build it was drawn from, the page's language
and where the site is mounted; it is kept under those and drawn again only
when one changes. A reload or a new build starts afresh.
"""

from __future__ import annotations

import threading

from flask import Flask, current_app, g, request
from flask_babel import get_locale
from markupsafe import Markup

from .current import current_exhibition
from .images import catalogues

MOST = 20_000  # cards kept at most; past it they are all drawn afresh


class Cards:
    """One app's drawn cards, for the content and image build they were drawn from."""

    def __init__(self):
        self.made_from: tuple = ()
        self.drawn: dict[tuple, Markup] = {}
        self.lock = threading.Lock()

    def card(self, exhibit, number: int | None = None) -> Markup:
        """Return an exhibit's card as the macro draws it, drawn once per content and build."""
        made_from = (current_exhibition(), *(catalogue for catalogue, _ in catalogues()))
        key = (str(get_locale()), request.script_root, exhibit.room_slug, exhibit.slug, number)
        with self.lock:
            if len(made_from) != len(self.made_from) or any(
                a is not b for a, b in zip(made_from, self.made_from, strict=True)
            ):
                self.made_from, self.drawn = made_from, {}
            found = self.drawn.get(key)
        if found is None:
            found = Markup(draw(exhibit, number))
            with self.lock:
                if len(self.drawn) >= MOST:
                    self.drawn = {}
                self.drawn[key] = found
        return found


def draw(exhibit, number: int | None) -> str:
    """Draw a card with the exhibit_card macro of macros.html."""
    macros = current_app.jinja_env.get_template("macros.html").make_module(
        {"g": g, "request": request}
    )
    return macros.exhibit_card(exhibit, number=number)


def init_app(app: Flask) -> None:
    """Give templates `exhibit_card_of(exhibit, number)`, the card drawn once."""
    app.jinja_env.globals["exhibit_card_of"] = Cards().card
