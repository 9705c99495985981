"""The manifest of a build: the derivatives of each original, and the folder they are in.

`Catalogue` tells pages which derivatives exist, read from the manifest a
build writes; `Catalogues` reads it again when it changes, for a server;
`safe_name` tells a derivative's URL from anything else.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from .. import atomic, model
from . import copies

PIPELINE = 1  # raise when copies.py changes what it writes for the same recipe
FOLDER = "images"  # inside the cache folder; a proxy may serve it whole
DRAFTS_FOLDER = "draft-images"  # beside FOLDER, never inside it: only preview serves it
MANIFEST = "manifest.json"
NAME = re.compile(r"[0-9a-f]{20}(-\d+\.(avif|webp|jpg)|\.dzi|_files/\d+/\d+_\d+\.(jpg|png))")
OWN_ENTRY = re.compile(r"[0-9a-f]{20}(-\d+\.(avif|webp|jpg)|\.dzi|_files)|\..+\.tmp|\.tiles-.+")


@dataclass(frozen=True)
class ManifestEntry:
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
            copies.copy_name(self.key, w, kind) for w in self.widths for kind in copies.EXTENSIONS
        ]
        if self.zoom:
            names += [copies.dzi_name(self.key), f"{self.key}_files"]
        return names

    def complete(self, out: Path, present: set[str] | None = None) -> bool:
        """Return True if every derivative file is on disk.

        `present`: the names in `out`, listed once for many entries (listing()),
        instead of a stat of each of their files.
        """
        if present is not None:
            return all(name in present for name in self.files())
        return all((out / name).exists() for name in self.files())


ENTRY_FIELDS = frozenset(f.name for f in fields(ManifestEntry))


def _entry(raw: dict) -> ManifestEntry:
    """Return the entry a manifest's JSON object records; raise TypeError if it is not one.

    One of thousands read at every build: an object with every field takes
    them as they are, not through the frozen class's checks of each one.
    """
    if raw.keys() != ENTRY_FIELDS:
        return ManifestEntry(**raw)  # says which field is missing or unknown
    entry = object.__new__(ManifestEntry)
    entry.__dict__.update(raw)
    return entry


def listing(out: Path) -> set[str]:
    """Return the names of the files and folders in a derivatives folder; empty if there is none."""
    try:
        return set(os.listdir(out))
    except OSError:
        return set()


def remove_stale(out: Path, entries) -> int:
    """Remove derivatives no entry names, and leftovers of stopped builds; return how many."""
    keep = {name for entry in entries for name in entry.files()} | {MANIFEST}
    removed = 0
    for name in listing(out) - keep:  # names, not a path made of each of thousands of files
        if not OWN_ENTRY.fullmatch(name):
            continue
        path = out / name
        if path.name.startswith("."):  # what a writer leaves: kept while its writer is at work
            removed += atomic.remove_leftover(path)
        elif path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
            removed += 1
        else:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


class Catalogue:
    """The derivatives that exist, by original: what pages link to."""

    def __init__(self, entries: dict[str, ManifestEntry]):
        self.entries = entries
        self._by_key: dict[str, list[ManifestEntry]] = {}
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
                entries[raw["path"]] = _entry(raw)
            return cls(entries)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls({})

    def write(self, out: Path) -> None:
        """Write the manifest atomically, and only if its bytes change."""
        images = [asdict(self.entries[path]) for path in sorted(self.entries)]
        text = json.dumps({"pipeline": PIPELINE, "images": images}, indent=1) + "\n"
        atomic.write(out / MANIFEST, text.encode())

    def find(self, image: model.Image) -> ManifestEntry | None:
        """Return the derivatives of an image as it is now, or None if there are none."""
        entry = self.entries.get(image.path)
        if entry is None or entry.version != image.version:
            return None
        return entry

    def owners(self, name: str) -> list[ManifestEntry]:
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


class Reread:
    """What a file of the build says, read again only when the file changes: one stat else."""

    def __init__(self, path: Path, read: Callable[[], object]):
        self.path = path
        self._read = read
        self._stamp: tuple | None = None
        self._value: object = None
        self._lock = threading.Lock()

    def current(self):
        """Return what the file says now; the same object while it has not changed."""
        try:
            stat = self.path.stat()
            stamp = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        except OSError:
            stamp = ()
        with self._lock:
            if stamp != self._stamp:
                self._value, self._stamp = self._read(), stamp
            return self._value


class Catalogues:
    """The catalogue a server reads from a build's manifest, read again when that changes."""

    def __init__(self, out: Path):
        self.out = out  # the derivatives folder
        self._manifest = Reread(out / MANIFEST, lambda: Catalogue.read(out))
        self._missing: set[tuple[str, str]] = set()

    def current(self) -> Catalogue:
        """Return the catalogue as the manifest now stands; one stat when it has not changed."""
        return self._manifest.current()

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
