"""The image build: plan the derivatives of every image, skip the unchanged, make the rest.

Pure Python: no Flask here. `build()` makes what is missing, in worker
processes, and yields its progress one image at a time; the manifest it
writes (manifest.py) tells pages which derivatives exist. Every derivative is
named after a key: a hash of the original's bytes, the recipe and the
provenance written into it, so its URL never has to change and a changed
original gets new names.
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import functools
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .. import disk, model, settings
from . import copies, waveform, workers
from .manifest import MANIFEST, PIPELINE, Catalogue, ManifestEntry, listing, remove_stale
from .probe import Limits, file_version, frames_of, open_image, orientation

CLAIMS = "-claims"  # beside a derivatives folder: one lock file per derivative set being made


@dataclass(frozen=True)
class Recipe:
    """How every image is made: the widths and the background of the JPEG copies."""

    widths: tuple[int, ...] = settings.default("IMAGE_WIDTHS")
    background: str = settings.default("IMAGE_BACKGROUND")

    @classmethod
    def from_settings(cls, config) -> Recipe:
        """Return the recipe an app's settings set."""
        return cls(tuple(config["IMAGE_WIDTHS"]), config["IMAGE_BACKGROUND"])

    @functools.cache  # noqa: B019 - a few recipes at most, each hashed once per run
    def digest(self) -> str:
        """Return a hash of everything that changes the bytes written."""
        parts = [PIPELINE, self.widths, self.background, copies.ENCODERS, copies.TILE_SIZE]
        return _hash(json.dumps(parts, sort_keys=True, default=str))


@dataclass(frozen=True)
class Job:
    """One image to make derivatives of, and everything a worker needs to make them."""

    path: str  # relative to the content folder
    source: Path
    out: Path
    provenance: copies.Provenance
    recipe: Recipe
    limits: Limits
    colour: str = ""  # a sound's: the room's colour its waveform is drawn in
    digest: str = ""  # of the original's bytes, when the build has read them already

    @functools.cached_property  # once per job, not per look: a build looks at thousands
    def inputs(self) -> str:
        """Return a hash of what besides the original's bytes goes into the files."""
        return inputs_of(self.recipe, self.provenance, self.colour)


PROVENANCE = tuple(f.name for f in dataclasses.fields(copies.Provenance))


@functools.lru_cache(maxsize=4096)  # a credit and licence is often shared by many images
def inputs_of(recipe: Recipe, provenance: copies.Provenance, colour: str) -> str:
    """Return a hash of the recipe, the provenance and a waveform's colour.

    The provenance is hashed as the JSON of its fields, as it always was, so
    the names of derivatives already made do not change.
    """
    drawing = f"waveform {waveform.RECIPE} {colour}" if colour else ""
    fields = {name: getattr(provenance, name) for name in PROVENANCE}
    return _hash(recipe.digest() + json.dumps(fields, sort_keys=True) + drawing)


@dataclass
class ImageProgress:
    """What the build did with one image: made, kept (unchanged) or failed."""

    path: str
    status: str  # "made", "kept" or "failed"
    message: str = ""


@dataclass
class Summary:
    """What a whole build did."""

    made: int = 0
    kept: int = 0
    failed: list[ImageProgress] = field(default_factory=list)
    removed: int = 0


