"""Benchmark answering through the web: two gunicorn replicas on one SQLite file, then PostgreSQL.

For each database, two replicas of the test world (one proxy trusted, one form
key, the rate limit out of the way) share it; MILLION answers are bulk-loaded
into its three questions first. Then, rounds interleaved, medians of ROUNDS:
THREADS threads post answers for SECONDS s, each from a new visitor (an address
and a User-Agent of its own), against the baseline of the same threads reading
an exhibit page from the page cache; and one question's results view is read
READS times at the million answers, against the same exhibit's cached page.

Run: make bench-answers; it writes its section of docs/benchmarks.md.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.answers import CHOICES, MILLION, hammer, load_million, on_both_databases  # noqa: E402
from bench.report import write_section  # noqa: E402
from exhibition.answers import AnswerStore  # noqa: E402
from tests.support import servers  # noqa: E402
from tests.support.load import form_token, post_answer, status  # noqa: E402
from tests.support.world import EXHIBITION_YAML, make_world  # noqa: E402

THREADS, SECONDS, ROUNDS, READS = 16, 3.0, 3, 60
EXHIBITS = ("/rooms/art/first/", "/rooms/art/second/", "/rooms/music/third/")
BEGIN, END = "<!-- bench/answers_web.py -->", "<!-- /bench/answers_web.py -->"


def replicas(folder: Path, content: Path, url: str) -> list[servers.Service]:
    """Return two gunicorns of the world sharing one database, one key and one trusted proxy."""
    shared = {"CONTENT_DIR": content, "DATABASE_URL": url, "SECRET_KEY": "bench"}
    shared |= {"TRUSTED_PROXIES": 1, "ANSWER_RATE_LIMIT": "1000000 per minute"}
    return [servers.gunicorn(folder / name, shared, name=name, seconds=60) for name in "ab"]


def rates(bases: list[str], tokens: dict[str, str], run: str) -> tuple[float, float]:
    """Return answers a second and cached page reads a second, medians of interleaved rounds."""

    def answer(thread, n):
        exhibit = EXHIBITS[n % 3]
        visitor = {"X-Forwarded-For": f"10.{n // 256 % 256}.{n % 256}.1"}
        visitor["User-Agent"] = f"bench {run} {thread} {n}"
        sent = post_answer(bases[thread % 2], exhibit, CHOICES[n % 3], tokens[exhibit], **visitor)
        assert sent.status == 303, sent.status

    def read(thread, n):
        assert status(bases[thread % 2] + EXHIBITS[n % 3]) == 200

    answered, read_ = [], []
    for round_ in range(ROUNDS):
        run = f"{run}-{round_}"
        answered.append(hammer(answer, SECONDS, THREADS))
        read_.append(hammer(read, SECONDS, THREADS))
    return statistics.median(answered), statistics.median(read_)


def latencies(base: str) -> tuple[float, float]:
    """Return the median milliseconds of a results view and of its exhibit's cached page."""
    results, pages = [], []
    for n in range(READS):
        exhibit = EXHIBITS[n % 3]
        for url, times in ((base + exhibit + "answers/", results), (base + exhibit, pages)):
            started = time.perf_counter()
            assert status(url) == 200
            times.append(time.perf_counter() - started)
    return statistics.median(results) * 1000, statistics.median(pages) * 1000


def measure(name: str, url: str, folder: Path, content: Path) -> dict:
    """Measure one database behind two replicas."""
    one, two = replicas(folder / name, content, url)
    with one, two:
        store = AnswerStore.from_settings({"DATABASE_URL": url})
        load_million(store, [path.strip("/").removeprefix("rooms/") for path in EXHIBITS])
        store.engine.dispose()
        tokens = {exhibit: form_token(one.base, exhibit) for exhibit in EXHIBITS}
        for exhibit in EXHIBITS:  # the pages into the cache before the baseline reads them
            status(one.base + exhibit), status(two.base + exhibit)
        answered, read = rates([one.base, two.base], tokens, name)
        results_ms, page_ms = latencies(one.base)
    print(f"{name}: {answered:,.0f} answers/s (pages {read:,.0f}/s); results {results_ms:.1f} ms")
    return {
        "name": name,
        "answers": answered,
        "reads": read,
        "results": results_ms,
        "page": page_ms,
    }


def section(rows: list[dict]) -> str:
    """Return the benchmark's section of docs/benchmarks.md."""
    lines = [
        BEGIN,
        "## Visitors' answers through the web",
        "",
        f"Written by `make bench-answers` (`bench/answers_web.py`): two gunicorn replicas "
        f"(2 workers × 4 threads each) on one database holding {MILLION:,} answers; "
        f"{THREADS} client threads post answers for {SECONDS:.0f} s, each from a new visitor, "
        f"median of {ROUNDS} rounds interleaved with the baseline (the same threads reading a "
        f"cached exhibit page); then one question's results view read {READS} times against "
        f"its exhibit's cached page. Loopback, {os.cpu_count()} cores shared by the clients, "
        "both replicas and the database.",
        "",
        "| database | answers/s | cached pages/s | × pages | results view | × cached page |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['name']} | {r['answers']:,.0f} | {r['reads']:,.0f} | "
            f"{r['answers'] / r['reads']:.2f} | {r['results']:.1f} ms | "
            f"{r['results'] / r['page']:.1f} (page {r['page']:.1f} ms) |"
        )
    return "\n".join([*lines, END])


def measure_in(name: str, url: str, folder: Path) -> dict:
    """Measure one database behind two replicas of the test world, its run open, in folder."""
    content = folder / "content"
    if not content.exists():
        world = make_world(content)
        world.write("exhibition.yaml", EXHIBITION_YAML.replace("2021-03-18", "2999-12-31"))
    return measure(name, url, folder, content)


def main() -> None:
    rows = on_both_databases(measure_in)
    write_section(ROOT / "docs/benchmarks.md", BEGIN, END, section(rows))


if __name__ == "__main__":
    main()
