"""Keep the loaded exhibition on disk, so a worker starts without reading every file again.

A snapshot is the loader's whole result (the model and its problems),
pickled under a key made of the content folder's fingerprint (every file's
name, size and time), the loader's settings, the source of the code that
loads it and the versions of the libraries it uses: when any of them
changes, the content is loaded again. When only files changed, that load
reuses the snapshot's unchanged exhibits (reuse.py): a `check` after one
edit reads one exhibit folder. It is one file in the cache folder,
written atomically, so every worker and command shares it. Like the
derivatives beside it, the cache folder must be writable by the site alone:
reading a pickle can run code. The app refuses a cache folder that is not
(see folders.py), and a snapshot another user could have written is not read.

The exhibits are kept apart, each with what the memo kept of its folder (the
signature of its files and its problems, most of a snapshot's bytes), a file
per room named by their digests (in a folder beside the snapshot): the
snapshot names them, so a `check` after one edit writes its room's file and a
small snapshot, not the whole exhibition again (at 5,000 exhibits the
snapshot is 0.4 MB, not 2.5, and written in 0.06 s, not 0.1). Files no snapshot
names any more are swept once they are a minute old: a writer at work on
another snapshot has written its own by then.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
import sys
import time
from contextlib import contextmanager
from functools import cache
from importlib import metadata
from pathlib import Path

from . import atomic, folders
from .reuse import Loaded

log = logging.getLogger(__name__)

PACKAGE = Path(__file__).resolve().parent
OWN_FILE_MODE = atomic.FILE_MODE & ~0o022  # never the group's to write, whatever the umask
SWEEP_SECONDS = 60  # a room's file no snapshot names is swept when this old
# Libraries whose upgrade can change what loading makes: parsing, label HTML, probes.
SHAPING = ("pyyaml", "markdown-it-py", "pillow", "mutagen")


class SnapshotCache:
    """The last loaded exhibition under its key; in a file, or nowhere."""

    def __init__(self, path: Path | None = None):
        self.path = path

    @classmethod
    def in_folder(cls, folder: Path | str, *, drafts: bool = False) -> SnapshotCache:
        """Return the snapshot kept in a cache folder: the site's, or the one with drafts."""
        return cls(Path(folder) / ("content-with-drafts.pickle" if drafts else "content.pickle"))

    def get(self, key: str):
        """Return what was loaded under this key, or None."""
        loaded, exact = self.find(key)
        return loaded if exact else None

    def find(self, key: str, base: str | None = None):
        """Return (what was loaded, whether under this key), or (None, False).

        With `base`, a snapshot of other files but the same folder, settings and
        code is returned too: a load can reuse its unchanged exhibits.
        """
        stored = self._read(lambda found, found_base: key == found or base and base == found_base)
        if stored is None:
            return None, False
        stored_key, loaded = stored
        return loaded, stored_key == key

    @property
    def rooms(self) -> Path:
        """Return the folder of the rooms' exhibits, beside the snapshot."""
        return self.path.with_name(self.path.stem + "-rooms")

    def _read(self, wanted) -> tuple | None:
        """Return the stored (key, loaded) if `wanted(key, base)` is true, else None.

        The key and base come first in the file: a snapshot of other code or
        files is never unpickled whole (nor read into this release's model).
        """
        if not self.path:
            return None
        try:
            with self._opened(self.path) as file:
                key, base = unpickled(file)
                if not wanted(key, base):
                    return None
                return key, unpickled(file, _Rooms(self).exhibit)
        except FileNotFoundError:
            return None
        except ForeignFile as error:
            log.warning("content snapshot %s", error)
            return None
        except Exception as error:  # a torn or swept file only costs a full load
            log.info("content snapshot %s not used: %s", self.path, error)
            return None

    @staticmethod
    @contextmanager
    def _opened(path: Path):
        """Open one of the snapshot's files, if only the site could have written it."""
        with path.open("rb") as file:
            if not folders.trusted(os.fstat(file.fileno())):
                raise ForeignFile(
                    f"{path} not read: another user could have written it "
                    "(it is not the site's own, or others may write it); loading the files"
                )
            yield file

    def room(self, name: str) -> tuple:
        """Return what the memo kept of each exhibit folder of one room's file."""
        with self._opened(self.rooms / f"{name}.pickle") as file:
            return unpickled(file)

    def put(self, key: str, loaded, base: str = "") -> None:
        """Write what was loaded under its key, atomically; a full disk only costs time."""
        if not self.path:
            return
        places, rooms = placed(loaded, base)

        def dump(file) -> None:
            pickle.dump((key, base), file, protocol=pickle.HIGHEST_PROTOCOL)
            _Pickler(file, places).dump(loaded)

        try:
            for name, exhibits in rooms.items():
                self._put_room(name, exhibits)
            atomic.replace(self.path, dump, OWN_FILE_MODE)
        except OSError as error:
            log.info("content snapshot not written: %s", error)
            return
        self._sweep(set(rooms))

    def _put_room(self, name: str, exhibits: tuple) -> None:
        """Write one room's file, unless a file of these very folders is there."""
        path = self.rooms / f"{name}.pickle"
        try:
            os.utime(path)  # still named: not to be swept
        except FileNotFoundError:
            self.rooms.mkdir(parents=True, exist_ok=True)
            dump = lambda file: pickle.dump(exhibits, file, protocol=pickle.HIGHEST_PROTOCOL)  # noqa: E731
            atomic.replace(path, dump, OWN_FILE_MODE)

    def _sweep(self, named: set[str]) -> None:
        """Remove the rooms' files no snapshot has named for a minute."""
        now = time.time()
        try:
            entries = list(os.scandir(self.rooms))
        except FileNotFoundError:
            return
        for entry in entries:
            name = entry.name.removesuffix(".pickle")
            if entry.name.endswith(".tmp"):
                atomic.remove_leftover(Path(entry.path))  # a killed writer's, not one at work
            elif name == entry.name or name in named:
                continue
            try:
                if now - entry.stat().st_mtime > SWEEP_SECONDS:
                    os.unlink(entry.path)
            except OSError:
                continue  # another writer swept it first


