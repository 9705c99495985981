"""Benchmark `freeze` against Frozen-Flask freezing the same app in the same run.

Two exhibitions: the demo, and a generated one of 500 exhibits. Each is
built first (its image derivatives, at two widths for the generated one so
the build stays short), then frozen three times each way, alternating, and
the median kept:

- exhibition: the whole freeze as `flask --app exhibition freeze` runs it:
  render every page with its banner, copy every file the pages use, make
  every link relative, check every link, bag (SHA-256 and SHA-512 of every
  file), verify the bag, make it read-only, rename it into place.
- Frozen-Flask 1.0.2 with its defaults (a sequential run over the test
  client, following url_for and the static folder), writing into an empty
  folder; it checks no link and writes no checksum.

The ratio is exhibition / Frozen-Flask: below 1 is faster.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import generate  # noqa: E402
from exhibition import create_app  # noqa: E402
from exhibition.archive import edition, freeze, render  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BASE = "https://exhibition.example.org"
RUNS = 3


def app_for(content: Path, cache: Path, **config):
    """Return the app both freezers freeze, with no page cache in the way."""
    settings = {"CONTENT_DIR": str(content), "CACHE_DIR": str(cache), "BASE_URL": BASE}
    return create_app({**settings, "CACHE_TYPE": "NullCache", **config})


def build(app) -> None:
    result = app.test_cli_runner().invoke(args=["build"])
    assert result.exit_code == 0, result.output


def ours(app, archive: Path) -> tuple[float, int, int]:
    """Freeze with the exhibition's own freeze; return seconds, files and bytes."""
    edition.remove_tree(archive)
    start = time.perf_counter()
    with app.app_context():
        plan = render.plan(app, "bench")
        steps = freeze.freeze(
            plan, render.fetcher(app, plan), archive, processes=os.cpu_count() or 1
        )
        for _ in steps:
            pass
    seconds = time.perf_counter() - start
    found = edition.find(archive, "bench")
    return seconds, found.files, found.size


def theirs(app, out: Path) -> tuple[float, int, int]:
    """Freeze with Frozen-Flask's defaults; return seconds, files and bytes."""
    from flask_frozen import Freezer

    shutil.rmtree(out, ignore_errors=True)
    app.config.update(FREEZER_DESTINATION=str(out), FREEZER_BASE_URL=BASE)
    freezer = Freezer(app)
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # its notes on routes it cannot list by itself
        freezer.freeze()
    seconds = time.perf_counter() - start
    files = [p for p in out.rglob("*") if p.is_file()]
    return seconds, len(files), sum(p.stat().st_size for p in files)


def compare(name: str, app, work: Path) -> None:
    timings = {"exhibition": [], "Frozen-Flask": []}
    sizes = {}
    for _ in range(RUNS):
        seconds, files, size = ours(app, work / "archive")
        timings["exhibition"].append(seconds)
        sizes["exhibition"] = (files, size)
        seconds, files, size = theirs(app, work / "frozen-flask")
        timings["Frozen-Flask"].append(seconds)
        sizes["Frozen-Flask"] = (files, size)
    mine, baseline = (statistics.median(timings[k]) for k in ("exhibition", "Frozen-Flask"))
    for who in timings:
        files, size = sizes[who]
        seconds = statistics.median(timings[who])
        print(f"| {name} | {who} | {seconds:.2f} s | {files} | {size / 1e6:.1f} MB |")
    print(f"| {name} | ratio | {mine / baseline:.2f} | | |")


def main() -> None:
    print(f"{os.cpu_count()} cores; median of {RUNS} runs each, alternating.\n")
    print("| exhibition | freezer | time | files | size |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        demo = app_for(ROOT / "content", work / "demo-cache")
        build(demo)
        compare("demo (33 exhibits)", demo, work / "demo")
        content = generate(work / "generated", 500)
        generated = app_for(content, work / "generated-cache", IMAGE_WIDTHS="320,640")
        build(generated)
        compare("generated (500 exhibits)", generated, work / "gen")


if __name__ == "__main__":
    main()