def _hash(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def file_digest(path: Path) -> str:
    """Return a hash of a file's bytes."""
    with open(path, "rb") as file:
        return hashlib.file_digest(file, lambda: hashlib.blake2b(digest_size=20)).hexdigest()


def key_of(digest: str, inputs: str) -> str:
    """Return the key derivative names carry: the original's bytes and the inputs, hashed."""
    return _hash(digest + inputs)[:20]


def provenance_of(exhibit: model.Exhibit, item: model.Media) -> copies.Provenance:
    """Return what an image's derivatives say about who made it and whose it is."""
    rights = exhibit.rights
    owner = rights.notice or (f"© {rights.holder}" if rights.holder else "")
    licence = f"Licence: {rights.licence}" if rights.licence else ""
    drawn = item.kind == "audio"  # a waveform: a picture of the sound's data, however made
    return copies.Provenance(
        credit=item.credit,
        copyright=". ".join(part for part in (owner.rstrip("."), licence) if part),
        source_type="dataDrivenMedia" if drawn else item.source_type or exhibit.ai.source_type,
    )


def plan(
    exhibition: model.Exhibition,
    root: Path,
    out: Path,
    recipe: Recipe,
    limits: Limits,
    *,
    drafts: bool = False,
) -> list[Job]:
    """Return a job for every image and poster of the published exhibits, once each.

    With `drafts`, return one for every image only drafts show instead.
    """
    shown = {i.image.path for e in exhibition.tour if not e.draft for i in e.media if i.image}
    jobs: dict[str, Job] = {}
    for exhibit in exhibition.tour:
        for item in exhibit.media:
            path = item.image.path if item.image else None
            if path and path not in jobs and exhibit.draft == drafts and (path in shown) != drafts:
                provenance, colour = provenance_of(exhibit, item), ""
                if item.kind == "audio":  # its waveform, in the room's colour
                    colour = waveform.room_colour(exhibition.room(exhibit.room_slug).index)
                jobs[path] = Job(path, root / path, out, provenance, recipe, limits, colour)
    return list(jobs.values())


def build_image(job: Job) -> tuple[ManifestEntry, bool]:
    """Make one image's derivatives unless files of the same key exist.

    Return its entry, and whether anything was made.

    Runs in a worker process.
    """
    entry = _entry(job)
    if entry.complete(job.out):
        return entry, False
    with _claim(job.out, entry.key):
        if entry.complete(job.out):  # another build made them while this one waited
            return entry, False
        _write(job, entry)
    return entry, True


@contextlib.contextmanager
def _claim(out: Path, key: str) -> Iterator[None]:
    """Hold a derivative set's claim file beside `out`, waiting while another build holds it.

    Two builds started at once on the same folder (two `build` commands, or
    a build beside a server making what it lacks) encode each image once:
    the second waits, then finds the files made. The lock goes with the
    process, so a build that is stopped never leaves a set claimed.
    """
    folder = out.parent / f".{out.name}{CLAIMS}"
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / f"{key}.lock", "a") as claim:
        fcntl.flock(claim, fcntl.LOCK_EX)
        yield


def _write(job: Job, entry: ManifestEntry) -> None:
    """Encode one image's derivatives (or a sound's waveform) into the folder."""
    write, extra = copies.write_copies, {}
    if job.colour:  # a sound: its waveform, in the room's colour
        write, extra = waveform.write_copies, {"colour": job.colour}
    write(
        job.source,
        job.out,
        entry.key,
        widths=job.recipe.widths,
        background=job.recipe.background,
        provenance=job.provenance,
        limits=job.limits,
        **extra,
    )


def _entry(job: Job) -> ManifestEntry:
    """Return the manifest entry of a job's image as it is now, read once for its key."""
    stat = job.source.stat()
    digest = job.digest or file_digest(job.source)
    width, height, animated = _shape(job)
    return ManifestEntry(
        job.path,
        file_version(stat),
        stat.st_size,
        stat.st_mtime_ns,
        digest,
        job.inputs,
        key_of(digest, job.inputs),
        width,
        height,
        copies.ladder(width, job.recipe.widths),
        animated,
        copies.zoomable(width, height, animated),
    )


def _shape(job: Job) -> tuple[int, int, bool]:  # displayed width, height; whether it moves
    if job.colour:  # a waveform
        return *waveform.SIZE, False
    with open_image(job.source, job.limits) as image:
        turned = orientation(image) in (5, 6, 7, 8)
        width, height = (image.height, image.width) if turned else image.size
        return width, height, frames_of(image) > 1


