"""Benchmark search: index build, index size, query times and memory, at 500 and 5,000 exhibits.

A generated exhibition (bench/generate.py) is loaded as the site loads it,
then its search index is built (the median of ROUNDS builds) and queried:
one-word, two-word and phrase queries and near misses, each asked QUERIES
times in turn, interleaved, timing what a search page asks of the index (the
ranked first page of results with their snippets, the count and the facets'
counts of every match, and for a near miss the word it suggests). Every
generated exhibit holds the same words, so each query but the near misses
matches all of them: the worst case. The whole search page, rendered by the
app (test client, no page cache), is timed for the one-word queries.
Memory per worker is the growth of the process's resident memory while one
index is built and held, beside SQLite's own count of the index's pages.

Run: make bench-search; it writes its section of docs/benchmarks.md.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402
from bench.report import write_section  # noqa: E402
from exhibition import create_app  # noqa: E402
from exhibition.loader import load  # noqa: E402
from exhibition.search import SearchIndex  # noqa: E402

SIZES = (500, 5000)
ROUNDS = 5
QUERIES = 200
KINDS = {
    "one word": ["generated", "circles", "author", "benchmark", "artist"],
    "two words": ["generated work", "pale ground", "realistic size", "generative model"],
    "phrase": ['"coloured circles"', '"long enough"', '"generated artist"'],
    "near miss": ["generatd", "cirlces", "benchmrak realistc"],
}
PAGES = 100  # search pages asked in each round
BEGIN, END = "<!-- bench/search.py -->", "<!-- /bench/search.py -->"
TARGETS = {"p95 ms": 20.0, "build s": 2.0}


def resident_kb() -> int:
    """Return the process's resident memory in KiB, from /proc."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def query_times(index: SearchIndex, texts: list[str]) -> list[float]:
    """Return the milliseconds each query takes, asked QUERIES times over in turn."""
    times = []
    for n in range(QUERIES):
        text = texts[n % len(texts)]
        started = time.perf_counter()
        index.search(text)
        times.append((time.perf_counter() - started) * 1000)
    return times


def page_times(client, texts: list[str]) -> list[float]:
    """Return the milliseconds each search page takes the app to answer, PAGES of them."""
    times = []
    for n in range(PAGES):
        started = time.perf_counter()
        response = client.get("/search/", query_string={"q": texts[n % len(texts)]})
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    return times


def measure(size: int) -> dict:
    """Return the figures of one generated exhibition of `size` exhibits."""
    with tempfile.TemporaryDirectory() as folder:
        content = generate(Path(folder) / "content", size)
        exhibition = load(content).exhibition
        before = resident_kb()
        index = SearchIndex(exhibition)
        grown = resident_kb() - before
        builds = [SearchIndex(exhibition).build_seconds for _ in range(ROUNDS)]
        row = {"exhibits": size, "build s": statistics.median(builds + [index.build_seconds])}
        row |= {"size": index.size(), "memory KiB": grown}
        settings = {"CONTENT_DIR": str(content), "CACHE_DIR": str(Path(folder) / "cache")}
        client = create_app({**settings, "CACHE_TYPE": "NullCache"}).test_client()
        client.get("/search/?q=generated")  # waits for the app's own index
        times = {kind: [] for kind in [*KINDS, "page"]}
        for _ in range(ROUNDS):  # the kinds interleaved, round after round
            for kind, texts in KINDS.items():
                times[kind] += query_times(index, texts)
            times["page"] += page_times(client, KINDS["one word"])
    for kind, found in times.items():
        cuts = statistics.quantiles(found, n=100)
        row[kind] = (cuts[49], cuts[94])
    return row


def section(rows: list[dict]) -> str:
    """Return the section of docs/benchmarks.md the figures make."""
    lines = [
        BEGIN,
        "## Search",
        "",
        "Written by `make bench-search` (`bench/search.py`) on "
        f"{dt.date.today().isoformat()}, {os.cpu_count()} cores: a generated exhibition "
        "(`bench/generate.py`) loaded, its SQLite FTS5 index built in memory (the median of "
        f"{ROUNDS + 1} builds), then {QUERIES} queries of each kind in each of {ROUNDS} "
        "interleaved rounds, each timing what a search page asks of the index: the ranked "
        "first page with snippets, the count and facets' counts of every match, and a "
        "near miss's suggestion. Every generated exhibit holds the same words, so every "
        "query but the near misses matches every exhibit. *Page* is the whole one-word "
        f"search page answered by the app ({PAGES} a round, no page cache). Memory is the "
        "worker's resident growth while it builds and holds one language's index. "
        "Targets: query p95 under 20 ms and a build under 2 s at 5,000 exhibits.",
        "",
        "| exhibits | build s | index KiB | memory KiB | one word p50 / p95 ms "
        "| two words p50 / p95 ms | phrase p50 / p95 ms | near miss p50 / p95 ms "
        "| page p50 / p95 ms |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        times = " | ".join(f"{r[k][0]:.2f} / {r[k][1]:.2f}" for k in [*KINDS, "page"])
        lines.append(
            f"| {r['exhibits']:,} | {r['build s']:.2f} | {r['size'] // 1024:,} "
            f"| {r['memory KiB']:,} | {times} |"
        )
    worst = max(max(rows[-1][k][1] for k in KINDS), 0)
    met = worst < TARGETS["p95 ms"] and rows[-1]["build s"] < TARGETS["build s"]
    verdict = "met" if met else "missed"
    lines += ["", f"At {rows[-1]['exhibits']:,} exhibits the targets are {verdict}: "
              f"worst p95 {worst:.2f} ms, build {rows[-1]['build s']:.2f} s.", END]  # fmt: skip
    return "\n".join(lines)


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or list(SIZES)
    rows = []
    for size in sizes:
        rows.append(measure(size))
        print(rows[-1], flush=True)
    text = section(rows)
    print(text)
    if sizes == list(SIZES):
        write_section(ROOT / "docs" / "benchmarks.md", BEGIN, END, text)


if __name__ == "__main__":
    main()
