"""Pages in a folder: FileSystemCache, reading only the site's own files, pruned in batches.

Each page is a pickle in EXHIBITION_PAGE_CACHE_DIR, and reading a pickle can
run code. The app refuses a folder another user could write (see folders.py);
this backend also skips any file in it another user could have written, as if
it were not there: the page is rendered afresh and its file written anew.

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
import logging
import os

from flask_caching.backends.filesystemcache import FileSystemCache

from ..folders import trusted

log = logging.getLogger(__name__)

KEEP = 0.9  # of EXHIBITION_CACHE_PAGES, what a prune leaves


class PageFolder(FileSystemCache):
    """Pages kept as files in a folder the workers of one host share; foreign files unread."""

    @contextlib.contextmanager
    def _safe_stream_open(self, path: str, mode: str):
        """Open a cache file, as if it were absent when another user could have written it."""
        with super()._safe_stream_open(path, mode) as file:
            if "r" in mode and not trusted(os.fstat(file.fileno())):
                log.warning(
                    "page cache file %s not read: another user could have written it "
                    "(it is not the site's own, or others may write it)",
                    path,
                )
                raise FileNotFoundError(path)
            yield file

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
