"""Measure the demo in each of its languages: exhibit page weight, and the Lighthouse scores.

Serves the demo with gunicorn and the shipped gunicorn.conf.py, weighs every
exhibit page in each language as a browser that accepts brotli gets it
(bench/measure.py's page_weight: an Arabic page counts the Arabic font), and
reads the scores `make lighthouse` last wrote into test-artifacts/lighthouse/.

Run: make bench-languages (Lighthouse, then this); it writes its section of
docs/benchmarks.md.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.measure import fetch, page_weight  # noqa: E402
from bench.report import write_section  # noqa: E402
from tests.support import servers  # noqa: E402 - imports no pytest, see its docstring

BEGIN, END = "<!-- bench/languages -->", "<!-- /bench/languages -->"
REPORTS = ROOT / "test-artifacts" / "lighthouse"
EXHIBIT = re.compile(r"(?:/([a-z]{2,3}(?:-[A-Za-z0-9]+)*))?/rooms/[^/]+/[^/]+/")
KINDS = ("lobby", "room", "exhibit")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo", "agentic-browsing")


def weights() -> dict[str, dict[str, dict[str, int]]]:
    """Return the weight of every exhibit page of the demo, by language, then path."""
    with tempfile.TemporaryDirectory() as folder:
        with servers.gunicorn(Path(folder), {"CONTENT_DIR": ROOT / "content"}) as server:
            xml = fetch(server.base + "/sitemap.xml", {})[2].decode()
            paths = re.findall(r"<loc>https?://[^/]+(/[^<]*)</loc>", xml)
            found: dict[str, dict[str, dict[str, int]]] = {}
            for path in paths:
                if match := EXHIBIT.fullmatch(path):
                    found.setdefault(match[1] or "en", {})[path] = page_weight(server.base, path)
    return found


def lighthouse() -> list[tuple[str, str, dict]]:
    """Return the page, path and category scores of each report Lighthouse last wrote."""
    rows = []
    for report in sorted(REPORTS.glob("*.json"), key=_in_order):
        data = json.loads(report.read_text())
        path = re.sub(r"^https?://[^/]+", "", data["requestedUrl"])
        found = data["categories"]
        scores = {k: round(found[k]["score"] * 100) if k in found else "n/a" for k in CATEGORIES}
        rows.append((report.stem, path, scores))
    return rows


def _in_order(report: Path) -> tuple[str, int]:
    """Sort reports by language (the primary first), then lobby, room, exhibit."""
    kind, _, language = report.stem.partition("-")
    return language, KINDS.index(kind) if kind in KINDS else len(KINDS)


def kb(size: int) -> str:
    """Return a size in kilobytes of 1,000 bytes, as the rest of the page says them."""
    return f"{size / 1000:.1f} KB"


def section(found: dict, scores: list) -> list[str]:
    """Return the Markdown section of the figures, between its markers."""
    lines = [BEGIN, "## The demo in each language", ""]
    lines += [
        f"Written by `make bench-languages` (`make lighthouse`, then `bench/languages.py`), "
        f"{dt.date.today():%-d %B %Y}. Lighthouse 13 with its desktop preset, "
        "Debian's Chromium, on the lobby, the first room and the first exhibit of each "
        "language, served by the shipped gunicorn.conf.py with the demo's derivatives "
        "built, as the serving benchmark measures the English pages; on a 2-core machine "
        "performance moves by a few points from run to run.",
        "",
        "| page | path | performance | accessibility | best practices | SEO | agentic browsing |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {n} | `{p}` | " + " | ".join(str(s[k]) for k in CATEGORIES) + " |" for n, p, s in scores
    ]
    lines += [
        "",
        "Text weight of each language's exhibit pages, as sent to a browser that accepts "
        "brotli (HTML, CSS, JS, fonts, icon; an Arabic page also fetches the Arabic font). "
        "The aim for every page, Arabic included: under 60 KB.",
        "",
        "| language | pages | median | heaviest | its HTML | CSS | JS | fonts |",
        "|---|---:|---:|---|---:|---:|---:|---:|",
    ]
    for language, pages in found.items():
        path = max(pages, key=lambda p: pages[p]["text"])
        w = pages[path]
        median = statistics.median(p["text"] for p in pages.values())
        lines.append(
            f"| {language} | {len(pages)} | {kb(median)} | `{path}` {kb(w['text'])} "
            f"| {kb(w['html'])} | {kb(w['css'])} | {kb(w['js'])} | {kb(w['fonts'])} |"
        )
    return [*lines, END]


def write(lines: list[str], path: Path) -> None:
    """Put the section into a Markdown file, in place of its earlier run or at the end."""
    write_section(path, BEGIN, END, "\n".join(lines))


def main() -> None:
    """Measure, print the section, and write it into docs/benchmarks.md."""
    lines = section(weights(), lighthouse())
    print("\n".join(lines))
    write(lines, ROOT / "docs" / "benchmarks.md")


if __name__ == "__main__":
    main()
