"""`flask --app exhibition build`: make every image's derivatives before visitors ask."""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import click

from .. import catchup, disk
from ..media import build, built, manifest, roompanoramas, workers
from ..problems import ContentError
from ..store import ContentStore
from . import options
from .wording import left_out, many


class BuildError(click.ClickException):
    """The build cannot start; the message says why."""


def _folders(config) -> tuple[Path, Path, Path]:
    """Return the content folder and the derivatives folders, the site's and the drafts'.

    Refuse a cache folder inside the content folder.
    """
    content = Path(config["CONTENT_DIR"]).resolve()
    out = manifest.folder(config)
    if out.is_relative_to(content):
        raise BuildError(
            f"EXHIBITION_CACHE_DIR is inside the content folder ({content}); "
            "set it to a folder outside it, e.g. instance/cache"
        )
    return content, out, manifest.folder(config, drafts=True)


@click.command("build")
@options.jobs("How many images to make at once.")
@click.option("--strict", is_flag=True, help="Exit with 1 if any image failed.")
@options.with_settings
def command(config, jobs: int, strict: bool) -> None:
    """Make the derivatives of every image: the widths, AVIF, WebP, JPEG and zoom tiles."""
    content, out, drafts = _folders(config)
    store = ContentStore.from_settings(config, drafts=True)
    try:
        store.load(log_errors=False)
    except ContentError as error:
        raise BuildError(f"the content cannot be loaded:\n{error}") from None
    try:
        with catchup.locked(out.parent):  # not at once with a preview server's own build
            summary, rooms, seconds = _build(config, store, jobs)
    except OSError as error:
        if not disk.is_full(error):
            raise
        kept = "the build stopped, and the derivatives made before are kept and still served"
        raise BuildError(disk.full(out, "EXHIBITION_CACHE_DIR", kept)) from None
    for failure in summary.failed:
        click.echo(f"{failure.path}: error: {failure.message}", err=True)
    click.echo(_summary(summary, seconds[0], out, drafts))
    made, kept = rooms
    click.echo(f"Drew {many(made, 'room')} in 360°, kept {kept} unchanged, in {seconds[1]:.1f} s.")
    said = left_out(store.problems)
    if said:
        click.echo(f"{said} left some exhibits out; `exhibition check` lists them.", err=True)
    if strict and summary.failed:
        raise SystemExit(1)


def _build(config, store: ContentStore, jobs: int):
    """Make what is missing, unless the last build left everything as it is needed.

    Return what was done with the images, the rooms drawn and kept, and the
    seconds the images and the rooms took.
    """
    content, out, drafts = _folders(config)
    recipe, widths = build.Recipe.from_settings(config), config["PANORAMA_WIDTHS"]
    written = built.folders(out, drafts)
    inputs = (store.key, recipe.digest(), widths)
    summary, started = build.Summary(), time.monotonic()
    last = built.last(out.parent, built.digest_of(*inputs, written))
    if last:  # nothing to make, keep or remove: said without planning every image again
        summary.kept = last["images"]
        return summary, (0, last["rooms"]), (time.monotonic() - started, 0.0)
    plans = catchup.plans(store.exhibition, content, (out, drafts), recipe, store.limits)
    budget = workers.Budget.from_settings(config)
    steps = itertools.chain.from_iterable(
        build.build(plan, folder, processes=jobs, budget=budget, summary=summary)
        for plan, folder in plans
    )
    _show(steps, sum(len(plan) for plan, _ in plans))
    drawing = time.monotonic()
    made, kept = roompanoramas.build(store.exhibition, out, widths, content, store.limits)
    if summary.failed:
        built.forget(out.parent)
    else:
        built.write(
            out.parent, built.digest_of(*inputs, written), summary.kept + summary.made, made + kept
        )
    return summary, (made, kept), (drawing - started, time.monotonic() - drawing)


def _show(steps, length: int) -> None:
    """Show a progress bar as the build makes each image's derivatives."""
    with click.progressbar(
        steps,
        length=length,
        label=f"Making the derivatives of {length} images",
        item_show_func=lambda step: step.path if step else None,
    ) as bar:
        for _ in bar:
            pass


def _summary(summary: build.Summary, seconds: float, out: Path, drafts: Path) -> str:
    failed = f", {len(summary.failed)} failed" if summary.failed else ""
    return (
        f"Made {many(summary.made, 'image')}, kept {summary.kept} unchanged{failed}, "
        f"removed {many(summary.removed, 'stale file')} in {seconds:.1f} s, into {out} "
        f"(drafts' into {drafts})."
    )
