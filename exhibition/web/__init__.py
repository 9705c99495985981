"""The web layer: blueprints that turn the exhibition into pages."""

from __future__ import annotations

from flask import Flask

from . import archive, assets, cache, curator, files, gallery, health, helpers, pages, security


def init_app(app: Flask) -> None:
    """Register the blueprints, template helpers, error pages, page cache, assets and edge."""
    app.register_blueprint(health.bp)
    archive.init_app(app)
    if app.config["MODE"] != "archive":
        _init_exhibition(app)
    # Last, so it wraps every other layer: no response leaves without its headers.
    security.init_app(app)


def _init_exhibition(app: Flask) -> None:
    """Serve the live exhibition: its pages, files, errors, page cache and assets."""
    app.register_blueprint(gallery.bp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(files.bp)
    if app.config["PREVIEW"]:
        app.register_blueprint(curator.bp)
    helpers.init_app(app)
    pages.init_errors(app)
    cache.init_app(app)
    assets.init_app(app)
