"""Benchmark `check` and change detection on a generated 500-exhibit exhibition.

Each figure is compared with a baseline measured in the same run on the same
files, so the ratios hold on a noisy machine:

- check: the full load (every rule, every image probed) against the least any
  checker must do: read every exhibit.md and parse its YAML; then with the
  image probes remembered; then as `check` runs on content that has not
  changed since the last load: one walk and the snapshot.
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


def unchanged_check(root: Path, probes: ProbeCache, snapshots: SnapshotCache) -> None:
    """Load as `flask --app exhibition check` does: through the store and its snapshot."""
    store = ContentStore(root, drafts=True, probes=probes, snapshots=snapshots)
    store.load(log_errors=False)
    assert len(store.exhibition.tour) == EXHIBITS


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = generate(Path(folder) / "content", EXHIBITS)
        loaded = load(root)
        assert len(loaded.exhibition.tour) == EXHIBITS and not loaded.problems
        check = best_of(lambda: load(root))
        probes = ProbeCache()
        load(root, probes=probes)
        warm = best_of(lambda: load(root, probes=probes))
        snapshots = SnapshotCache(Path(folder) / "content.pickle")
        unchanged = best_of(lambda: unchanged_check(root, probes, snapshots))
        parse = best_of(lambda: baseline_parse(root))
        walk = best_of(lambda: fingerprint_of(root), 20)
        bare = best_of(lambda: baseline_walk(root), 20)
    reading = "read + libyaml parse only"
    rows = [
        ("check, first run (every image opened)", check, parse, reading),
        ("check, images unchanged (probe cache)", warm, parse, reading),
        ("check, nothing changed (content snapshot)", unchanged, parse, reading),
        ("change detection walk", walk, bare, "os.walk + stat"),
    ]
    print(f"| measure ({EXHIBITS} exhibits) | this run | baseline | ratio |")
    print("|---|---|---|---|")
    for name, value, base, what in rows:
        ratio = value / base
        print(f"| {name} | {value * 1e3:.1f} ms | {base * 1e3:.1f} ms ({what}) | {ratio:.2f}x |")
    print("| change detection per request | 0 ms: a background thread, never a request | | |")


if __name__ == "__main__":
    main()
