"""Benchmark rendering the lobby, a room page and an exhibit as a room and the collection grow.

Two generated exhibitions: 500 exhibits in one room, and 5,000 in ten rooms
(500 a room). Every image is given derivatives in a manifest at the default
widths, as after `build`, so each card draws its whole <picture>; the files
themselves are not made, since rendering only reads the manifest. Pages are
rendered by Flask's test client with the page cache off, interleaved round
by round; the baseline is a minimal Flask app rendering a one-line template
through the same client in the same rounds, and each ratio is the median of
per-round ratios. Also: the page's size and its `url_for` calls.

    python bench/pages.py [--write]   # --write puts the table into docs/benchmarks.md
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from flask import Flask, render_template_string

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402
from bench.report import write_section  # noqa: E402
from exhibition import create_app  # noqa: E402
from exhibition.media import manifest  # noqa: E402
from exhibition.web.current import current_exhibition  # noqa: E402

ROUNDS, REQUESTS = 7, 5
WORLDS = (("500 exhibits, one room", 500, 1), ("5,000 exhibits, 10 rooms", 5000, 10))
DOCS = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- bench/pages -->", "<!-- /bench/pages -->"
INTRO = """\
## Rendering at scale

Written by `make bench-pages` (`bench/pages.py`). Generated exhibitions of 500
exhibits in one room and of 5,000 in ten rooms (500 a room), every image with
derivatives at the default widths in the build's manifest; each page rendered
by Flask's test client with the page cache off, {rounds} interleaved rounds of
{requests} requests. The ratio is the median, over rounds, of the page's median
against a minimal Flask app rendering a one-line template in the same round.
The room page is the room's first page: 48 exhibits unless its `room.md` sets
`page_size`. Its cards are drawn on every render (`exhibition/web/cards.py`)
with the page's links worked out once: two of the `url_for` calls counted here
(one render after the first) are theirs, the rest the page's own links. The
lobby's JSON-LD names the rooms and at most six works.
"""


def fake_build(app: Flask) -> None:
    """Write a manifest giving every image derivatives at the default widths."""
    with app.app_context():
        exhibition = current_exhibition()
    entries = {}
    for number, exhibit in enumerate(exhibition.tour):
        image = exhibit.main_image
        widths = tuple(w for w in (320, 640, 960, 1280, 1920, 2560) if w <= image.width)
        entries[image.path] = manifest.ManifestEntry(
            image.path, image.version, 0, 0, "", "", f"{number:020x}", image.width,
            image.height, widths or (image.width,),
        )  # fmt: skip
    out = manifest.folder(app.config)
    out.mkdir(parents=True, exist_ok=True)
    manifest.Catalogue(entries).write(out)


def baseline_app() -> Flask:
    """Return a minimal Flask app whose one view renders a one-line template."""
    app = Flask(__name__)
    app.get("/")(lambda: render_template_string("<p>{{ text }}</p>", text="baseline"))
    return app


def counted_url_for(app: Flask) -> list[int]:
    """Count every url_for call the app and its templates make; return the counter."""
    calls, original = [0], app.url_for

    def url_for(*args, **values):
        calls[0] += 1
        return original(*args, **values)

    app.url_for = url_for
    app.jinja_env.globals["url_for"] = url_for
    return calls


def timed(client, path: str) -> tuple[float, bytes]:
    """Return the seconds one GET takes and its body; fail on anything but 200."""
    start = time.perf_counter()
    response = client.get(path)
    seconds = time.perf_counter() - start
    assert response.status_code == 200, (path, response.status_code)
    return seconds, response.data


def measure_world(name: str, exhibits: int, rooms: int, folder: Path) -> list[dict]:
    """Return the figures of each page type of one generated exhibition."""
    content = generate(folder / "content", exhibits, rooms)
    settings = {"CONTENT_DIR": str(content), "CACHE_DIR": str(folder / "cache")}
    app = create_app({**settings, "CACHE_TYPE": "NullCache", "BASE_URL": "https://x.test"})
    fake_build(app)
    with app.app_context():
        room = current_exhibition().rooms[0]
    paths = {
        "lobby": "/",
        "room page": f"/rooms/{room.slug}/",
        "exhibit": f"/rooms/{room.slug}/{room.exhibits[len(room.exhibits) // 2].slug}/",
    }
    client, baseline = app.test_client(), baseline_app().test_client()
    calls = counted_url_for(app)
    figures = {page: {"times": [], "ratios": []} for page in paths}
    for page, path in paths.items():  # warm up, then count url_for and size once
        timed(client, path)
        calls[0] = 0
        figures[page]["bytes"] = len(timed(client, path)[1])
        figures[page]["url_for"] = calls[0]
    for _ in range(ROUNDS):
        base = statistics.median(timed(baseline, "/")[0] for _ in range(REQUESTS))
        for page, path in paths.items():
            times = [timed(client, path)[0] for _ in range(REQUESTS)]
            figures[page]["times"] += times
            figures[page]["ratios"].append(statistics.median(times) / base)
    return [row(name, page, figures[page]) for page in paths]


def row(world: str, page: str, figure: dict) -> dict:
    """Return one line of the table."""
    times = sorted(figure["times"])
    return {
        "world": world,
        "page": page,
        "p50": statistics.median(times) * 1000,
        "p95": times[max(0, round(len(times) * 0.95) - 1)] * 1000,
        "ratio": statistics.median(figure["ratios"]),
        "kb": figure["bytes"] / 1000,
        "url_for": figure["url_for"],
    }


def table(rows: list[dict]) -> str:
    """Return the figures as a Markdown table."""
    lines = [
        "| exhibition | page | p50 | p95 | p50 / minimal template | HTML | url_for calls |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['world']} | {r['page']} | {r['p50']:.1f} ms | {r['p95']:.1f} ms "
            f"| {r['ratio']:.0f}x | {r['kb']:.0f} KB | {r['url_for']} |"
        )
    return "\n".join(lines)


def write_docs(text: str) -> None:
    """Write the section between the bench/pages marks of docs/benchmarks.md, or add it."""
    intro = INTRO.format(rounds=ROUNDS, requests=REQUESTS)
    write_section(DOCS, START, END, f"{START}\n{intro}\n{text}\n{END}", before="## Machine")


def main() -> None:
    """Measure every world and print the table; with --write, put it into the docs."""
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for number, (name, exhibits, rooms) in enumerate(WORLDS):
            rows += measure_world(name, exhibits, rooms, Path(folder) / str(number))
    text = table(rows)
    print(text)
    if "--write" in sys.argv:
        write_docs(text)


if __name__ == "__main__":
    main()
