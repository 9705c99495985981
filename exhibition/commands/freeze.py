"""`flask --app exhibition freeze`: keep the exhibition as it stands, as a dated edition."""

from __future__ import annotations

import contextlib
import time

import click

from .. import disk, folders
from ..archive import edition, freeze, render
from ..archive.edition import ArchiveError
from ..settings import SettingError
from . import options
from .wording import many

LABELS = {
    "pages": "Rendering the pages",
    "files": "Copying the files they use",
    "verify": "Verifying the new edition",
}


class FreezeFailed(click.ClickException):
    """The freeze did not make an edition; the message says why."""


@click.command("freeze")
@click.option(
    "--edition", "slug", help="The edition's name; default: `edition` in exhibition.yaml."
)
@click.option(
    "--replace",
    is_flag=True,
    help="Replace an edition of the same name, keeping the old one until the new one verifies.",
)
@options.jobs("How many pages to render, and files to verify, at once.")
@options.with_app
def command(app, slug: str | None, replace: bool, jobs: int) -> None:
    """Freeze every page and file of the exhibition into a verified, read-only edition."""
    _refuse_to_freeze(app)
    archive = edition.archive_dir(app.config)
    started = time.monotonic()
    try:
        plan = render.plan(app, slug)
        _warn_of_missing_derivatives(app)
        steps = freeze.freeze(
            plan, render.fetcher(app, plan), archive, replace=replace, processes=jobs
        )
        _show(steps)
        done = edition.find(archive, plan.edition)
    except ArchiveError as error:
        raise FreezeFailed(str(error)) from None
    except OSError as error:
        if not disk.is_full(error):
            raise
        kept = "nothing of the new edition was kept, and the editions frozen before are untouched"
        raise FreezeFailed(disk.full(archive, "EXHIBITION_ARCHIVE_DIR", kept)) from None
    click.echo(
        f"Froze the edition {done.slug}: {many(done.pages, 'page')}, {many(done.files, 'file')}, "
        f"{done.size / 1e6:.1f} MB, in {time.monotonic() - started:.1f} s, into {done.folder}; "
        "it verifies against its manifests."
    )


def _refuse_to_freeze(app) -> None:
    if app.config["MODE"] == "archive":
        raise FreezeFailed("EXHIBITION_MODE is archive: there is no live exhibition to freeze")
    if app.config["PREVIEW"]:
        raise FreezeFailed(
            "EXHIBITION_PREVIEW is on, so drafts would be frozen; freeze with it off"
        )
    archive = edition.archive_dir(app.config)
    try:
        folders.refuse_inside_content(app.config, "EXHIBITION_ARCHIVE_DIR", archive)
    except SettingError as error:
        raise FreezeFailed(str(error)) from None
    store = app.extensions["exhibition"]
    if store.loaded is None:
        raise FreezeFailed(f"the content cannot be loaded:\n{store.error}")


def _warn_of_missing_derivatives(app) -> None:
    """Warn, with the fix, if some images would be frozen without their derivatives."""
    catalogue = app.extensions["derivatives"].current()
    images = {
        item.image
        for exhibit in app.extensions["exhibition"].exhibition.tour
        for item in exhibit.media
        if item.image
    }
    missing = sorted(image.path for image in images if catalogue.find(image) is None)
    if missing:
        click.echo(
            f"warning: {many(len(missing), 'image has', 'images have')} no derivatives, "
            "so the edition keeps only "
            f"their originals (such as {missing[0]}); run `exhibition build` first",
            err=True,
        )


def _show(steps) -> None:
    """Show a progress bar for each phase of the freeze as it runs."""
    with contextlib.ExitStack() as stack:
        bar, phase = None, None
        for step in steps:
            if step.phase != phase:
                stack.close()
                phase, bar = step.phase, None
                if step.phase in LABELS:
                    bar = stack.enter_context(
                        click.progressbar(length=max(step.total, 1), label=LABELS[step.phase])
                    )
                elif step.phase == "search":
                    click.echo("Indexing the edition for its search page: one index per language")
                elif step.phase == "bag":
                    click.echo("Bagging the edition: SHA-256 and SHA-512 of every file")
            if bar is not None:
                bar.length = max(bar.length, step.total, bar.pos + 1)
                bar.update(1)
