"""Plan, build and look up the derivatives of every image of the exhibition.

Pure Python: no Flask here. `build()` renders what is missing, in worker
processes, and yields its progress one image at a time; `Catalogue` tells
pages which derivatives exist. Every derivative is named after a key: a hash
of the original's bytes, the recipe and the provenance written into it, so
its URL never has to change and a changed original gets new names.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import shutil
import threading
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import atomic, disk, imaging, model, waveform, workers
from .media import Limits, file_version, frames_of, open_image, orientation

PIPELINE = 1  # raise when imaging.py changes what it writes for the same recipe
FOLDER = "images"  # inside the cache folder; a proxy may serve it whole
DRAFTS_FOLDER = "draft-images"  # beside FOLDER, never inside it: only preview serves it
MANIFEST = "manifest.json"
NAME = re.compile(r"[0-9a-f]{20}(-\d+\.(avif|webp|jpg)|\.dzi|_files/\d+/\d+_\d+\.(jpg|png))")
OWN_ENTRY = re.compile(r"[0-9a-f]{20}(-\d+\.(avif|webp|jpg)|\.dzi|_files)|\..+\.tmp|\.tiles-.+")


@dataclass(frozen=True)
class Recipe:
    """How every image is made: the widths and the background of the JPEG copies."""

    widths: tuple[int, ...] = (320, 640, 960, 1280, 1920, 2560)
    background: str = "#f6f3ee"

    @classmethod
    def from_settings(cls, config) -> Recipe:
        """Return the recipe an app's settings set."""
        return cls(tuple(config["IMAGE_WIDTHS"]), config["IMAGE_BACKGROUND"])

    def digest(self) -> str:
        """Return a hash of everything that changes the bytes written."""
        parts = [PIPELINE, self.widths, self.background, imaging.ENCODERS, imaging.TILE_SIZE]
        return _hash(json.dumps(parts, sort_keys=True, default=str))


@dataclass(frozen=True)
class Job:
    """One image to make derivatives of, and everything a worker needs to make them."""

    path: str  # relative to the content folder
    source: Path
    out: Path
    provenance: imaging.Provenance
    recipe: Recipe
    limits: Limits
    colour: str = ""  # a sound's: the room's colour its waveform is drawn in

    @property
    def inputs(self) -> str:
        """Return a hash of what besides the original's bytes goes into the files."""
        drawing = f"waveform {waveform.RECIPE} {self.colour}" if self.colour else ""
        provenance = json.dumps(asdict(self.provenance), sort_keys=True)
        return _hash(self.recipe.digest() + provenance + drawing)


@dataclass(frozen=True)
class Entry:
    """The derivatives of one original, as the manifest records them."""

    path: str
    version: str  # the original's size and time, as model.Image.version
    size: int
    mtime_ns: int
    digest: str  # of the original's bytes
    inputs: str
    key: str
    width: int
    height: int
    widths: tuple[int, ...]
    animated: bool = False
    zoom: bool = False

    def files(self) -> list[str]:
        """Return the names of every derivative file; a zoom's tiles are one folder."""
        names = [
            imaging.name(self.key, w, kind) for w in self.widths for kind in imaging.EXTENSIONS
        ]
        if self.zoom:
            names += [imaging.dzi_name(self.key), f"{self.key}_files"]
        return names

    def complete(self, out: Path) -> bool:
        """Return True if every derivative file is on disk."""
        return all((out / name).exists() for name in self.files())


@dataclass
class Progress:
    """What the build did with one image: made, kept (unchanged) or failed."""

    path: str
    status: str  # "made", "kept" or "failed"
    message: str = ""


@dataclass
class Summary:
    """What a whole build did."""

    made: int = 0
    kept: int = 0
    failed: list[Progress] = field(default_factory=list)
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


def provenance_of(exhibit: model.Exhibit, item: model.Media) -> imaging.Provenance:
    """Return what an image's derivatives say about who made it and whose it is."""
    rights = exhibit.rights
    owner = rights.notice or (f"© {rights.holder}" if rights.holder else "")
    licence = f"Licence: {rights.licence}" if rights.licence else ""
    drawn = item.kind == "audio"  # a waveform: a picture of the sound's data, however made
    return imaging.Provenance(
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


def render(job: Job) -> tuple[Entry, bool]:
    """Make one image's derivatives unless files of the same key exist.

    Return its entry, and whether anything was made.

    Runs in a worker process.
    """
    stat = job.source.stat()
    digest = file_digest(job.source)
    key = key_of(digest, job.inputs)
    width, height, animated = _shape(job)
    entry = Entry(
        job.path,
        file_version(stat),
        stat.st_size,
        stat.st_mtime_ns,
        digest,
        job.inputs,
        key,
        width,
        height,
        imaging.ladder(width, job.recipe.widths),
        animated,
        imaging.zoomable(width, height, animated),
    )
    if entry.complete(job.out):
        return entry, False
    make, extra = (waveform.make, {"colour": job.colour}) if job.colour else (imaging.make, {})
    make(
        job.source,
        job.out,
        key,
        widths=job.recipe.widths,
        background=job.recipe.background,
        provenance=job.provenance,
        limits=job.limits,
        **extra,
    )
    return entry, True


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
) -> Iterator[Progress]:
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
    old = Catalogue.read(out)
    wanted = {job.path for job in jobs}
    if set(old.entries) - wanted:  # first, so that a build that stops has withdrawn them too
        old = Catalogue({path: e for path, e in old.entries.items() if path in wanted})
        old.write(out)
        summary.removed += remove_stale(out, old.entries.values())
    entries: dict[str, Entry] = {}
    todo = []
    for job in jobs:
        entry = _unchanged(old.entries.get(job.path), job)
        if entry is None:
            todo.append(job)
        else:
            entries[job.path] = entry
            summary.kept += 1
            yield Progress(job.path, "kept")
    for outcome in workers.run(render, todo, workers=processes, budget=budget):
        yield _record(outcome, entries, summary)
    Catalogue(entries).write(out)
    summary.removed += remove_stale(out, entries.values())


