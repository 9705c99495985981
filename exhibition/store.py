"""Hold the exhibition pages are served from, and load it again when files change."""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path

from .media.limits import DEFAULT_LIMITS, Limits
from .media.probecache import ProbeCache
from .problems import ContentError
from .reuse import Listings, Loaded
from .snapshot import SnapshotCache, key_of

log = logging.getLogger(__name__)


def load(root: Path, **options) -> Loaded:
    """Read the content folder (loader.load), its modules imported when first needed.

    A command that finds its snapshot never reads the files: it does without
    the Markdown and YAML parsers and the rest of the loader.
    """
    from .loader import load as read

    return read(root, **options)


class ContentStore:
    """The current snapshot of a content folder; replaced whole, never edited."""

    def __init__(
        self,
        root: Path | str,
        *,
        drafts: bool = False,
        limits: Limits = DEFAULT_LIMITS,
        probes: ProbeCache | None = None,
        snapshots: SnapshotCache | None = None,
    ):
        self.root = Path(root).resolve()
        self.drafts = drafts
        self.limits = limits
        self.probes = probes or ProbeCache()
        self.snapshots = snapshots or SnapshotCache()
        self._loaded: Loaded | None = None
        self._deferred = False  # loaded when first asked for (see load_when_asked)
        self.error: ContentError | None = None
        self.version = 0
        self._fingerprint = ""
        self._lock = threading.Lock()
        self._first = threading.Lock()  # held while a deferred load is made
        self._watcher: threading.Thread | None = None
        self._copies: tuple[object, dict] = (None, {})  # a snapshot and its copies by language
        self.loaded_anew: list[Callable[[ContentStore], None]] = []  # told of each new snapshot

    @classmethod
    def from_settings(cls, config, *, drafts: bool | None = None) -> ContentStore:
        """Return the store of the content folder an app's settings name.

        Probes and snapshots are kept in the cache folder; drafts are shown in
        preview, or when asked for (`check` and `build` take every exhibit).
        """
        drafts = config["PREVIEW"] if drafts is None else drafts
        return cls(
            config["CONTENT_DIR"],
            drafts=drafts,
            limits=Limits.from_settings(config),
            probes=ProbeCache.in_folder(config["CACHE_DIR"]),
            snapshots=SnapshotCache.in_folder(config["CACHE_DIR"], drafts=drafts),
        )

    @property
    def loaded(self) -> Loaded | None:
        """Return what the content loaded as, or None while none loaded without error."""
        if self._deferred:
            with self._first:  # threads that ask at once wait for the one load
                if self._deferred:
                    try:
                        self.load(log_errors=False)
                    except ContentError:
                        pass  # the command that asked says what is wrong (see problems)
                    finally:
                        self._deferred = False
        return self._loaded

    @loaded.setter
    def loaded(self, loaded: Loaded | None) -> None:
        self._loaded, self._deferred = loaded, False

    @property
    def has_loaded(self) -> bool:
        """Return True once content has loaded; unlike `loaded`, never loads it."""
        return self._loaded is not None

    def load_when_asked(self) -> None:
        """Load the content the first time it is asked for, not now.

        A command that never reads the site's content, such as `check` with its
        own store of drafts, then costs no load of the folder.
        """
        self._deferred = self._loaded is None

    @property
    def exhibition(self):
        """Return the exhibition as it stands now."""
        return self.loaded.exhibition

    def in_language(self, exhibition, language: str | None):
        """Return a snapshot of the exhibition in a language, translated once per snapshot.

        Pages in French ask for the French copy on every request: it is made
        the first time, then kept until the content loads anew.
        """
        if not language or language == exhibition.language:
            return exhibition
        source, copies = self._copies
        if source is not exhibition:
            source, copies = exhibition, {}
            self._copies = (source, copies)
        if language not in copies:
            copies[language] = exhibition.in_language(language)
        return copies[language]

    @property
    def fingerprint(self) -> str:
        """Return the fingerprint of the files as last loaded: the same in every worker."""
        return self._fingerprint

    @property
    def key(self) -> str:
        """Return the key of the content as last loaded: its files, folder, settings and code."""
        return key_of(self._fingerprint, self.root, self.drafts, self.limits)

    @property
    def problems(self):
        """Return the problems found when the content was last loaded.

        A broken exhibition.yaml's error carries every problem of that load;
        the last good snapshot's own problems are out of date then.
        """
        loaded = self.loaded  # loads first, when asked for first
        return self.error.problems if self.error else loaded.problems

    def load(
        self, *, log_errors: bool = True, fingerprint: str = "", listings: Listings | None = None
    ) -> bool:
        """Load the content; keep the last good snapshot if exhibition.yaml breaks.

        Raise ContentError only when there is no good snapshot to keep.
        Return True when a new snapshot replaced the old one. Errors that left
        exhibits out are logged, unless the caller reports them itself. A caller
        that has just taken the folder's fingerprint passes it, not to walk twice,
        with the folders' listings it kept: the load looks at no file's time again.
        """
        with self._lock:
            if not fingerprint:
                listings = {}
                fingerprint = fingerprint_of(self.root, listings)
            try:
                loaded = self._loaded_for(fingerprint, listings)
            except ContentError as error:
                self.error, self._fingerprint = error, fingerprint
                if self._loaded is None:
                    raise
                log.error("content not reloaded, the last good version is served:\n%s", error)
                return False
            for problem in loaded.errors if log_errors else ():
                log.warning("%s", problem)
            self._loaded, self.error, self._fingerprint = loaded, None, fingerprint
            self._deferred = False
            self.version += 1
        for told in self.loaded_anew:  # outside the lock: they may read the store
            told(self)
        return True

    def _loaded_for(self, fingerprint: str, listings: Listings | None = None) -> Loaded:
        """Return the content as these files load: from the snapshot, or read again.

        A running store reads again only the exhibit folders that changed since
        its own last load, keeping every other object as it is, and does not
        write the snapshot (pickling the whole exhibition would cost more than
        the change): a new one starts from the snapshot, reusing its unchanged
        exhibits, and writes the snapshot of what it loaded.
        """
        settings = (self.drafts, self.limits)
        key = key_of(fingerprint, self.root, *settings)
        if self._loaded:  # the snapshot is left as it is: a newer one only saves folders' reads
            return self._load_files(self._loaded.memo, listings)
        base = key_of("", self.root, *settings)
        stored, exact = self.snapshots.find(key, base)
        if exact:
            return stored
        loaded = self._load_files(stored.memo if stored else None, listings)
        self.snapshots.put(key, loaded, base)
        return loaded

    def _load_files(self, memo=None, listings: Listings | None = None) -> Loaded:
        """Read the content folder, reusing what is unchanged since the last load."""
        loaded = load(
            self.root,
            drafts=self.drafts,
            previous=self._loaded.exhibition if self._loaded else None,
            limits=self.limits,
            probes=self.probes,
            memo=memo,
            listings=listings,
        )
        self.probes.save()
        return loaded

    def reload_if_changed(self) -> bool:
        """Load the content again if any file changed since the last load."""
        listings: Listings = {}
        fingerprint = fingerprint_of(self.root, listings)
        if fingerprint == self._fingerprint:
            return False
        return self.load(fingerprint=fingerprint, listings=listings)

    def watch(self, interval: float) -> None:
        """Check for changed files every `interval` seconds in a background thread."""
        if self._watcher or interval <= 0:
            return

        pause = threading.Event()  # never set: a sleep

        def run():
            while True:
                pause.wait(interval)
                try:
                    self.reload_if_changed()
                except Exception:  # the watcher must outlive any one bad load
                    log.exception("could not reload the content")

        self._watcher = threading.Thread(target=run, name="content-watcher", daemon=True)
        self._watcher.start()


def fingerprint_of(root: Path, listings: Listings | None = None) -> str:
    """Return a digest of every file's name, size and time under the content folder.

    With `listings`, keep there each folder's entries: they remember the times
    found, so a load that follows reads no folder's times again (reuse.py).
    """
    digest = hashlib.blake2b(digest_size=16)
    stack = [str(root)]
    walked: set[tuple[int, int]] = set()  # folders by device and inode: links may loop
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        if listings is not None:
            listings[folder] = entries
        for entry in entries:
            if entry.name.startswith(".") or (folder == str(root) and entry.name == "archive"):
                continue
            try:
                stat = entry.stat()
            except OSError:
                continue
            digest.update(f"{entry.path}\0{stat.st_mtime_ns}\0{stat.st_size}\n".encode())
            if entry.is_dir() and (stat.st_dev, stat.st_ino) not in walked:
                walked.add((stat.st_dev, stat.st_ino))
                stack.append(entry.path)
    return digest.hexdigest()
