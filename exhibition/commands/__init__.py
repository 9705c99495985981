"""The command line: one verb per module, hung on `flask --app exhibition`."""

from __future__ import annotations

from flask import Flask

from . import assets, build, check, export, freeze, new, verify


def init_app(app: Flask) -> None:
    """Register every command on the app's CLI."""
    app.cli.add_command(assets.command)
    app.cli.add_command(build.command)
    app.cli.add_command(check.command)
    app.cli.add_command(new.command)
    app.cli.add_command(freeze.command)
    app.cli.add_command(verify.command)
    app.cli.add_command(export.command)
