"""Measure how the exhibition's costs grow with its size, from 500 to 10,000 exhibits.

`make bench-scale` runs this and writes its table into docs/benchmarks.md.
Each size is a generated exhibition (`bench/generate.py`) in three languages
with an image of its own per exhibit, so a build encodes every one. For each:
`check` cold, warm and after one edited exhibit; one edit reloaded by a running
preview's store; `build` cold and with nothing changed; `freeze` and the
edition's size; then under gunicorn (the tests' launcher): start-up to
`/readyz`, worker RSS started and after every page was asked for once, the
render time (a page's first request) of the lobby, the room pages and the
exhibits, and the share of hits when the site is crawled again, a visitor's
page (a lobby, a room, the start of the tour) asked between every two of the
crawler's: for the crawl's pages and for the visitors'.

The repeated measures run in interleaved rounds, every size in turn each
round; a figure is the median of the rounds, and a growth factor the median
of each round's ratio of the largest size to the smallest. BENCH_SIZES
(e.g. `500,2000`) picks the sizes, BENCH_ROUNDS the rounds.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.check import one_edit_reload, stored  # noqa: E402
from bench.generate import generate  # noqa: E402
from bench.measure import BROWSER, fetch, worker_memory  # noqa: E402
from bench.report import write_section  # noqa: E402
from exhibition.media.probecache import ProbeCache  # noqa: E402
from exhibition.snapshot import SnapshotCache  # noqa: E402
from tests.support import servers  # noqa: E402 - imports no pytest, see its docstring

SIZES = [int(n) for n in os.environ.get("BENCH_SIZES", "500,2000,5000,10000").split(",")]
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
LANGUAGES = ("fr", "ar")
ROOMS = 10
FETCHERS = 4  # requests in flight while crawling: two workers, each busy while one waits
BASE_URL = "http://bench.example"
# Each exhibit's own picture, encoded and tiled by the cold build, at a size that keeps the
# cold build and the freeze in minutes (200 exhibits at 1600 x 1200 took four times as long to
# build). What one image costs at a camera's size is bench/media.py's measure.
IMAGES = (1024, 768)
BEGIN, END = "<!-- bench/scale -->", "<!-- /bench/scale -->"


def exhibition(settings: dict, *args: str) -> float:
    """Run `exhibition VERB … FOLDER` on one exhibition, as a curator does, in a fresh process;
    return its seconds."""
    started = time.perf_counter()
    command = [sys.executable, "-m", "exhibition", *args, str(settings["CONTENT_DIR"])]
    run = subprocess.run(command, cwd=ROOT, env=servers.server_environment(settings),
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)  # fmt: skip
    if run.returncode:
        raise RuntimeError(f"exhibition {' '.join(args)} failed:\n{run.stderr[-2000:]}")
    return time.perf_counter() - started


def started_process(settings: dict) -> float:
    """Return the seconds of the least a curator's command costs: `exhibition --version`."""
    started = time.perf_counter()
    command = [sys.executable, "-m", "exhibition", "--version"]
    subprocess.run(command, cwd=ROOT, env=servers.server_environment(settings), check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    return time.perf_counter() - started


def prepare(size: int, folder: Path) -> dict:
    """Generate one size and run its one-off measures: the cold ones, and serving."""
    work = folder / str(size)
    content = generate(
        work / "content", size, ROOMS, languages=LANGUAGES, distinct_images=True, image_size=IMAGES
    )
    settings = {
        "CONTENT_DIR": content,
        "CACHE_DIR": work / "cache",
        "ARCHIVE_DIR": work / "archive",
        "BASE_URL": BASE_URL,
    }
    settings["IMAGE_WIDTHS"] = "320"  # one width: every image is encoded, in minutes not hours
    settings["PANORAMA_WIDTHS"] = "1024"  # each room's 360° picture at one width, as above
    found = {"settings": settings, "content": content}
    found["check cold"] = said(size, "check cold", exhibition(settings, "check"))
    found["build cold"] = said(size, "build cold", exhibition(settings, "build"))
    found["freeze"] = said(size, "freeze", exhibition(settings, "freeze", "--edition", "scale"))
    found["edition MB"] = folder_bytes(work / "archive") / 1e6
    started = time.perf_counter()
    found.update(serving(work, settings))
    said(size, "serving, both crawls", time.perf_counter() - started)
    return found


def said(size: int, what: str, seconds: float) -> float:
    """Say on stderr what a size took, as the bench goes (it runs for half an hour)."""
    print(f"{size:>7,} exhibits: {what} in {seconds:.1f} s", file=sys.stderr, flush=True)
    return seconds


def folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def serving(work: Path, settings: dict) -> dict:
    """Start gunicorn on one size; return start-up, memory, render times and repeat hit rates."""
    (work / "serve").mkdir()
    server = servers.gunicorn(work / "serve", settings, workers=None, seconds=600)
    with server:
        found = {"start-up to /readyz": server.started_in}
        found["RSS started MB"] = worker_memory(server.process.pid)["rss_mb"]
        paths = site_paths(server.base)
        times = crawl(server.base, paths)
        found["RSS warm MB"] = worker_memory(server.process.pid)["rss_mb"]
        for kind in ("lobby", "room", "exhibit"):
            taken = sorted(t for path, (t, _) in times.items() if kind_of(path) == kind)
            found[f"{kind} p50 ms"] = 1e3 * taken[len(taken) // 2]
            found[f"{kind} p95 ms"] = 1e3 * taken[min(len(taken) - 1, int(len(taken) * 0.95))]
        again, visitors = crawl_among_visitors(server.base, paths)
        found["repeat crawl hits %"] = 100 * sum(c == "HIT" for _, c in again.values()) / len(again)
        found["visitors' pages hits %"] = 100 * sum(c == "HIT" for c in visitors) / len(visitors)
    return found


def visitors_pages(paths: list[str]) -> list[str]:
    """Return the pages visitors come back to: each language's lobby, rooms and tour start."""
    first_room = next(p for p in paths if kind_of(p) == "room").split("/")[-2]
    tour_start = [p for p in paths if kind_of(p) == "exhibit" and f"/{first_room}/" in p]
    starts = {}  # the first three exhibits of the tour in each language
    for path in tour_start:
        language = path.split("/")[1] if path.split("/")[1] in LANGUAGES else ""
        starts.setdefault(language, []).append(path)
    rooms = [p for p in paths if kind_of(p) == "room" and "/page/" not in p]
    hot = [p for p in paths if kind_of(p) == "lobby"] + rooms
    return hot + [path for found in starts.values() for path in found[:3]]


def crawl_among_visitors(base: str, paths: list[str]) -> tuple[dict, list[str]]:
    """Crawl the site again, a visitor's page asked between every two of the crawler's.

    Return the crawl's seconds and X-Cache by path, and the X-Cache of each visitor's page.
    """
    hot = visitors_pages(paths)
    asked = [page for n, path in enumerate(paths) for page in (path, hot[n % len(hot)])]
    with ThreadPoolExecutor(FETCHERS) as pool:
        answers = list(pool.map(lambda path: timed(base, path), asked))
    crawled, visitors = answers[0::2], answers[1::2]  # the crawler's, then a visitor's, in turn
    return dict(zip(paths, crawled, strict=True)), [cache for _, cache in visitors]


def site_paths(base: str) -> list[str]:
    """Return every page the sitemap lists, in every language, as paths."""
    xml = fetch(base + "/sitemap.xml", {})[2].decode()
    return sorted(
        {re.sub(r"^https?://[^/]+", "", loc) for loc in re.findall(r"<loc>([^<]+)<", xml)}
    )


def kind_of(path: str) -> str:
    """Say whether a path is a lobby, a room page or an exhibit, in any language."""
    parts = [p for p in path.split("/") if p and p not in LANGUAGES]
    if not parts:
        return "lobby"
    if parts[0] == "rooms" and (len(parts) == 2 or parts[2:3] == ["page"]):
        return "room"  # its first page or a later one
    if parts[0] == "rooms" and len(parts) == 3:
        return "exhibit"
    return "other"


def timed(base: str, path: str) -> tuple[float, str]:
    """Ask for one page as a browser does; return its seconds and X-Cache."""
    started = time.perf_counter()
    _, headers, _ = fetch(base + path, BROWSER)
    return time.perf_counter() - started, headers.get("X-Cache", "")


def crawl(base: str, paths: list[str]) -> dict[str, tuple[float, str]]:
    """Ask for every path once, a few at a time; return each one's seconds and X-Cache."""
    with ThreadPoolExecutor(FETCHERS) as pool:
        return dict(zip(paths, pool.map(lambda path: timed(base, path), paths), strict=True))


def round_of(found: dict) -> dict[str, float]:
    """Run the repeated measures of one size once: one-edit and warm check, no-change build.

    A running preview's edit comes first, and the check after it is the one-edit check: a
    warm check must follow it with nothing changed in between (taken after an edit, a
    warm check is a one-edit check).
    """
    settings, content = found["settings"], found["content"]
    times = {"start a process (baseline)": started_process(settings)}
    if "store" not in found:  # a running preview's store, loaded once per size
        cache = settings["CACHE_DIR"]
        probes = ProbeCache(cache / "bench-probes.pickle")
        found["store"] = stored(content, probes, SnapshotCache(cache / "bench-snapshot.pickle"))
    started = time.perf_counter()
    one_edit_reload(content, found["store"])
    times["preview one edit"] = time.perf_counter() - started
    times["check one edit"] = exhibition(settings, "check")
    times["check warm"] = exhibition(settings, "check")
    times["build no change"] = exhibition(settings, "build")
    return times


ROWS = [  # (measure, unit, target at 5,000 exhibits or "")
    ("start a process (baseline)", "s", ""),
    ("check cold", "s", "< 10 s"),
    ("check warm", "s", "< 1 s"),
    ("check one edit", "s", "< 1 s"),
    ("preview one edit", "s", "< 1 s"),
    ("build cold", "s", ""),
    ("build no change", "s", "< 1 s"),
    ("freeze", "s", ""),
    ("edition MB", "MB", ""),
    ("start-up to /readyz", "s", ""),
    ("RSS started MB", "MB", ""),
    ("RSS warm MB", "MB", "< 150 MB"),
    ("lobby p50 ms", "ms", ""),
    ("lobby p95 ms", "ms", ""),
    ("room p50 ms", "ms", ""),
    ("room p95 ms", "ms", "< 20 ms"),
    ("exhibit p50 ms", "ms", ""),
    ("exhibit p95 ms", "ms", ""),
    ("repeat crawl hits %", "%", ""),
    ("visitors' pages hits %", "%", ""),
]


def measure(folder: Path) -> tuple[dict[int, dict], dict[str, float]]:
    """Return each size's figures (medians of rounds) and each measure's growth factor."""
    found = {size: prepare(size, folder) for size in SIZES}
    rounds = []
    for _ in range(ROUNDS):
        rounds.append({size: round_of(found[size]) for size in SIZES})
    for size in SIZES:
        for name in rounds[0][size]:
            found[size][name] = statistics.median(r[size][name] for r in rounds)
    small, large = SIZES[0], SIZES[-1]
    growth = {name: ratio(found[large][name], found[small][name]) for name, _, _ in ROWS}
    for name in rounds[0][small]:  # the repeated ones: the median of each round's ratio
        growth[name] = statistics.median(ratio(r[large][name], r[small][name]) for r in rounds)
    return found, growth


def ratio(large: float, small: float) -> float:
    return large / small if small else float("nan")


def table(found: dict[int, dict], growth: dict[str, float]) -> list[str]:
    """Return the Markdown table: a row per measure, a column per size, then the growth."""
    small, large = SIZES[0], SIZES[-1]
    head = " | ".join(f"{size:,}" for size in SIZES)
    lines = [
        f"| measure | {head} | growth {small:,} → {large:,} (size ×{large / small:g}) | target |",
        "|---|" + "---:|" * len(SIZES) + "---:|---|",
    ]
    for name, unit, target in ROWS:
        cells = " | ".join(figure(found[size][name], unit) for size in SIZES)
        lines.append(f"| {name} | {cells} | ×{growth[name]:.2f} | {target} |")
    return lines


def figure(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value:.2f} s" if value < 10 else f"{value:.0f} s"
    return f"{value:,.1f} {unit}" if value < 100 else f"{value:,.0f} {unit}"


def section(lines: list[str], minutes: float) -> str:
    """Return the section for docs/benchmarks.md, the table with how it was measured."""
    sizes = ", ".join(f"{size:,}" for size in SIZES)
    how = (
        f"Written by `make bench-scale` (`bench/scale.py`) in {minutes:.0f} minutes on "
        f"{os.cpu_count()} cores, on generated exhibitions of {sizes} exhibits in {ROOMS} rooms, "
        "each in three languages (English, French, Arabic) with an image of its own per "
        f"exhibit ({IMAGES[0]:,} × {IMAGES[1]:,} px), derivatives at one width (320 px, rooms "
        "in 360° at 1,024 px) and zoom tiles, so the cold build stays in minutes. "
        "`check`, `build` and `freeze` run as curators run them, a fresh `exhibition VERB "
        "FOLDER` process each (the baseline row is the least such a process costs, "
        "`exhibition --version`: Python and the command line, before any verb is loaded); the "
        f"repeated measures are medians of {ROUNDS} interleaved rounds, their growth the "
        "median of the rounds' ratios. Serving runs gunicorn with the shipped "
        "gunicorn.conf.py (a worker per core); a page's render time is its first request, "
        "every page the sitemap lists asked for once, four at a time; RSS is the largest "
        "worker's; the crawl's hit rate is that of asking for every page again, a "
        "visitor's page (each language's lobby and rooms, the tour's first three "
        "exhibits) asked between every two, whose hit rate is the visitors' pages'."
    )
    return "\n".join([BEGIN, "## Growth with the collection", "", how, "", *lines, END])


def main() -> None:
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as folder:
        found, growth = measure(Path(folder))
    lines = table(found, growth)
    print("\n".join(lines))
    block = section(lines, (time.monotonic() - started) / 60)
    write_section(ROOT / "docs" / "benchmarks.md", BEGIN, END, block)
    print("Wrote docs/benchmarks.md")


if __name__ == "__main__":
    main()
