"""`exhibition preview`: the exhibition as visitors will see it, drafts too, on this computer."""

from __future__ import annotations

import errno
import socket
import webbrowser

import click
from werkzeug.serving import make_server

from . import options
from .wording import left_out

HOST = "127.0.0.1"  # this computer only: a preview shows drafts


class PortInUse(click.ClickException):
    """Another program listens on the port the preview asked for."""


@click.command("preview")
@options.folder_argument()
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    envvar="PORT",
    show_default=True,
    help="The port to serve on (or the PORT variable); 0: any free port.",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in the browser.")
def command(folder, port: int, open_browser: bool) -> None:
    """Serve the exhibition in FOLDER with its drafts, reloading as its files change."""
    listening = _listen(port)
    app = options.Folder(folder).app(PREVIEW=True)
    server = make_server(HOST, port, app, threaded=True, fd=listening.fileno())
    listening.close()  # the server holds its own copy of the socket
    url = f"http://{HOST}:{server.port}/"
    _say_problems(app.extensions["exhibition"])
    click.echo(f"Previewing {folder} at {url}")
    click.echo("Open pages show each change within a second of saving it. Press Ctrl+C to stop.")
    if open_browser:
        webbrowser.open(url)
    server.serve_forever()  # until Ctrl+C, which werkzeug takes as the end of serving
    click.echo("Stopped.")


def _listen(port: int) -> socket.socket:
    """Return a socket listening on this computer's port, or say why there cannot be one."""
    listening = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        listening.bind((HOST, port))
        listening.listen(128)
    except OSError as error:
        listening.close()
        if error.errno == errno.EADDRINUSE:
            raise PortInUse(
                f"Port {port} is in use by another program (perhaps another preview): "
                f"stop it, or choose another port, as in `exhibition preview --port {port + 1}`."
            ) from None
        raise click.ClickException(f"Cannot listen on port {port}: {error.strerror}.") from None
    return listening


def _say_problems(store) -> None:
    """Tell the curator, in one line, that `exhibition check` has something to say."""
    said = left_out(store.problems)
    if said:
        click.echo(
            f"The content has {said}: `exhibition check` lists them; the preview shows "
            "what can be shown, and follows your fixes.",
            err=True,
        )
