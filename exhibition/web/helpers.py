"""Template helpers: URLs of pages and images, words for codes, dates."""

from __future__ import annotations

import datetime as dt

from flask import Flask, abort, current_app, g, request, url_for

from .. import jsonld, model
from ..vocabulary import AI_ROLES, source_type_words

IMAGE_WIDTHS = (480, 960, 1600)


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


def absolute_url(endpoint: str, **values) -> str:
    """Return the public, absolute URL of an endpoint."""
    base = current_app.config["BASE_URL"]
    if base:
        return base + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


def image_url(image: model.Image, width: int | None = None) -> str:
    """Return the URL of an image at a width; the one place image URLs are built."""
    if width is None or width >= image.width:
        return url_for("files.media", path=image.path, v=image.version)
    return url_for("files.image", width=width, path=image.path, v=image.version)


def image_srcset(image: model.Image) -> str:
    """Return a srcset of the image's resized copies and the original."""
    widths = [w for w in IMAGE_WIDTHS if w < image.width] + [image.width]
    return ", ".join(f"{image_url(image, w)} {w}w" for w in widths)


def media_url(path: str) -> str:
    """Return the URL of a content file a page uses."""
    return url_for("files.media", path=path)


def exhibit_url(exhibit: model.Exhibit, **values) -> str:
    """Return the URL of an exhibit's page."""
    return url_for("gallery.exhibit", room=exhibit.room_slug, exhibit=exhibit.slug, **values)


def date_in_words(day: dt.date) -> str:
    """Return a date as people write it: 1 November 2026."""
    return f"{day.day} {day:%B %Y}"


def date_range(opens: dt.date, closes: dt.date) -> str:
    """Return a run's dates in words, without repeating what both share."""
    if opens.year != closes.year:
        return f"{date_in_words(opens)} – {date_in_words(closes)}"
    if opens.month != closes.month:
        return f"{opens.day} {opens:%B} – {date_in_words(closes)}"
    return f"{opens.day}–{date_in_words(closes)}"


def year_in_words(value: str) -> str:
    """Return an exhibit's year or ISO date as people read it."""
    try:
        return date_in_words(dt.date.fromisoformat(value))
    except ValueError:
        return value


def canonical_url() -> str:
    """Return the canonical URL of the page being rendered."""
    values = dict(request.view_args or {})
    return absolute_url(request.endpoint, **values)


def init_app(app: Flask) -> None:
    """Make the helpers available to every template."""
    app.jinja_env.globals.update(
        image_url=image_url,
        image_srcset=image_srcset,
        media_url=media_url,
        exhibit_url=exhibit_url,
        absolute_url=absolute_url,
        canonical_url=canonical_url,
        source_type_words=source_type_words,
        ai_role_words=AI_ROLES.get,
        licence_url=jsonld.licence_url,
    )
    app.jinja_env.filters.update(date_range=date_range, year_in_words=year_in_words)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    @app.context_processor
    def exhibition_context():
        return {"exhibition": current_exhibition() if store().loaded else None}
