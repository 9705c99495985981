"""Write a cache file whole or not at all, and clear what a killed writer left behind.

The probe cache and the content snapshot are rewritten by every worker and
command that loads the content. Each writes a temporary file beside the real
one and renames it into place, so a reader sees the old file or the new one,
never half of either. A writer killed mid-write leaves its temporary file; the
next write of the same file removes every such leftover. Both files are only
caches: if that removes a temporary file another process is still writing, its
rename fails, it logs that, and the next write puts the file right.
"""

from __future__ import annotations

import contextlib
import glob
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def replace(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Write a file through a temporary file beside it, then rename it into place.

    Raise OSError when the folder cannot be written or the disk is full; the
    file is then as it was, and no temporary file is left.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    sweep(path)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as file:
            write(file)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def sweep(path: Path) -> None:
    """Remove the temporary files that writers of this file left when they were killed."""
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            leftover.unlink()
