"""`flask --app exhibition verify`: check frozen editions against their manifests."""

from __future__ import annotations

import datetime as dt

import click

from ..archive import bag, edition
from ..archive.edition import ArchiveError
from . import options
from .wording import many


@click.command("verify")
@click.argument("slug", metavar="EDITION", required=False)
@click.option("--all", "every", is_flag=True, help="Verify every edition in the archive.")
@options.jobs("How many files to read at once.")
@options.with_app
def command(app, slug: str | None, every: bool, jobs: int) -> None:
    """Report every changed, missing and extra file of an edition; exit 1 if there is any."""
    if bool(slug) == every:
        raise click.UsageError("name one EDITION, or pass --all")
    archive = edition.archive_dir(app.config)
    try:
        found = edition.editions(archive, every=True) if every else [edition.find(archive, slug)]
    except ArchiveError as error:
        raise click.ClickException(str(error)) from None
    if not found:
        click.echo(f"There is no edition in {archive} yet.")
        return
    failed = [one.slug for one in found if not _verify(archive, one, jobs)]
    if failed:
        click.echo(
            f"{len(failed)} of {many(len(found), 'edition')} failed: {', '.join(failed)}", err=True
        )
        raise SystemExit(1)


def _verify(archive, found: edition.Edition, jobs: int) -> bool:
    """Verify one edition, say what was found, and log it; return True if it is intact."""
    report = bag.BagCheck()
    with click.progressbar(
        bag.verify(found.folder, report, threads=jobs),
        length=found.files + len(bag.TAG_FILES),
        label=f"Verifying {found.slug}",
    ) as steps:
        for _ in steps:
            pass
    for line in report.lines():
        click.echo(f"{found.slug}: {line}", err=True)
    when = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    if not edition.record_check(archive, found.slug, {"checked": when, **report.as_dict()}):
        click.echo(f"warning: could not write to the fixity log in {archive}", err=True)
    if report.ok:
        click.echo(f"{found.slug}: all {many(report.files, 'file')} are as frozen.")
    else:
        problems = many(len(report.lines()), "problem")
        click.echo(f"{found.slug}: {problems}; the edition is not as frozen.", err=True)
    return report.ok
