"""The `exhibition` command: every verb a curator or operator types, on an exhibition folder.

`flask --app exhibition …` runs the same commands on EXHIBITION_CONTENT_DIR;
here each also takes the folder as its last argument (default: the current
folder when it holds an exhibition.yaml), and the app is made for that folder.
"""

from __future__ import annotations

import copy

import click
from flask.cli import ScriptInfo

from . import __version__
from .commands import APP_COMMANDS, options, preview, start


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
        # The same command objects as `flask --app exhibition`, with the app made for this folder.
        ctx.obj = ScriptInfo(create_app=lambda: options.load_app(folder))
        return ctx.invoke(callback, **params)

    wrapped.callback = run
    return wrapped


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="exhibition")
def main() -> None:
    """Make, check and preview a museum exhibition from a folder of files.

    Start with `exhibition start my-exhibition`, then `cd my-exhibition` and
    `exhibition preview --open`. docs/curators.md tells the rest.
    """


main.add_command(start.command)
main.add_command(preview.command)
for app_command in APP_COMMANDS:
    main.add_command(in_folder(app_command))
