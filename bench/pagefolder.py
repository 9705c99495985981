"""Benchmark storing pages in a full FileSystemCache folder: batched pruning against cachelib's.

A folder at its limit (EXHIBITION_CACHE_PAGES, 2,000 by default) takes a
stream of new pages, as it does under a crawl or a flood of made-up
addresses. Each store past the limit prunes: cachelib's FileSystemCache
opens every file in the folder each time, exhibition's PageFolder lists the
folder once per tenth of the limit's stores. Both run in the same process on
the same pages, alternately, and the figure is the time per store.

Run: make bench-page-folder; the latest figures are in docs/operators.md.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from flask_caching.backends.filesystemcache import FileSystemCache

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from exhibition.web.cache import CachedPage  # noqa: E402
from exhibition.web.pagefolder import PageFolder  # noqa: E402

LIMIT = 2000
STORES = 100
ROUNDS = 3
PAGE = CachedPage.of(
    b"<!doctype html><title>An exhibit</title>" + b"<p>label</p>" * 1500, "text/html"
)


def per_store(kind) -> float:
    """Return the mean seconds a store takes once a folder of this kind is full."""
    with tempfile.TemporaryDirectory() as folder:
        pages = kind(folder, threshold=LIMIT, default_timeout=0)
        for n in range(LIMIT):
            pages.set(f"page:fill:{n}", PAGE)
        started = time.perf_counter()
        for n in range(STORES):
            pages.set(f"page:new:{n}", PAGE)
        return (time.perf_counter() - started) / STORES


def main() -> None:
    """Print the median time per store of each, and their ratio."""
    figures: dict[str, list[float]] = {"PageFolder": [], "FileSystemCache": []}
    for _ in range(ROUNDS):
        figures["PageFolder"].append(per_store(PageFolder))
        figures["FileSystemCache"].append(per_store(FileSystemCache))
    ours, theirs = (statistics.median(figures[name]) for name in figures)
    print(f"{STORES} stores into a full folder of {LIMIT} pages, median of {ROUNDS} rounds:")
    print(f"  PageFolder (batched pruning)      {ours * 1000:8.2f} ms a store")
    print(f"  cachelib's FileSystemCache         {theirs * 1000:8.2f} ms a store")
    print(f"  ratio                              {ours / theirs:8.3f}x")


if __name__ == "__main__":
    main()
