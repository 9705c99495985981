"""Pages in each worker's memory: bounded by bytes, the least recently used pushed out first.

cachelib's SimpleCache counts pages, not bytes, and once it holds its limit
it sorts every page it holds on each store to find the oldest (598 µs a
store at 2,000 pages instead of 6 µs), then drops by age of storing, not of
use: re-crawling a site larger than the cache pushed out the lobby as often
as any exhibit, and got no hit at all. Here the pages are kept in the order
they were last asked for; a store past EXHIBITION_PAGE_CACHE_MB drops from the
least recently used end, each drop O(1), so the pages visitors come back to
(the lobby, the rooms, the start of the tour) stay.

One store per worker process, shared by its threads under one lock (with
Redis, one in front of it: `NearRedis`). A page
is kept as it is, not pickled as SimpleCache kept it, so a hit copies
nothing (pages are never changed once made); what is counted for it is the
size of its pickle, nearly all of it the bytes of its bodies, plus a fixed
allowance for its key and the bookkeeping.
"""

from __future__ import annotations

import logging
import pickle
import threading
from collections import OrderedDict
from time import monotonic

from flask_caching.backends.base import BaseCache
from flask_caching.backends.rediscache import RedisCache

from .. import settings

log = logging.getLogger(__name__)
# The app sets no level, so info would be dropped; operators size the store from this line.
log.setLevel(logging.INFO)

ENTRY_BYTES = 256  # a key's string, the entry's tuple and its place in the ordered dict
REPORT_SECONDS = 600.0  # at most this often, a store writes the store's figures to the log
MB = 1024 * 1024
DEFAULT_BYTES = int(settings.default("PAGE_CACHE_MB") * MB)  # as EXHIBITION_PAGE_CACHE_MB


class PageStore(BaseCache):
    """Pages kept in one worker's memory up to a number of bytes, least recently used out first."""

    def __init__(self, limit_bytes: int = DEFAULT_BYTES, default_timeout: int = 300, **options):
        super().__init__(default_timeout, options.get("ignore_delete_many_errors", False))
        self.limit = int(limit_bytes)
        self._pages: OrderedDict[str, tuple[float, object, int]] = OrderedDict()
        self._bytes = 0
        self._counts = {"hits": 0, "misses": 0, "evicted": 0}
        self._lock = threading.RLock()
        self._report_at = monotonic() + REPORT_SECONDS

    @classmethod
    def factory(cls, app, config, args, kwargs) -> PageStore:
        """Make the store Flask-Caching asks for, sized by EXHIBITION_PAGE_CACHE_MB."""
        return cls(*args, limit_bytes=config["CACHE_LIMIT_BYTES"], **kwargs)

    def get(self, key: str):
        """Return the value stored under a key, or None; a hit makes it the most recent."""
        with self._lock:
            entry = self._live(key)
            if entry is None:
                self._counts["misses"] += 1
                return None
            self._pages.move_to_end(key)
            self._counts["hits"] += 1
        return entry[1]

    def set(self, key: str, value, timeout=None) -> bool:
        """Store a value, pushing out the least recently used until the bytes fit."""
        size = len(pickle.dumps(value, pickle.HIGHEST_PROTOCOL)) + len(key) + ENTRY_BYTES
        expires = self._expiry(timeout)
        with self._lock:
            self._drop(key)
            if size > self.limit:  # a page larger than the whole store is never kept
                return False
            self._pages[key] = (expires, value, size)
            self._bytes += size
            while self._bytes > self.limit:
                _, (_, _, dropped) = self._pages.popitem(last=False)
                self._bytes -= dropped
                self._counts["evicted"] += 1
            if monotonic() >= self._report_at:
                self._report_at = monotonic() + REPORT_SECONDS
                self.report()
        return True

    def add(self, key: str, value, timeout=None) -> bool:
        """Store a value only if the key holds none that is still fresh."""
        with self._lock:
            if self._live(key) is not None:
                return False
            return self.set(key, value, timeout)

    def has(self, key: str) -> bool:
        """Say whether a fresh value is stored under a key, without making it recent."""
        with self._lock:
            return self._live(key) is not None

    def delete(self, key: str) -> bool:
        """Remove a key; say whether it was there."""
        with self._lock:
            return self._drop(key)

    def clear(self) -> bool:
        """Remove every page."""
        with self._lock:
            self._pages.clear()
            self._bytes = 0
        return True

    def inc(self, key: str, delta: int = 1):
        """Add to a number stored under a key, in one step for every thread."""
        with self._lock:
            return super().inc(key, delta)

    def dec(self, key: str, delta: int = 1):
        """Subtract from a number stored under a key, in one step for every thread."""
        with self._lock:
            return super().dec(key, delta)

    def stats(self) -> dict[str, int]:
        """Return the pages and bytes held, the limit, and hits, misses and pages pushed out."""
        with self._lock:
            return {
                "pages": len(self._pages),
                "bytes": self._bytes,
                "limit_bytes": self.limit,
                **self._counts,
            }

    def report(self, why: str = "") -> None:
        """Write the store's figures to the log, in one line operators can read."""
        figures = self.stats()
        asked = figures["hits"] + figures["misses"]
        log.info(
            "page cache%s: %d pages, %.1f MB of %.1f MB; since start %d hits, %d misses "
            "(%.0f%% hits), %d pages pushed out to make room",
            why,
            figures["pages"],
            figures["bytes"] / MB,
            figures["limit_bytes"] / MB,
            figures["hits"],
            figures["misses"],
            100 * figures["hits"] / asked if asked else 0,
            figures["evicted"],
        )

    def _live(self, key: str):
        """Return a key's entry if it is fresh; drop it if it has expired."""
        entry = self._pages.get(key)
        if entry is not None and entry[0] and entry[0] <= monotonic():
            self._drop(key)
            return None
        return entry

    def _drop(self, key: str) -> bool:
        entry = self._pages.pop(key, None)
        if entry is None:
            return False
        self._bytes -= entry[2]
        return True

    def _expiry(self, timeout) -> float:
        seconds = self._normalize_timeout(timeout)
        return monotonic() + seconds if seconds > 0 else 0.0


