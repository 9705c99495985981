"""Benchmark `check`, reloading and change detection on generated exhibitions.

`python bench/check.py 500 2000 5000` measures each size in turn (500 alone
by default; the first run at sizes above 500 is timed once, not five times).

Each figure is compared with a baseline measured in the same run on the same
files, so the ratios hold on a noisy machine:

- check: the full load (every rule, every image probed) against the least any
  checker must do: read every exhibit.md and parse its YAML; then with the
  image probes remembered; then as `check` runs on content that has not
  changed since the last load: one walk and the snapshot; then after one
  exhibit.md was edited, as `check` (a new process: the snapshot's other
  exhibits reused) and as a running preview (the one folder read again).
- change detection: one fingerprint walk of the folder against a bare
  `os.walk` with a `stat` of every file. The walk runs in a background thread,
  never on a request, so its cost per request is zero; the figure says what
  the thread spends each time it looks.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import generate  # noqa: E402
from exhibition.loader import load  # noqa: E402
from exhibition.media.probecache import ProbeCache  # noqa: E402
from exhibition.snapshot import SnapshotCache  # noqa: E402
from exhibition.store import ContentStore, fingerprint_of  # noqa: E402

EXHIBITS = 500


def best_of(function, repeat: int = 5) -> float:
    """Return the median seconds of several runs of a function."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def baseline_parse(root: Path) -> None:
    for path in root.glob("rooms/*/*/exhibit.md"):
        yaml.load(path.read_text().split("---\n")[1], Loader=yaml.CSafeLoader)


def baseline_walk(root: Path) -> None:
    for folder, _, files in os.walk(root):
        for name in files:
            os.stat(os.path.join(folder, name))


def stored(root: Path, probes: ProbeCache, snapshots: SnapshotCache) -> ContentStore:
    """Load as `exhibition check` does: through the store and its snapshot."""
    store = ContentStore(root, drafts=True, probes=probes, snapshots=snapshots)
    store.load(log_errors=False)
    return store


def edit(root: Path) -> None:
    """Change one exhibit's title, as a curator saving exhibit.md does."""
    path = next(root.glob("rooms/01-*/001-*/exhibit.md"))
    text = path.read_text()
    edited = text.replace("work", "Work", 1) if "work" in text else text.replace("Work", "work", 1)
    path.write_text(edited)


def one_edit_reload(root: Path, store: ContentStore) -> None:
    """Edit one exhibit and let a running store (a preview or a worker) reload it."""
    edit(root)
    assert store.reload_if_changed() and store.loaded.memo.reads == 1


def one_edit_check(root: Path, probes: ProbeCache, snapshots: SnapshotCache) -> None:
    """Edit one exhibit, then run `check` afresh: it reuses the snapshot's other exhibits."""
    edit(root)
    assert stored(root, probes, snapshots).loaded.memo.reads == 1


def measure(exhibits: int, folder: Path) -> list[tuple]:
    """Return the rows of one size: (measure, seconds, baseline seconds, baseline)."""
    root = generate(folder / f"content-{exhibits}", exhibits)
    repeat = 5 if exhibits <= 500 else 1
    check = best_of(lambda: load(root), repeat)
    probes = ProbeCache()
    load(root, probes=probes)
    warm = best_of(lambda: load(root, probes=probes), repeat)
    snapshots = SnapshotCache(folder / f"content-{exhibits}.pickle")
    unchanged = best_of(lambda: stored(root, probes, snapshots), 5)
    store = stored(root, probes, snapshots)
    reload = best_of(lambda: one_edit_reload(root, store), 5)
    after_edit = best_of(lambda: one_edit_check(root, probes, snapshots), 5)
    parse = best_of(lambda: baseline_parse(root), 3)
    walk = best_of(lambda: fingerprint_of(root), 5)
    bare = best_of(lambda: baseline_walk(root), 5)
    reading = "read + libyaml parse only"
    return [
        ("check, first run (every image opened)", check, parse, reading),
        ("check, images unchanged (probe cache)", warm, parse, reading),
        ("check, nothing changed (content snapshot)", unchanged, parse, reading),
        ("check after one edited exhibit (snapshot reused)", after_edit, parse, reading),
        ("one edited exhibit reloaded by a running preview", reload, parse, reading),
        ("change detection walk", walk, bare, "os.walk + stat"),
    ]


def main(sizes: list[int]) -> None:
    """Print the table for every size."""
    print("| exhibits | measure | this run | baseline | ratio |")
    print("|---:|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        for exhibits in sizes:
            for name, value, base, what in measure(exhibits, Path(folder)):
                print(
                    f"| {exhibits:,} | {name} | {value * 1e3:,.1f} ms | "
                    f"{base * 1e3:,.1f} ms ({what}) | {value / base:.2f}x |",
                    flush=True,
                )
    print("| | change detection per request | 0 ms: a background thread, never a request | | |")


if __name__ == "__main__":
    main([int(size) for size in sys.argv[1:]] or [EXHIBITS])
