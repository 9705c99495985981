"""Audit the lobby, a room and an exhibit in each language with Lighthouse; print the scores.

Builds the demo's derivatives into a temporary cache, starts gunicorn on a
free loopback port for the audit and stops it after; Lighthouse's desktop
preset, as `make bench` uses;
`make lighthouse` installs what it needs and runs this from the project root.
Reports are written to test-artifacts/lighthouse/.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # run as a script: tests/support is the project's

from tests.support import servers  # noqa: E402

LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
REPORTS = ROOT / "test-artifacts" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)


def pages_to_audit(base: str) -> dict[str, str]:
    """Return the lobby, the first room and the first exhibit of the sitemap, in each language."""
    with urllib.request.urlopen(f"{base}/sitemap.xml", timeout=10) as response:
        paths = re.findall(r"<loc>https?://[^/]+(/[^<]*)</loc>", response.read().decode())
    # Another language's pages are under its tag: /fr/rooms/…; the primary's are not.
    tagged = (re.fullmatch(r"/([a-z]{2,3}(?:-[A-Za-z0-9]+)*)/rooms/.*", p) for p in paths)
    languages = [""] + sorted({m[1] for m in tagged if m})
    pages = {}
    for language in languages:
        prefix, suffix = (f"/{language}", f"-{language}") if language else ("", "")
        pages[f"lobby{suffix}"] = f"{prefix}/"
        for name, pattern in (("room", r"/rooms/[^/]+/"), ("exhibit", r"/rooms/[^/]+/[^/]+/")):
            found = next((p for p in paths if re.fullmatch(prefix + pattern, p)), None)
            if found:
                pages[name + suffix] = found
            else:
                print(f"The sitemap lists no {name}: is the demo media there (make demo-media)?")
    return {name: base + path for name, path in pages.items()}


def audit(name: str, url: str, preset: str | None = None) -> dict[str, float]:
    """Run Lighthouse on a page, keep its report and return its category scores.

    preset: "desktop" for Lighthouse's desktop preset; None for its default (mobile).
    """
    report = REPORTS / f"{name}.json"
    command = [
        str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]  # fmt: skip
    if preset:
        command.append(f"--preset={preset}")
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
    categories = json.loads(report.read_text())["categories"]
    return {key: category["score"] for key, category in categories.items()}


def percent(score: float | None) -> str:
    """Return a Lighthouse score as the 0-100 number its report shows."""
    return "n/a" if score is None else str(round(score * 100))


def main() -> None:
    """Build the demo's images, serve it, audit its sample pages and print their scores."""
    REPORTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        build(folder / "cache")
        # The tests' one launcher: the shipped gunicorn.conf.py, cache and archive in folder.
        with servers.gunicorn(folder, ready="/") as server:
            pages = pages_to_audit(server.base)
            scores = {name: audit(name, url, preset="desktop") for name, url in pages.items()}
    for name, categories in scores.items():
        cells = ", ".join(f"{key} {percent(score)}" for key, score in categories.items())
        print(f"{name:11} {cells}")
    print(f"Reports: {REPORTS.relative_to(ROOT)}/")


def build(cache: Path) -> None:
    """Make the demo's derivatives in cache, as visitors get them after `make build`."""
    env = {**os.environ, "EXHIBITION_CACHE_DIR": str(cache)}
    command = [sys.executable, "-m", "flask", "--app", "exhibition", "build"]
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


if __name__ == "__main__":
    main()
