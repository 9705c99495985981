"""Read a first load's exhibit folders on every core, before the loader walks them.

Pure Python: no Flask here. The loader reads an exhibit folder only when the
memo of the last load lacks it or its files changed (reuse.py). A first load
has no memo, and a large exhibition's first `check` spends most of its time
parsing YAML and Markdown one folder after the other. `read_ahead()` reads
the folders in forked workers and gives the walk a memo of what they found,
under the keys and signatures the walk looks for, so the exhibition and its
problems are those a load in one process finds. A folder a worker could not
read is left out: the walk reads it, and reports it in the curator's words.
"""

from __future__ import annotations

from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

from . import forked, reuse, translations
from .exhibits import load_exhibit

if TYPE_CHECKING:
    from .loader import FolderEntry, Walker

SERIAL_BELOW = 64  # fewer exhibits than this: starting workers costs more than it saves
CHUNKS_EACH = 4  # batches per worker: enough to even out rooms of unequal exhibits

_WALKING: Walker | None = None  # the walk a forked worker reads folders for


def memo_key(walker: Walker, entry: FolderEntry, room_slug: str) -> tuple:
    """Return what an exhibit folder is kept under: its place, its slugs and the languages."""
    translator = walker.translator
    return (walker.rel(entry.path), room_slug, entry.slug, translator.primary, translator.others)


def read_exhibit(
    walker: Walker, entry: FolderEntry, room_slug: str, signature: reuse.Signature
) -> reuse.Kept:
    """Read an exhibit folder afresh, translated: what it loads as and the problems it has."""
    start = len(walker.reports)
    exhibit = load_exhibit(walker, entry, room_slug)
    if exhibit:
        exhibit = translations.exhibit(walker.translator, entry.path, exhibit)
    reports = tuple(walker.reports[start:])
    del walker.reports[start:]
    return reuse.Kept(signature, exhibit, reports, reuse.digest(exhibit) if exhibit else "")


def read_ahead(walker: Walker, processes: int = 0) -> reuse.Memo:
    """Return a memo of the exhibit folders read in parallel; empty where it does not pay.

    `processes`: how many workers; 0 for one a processor.
    """
    global _WALKING
    processes, memo = processes or forked.cores(), reuse.Memo()
    if processes < 2 or not forked.can_fork():
        return memo
    folders = _exhibit_folders(walker)
    if len(folders) < SERIAL_BELOW:
        return memo
    size = -(-len(folders) // (processes * CHUNKS_EACH))
    _WALKING = walker
    try:
        with forked.pool(processes) as pool:
            chunks = [folders[at : at + size] for at in range(0, len(folders), size)]
            for found in pool.map(_read_in_worker, chunks):
                memo.exhibits.update(found)
    except (BrokenProcessPool, OSError):
        pass  # a worker died: the walk reads what it did not send
    finally:
        _WALKING = None
    walker.kept.reads += len(memo.exhibits)
    return memo


def _exhibit_folders(walker: Walker) -> list[tuple[FolderEntry, str]]:
    """Return every exhibit folder the walk will visit, with its room's slug."""
    rooms, start = walker.root / "rooms", len(walker.reports)
    try:
        return [
            (entry, room.slug)
            for room in walker.entries(rooms, dirs=True)
            for entry in walker.entries(room.path, dirs=True)
        ]
    except OSError:
        return []  # no rooms folder, or one unreadable: the walk says so
    finally:
        del walker.reports[start:]  # the walk reports bad names itself


def _read_in_worker(folders: list[tuple[FolderEntry, str]]) -> dict[tuple, reuse.Kept]:
    walker, found = _WALKING, {}
    for entry, room_slug in folders:
        try:
            signature = reuse.signature_of(entry.path)  # before reading: a change shows
            kept = read_exhibit(walker, entry, room_slug, signature)
        except Exception:  # the walk reads it again, and fails or reports as it would
            continue
        found[memo_key(walker, entry, room_slug)] = kept
    return found
