"""The exhibition a request is served from: the store's, all request long, in its language."""

from __future__ import annotations

from flask import abort, current_app, g

from .. import model


def store():
    """Return the app's content store."""
    return current_app.extensions["exhibition"]


def current_exhibition() -> model.Exhibition:
    """Return the exhibition being served in the page's language, the same for a whole request.

    `g.exhibition` keeps the snapshot in its primary language: the page cache
    files the page under it.
    """
    if "exhibition" not in g:
        if store().loaded is None:
            abort(503)
        g.exhibition = store().exhibition
    return store().in_language(g.exhibition, g.get("language"))
