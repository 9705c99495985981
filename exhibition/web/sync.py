"""Tell every process sharing one Redis when the content changed, so each loads it too.

Each worker writes the hash of the content it loaded to one Redis key when
that content changes (at start, after a HUP, after polling finds an edit).
Every worker reads the key once a second in a background thread; when it
names content other than its own, the worker looks for changed files and
loads them. So a reload on one host or process is seen by all of them that
read the same folder, and their pages share cache keys again. A worker
whose files really differ keeps its own content: it only looks once per
announcement.
"""

from __future__ import annotations

import logging
import threading

log = logging.getLogger(__name__)

INTERVAL = 1.0  # seconds between two reads of the shared key


class ContentSync:
    """Announce this process's content in Redis, and follow what others announce."""

    def __init__(self, store, versions, client, key: str, interval: float = INTERVAL):
        self.store = store
        self.versions = versions
        self.client = client
        self.key = key
        self.interval = interval
        self._announced = ""  # the last content this process announced
        self._followed = ""  # the last announcement this process acted on
        self._failing = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def own(self) -> str:
        """Return the hash of the content this process serves now ("" if none)."""
        loaded = self.store.loaded
        return self.versions.content(loaded.exhibition) if loaded else ""

    def step(self) -> None:
        """Announce a change of our content, or follow someone else's announcement."""
        own = self.own()
        if own and own != self._announced:
            self.client.set(self.key, own)
            self._announced = self._followed = own
            return
        announced = self.client.get(self.key)
        announced = announced.decode() if isinstance(announced, bytes) else announced
        if announced and announced not in (own, self._followed):
            self._followed = announced
            log.info("another process loaded new content; looking for changed files")
            self.store.reload_if_changed()

    def run(self) -> None:
        """Step every interval until stopped; a Redis that fails is logged once, then retried."""
        while not self._stop.wait(self.interval):
            try:
                self.step()
            except Exception as error:  # Redis down: keep serving, try again later
                if not self._failing:
                    log.warning("cannot reach Redis to share content changes: %s", error)
                self._failing = True
            else:
                if self._failing:
                    log.warning("Redis answers again; content changes are shared")
                self._failing = False

    def start(self) -> None:
        """Run in a background thread, never on a request's path."""
        if self._thread is None:
            self._thread = threading.Thread(target=self.run, name="content-sync", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        """Stop the background thread."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)


def share_content_changes(app, pages) -> None:
    """Have an app's page cache follow the content reloads of every process on its Redis."""
    import redis

    client = redis.Redis.from_url(
        app.config["CACHE_REDIS_URL"], socket_connect_timeout=0.5, socket_timeout=0.5
    )
    key = app.config["CACHE_KEY_PREFIX"] + "content"
    sync = ContentSync(app.extensions["exhibition"], pages.versions, client, key)
    app.extensions["content_sync"] = sync
    sync.start()
