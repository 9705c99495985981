"""Write a file whole or not at all, and clear what a killed writer left behind.

Derivatives, static files for a proxy, exports, the probe cache and the
content snapshot are written this way; the last two are rewritten by every
worker and command that loads the content. Each writer writes a temporary
file beside the real one and renames it into place, so a reader sees the old
file or the new one, never half of either. A writer holds a lock on its
temporary file while it writes; a writer killed mid-write leaves the file but
not the lock (the system drops it), and the next write of the same file
removes every such leftover, never one whose writer is alive: two builds may
write one manifest at once.

A temporary file is made private (mkstemp's 0600); it is opened up to what
open() would have made (0644 under the usual umask) before it takes the real
file's place, so nginx and an app running as another user can read it.
"""

from __future__ import annotations

import contextlib
import fcntl
import glob
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


UMASK = _umask()  # read once, at import, before any thread could be writing
FILE_MODE = 0o666 & ~UMASK  # the mode open() gives a new file
FOLDER_MODE = 0o777 & ~UMASK  # the mode mkdir() gives a new folder


@contextlib.contextmanager
def temporary(path: Path, mode: int = FILE_MODE) -> Iterator[Path]:
    """Yield a temporary file beside a path, then rename it into place if all went well.

    The temporary file has the mode open() would give the path, or `mode`. Whatever
    happens, no temporary file is left; leftovers of killed writers are swept
    first. Raise OSError when the folder cannot be written or the disk is full.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    sweep(path)
    fd, name = held(lambda: _temporary_file(path))
    try:
        os.fchmod(fd, mode)
        yield Path(name)
        os.replace(name, path)
    finally:
        os.close(fd)  # and with it the lock
        with contextlib.suppress(FileNotFoundError):
            os.unlink(name)


def _temporary_file(path: Path) -> str:
    """Make an empty temporary file beside a path; return its name."""
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    return name


def held(make: Callable[[], str]) -> tuple[int, str]:
    """Make a temporary file or folder and lock it while its writer works; return the lock's
    descriptor (closing it lets go) and the name. Made again if a sweep took it before the lock."""
    while True:
        name = make()
        try:
            fd = os.open(name, os.O_RDONLY)
        except FileNotFoundError:  # swept before it could be opened
            continue
        fcntl.flock(fd, fcntl.LOCK_EX)
        if os.fstat(fd).st_nlink:  # not swept between its making and its lock
            return fd, name
        os.close(fd)


def replace(path: Path, write: Callable[[BinaryIO], object], mode: int = FILE_MODE) -> None:
    """Write a file through a temporary file beside it, then rename it into place."""
    with temporary(path, mode) as name, open(name, "wb") as file:
        write(file)


def sweep(path: Path) -> None:
    """Remove the temporary files that writers of this file left when they were killed."""
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        remove_leftover(leftover)


def remove_leftover(path: Path) -> bool:
    """Remove a temporary file or folder a killed writer left; keep one whose writer is at
    work (its lock cannot be taken). Return whether it went."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink()
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def write(path: Path, data: bytes) -> None:
    """Write bytes to a file atomically, unless the file holds them already."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return
    except FileNotFoundError:
        pass
    replace(path, lambda file: file.write(data))
