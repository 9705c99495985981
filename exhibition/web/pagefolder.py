"""The page cache's folder backend: Flask-Caching's FileSystemCache, pruned in batches.

cachelib prunes a full folder one page at a time: each store past
EXHIBITION_CACHE_PAGES opens every file in the folder to read its expiry,
then removes the oldest one, so past the limit every miss reads the whole
folder (with 2,000 pages, misses fell from 65 to 9 a second). Here a full
folder is pruned, oldest first by the time each page was written, down to
nine tenths of the limit: the folder is listed once per tenth of the limit's
stores, and no file is opened to do it.
"""

from __future__ import annotations

import contextlib
import os

from flask_caching.backends.filesystemcache import FileSystemCache

KEEP = 0.9  # of EXHIBITION_CACHE_PAGES, what a prune leaves


class PageFolder(FileSystemCache):
    """Pages kept as files in a folder the workers of one host share."""

    def _prune(self) -> None:
        """Remove the oldest pages when the folder holds more than its limit."""
        if not self._over_threshold():
            return
        pages = []
        for path in self._list_dir():
            with contextlib.suppress(FileNotFoundError):
                pages.append((os.stat(path).st_mtime_ns, path))
        pages.sort()
        keep = int(self._threshold * KEEP)
        for _, path in pages[: max(0, len(pages) - keep)]:
            with contextlib.suppress(FileNotFoundError):
                os.remove(path)
        self._update_count(value=min(len(pages), keep))
