"""Remember what looking inside media files found, so unchanged files are not opened again.

A probe (an image's size and colour, a sound's length) is kept under the
file's path with its size and modification time; a file that changed in
either is probed afresh. The cache lives in one JSON file in the cache
folder, written atomically, so every worker and command shares it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from .. import atomic

T = TypeVar("T")


class ProbeCache:
    """Probes of media files by path, size and time; in memory, or backed by a file."""

    def __init__(self, path: Path | None = None):
        self.path = path
        self.entries: dict[str, dict] = {}
        self.changed = False
        if path:
            try:
                self.entries = json.loads(path.read_text(encoding="utf-8"))["probes"]
            except (OSError, ValueError, KeyError, TypeError):
                self.entries = {}  # no cache yet, or an unreadable one: probe again

    @classmethod
    def in_folder(cls, folder: Path | str) -> ProbeCache:
        """Return the cache kept in a cache folder."""
        return cls(Path(folder) / "probes.json")

    def get(self, kind: str, file: Path, probe: Callable[[], T], encode, decode) -> T:
        """Return the cached probe of a file, or run `probe` and remember its result."""
        key, version = f"{kind}:{file}", self.version_of(file.stat())
        entry = self.entries.get(key)
        if isinstance(entry, dict) and entry.get("version") == version:
            try:
                return decode(entry["value"])
            except (TypeError, KeyError, ValueError):
                pass
        value = probe()
        self.entries[key] = {"version": version, "value": encode(value)}
        self.changed = True
        return value

    @staticmethod
    def version_of(stat) -> str:
        """Return what tells one version of a file from another: its time and size."""
        return f"{stat.st_mtime_ns}:{stat.st_size}"

    def knows(self, kind: str, file: Path) -> bool:
        """Return True if the cache holds a probe of the file as it is now."""
        entry = self.entries.get(f"{kind}:{file}")
        try:
            return isinstance(entry, dict) and entry.get("version") == self.version_of(file.stat())
        except OSError:
            return False

    def put(self, kind: str, file: Path, version: str, value) -> bool:
        """Remember a probe made elsewhere (an encoded value); return True."""
        self.entries[f"{kind}:{file}"] = {"version": version, "value": value}
        self.changed = True
        return True

    def save(self) -> None:
        """Write the cache atomically if anything new was probed."""
        if not (self.path and self.changed):
            return
        data = json.dumps({"probes": self.entries}, separators=(",", ":")).encode()
        try:
            atomic.replace(self.path, lambda file: file.write(data))
        except OSError:
            return  # a read-only or full disk only costs the next start time
        self.changed = False