def build(
    jobs: list[Job],
    out: Path,
    *,
    processes: int = 1,
    budget: workers.Budget = workers.DEFAULT_BUDGET,
    summary: Summary | None = None,
) -> Iterator[ImageProgress]:
    """Make every job's derivatives that are missing, yielding progress one image at a time.

    An image whose original, recipe and provenance have not changed since the
    manifest was written is kept without being read. The images no job has any
    more (an exhibit made a draft, a deleted file) leave the manifest and the
    folder before anything is made; at the end the manifest is rewritten (only
    if it changed) and files no entry names are removed. A full disk stops the
    build with an OSError, leaving the manifest and the other files as they were.
    """
    summary = summary if summary is not None else Summary()
    out.mkdir(parents=True, exist_ok=True)
    old = _withdraw(out, {job.path for job in jobs}, summary)
    entries: dict[str, ManifestEntry] = {}
    todo, present = [], listing(out)  # one listing, not a stat of every derivative
    for job in jobs:
        entry = _unchanged(old.entries.get(job.path), job, present)
        if entry is None:
            todo.append(job)
        else:
            entries[job.path] = entry
            summary.kept += 1
            yield ImageProgress(job.path, "kept")
    leaders, sharers = _by_key(todo)
    for outcome in workers.run(build_image, leaders, workers=processes, budget=budget):
        yield _record(outcome, entries, summary)
        yield from _share(outcome, sharers.get(outcome.job.path, ()), entries, summary)
    if entries != old.entries or MANIFEST not in present:  # unchanged: not even serialised
        Catalogue(entries).write(out)
    summary.removed += remove_stale(out, entries.values())


def _withdraw(out: Path, wanted: set[str], summary: Summary) -> Catalogue:
    """Return the manifest without the images no job has any more, their files removed.

    Done first, so that a build that stops has withdrawn them too.
    """
    old = Catalogue.read(out)
    if set(old.entries) - wanted:
        old = Catalogue({path: e for path, e in old.entries.items() if path in wanted})
        old.write(out)
        summary.removed += remove_stale(out, old.entries.values())
    return old


def _record(
    outcome: workers.Outcome, entries: dict[str, ManifestEntry], summary: Summary
) -> ImageProgress:
    """Record what came of one image; raise OSError if the disk is full."""
    job = outcome.job
    if outcome.errno in disk.FULL:  # every image after it would fail alike
        raise OSError(outcome.errno, f"{job.path}: {outcome.error}")
    if outcome.error:
        progress = ImageProgress(job.path, "failed", outcome.error)
        summary.failed.append(progress)
        return progress
    entries[job.path], made = outcome.result
    summary.made += made
    summary.kept += not made
    return ImageProgress(job.path, "made" if made else "kept")


def _by_key(jobs: list[Job]) -> tuple[list[Job], dict[str, list[Job]]]:
    """Return one job per derivative key, and the other jobs of each key by its job's path.

    Two originals with the same bytes, recipe and provenance (one picture shown
    in two exhibits) have the same derivatives: made once, never by two
    workers at the same time. Only the images to make are read for this.
    """
    leaders: dict[str, Job] = {}
    sharers: dict[str, list[Job]] = {}
    for job in jobs:
        try:
            job = dataclasses.replace(job, digest=file_digest(job.source))
        except OSError:
            leaders[job.path] = job  # unreadable: its worker says why
            continue
        key = key_of(job.digest, job.inputs)
        if key in leaders:
            sharers.setdefault(leaders[key].path, []).append(job)
        else:
            leaders[key] = job
    return list(leaders.values()), sharers


def _share(
    outcome: workers.Outcome,
    jobs,
    entries: dict[str, ManifestEntry],
    summary: Summary,
) -> Iterator[ImageProgress]:
    """Give the jobs that share a made image's key its files, or its failure."""
    for job in jobs:
        error = outcome.error
        try:
            stat = job.source.stat()
        except OSError as problem:
            error = error or str(problem)
        if error:
            progress = ImageProgress(job.path, "failed", error)
            summary.failed.append(progress)
            yield progress
            continue
        entries[job.path] = dataclasses.replace(
            outcome.result[0],
            path=job.path,
            version=file_version(stat),
            size=stat.st_size,
            mtime_ns=stat.st_mtime_ns,
        )
        summary.kept += 1
        yield ImageProgress(job.path, "kept")


def _unchanged(entry: ManifestEntry | None, job: Job, present: set[str]) -> ManifestEntry | None:
    """Return the entry if its original and inputs are as recorded and its files exist."""
    if entry is None or entry.inputs != job.inputs:
        return None
    try:
        stat = job.source.stat()
    except OSError:
        return None
    if (stat.st_size, stat.st_mtime_ns) != (entry.size, entry.mtime_ns):
        return None
    return entry if entry.complete(job.out, present) else None
