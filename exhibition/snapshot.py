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
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
from functools import cache
from importlib import metadata
from pathlib import Path

from . import atomic, folders

log = logging.getLogger(__name__)

PACKAGE = Path(__file__).resolve().parent
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
        stored = self._read()
        if stored is None:
            return None, False
        stored_key, stored_base, loaded = stored
        if stored_key == key:
            return loaded, True
        return (loaded if base and stored_base == base else None), False

    def _read(self):
        """Return the stored (key, base, loaded), or None."""
        if not self.path:
            return None
        try:
            with self.path.open("rb") as file:
                if not folders.trusted(os.fstat(file.fileno())):
                    log.warning(
                        "content snapshot %s not read: another user could have written it "
                        "(it is not the site's own, or others may write it); loading the files",
                        self.path,
                    )
                    return None
                key, base, loaded = pickle.load(file)
        except FileNotFoundError:
            return None
        except Exception as error:  # a torn or foreign file only costs a full load
            log.info("content snapshot %s not used: %s", self.path, error)
            return None
        return key, base, loaded

    def put(self, key: str, loaded, base: str = "") -> None:
        """Write what was loaded under its key, atomically; a full disk only costs time."""
        if not self.path:
            return
        stored = (key, base, loaded)
        try:
            atomic.replace(
                self.path,
                lambda file: pickle.dump(stored, file, protocol=pickle.HIGHEST_PROTOCOL),
                atomic.FILE_MODE & ~0o022,  # never the group's to write, whatever the umask
            )
        except OSError as error:
            log.info("content snapshot not written: %s", error)


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
