"""The command line: one verb per module, hung on `flask --app exhibition` and `exhibition`."""

from __future__ import annotations

from flask import Flask

from . import answers, assets, build, check, export, freeze, new, verify

# The verbs that work on a loaded app; `exhibition` adds `start` and `preview` (see cli.py).
APP_COMMANDS = (
    assets.command,
    build.command,
    check.command,
    new.command,
    freeze.command,
    verify.command,
    export.command,
    answers.command,
)


def init_app(app: Flask) -> None:
    """Register every command on the app's CLI."""
    for command in APP_COMMANDS:
        app.cli.add_command(command)
