"""Make a frozen edition's search index with Pagefind, inside the edition, before it is bagged.

A frozen edition has no server to ask, so `freeze` runs the Pagefind binary
(the `pagefind[bin]` package ships it) over the edition's pages: it reads
each exhibit page's `data-pagefind-body` part and writes one index per
language (keyed on `<html lang>`) into `pagefind/`, which the edition's
search page loads. The index files go into the bag's manifest like every
other file, so `verify` covers them and every export holds them.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from .. import forked
from . import bag
from .edition import ArchiveError

FOLDER = "pagefind"  # where the index is, inside the edition's data/
SECONDS = 300  # longer than any exhibition's index takes
# Pagefind's ready-made interfaces: the edition's search page uses its JS API alone.
UNUSED = ("pagefind-ui.*", "pagefind-component-ui.*", "pagefind-modular-ui.*")


def executable() -> Path:
    """Return the Pagefind binary the pagefind_bin package ships; raise ArchiveError if absent."""
    try:
        from pagefind_bin import get_executable

        return get_executable()
    except (ImportError, FileNotFoundError) as error:
        raise ArchiveError(
            f"the Pagefind binary is missing ({error}): a frozen edition's search needs it; "
            "install the pinned pagefind[bin] from requirements.txt"
        ) from None


def build(data: Path) -> dict[str, dict[str, str]]:
    """Index the pages under `data` into data/pagefind/; return each index file's checksums."""
    command = [str(executable()), "--site", str(data), "--output-subdir", FOLDER, "--silent"]
    try:
        # A freeze killed while Pagefind runs takes Pagefind with it.
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=SECONDS,
            preexec_fn=forked.die_with_parent,
        )
    except (OSError, subprocess.SubprocessError) as error:
        raise ArchiveError(f"Pagefind could not index the edition: {error}") from None
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip()
        raise ArchiveError(f"Pagefind could not index the edition: {said}")
    folder = data / FOLDER
    for pattern in UNUSED:
        for path in folder.glob(pattern):
            path.unlink()
    return {
        path.relative_to(data).as_posix(): bag.digests(path.read_bytes())
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
