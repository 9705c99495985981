"""The addresses templates and views link to: pages, exhibits, media files, the canonical URL."""

from __future__ import annotations

from flask import current_app, request, url_for

from .. import model


def absolute_url(endpoint: str, **values) -> str:
    """Return the public, absolute URL of an endpoint."""
    base = current_app.config["BASE_URL"]
    if base:
        return base + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


def media_url(path: str) -> str:
    """Return the URL of a content file a page uses."""
    return url_for("files.media", path=path)


def exhibit_url(exhibit: model.Exhibit, **values) -> str:
    """Return the URL of an exhibit's page."""
    return url_for("gallery.exhibit", room=exhibit.room_slug, exhibit=exhibit.slug, **values)


def canonical_url() -> str:
    """Return the canonical URL of the page being rendered."""
    if request.endpoint is None:  # a URL no route matched: the 404 page
        return (current_app.config["BASE_URL"] or request.host_url.rstrip("/")) + request.path
    values = dict(request.view_args or {})
    return absolute_url(request.endpoint, **values)
