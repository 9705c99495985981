"""Benchmark the worker's page store against cachelib's SimpleCache, both full.

Each holds 2,000 pages (SimpleCache by its count, EXHIBITION_CACHE_PAGES's
old default; the PageStore by the bytes of 2,000 pages), then takes a stream
of new pages and reads pages it holds: the time per store and per read, in
the same process, rounds alternated. SimpleCache below its limit is the
baseline a store should cost. Then each crawls a site twice its size twice
over, while visitors ask for a hot set (the lobby every time, and a room or
one of the tour's first exhibits in turn) between every two pages of the
crawl: its hit rate on each.

Run: make bench-page-store; it writes its section of docs/benchmarks.md.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import time
from pathlib import Path

from cachelib import SimpleCache

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.report import write_section  # noqa: E402
from exhibition.web.cache import CachedPage  # noqa: E402
from exhibition.web.pagestore import PageStore  # noqa: E402

CAPACITY = 2000
STORES = 500
READS = 5000
ROUNDS = 5
HOT = 30  # the lobby, the rooms and the tour's first exhibits
BEGIN, END = "<!-- bench/pagestore.py -->", "<!-- /bench/pagestore.py -->"


def exhibit_page(seed: int = 0) -> CachedPage:
    """Return a page about the size of a demo exhibit page as stored: 18 KB with its codings."""
    chance = random.Random(seed)
    words = ["label", "gallery", "machine", "portrait", "archive", "licence", "artist", "model"]
    text = " ".join(chance.choice(words) + str(chance.randrange(99)) for _ in range(1400))
    body = f"<!doctype html><title>Exhibit</title><p>{text}</p>".encode()
    return CachedPage.of(body, "text/html")


PAGE = exhibit_page()


def simple(capacity: int = CAPACITY) -> SimpleCache:
    return SimpleCache(threshold=capacity, default_timeout=86400)


def store(capacity: int = CAPACITY) -> PageStore:
    probe = PageStore(limit_bytes=1 << 30)
    probe.set("page:" + "0" * 40, PAGE)
    return PageStore(limit_bytes=capacity * probe.stats()["bytes"], default_timeout=86400)


def key(n: int) -> str:
    return f"page:{n:040d}"


def costs(make, full: bool = True) -> tuple[float, float]:
    """Return the seconds a store and a read take in a cache that is full (or half full)."""
    cache = make()
    for n in range(CAPACITY if full else CAPACITY // 2):
        cache.set(key(n), PAGE)
    started = time.perf_counter()
    for n in range(STORES):
        cache.set(key(CAPACITY + n), PAGE)
    stored = (time.perf_counter() - started) / STORES
    held = [key(CAPACITY + n) for n in range(STORES)]
    started = time.perf_counter()
    for n in range(READS):
        cache.get(held[n % STORES])
    return stored, (time.perf_counter() - started) / READS


def crawl_hits(cache) -> dict[str, float]:
    """Crawl a site twice the cache's size twice, the hot set asked between pages: hit rates."""
    asked = {"crawl": [0, 0], "hot": [0, 0]}

    def visit(kind: str, n: int) -> None:
        asked[kind][1] += 1
        if cache.get(key(n)) is not None:
            asked[kind][0] += 1
        else:
            cache.set(key(n), PAGE)

    for _ in range(2):
        for n in range(HOT, 2 * CAPACITY):
            visit("crawl", n)
            visit("hot", 0)  # the lobby, between every page
            visit("hot", 1 + n % (HOT - 1))  # a room or one of the first exhibits, in turn
    return {kind: hits / total for kind, (hits, total) in asked.items()}


def measure() -> dict:
    """Return the median costs of each cache over the rounds, and their crawl hit rates."""
    lines = {
        "PageStore, full": lambda: costs(store),
        "SimpleCache, full": lambda: costs(simple),
        "SimpleCache, half full (baseline)": lambda: costs(simple, full=False),
    }
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in lines}
    for _ in range(ROUNDS):
        for name, run in lines.items():
            runs[name].append(run())
    figures = {
        name: tuple(statistics.median(run[i] for run in taken) for i in (0, 1))
        for name, taken in runs.items()
    }
    hits = {"PageStore": crawl_hits(store()), "SimpleCache": crawl_hits(simple())}
    return {"costs": figures, "hits": hits}


def section(results: dict) -> list[str]:
    """Return the Markdown of the results, between the markers this script rewrites."""
    base_set, base_get = results["costs"]["SimpleCache, half full (baseline)"]
    lines = [
        BEGIN,
        "## The page store of each worker",
        "",
        f"Written by `make bench-page-store` (`bench/pagestore.py`), {dt.date.today():%-d %B %Y}. "
        f"Each cache holds {CAPACITY:,} pages of {len(PAGE.body('')) / 1024:.0f} KB of HTML "
        f"({sum(len(b) for b in PAGE.bodies.values()) / 1024:.0f} KB kept: its brotli and gzip "
        f"copies): cachelib's `SimpleCache` by count, the exhibition's `PageStore` by the bytes "
        f"of as many pages. Then {STORES} new pages are stored and {READS:,} held pages read; "
        f"median of {ROUNDS} rounds, alternated, in one process. The baseline is `SimpleCache` "
        "half full, which never prunes.",
        "",
        "| cache | a store | × baseline | a read | × baseline |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, (stored, read) in results["costs"].items():
        lines.append(
            f"| {name} | {stored * 1e6:.1f} µs | {stored / base_set:.2f} | "
            f"{read * 1e6:.1f} µs | {read / base_get:.2f} |"
        )
    lines += [
        "",
        f"A crawl of {2 * CAPACITY - HOT:,} pages (twice the cache), twice over, with a hot set "
        f"of {HOT} pages asked between every two pages of it, as visitors keep asking for them: "
        f"the lobby each time, and in turn one of the rooms and the tour's first exhibits (each "
        f"every {HOT - 1} pages):",
        "",
        "| cache | hot set hits | crawl hits |",
        "|---|---:|---:|",
    ]
    for name, rates in results["hits"].items():
        lines.append(f"| {name} | {rates['hot']:.1%} | {rates['crawl']:.1%} |")
    return [*lines, END]


def write(lines: list[str], path: Path) -> None:
    """Put the section into a Markdown file, in place of its earlier run or at the end."""
    write_section(path, BEGIN, END, "\n".join(lines))


def main() -> None:
    """Measure, print the section, and write it into docs/benchmarks.md."""
    lines = section(measure())
    print("\n".join(lines))
    write(lines, ROOT / "docs" / "benchmarks.md")


if __name__ == "__main__":
    main()
