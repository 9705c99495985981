"""The `exhibition` command: every verb a curator or operator types, on an exhibition folder.

`flask --app exhibition …` runs the same commands on EXHIBITION_CONTENT_DIR;
here each also takes the folder as its last argument (default: the current
folder when it holds an exhibition.yaml). A verb is loaded only when it is
run (or `--help` lists them all), and the app is made only for the verbs that
need one: `check` and `build` read the folder's settings and start without Flask.
"""

from __future__ import annotations

import copy

import click

from . import __version__
from .commands import APP_COMMANDS, load, options

# The verbs of `exhibition` alone, on a folder of their own choosing.
OWN_COMMANDS = {
    "preview": "exhibition.commands.preview:command",
    "start": "exhibition.commands.start:command",
}


def in_folder(command: click.Command) -> click.Command:
    """Return a copy of an app command that takes the exhibition folder as its last argument."""
    if isinstance(command, click.Group):
        group = copy.copy(command)
        group.commands = {name: in_folder(sub) for name, sub in command.commands.items()}
        return group
    wrapped = copy.copy(command)
    wrapped.params = [*command.params]
    if any(isinstance(p, click.Argument) and p.nargs == -1 for p in command.params):
        options.folder_option()(wrapped)  # its arguments go on to the end: no room for FOLDER
    else:
        options.folder_argument()(wrapped)
    callback = command.callback

    @click.pass_context
    def run(ctx: click.Context, folder, **params):
        # The same command objects as `flask --app exhibition`, handed this folder's settings.
        ctx.obj = options.Folder(folder)
        return ctx.invoke(callback, **params)

    wrapped.callback = run
    return wrapped


class Verbs(click.Group):
    """The verbs of `exhibition`, each imported only when it is run or listed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({**APP_COMMANDS, **OWN_COMMANDS})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in OWN_COMMANDS:
            return load(OWN_COMMANDS[name])
        if name in APP_COMMANDS:
            return in_folder(load(APP_COMMANDS[name]))
        return None


@click.group(cls=Verbs, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="exhibition")
def main() -> None:
    """Make, check and preview a museum exhibition from a folder of files.

    Start with `exhibition start my-exhibition`, then `cd my-exhibition` and
    `exhibition preview --open`. docs/curators.md tells the rest.
    """
