"""The web layer: blueprints that turn the exhibition into pages."""

from __future__ import annotations

from flask import Flask, redirect, request, url_for
from werkzeug.middleware.proxy_fix import ProxyFix

from . import (
    answers,
    archive,
    assets,
    browse,
    cache,
    curator,
    files,
    gallery,
    health,
    locale,
    localised,
    pages,
    search,
    security,
    templating,
)


def init_app(app: Flask) -> None:
    """Register languages, blueprints, template helpers, error pages, page cache, assets, edge."""
    # Routes match with or without their final slash; add_final_slash() then
    # leads only addresses of pages that exist to the slashed one.
    app.url_map.strict_slashes = False
    app.after_request(add_final_slash)
    locale.init_app(app)
    app.register_blueprint(health.bp)
    archive.init_app(app)
    if app.config["MODE"] != "archive":
        _init_exhibition(app)
    # The edge stands outside every other layer, whenever it is set up (layers.py).
    security.init_app(app)
    if app.config["TRUSTED_PROXIES"]:
        # The visitor's address from the proxies in front alone, never from anyone's header.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=app.config["TRUSTED_PROXIES"])


def _init_exhibition(app: Flask) -> None:
    """Serve the live exhibition in each language: its pages, files, errors, page cache, assets."""
    localised.init_app(app)
    app.register_blueprint(gallery.bp)
    search.init_app(app)
    app.register_blueprint(pages.bp)
    answers.init_app(app)
    app.register_blueprint(browse.bp)
    app.register_blueprint(files.bp)
    if app.config["PREVIEW"]:
        app.register_blueprint(curator.bp)
    templating.init_app(app)
    pages.init_errors(app)
    cache.init_app(app)
    assets.init_app(app)


def add_final_slash(response):
    """Lead an address that lacks its final slash to its page, if the page exists.

    Werkzeug would redirect any address a route matches once a slash is added,
    page or not (`/rooms/nothing` to `/rooms/nothing/`, then a 404); here only
    a page that answers 200 is redirected, and anything else keeps its 404.
    """
    rule = request.url_rule
    if (
        response.status_code != 200
        or rule is None
        or not rule.rule.endswith("/")
        or request.path.endswith("/")
    ):
        return response
    query = request.query_string.decode("latin-1")
    page = url_for(request.endpoint, **request.view_args)  # the rule's own, slashed address
    return redirect(page + (f"?{query}" if query else ""), 308)