def _record(outcome: workers.Outcome, entries: dict[str, Entry], summary: Summary) -> Progress:
    """Record what came of one image; raise OSError if the disk is full."""
    job = outcome.job
    if outcome.errno in disk.FULL:  # every image after it would fail alike
        raise OSError(outcome.errno, f"{job.path}: {outcome.error}")
    if outcome.error:
        progress = Progress(job.path, "failed", outcome.error)
        summary.failed.append(progress)
        return progress
    entries[job.path], made = outcome.result
    summary.made += made
    summary.kept += not made
    return Progress(job.path, "made" if made else "kept")


def _unchanged(entry: Entry | None, job: Job) -> Entry | None:
    """Return the entry if its original and inputs are as recorded and its files exist."""
    if entry is None or entry.inputs != job.inputs:
        return None
    try:
        stat = job.source.stat()
    except OSError:
        return None
    if (stat.st_size, stat.st_mtime_ns) != (entry.size, entry.mtime_ns):
        return None
    return entry if entry.complete(job.out) else None


def remove_stale(out: Path, entries) -> int:
    """Remove derivatives no entry names, and leftovers of stopped builds; return how many."""
    keep = {name for entry in entries for name in entry.files()} | {MANIFEST}
    removed = 0
    for path in out.iterdir():
        if path.name in keep or not OWN_ENTRY.fullmatch(path.name):
            continue
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed += 1
    return removed


class Catalogue:
    """The derivatives that exist, by original: what pages link to."""

    def __init__(self, entries: dict[str, Entry]):
        self.entries = entries
        self._by_key: dict[str, list[Entry]] = {}
        for entry in entries.values():
            self._by_key.setdefault(entry.key, []).append(entry)

    @classmethod
    def read(cls, out: Path) -> Catalogue:
        """Read the manifest a build wrote; an absent or unreadable one is empty."""
        try:
            data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
            if data.get("pipeline") != PIPELINE:
                return cls({})
            entries = {}
            for raw in data["images"]:
                raw["widths"] = tuple(raw["widths"])
                entries[raw["path"]] = Entry(**raw)
            return cls(entries)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls({})

    def write(self, out: Path) -> None:
        """Write the manifest atomically, and only if its bytes change."""
        images = [asdict(self.entries[path]) for path in sorted(self.entries)]
        text = json.dumps({"pipeline": PIPELINE, "images": images}, indent=1) + "\n"
        atomic.write(out / MANIFEST, text.encode())

    def find(self, image: model.Image) -> Entry | None:
        """Return the derivatives of an image as it is now, or None if there are none."""
        entry = self.entries.get(image.path)
        if entry is None or entry.version != image.version:
            return None
        return entry

    def owners(self, name: str) -> list[Entry]:
        """Return the entries a file `safe_name` accepts belongs to: a width, `.dzi` or tile."""
        key, rest = name[:20], name[20:]
        tile = rest.startswith("_files/")
        return [
            entry
            for entry in self._by_key.get(key, ())
            if (tile and entry.zoom) or (not tile and name in entry.files())
        ]


def folder(config, *, drafts: bool = False) -> Path:
    """Return the folder `build` writes derivatives (or the drafts' ones) into."""
    return Path(config["CACHE_DIR"]).resolve() / (DRAFTS_FOLDER if drafts else FOLDER)


class Catalogues:
    """The catalogue a server reads from a build's manifest, read again when that changes."""

    def __init__(self, out: Path):
        self.out = out  # the derivatives folder
        self._stamp: tuple | None = None
        self._catalogue = Catalogue({})
        self._missing: set[tuple[str, str]] = set()
        self._lock = threading.Lock()

    def current(self) -> Catalogue:
        """Return the catalogue as the manifest now stands; one stat when it has not changed."""
        out = self.out
        try:
            stat = (out / MANIFEST).stat()
            stamp = (str(out), stat.st_mtime_ns, stat.st_size, stat.st_ino)
        except OSError:
            stamp = (str(out),)
        with self._lock:
            if stamp != self._stamp:
                self._catalogue, self._stamp = Catalogue.read(out), stamp
            return self._catalogue

    def missing(self, image: model.Image, log: logging.Logger) -> None:
        """Log, once per version of an image, that it is served without derivatives."""
        if (image.path, image.version) in self._missing:
            return
        self._missing.add((image.path, image.version))
        log.warning(
            "%s has no derivatives yet: pages use the original until they are made "
            "(by `exhibition build`, or by a preview server in the background)",
            image.path,
        )


def safe_name(name: str) -> bool:
    """Return True if a URL names a derivative file as builds write them, and nothing else."""
    return bool(NAME.fullmatch(name))
