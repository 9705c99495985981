"""Make the derivatives of new and changed images in the background, in preview.

Until they exist, pages show the original (the browser scales it), so a
saved image shows at once; this catches up behind it, as `build` would, so
the preview soon shows the same AVIF, WebP, JPEG and zoom tiles visitors
will get. Every worker of a preview server runs one; a lock file in the
cache folder lets one build at a time, and the next finds the work done.
"""

from __future__ import annotations

import fcntl
import logging
import os
import threading
from contextlib import contextmanager
from pathlib import Path

from .media import build, manifest, workers
from .store import ContentStore

log = logging.getLogger(__name__)

LOCK = ".build.lock"


@contextmanager
def locked(cache: Path):
    """Hold the cache folder's build lock, waiting for another process to let it go."""
    with open(cache / LOCK, "a+b") as file:
        fcntl.flock(file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(file, fcntl.LOCK_UN)


class Catchup:
    """Build the derivatives of the exhibition a store holds, each time it loads anew."""

    def __init__(self, store: ContentStore, config, *, processes: int = 1):
        self.store = store
        self.cache = Path(config["CACHE_DIR"]).resolve()
        self.recipe = build.Recipe.from_settings(config)
        self.folders = (manifest.folder(config), manifest.folder(config, drafts=True))
        self.budget = workers.Budget.from_settings(config)
        self.processes = processes
        self.built = 0  # the store's version last built
        self._thread: threading.Thread | None = None

    def run_once(self) -> build.Summary | None:
        """Build what the store's exhibition lacks, if it changed since; return what was done."""
        version, loaded = self.store.version, self.store.loaded
        if loaded is None or version == self.built:
            return None
        summary = build.Summary()
        with locked(self.cache):
            jobs_by_folder = plans(
                loaded.exhibition, self.store.root, self.folders, self.recipe, self.store.limits
            )
            for jobs, out in jobs_by_folder:
                for _ in build.build(
                    jobs, out, processes=self.processes, budget=self.budget, summary=summary
                ):
                    pass
        self.built = version
        for failure in summary.failed:
            log.warning("%s: error: %s", failure.path, failure.message)
        return summary

    def start(self, interval: float = 0.5) -> None:
        """Look for a newly loaded exhibition every `interval` seconds in a background thread."""
        if self._thread:
            return
        pause = threading.Event()  # never set: a sleep

        def run():
            _yield_to_pages()
            while True:
                try:
                    self.run_once()
                except Exception:  # a full disk or a broken image must not stop the preview
                    log.exception("could not make the derivatives of the changed images")
                    self.built = self.store.version
                pause.wait(interval)

        self._thread = threading.Thread(target=run, name="derivatives-catchup", daemon=True)
        self._thread.start()


def plans(exhibition, root: Path, folders, recipe, limits) -> list:
    """Return the jobs of each folder with it: the published exhibits' images, then the drafts'.

    `folders`: the site's derivatives folder and the drafts' (manifest.folder()).
    """
    live, drafts = folders
    return [
        (build.plan(exhibition, root, live, recipe, limits), live),
        (build.plan(exhibition, root, drafts, recipe, limits, drafts=True), drafts),
    ]


def _yield_to_pages() -> None:
    """Lower this thread's priority, and so its workers', below the pages the curator waits for.

    On Linux a thread has a niceness of its own, and a process forked from it
    inherits it; elsewhere the whole server would be lowered, so nothing is done.
    """
    if hasattr(threading, "get_native_id") and os.uname().sysname == "Linux":
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
        except OSError:
            pass  # not allowed: build at the same priority
