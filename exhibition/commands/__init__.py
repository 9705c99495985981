"""The command line: one verb per module, hung on `flask --app exhibition` and `exhibition`.

Each verb is named here by where it lives, so that `exhibition check` loads
check.py alone, not every verb with the web app they would bring along.
"""

from __future__ import annotations

import importlib

# The verbs that work on an exhibition's settings or app; `exhibition` adds `start` and `preview`.
APP_COMMANDS = {
    "answers": "exhibition.commands.answers:command",
    "assets": "exhibition.commands.assets:command",
    "build": "exhibition.commands.build:command",
    "check": "exhibition.commands.check:command",
    "export": "exhibition.commands.export:command",
    "freeze": "exhibition.commands.freeze:command",
    "new": "exhibition.commands.new:command",
    "verify": "exhibition.commands.verify:command",
}


def load(where: str):
    """Return the command a "module:attribute" name points to, importing its module."""
    module, _, name = where.partition(":")
    return getattr(importlib.import_module(module), name)


def init_app(app) -> None:
    """Register every command on the app's CLI."""
    for where in APP_COMMANDS.values():
        app.cli.add_command(load(where))
