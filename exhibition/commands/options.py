"""Options several commands share, and the exhibition folder the `exhibition` command works on."""

from __future__ import annotations

import os
from pathlib import Path

import click

from .. import PROJECT_ROOT, forked, settings

# The app's own folders: relative ones are the project's, wherever the command is typed.
OWN_FOLDERS = ("CACHE_DIR", "ARCHIVE_DIR", "PAGE_CACHE_DIR")


class NotAnExhibition(click.ClickException):
    """The folder a command was given is missing or holds no exhibition; the message says which."""


def jobs(help: str):
    """Return the `--jobs`/`-j` option: how many things to do at once, the cores by default."""
    return click.option(
        "--jobs",
        "-j",
        type=click.IntRange(1),
        default=forked.cores,
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


def load_app(folder: Path, **config):
    """Create the app for an exhibition folder, its own folders kept in the project's."""
    from ..app import create_app

    own = {}
    for setting in settings.SETTINGS:
        value = os.environ.get(setting.variable, setting.default)
        if setting.name == "CACHE_DIR" and not value:  # the folder's own, as apply() names it
            value = settings.own_cache_dir(folder)
        if setting.name in OWN_FOLDERS and value and not Path(str(value)).is_absolute():
            own[setting.name] = str(PROJECT_ROOT / str(value))
    return create_app({**own, **config, "CONTENT_DIR": str(folder)})
