"""`flask --app exhibition export`: write an edition as a zip or a WACZ to hand on."""

from __future__ import annotations

from pathlib import Path

import click

from ..archive import bag, edition, export
from ..archive.edition import ArchiveError
from . import options


@click.command("export")
@click.argument("slug", metavar="EDITION")
@click.option(
    "--format",
    "kind",
    type=click.Choice(["zip", "wacz"]),
    default="zip",
    show_default=True,
    help="zip: the static site; wacz: a web archive for ReplayWeb.page and other replay tools.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write it; default: EDITION.zip or EDITION.wacz here.",
)
@options.with_app
def command(app, slug: str, kind: str, output: Path | None) -> None:
    """Export a verified edition as a zip of its site or as a WACZ."""
    archive = edition.archive_dir(app.config)
    try:
        found = edition.find(archive, slug)
    except ArchiveError as error:
        raise click.ClickException(str(error)) from None
    report = bag.BagCheck()
    for _ in bag.verify(found.folder, report):
        pass
    if not report.ok:
        raise click.ClickException(
            f"{slug} does not verify, so it is not exported; "
            f"`exhibition verify {slug}` lists what changed"
        )
    output = output or Path(f"{slug}.{kind}")
    writer = export.export_zip if kind == "zip" else export.export_wacz
    with click.progressbar(
        writer(found, output), length=found.files, label=f"Writing {output}"
    ) as steps:
        for _ in steps:
            pass
    if kind == "wacz":
        passed, said = export.validate_wacz(output)
        if not passed:
            raise click.ClickException(f"the WACZ does not validate:\n{said}")
    size = output.stat().st_size / 1e6
    click.echo(f"Exported {slug} as {output} ({size:.1f} MB){'; it validates' * (kind == 'wacz')}.")
