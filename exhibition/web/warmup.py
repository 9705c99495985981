"""What a server does once as it starts, so that no visitor waits for it.

Each worker used to pay, on its first pages, for compiling their templates
(30-120 ms for the lobby, a room or an exhibit), reading and hashing the image
build's catalogue for the page cache's keys (80 ms at 5,000 exhibits) and
loading each language's locale data (30 ms). Here a background thread does it
as the server starts; a page asked for meanwhile does what it needs itself.
"""

from __future__ import annotations

import threading

from flask import Flask

from .localised import direction, own_name


def warm(app: Flask) -> list[str]:
    """Compile every page template, read the image catalogue, load each language's data.

    Return the names of the templates compiled.
    """
    names = [name for name in app.jinja_env.list_templates() if name.endswith(".html")]
    for name in names:
        app.jinja_env.get_template(name)
    app.extensions["page_cache"].versions.images()
    store = app.extensions["exhibition"]
    if store.loaded:
        exhibition = store.exhibition
        for language in exhibition.languages or (exhibition.language,):
            direction(language)  # each loads the language's locale data once per process
            own_name(language)
    return names


def warm_soon(app: Flask) -> None:
    """Warm the app up in a background thread: a server's, as it starts."""
    threading.Thread(target=warm, args=(app,), name="warm-up", daemon=True).start()
