"""exhibition: a museum-grade virtual exhibition from a folder of files."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from . import settings
from .store import ContentStore

__version__ = "0.1.0"

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Flask:
    """Create the web app for the content folder its settings name."""
    app = Flask(
        __name__,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    app.config.from_prefixed_env(settings.PREFIX)
    if test_config:
        app.config.update(test_config)
    settings.apply(app.config)
    app.extensions["exhibition"] = ContentStore(
        app.config["CONTENT_DIR"], drafts=app.config["PREVIEW"]
    )

    from . import web

    web.init_app(app)
    return app
