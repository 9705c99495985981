"""What the last complete build left, so that a build with nothing to make knows it at once.

A build that made or kept every image writes a stamp into the cache folder:
a digest of the content as it loaded (the snapshot's key: every file's name,
size and time, the settings and the code), the recipe, the panoramas'
widths, and each derivatives folder as the build left it (the names in it,
and the size and time of its manifest). The next build that finds the same
digest has nothing to make, keep or remove: it says what the last one kept,
without planning and looking at every image again. Anything else (a file
of the content edited, added or removed, another recipe, a derivative
deleted, a stopped build's leftover in a folder) gives another digest, and
the build runs in full. A build with a failed image writes none, so the
next one tries it again.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .. import atomic
from . import roompanoramas
from .manifest import MANIFEST, listing

NAME = ".build-stamp.json"  # in the cache folder, beside the derivatives folders


def folders(out: Path, drafts: Path) -> list[tuple[Path, str]]:
    """Return the folders a build writes, each with the file that lists what is in it."""
    return [
        (out, MANIFEST),
        (drafts, MANIFEST),
        (roompanoramas.folder(out), roompanoramas.LIST),
    ]


def digest_of(key: str, recipe: str, widths, written: list[tuple[Path, str]]) -> str:
    """Return the digest of a build's inputs (content key, recipe, widths) and its folders now."""
    digest = hashlib.blake2b(json.dumps([key, recipe, list(widths)]).encode(), digest_size=16)
    for folder, index in written:
        try:
            stat = (folder / index).stat()
            said = f"{stat.st_size} {stat.st_mtime_ns}"
        except OSError:
            said = "none"
        names = "\0".join(sorted(listing(folder)))
        digest.update(f"{folder}\0{said}\0{names}\1".encode())
    return digest.hexdigest()


def last(cache: Path, digest: str) -> dict | None:
    """Return what the last build made of the same inputs into the same folders, or None."""
    try:
        stamp = json.loads((cache / NAME).read_text(encoding="utf-8"))
        return stamp if stamp["digest"] == digest else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write(cache: Path, digest: str, images: int, rooms: int) -> None:
    """Record that a build left its folders complete: `images` kept, `rooms` drawn in 360°."""
    text = json.dumps({"digest": digest, "images": images, "rooms": rooms})
    atomic.write(cache / NAME, text.encode())


def forget(cache: Path) -> None:
    """Remove the stamp: what a build with failures leaves."""
    (cache / NAME).unlink(missing_ok=True)
