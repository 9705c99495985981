"""The page cache's folder backend: Flask-Caching's FileSystemCache, reading only the site's files.

Each page is a pickle in EXHIBITION_PAGE_CACHE_DIR, and reading a pickle can
run code. The app refuses a folder another user could write (see folders.py);
this backend also skips any file in it another user could have written, as if
it were not there: the page is rendered afresh and its file written anew.
"""

from __future__ import annotations

import contextlib
import logging
import os

from flask_caching.backends import filesystemcache

from ..folders import trusted

log = logging.getLogger(__name__)


class FileSystemCache(filesystemcache.FileSystemCache):
    """Pages kept as files in one folder that a host's workers share; foreign files unread."""

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
