"""Remember what each exhibit folder loaded as, so a reload reads only the folders that changed.

An exhibit depends on the files of its own folder alone (its exhibit.md, the
media, captions and transcripts it names, and any translations beside it), on
its room's and its own folder names, and on the loader's settings. So the
loader keeps, per exhibit folder, the signature of its files (name, size,
time and inode of each, found with one `os.scandir` per folder) with what it
loaded: the exhibit, or None, and the problems reported. A reload that finds
the same signature reuses both as they are; the others are read again.

Each loaded exhibit also carries a digest of what it became, made once when
it is read. The content version that keys the page cache combines those
digests with the rooms', pages' and settings': it changes exactly when the
model changes, and costs nothing more than the change.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .fields import FileProblems
from .problems import ERROR, Problem

MAX_DEPTH = 8  # folders inside an exhibit folder; deeper ones are not media anyone names

FileStat = tuple[str, int, int, int]  # name under the folder, size, mtime_ns, inode
Signature = tuple[FileStat, ...]
Listings = dict[str, list[os.DirEntry]]  # a folder's path: its entries, each stat'ed once


def signature_of(folder: Path, listings: Listings | None = None) -> Signature:
    """Return the name, size, time and inode of every file and folder under a folder, in order.

    Links are followed, as the loader follows them; a folder is walked once
    even if links lead to it again. `listings`: the folders the content's walk
    has just listed (store.fingerprint_of), whose entries hold the times it
    found: those are not listed again, nor their files looked at twice.
    """
    found: list[FileStat] = []
    stack, walked = [(str(folder), "", 0)], set()
    listings = listings or {}
    while stack:
        path, prefix, depth = stack.pop()
        try:
            entries = listings.get(path) or list(os.scandir(path))
        except OSError:
            found.append((prefix + "\0unreadable", -1, 0, 0))
            continue
        for entry in entries:
            name = prefix + entry.name
            try:
                stat = entry.stat()
            except OSError:  # a broken link: its name alone is what the loader sees
                found.append((name, -1, 0, 0))
                continue
            found.append((name, stat.st_size, stat.st_mtime_ns, stat.st_ino))
            inode = (stat.st_dev, stat.st_ino)
            if entry.is_dir() and inode not in walked and depth < MAX_DEPTH:
                walked.add(inode)
                stack.append((entry.path, name + "/", depth + 1))
    return tuple(sorted(found))


def digest(*parts) -> str:
    """Return a short hash of the repr of some model values: the same in every process."""
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


@dataclass(frozen=True)
class Kept:
    """What one exhibit folder loaded as, under the signature of its files."""

    signature: Signature
    exhibit: object  # model.Exhibit, or None when the folder has an error
    reports: tuple[FileProblems, ...]
    version: str  # digest of the exhibit ("" for None)

    @cached_property
    def files(self) -> str:
        """Return a digest of the signature: made once, then pickled with the rest."""
        return digest(self.signature)


@dataclass
class Memo:
    """What the last load found per exhibit folder, by (folder, room slug, slug, languages).

    The exhibit is kept with its translations: the languages exhibition.yaml
    lists (the primary and the others) are part of the key, and the files of
    the translations are in the folder's signature. A load reads the memo of
    the one before and fills a new one, so folders that are gone drop out.
    """

    exhibits: dict[tuple, Kept] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)  # Markdown of rooms, pages: its HTML
    reads: int = 0  # exhibit folders read afresh by the load that made this memo


@dataclass
class Loaded:
    """What the loader found: the exhibition and every problem, sorted.

    Here, not in loader.py: a snapshot's content unpickles with this module
    and the model alone, not with everything that reads the files.
    """

    exhibition: object  # model.Exhibition
    problems: list[Problem] = field(default_factory=list)
    memo: Memo = field(default_factory=Memo, compare=False, repr=False)

    @property
    def errors(self) -> list[Problem]:
        """Return the problems that are errors."""
        return [p for p in self.problems if p.severity == ERROR]
