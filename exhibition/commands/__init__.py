"""The command line: one verb per module, hung on `flask --app exhibition`."""

from __future__ import annotations

from flask import Flask

from . import build, check, new


def init_app(app: Flask) -> None:
    """Register every command on the app's CLI."""
    app.cli.add_command(build.command)
    app.cli.add_command(check.command)
    app.cli.add_command(new.command)
