"""`flask --app exhibition assets`: write the static files as a proxy should serve them."""

from __future__ import annotations

from pathlib import Path

import click

from .. import atomic
from ..web.assets import collect
from . import options


@click.command("assets")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The folder to write into; default: static/ in EXHIBITION_CACHE_DIR.",
)
@options.with_app
def command(app, out: Path | None) -> None:
    """Write every static file under its hashed name, with .gz and .br copies beside it.

    A proxy such as nginx can then serve /static/ from this folder itself
    (deploy/nginx.conf does); the plain names are written too, for files
    that scripts load by name. Unchanged files are not rewritten.
    """
    out = out or Path(app.config["CACHE_DIR"]) / "static"
    assets = collect(Path(app.static_folder))
    written = 0
    for asset in assets.values():
        files = {}
        for coding, body in asset.bodies().items():
            suffix = {"": "", "gzip": ".gz", "br": ".br"}[coding]
            files.update({asset.hashed + suffix: body, asset.name + suffix: body})
        for name, body in files.items():
            path = out / name
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic.write(path, body)
            written += 1
    click.echo(f"Wrote {len(assets)} static files ({written} with their copies) into {out}.")