class NearRedis(RedisCache):
    """Pages in one Redis every process shares, the ones a worker serves also in its memory.

    A page read from or stored into Redis is kept in a PageStore of the
    worker's own, so a page visitors repeat is answered without a round trip
    or an unpickling; its keys name the content they were made from, so a page
    kept here can never be older than the one in Redis. Reloads empty it
    (`own_pages`), never Redis, which other processes still read.
    """

    def __init__(self, *args, limit_bytes: int = DEFAULT_BYTES, **kwargs):
        super().__init__(*args, **kwargs)
        self.near = PageStore(limit_bytes, self.default_timeout)

    @classmethod
    def factory(cls, app, config, args, kwargs) -> NearRedis:
        """Make the Redis cache Flask-Caching asks for, kept near by EXHIBITION_PAGE_CACHE_MB."""
        kwargs = {**kwargs, "limit_bytes": config["CACHE_LIMIT_BYTES"]}
        return super().factory(app, config, args, kwargs)

    def get(self, key: str):
        """Return a page from the worker's memory, else from Redis (then kept in memory)."""
        value = self.near.get(key)
        if value is None:
            value = super().get(key)
            if value is not None:
                self.near.set(key, value)
        return value

    def set(self, key: str, value, timeout=None) -> bool:
        """Store a page in Redis, and in the worker's memory once Redis has it."""
        stored = super().set(key, value, timeout)
        if stored:
            self.near.set(key, value, timeout)
        return stored

    def add(self, key: str, value, timeout=None) -> bool:
        """Store a page in Redis only if none is there, and then in the worker's memory."""
        added = super().add(key, value, timeout)
        if added:
            self.near.set(key, value, timeout)
        return added

    def has(self, key: str) -> bool:
        """Say whether a page is stored, in memory or in Redis."""
        return self.near.has(key) or super().has(key)

    def delete(self, key: str) -> bool:
        """Remove a page from both."""
        self.near.delete(key)
        return super().delete(key)

    def clear(self) -> bool:
        """Remove every page of this site, in memory and in Redis."""
        self.near.clear()
        return super().clear()


def own_pages(backend) -> PageStore | None:
    """Return the pages a cache backend keeps in this worker's memory, if it keeps any."""
    if isinstance(backend, PageStore):
        return backend
    return getattr(backend, "near", None)
