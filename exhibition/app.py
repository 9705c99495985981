"""The web app: made for the content folder its settings name, with every layer in place."""

from __future__ import annotations

import click
from flask import Flask

from . import PROJECT_ROOT, folders, settings
from .catchup import Catchup
from .commands.options import BadSetting
from .problems import ContentError
from .store import ContentStore

SERVERS = ("run", "preview")  # the commands that serve the site, as gunicorn does
UNNAMED_HOST = (
    "EXHIBITION_BASE_URL is not set: pages will name whatever host a request claims "
    "(canonical links, link previews, the sitemap) and the page cache will keep a copy of "
    "each page per host. On a public site, set it to the site's address, such as "
    "EXHIBITION_BASE_URL=https://exhibition.example.org."
)


def create_app(test_config: dict | None = None) -> Flask:
    """Create the web app for the content folder its settings name."""
    app = Flask(
        __package__,  # "exhibition": the name its logger and root path go by
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    command = click.get_current_context(silent=True)
    server = command is None or command.info_name in SERVERS
    try:
        app.config.update(settings.read(test_config))
        # A server must not trust what curators could write; `check` must start to say what's wrong.
        folders.check(app.config, server=server)
    except settings.SettingError as error:
        if command is None:
            raise
        raise BadSetting(str(error)) from None
    if app.config["MODE"] == "archive":
        # The live exhibition is retired: no content to load, only the archive to serve.
        from . import commands, web

        web.init_app(app)
        commands.init_app(app)
        return app
    _load_content(app, command, server)

    from . import commands, web

    web.init_app(app)
    commands.init_app(app)
    if server and not app.testing:
        from .web.warmup import warm_soon

        warm_soon(app)  # before the first visitor of each page
    return app


def _load_content(app: Flask, command, server: bool) -> None:
    """Load the content folder into the app's store, and keep it up to date."""
    store = ContentStore.from_settings(app.config)
    if not (command or app.config["PREVIEW"] or app.config["BASE_URL"]):
        app.logger.warning(UNNAMED_HOST)
    if not server:
        # A command loads the content when it first reads it, and says what is
        # wrong itself: `check`, with its own store of drafts, loads it once.
        store.load_when_asked()
    else:
        try:
            store.load(log_errors=command is None)
        except ContentError:
            # gunicorn must not start on broken content; `preview` must, to say what is broken.
            if command is None:
                raise
    app.extensions["exhibition"] = store
    store.watch(app.config["RELOAD_SECONDS"] or (0.5 if app.config["PREVIEW"] else 0))
    if app.config["PREVIEW"] and server and not app.testing:
        # Pages show originals until derivatives exist: make them behind the curator's edits.
        Catchup(store, app.config).start()
