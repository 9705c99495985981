"""Benchmark visitors' answers: answers a second on SQLite and on PostgreSQL, and reading results.

Answers a second: THREADS threads record answers for SECONDS s through
`AnswerStore.record` (one answer per visitor a day, the tally moved in the same
transaction), against a baseline in the same run on the same database: the
same threads inserting one bare row per answer, no uniqueness and no tally.
Rounds interleaved, medians. Then MILLION answers are bulk-loaded into each
database with their tallies, and the time to read one question's results is
measured with `tally` (the kept counts) against counting its rows (`daily`).

Run: make bench-answers; it writes its section of docs/benchmarks.md.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import Column, Integer, MetaData, String, Table, insert  # noqa: E402

from bench.report import write_section  # noqa: E402
from exhibition.answers import AnswerStore  # noqa: E402
from exhibition.answers.tables import answers, tallies  # noqa: E402
from tests.support import servers  # noqa: E402

THREADS, SECONDS, ROUNDS = 4, 3.0, 3
MILLION, QUESTIONS, READS = 1_000_000, 50, 200
CHOICES = ("yes", "no", "it-depends")
DAY = dt.date(2026, 12, 3)
BEGIN, END = "<!-- bench/answers.py -->", "<!-- /bench/answers.py -->"
bare = Table("bare", MetaData(), Column("id", Integer, primary_key=True), Column("a", String(100)))


def hammer(work, seconds: float = SECONDS, threads: int = THREADS) -> float:
    """Run work(thread, n) in `threads` threads for seconds; return the calls done a second."""
    done, stop = [0] * threads, time.monotonic() + seconds

    def loop(thread):
        n = 0
        while time.monotonic() < stop:
            work(thread, n)
            n += 1
        done[thread] = n

    running = [threading.Thread(target=loop, args=(t,)) for t in range(threads)]
    started = time.monotonic()
    for thread in running:
        thread.start()
    for thread in running:
        thread.join()
    return sum(done) / (time.monotonic() - started)


def answers_a_second(store: AnswerStore) -> tuple[float, float]:
    """Return the median answers a second through `record`, and the bare inserts' median."""
    bare.create(store.engine, checkfirst=True)
    run = f"{time.monotonic_ns()}"

    def record(thread, n):
        store.record(f"q/{n % QUESTIONS}", CHOICES[n % 3], f"{run}-{thread}-{n}", DAY)

    def insert_bare(thread, n):
        with store.engine.begin() as connection:
            connection.execute(insert(bare).values(a=CHOICES[n % 3]))

    recorded, inserted = [], []
    for _ in range(ROUNDS):
        recorded.append(hammer(record))
        inserted.append(hammer(insert_bare))
    return statistics.median(recorded), statistics.median(inserted)


def load_million(store: AnswerStore, keys: list[str] | None = None) -> None:
    """Bulk-load MILLION answers to the questions of keys (QUESTIONS made-up ones), with tallies."""
    keys = keys or [f"m/{n}" for n in range(QUESTIONS)]
    batch, counts = [], {}
    now = dt.datetime.now(dt.UTC)
    with store.engine.begin() as connection:
        for n in range(MILLION):
            question, answer = keys[n % len(keys)], CHOICES[(n * 7) % 3]
            batch.append(
                {"question": question, "voter": f"v{n}", "day": DAY, "answer": answer, "at": now}
            )
            counts[question, answer] = counts.get((question, answer), 0) + 1
            if len(batch) == 50_000:
                connection.execute(insert(answers), batch)
                batch = []
        rows = [{"question": q, "answer": a, "count": c} for (q, a), c in counts.items()]
        connection.execute(insert(tallies), rows)


def read_latency(store: AnswerStore) -> tuple[float, float]:
    """Return the median milliseconds of `tally` and of `daily` for one question at a million."""
    kept, counted = [], []
    for n in range(READS):
        question = f"m/{n % QUESTIONS}"
        started = time.perf_counter()
        store.tally(question)
        kept.append(time.perf_counter() - started)
        if n % 20 == 0:  # counting rows is slow: fewer rounds, still interleaved
            started = time.perf_counter()
            store.daily(question)
            counted.append(time.perf_counter() - started)
    return statistics.median(kept) * 1000, statistics.median(counted) * 1000


def measure(name: str, url: str) -> dict:
    """Measure one database."""
    store = AnswerStore.from_settings({"DATABASE_URL": url})
    store.migrate()
    rate, baseline = answers_a_second(store)
    started = time.monotonic()
    load_million(store)
    loaded = time.monotonic() - started
    tally_ms, daily_ms = read_latency(store)
    store.engine.dispose()
    print(f"{name}: {rate:,.0f} answers/s (bare {baseline:,.0f}); tally {tally_ms:.2f} ms")
    return {
        "name": name,
        "rate": rate,
        "baseline": baseline,
        "loaded": loaded,
        "tally": tally_ms,
        "daily": daily_ms,
    }


def section(rows: list[dict]) -> str:
    """Return the benchmark's section of docs/benchmarks.md."""
    lines = [
        BEGIN,
        "## Visitors' answers",
        "",
        f"Written by `make bench-answers` (`bench/answers.py`): {THREADS} threads recording "
        f"answers for {SECONDS:.0f} s, median of {ROUNDS} rounds interleaved with the baseline "
        "(the same threads inserting one bare row each, no uniqueness, no tally); then "
        f"{MILLION:,} answers to {QUESTIONS} questions bulk-loaded, and one question's results "
        f"read {READS} times from the kept tally, against counting its rows. SQLite is a file "
        "in WAL mode; PostgreSQL is Debian's, on loopback, default settings. "
        f"{os.cpu_count()} cores shared with the threads.",
        "",
        "| database | answers/s | bare inserts/s | × bare | 1 M loaded in | results from "
        "the tally | counting the rows |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['name']} | {r['rate']:,.0f} | {r['baseline']:,.0f} | "
            f"{r['rate'] / r['baseline']:.2f} | {r['loaded']:.0f} s | {r['tally']:.2f} ms | "
            f"{r['daily']:.1f} ms |"
        )
    return "\n".join([*lines, END])


def on_both_databases(measure_one) -> list[dict]:
    """Return measure_one(name, url, folder) on an SQLite file, then on a new PostgreSQL."""
    folder = Path(tempfile.mkdtemp(prefix="bench-answers-"))
    pg_folder = servers.postgres_folder()
    try:
        rows = [measure_one("SQLite", f"sqlite:///{folder / 'answers.sqlite3'}", folder)]
        with servers.postgres(pg_folder) as server:
            rows.append(measure_one("PostgreSQL", server.database("bench"), folder))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(pg_folder, ignore_errors=True)
    return rows


def main() -> None:
    rows = on_both_databases(lambda name, url, _folder: measure(name, url))
    write_section(ROOT / "docs/benchmarks.md", BEGIN, END, section(rows))


if __name__ == "__main__":
    main()
