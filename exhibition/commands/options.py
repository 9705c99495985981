"""Options several commands share, what each command is handed, and the folder it works on.

A command asks for its settings (`with_settings`: `check`, `build`) or for the
app (`with_app`: the others). Under `exhibition VERB FOLDER` the settings are
read for the folder and the app is made only for a command that asks for it;
under `flask --app exhibition VERB` both are the app's, which Flask made.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

import click

from .. import PROJECT_ROOT, folders, settings

# The app's own folders: relative ones are the project's, wherever the command is typed.
OWN_FOLDERS = ("CACHE_DIR", "ARCHIVE_DIR", "PAGE_CACHE_DIR")


class NotAnExhibition(click.ClickException):
    """The folder a command was given is missing or holds no exhibition; the message says which."""


class BadSetting(settings.SettingError, click.ClickException):
    """A setting a command cannot use: said in a sentence to whoever typed the command."""


def _cores() -> int:
    """Return the cores this process may run on, asked only of a command that makes things.

    forked.py brings multiprocessing with it, which `check` never starts.
    """
    from ..forked import cores

    return cores()


def jobs(help: str):
    """Return the `--jobs`/`-j` option: how many things to do at once, the cores by default."""
    return click.option(
        "--jobs",
        "-j",
        type=click.IntRange(1),
        default=_cores,
        show_default="the number of cores",
        help=help,
    )


def folder_argument():
    """Return the optional FOLDER argument: the exhibition's folder, checked and made absolute."""
    return click.argument(
        "folder",
        required=False,
        callback=lambda ctx, param, value: content_folder(value),
    )


def folder_option():
    """Return the --folder option, for commands whose last argument takes any number of values."""
    return click.option(
        "--folder",
        "folder",
        metavar="FOLDER",
        help="The exhibition's folder; default: the current one.",
        callback=lambda ctx, param, value: content_folder(value),
    )


def content_folder(value: str | None) -> Path:
    """Return the exhibition folder named, else the current one, else EXHIBITION_CONTENT_DIR's."""
    if value is None:
        here = Path.cwd()
        if (here / "exhibition.yaml").is_file():
            return here
        value = os.environ.get(f"{settings.PREFIX}_CONTENT_DIR")
        if not value and not (here / "content" / "exhibition.yaml").is_file():
            raise NotAnExhibition(
                f"There is no exhibition here: {here} has no exhibition.yaml, so go to your "
                "exhibition's folder (cd my-exhibition) or name it "
                "(exhibition check my-exhibition)."
            )
        value = value or "content"
    folder = Path(value).expanduser().absolute()
    if not folder.is_dir():
        raise NotAnExhibition(
            f"There is no folder {value}: check its name, or make a new exhibition there "
            f"with `exhibition start {value}`."
        )
    if not (folder / "exhibition.yaml").is_file():
        raise NotAnExhibition(
            f"{value} is not an exhibition folder, as it has no exhibition.yaml: name the folder "
            f"that holds exhibition.yaml, or make a new exhibition with `exhibition start FOLDER`."
        )
    return folder


@dataclass(frozen=True)
class Folder:
    """The exhibition folder `exhibition VERB FOLDER` works on; the app's folders the project's."""

    path: Path

    def overrides(self, **config) -> dict:
        """Return what the folder sets over the environment: itself and the app's own folders."""
        own = {}
        read = settings.environment()
        for name in OWN_FOLDERS:
            value = read.get(name, settings.default(name))
            if name == "CACHE_DIR" and not value:  # the folder's own, as apply() names it
                value = settings.own_cache_dir(self.path)
            if value and not Path(str(value)).is_absolute():
                own[name] = str(PROJECT_ROOT / str(value))
        return {**own, **config, "CONTENT_DIR": str(self.path)}

    def settings(self) -> dict:
        """Return the folder's settings, as the app would hold them, with no app made."""
        try:
            config = settings.read(self.overrides())
            folders.check(config, server=False)  # as create_app checks them for a command
        except settings.SettingError as error:
            raise BadSetting(str(error)) from None
        return config

    def app(self, **config):
        """Create the app for the folder."""
        from ..app import create_app

        return create_app(self.overrides(**config))


def with_settings(command):
    """Hand a command its settings, as its first argument: all `check` and `build` need."""

    @click.pass_context
    def run(ctx: click.Context, /, *args, **kwargs):
        folder = ctx.find_object(Folder)
        config = folder.settings() if folder else _app(ctx).config
        return ctx.invoke(command, config, *args, **kwargs)

    return functools.update_wrapper(run, command)


def with_app(command):
    """Hand a command the app, as its first argument, in the app's context."""

    @click.pass_context
    def run(ctx: click.Context, /, *args, **kwargs):
        return ctx.invoke(command, _app(ctx), *args, **kwargs)

    return functools.update_wrapper(run, command)


def _app(ctx: click.Context):
    """Return the app, in its context: the folder's, made now, or the one Flask made or makes."""
    from flask import current_app
    from flask.cli import ScriptInfo

    if current_app:  # `flask --app exhibition` pushed it as it found the command
        return current_app._get_current_object()
    folder = ctx.find_object(Folder)
    app = folder.app() if folder else ctx.ensure_object(ScriptInfo).load_app()
    ctx.with_resource(app.app_context())
    return app