class ForeignFile(Exception):
    """A snapshot file the site's user is not alone to write: it is never unpickled."""


def placed(loaded, base: str = "") -> tuple[dict[int, tuple], dict[str, tuple]]:
    """Return where each exhibit and its memo go (its room's file, its place), and each file's.

    A room's file holds what the memo kept of each of its exhibit folders
    (reuse.Kept: the signature of its files, its problems, the exhibit) and is
    named by the snapshot's base (the folder, the settings, the code) and by
    each folder's signature and exhibit's digest, so its name changes exactly
    when one of them does: a file pickled by another release, whose model may
    have other fields, is never read into this one's. An exhibit the memo does
    not know (one kept from an earlier load) stays in the snapshot itself, as
    does anything but a load's result.
    """
    places, rooms = {}, {}
    if not isinstance(loaded, Loaded):
        return places, rooms
    memo = {id(k.exhibit): k for k in loaded.memo.exhibits.values() if k.exhibit}
    for room in loaded.exhibition.rooms:
        kept = tuple(memo[id(e)] for e in room.exhibits if id(e) in memo)
        if not kept:
            continue
        digest = hashlib.blake2b(f"{code_version()}\0{base}".encode(), digest_size=16)
        for each in kept:
            digest.update(f"{each.version}\0{each.files}\0".encode())
        name = digest.hexdigest()
        rooms[name] = kept
        for index, each in enumerate(kept):
            places[id(each)] = (name, index)
            places[id(each.exhibit)] = (name, index, "exhibit")
    return places, rooms


class _Pickler(pickle.Pickler):
    """Pickles the snapshot, each exhibit and its memo as its place in its room's file."""

    def __init__(self, file, places: dict[int, tuple]):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.places = places

    def persistent_id(self, obj):
        return self.places.get(id(obj))


class _Rooms:
    """The rooms' files a snapshot names, each read once, when what it holds is unpickled."""

    def __init__(self, snapshots: SnapshotCache):
        self.snapshots = snapshots
        self.read: dict[str, tuple] = {}

    def exhibit(self, place: tuple):
        """Return what a place names: a folder's memo, or (with a third part) its exhibit."""
        name, index, *exhibit = place
        if name not in self.read:
            self.read[name] = self.snapshots.room(name)
        kept = self.read[name][index]
        return kept.exhibit if exhibit else kept


def unpickled(file, persistent_load=None):
    """Return what a pickle file holds, never walked by the cycle collector.

    Unpickling makes hundreds of thousands of objects, none of them garbage:
    left running, the collector walks them again and again while they are
    made (0.74 s against 0.21 s for a 5,000-exhibit exhibition) and at every
    full collection after. So it pauses meanwhile, and what is loaded is
    frozen out of its reach: the content lives until a reload replaces it,
    when counting references frees it.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        unpickler = pickle.Unpickler(file)
        if persistent_load:
            unpickler.persistent_load = persistent_load  # what the pickler kept apart
        return unpickler.load()
    finally:
        gc.freeze()
        if paused:
            gc.enable()


def key_of(fingerprint: str, root: Path, *settings) -> str:
    """Return the key of a load: the files, the folder, the settings and the code."""
    digest = hashlib.blake2b(digest_size=16)
    for part in (fingerprint, str(root), repr(settings), code_version()):
        digest.update(part.encode() + b"\0")
    return digest.hexdigest()


@cache
def code_version() -> str:
    """Return a digest of the Python, the libraries that shape the model, and the package."""
    digest = hashlib.blake2b(sys.version.encode(), digest_size=16)
    for name in SHAPING:
        digest.update(f"{name}=={metadata.version(name)}\0".encode())
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(str(path.relative_to(PACKAGE)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
