"""The exhibition a request is served from: the content store's, the same one all request long."""

from __future__ import annotations

from flask import abort, current_app, g

from .. import model


def store():
    """Return the app's content store."""
    return current_app.extensions["exhibition"]


def current_exhibition() -> model.Exhibition:
    """Return the exhibition being served, the same one for a whole request."""
    if "exhibition" not in g:
        if store().loaded is None:
            abort(503)
        g.exhibition = store().exhibition
    return g.exhibition
