"""A full disk, said in a sentence: what `build` and `freeze` tell when space runs out."""

from __future__ import annotations

import errno
from pathlib import Path

FULL = frozenset({errno.ENOSPC, errno.EDQUOT})  # no space left; the user's quota used up


def is_full(error: BaseException) -> bool:
    """Return True if an error says the disk, or the user's share of it, is full."""
    return isinstance(error, OSError) and error.errno in FULL


def full(folder: Path, setting: str, kept: str) -> str:
    """Return the sentence saying the disk holding a folder is full, what was kept, the fix."""
    return (
        f"the disk holding {folder} is full (no space left on device); {kept}. "
        f"Free some space, or set {setting} to a folder on a larger disk, and run it again"
    )
