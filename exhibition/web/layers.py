"""The layers in front of Flask, stacked in one stated order whatever order they come in.

A request meets them from the outside in: the edge (security.py), so that no
answer leaves without its headers and nothing it refuses goes further; the
hashed static files (assets.py), answered from memory before any page work;
the page cache (cache.py), right in front of Flask, so that what it keeps is
what Flask made. Each layer is a WSGI callable that passes what it does not
answer on to its `wsgi_app`.
"""

from __future__ import annotations

from flask import Flask

ORDER = ("edge", "assets", "page cache")  # the outermost first
FLASK = "flask"  # the app's own WSGI callable, innermost


def add(app: Flask, name: str, layer) -> None:
    """Put a layer in its place in front of the app, and make the app start at the outermost."""
    if name not in ORDER:
        raise ValueError(f"{name!r} is not a layer; the layers are {', '.join(ORDER)}")
    stack = app.extensions.setdefault("layers", {FLASK: app.wsgi_app})
    stack[name] = layer
    inner = stack[FLASK]
    for each in reversed(ORDER):
        if each in stack:
            stack[each].wsgi_app = inner
            inner = stack[each]
    app.wsgi_app = inner
