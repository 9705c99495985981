"""Small measures for bench/serve.py: fetching, page weight, start-up and worker memory."""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BROWSER = {"Accept-Encoding": "gzip, deflate, br"}
STARTUP = (
    "import time; t = time.perf_counter(); from exhibition import create_app; "
    "create_app(); print(time.perf_counter() - t)"
)


def fetch(url: str, headers: dict) -> tuple[int, dict, bytes]:
    """Return the status, headers and body (as sent, compressed or not) of a GET."""
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers.items()), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers.items()), b""


def page_weight(base: str, path: str) -> dict[str, int]:
    """Return the compressed bytes of an exhibit page's HTML, CSS, JS, fonts and main image."""
    html = fetch(base + path, BROWSER)[2]
    text = fetch(base + path, {})[2].decode()
    sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', text)
    scripts = re.findall(r'<script src="([^"]+)"', text)
    icons = re.findall(r'<link rel="icon" href="([^"]+)"', text)
    fonts = set()
    for sheet in sheets:
        css = fetch(base + sheet, {})[2].decode()
        folder = sheet.rsplit("/", 1)[0]
        fonts |= {
            f"{folder}/{u}"
            for u in re.findall(r'url\("?([^")]+\.woff2)"?\)', fonts_fetched(css, text))
        }
    sizes = {
        "html": len(html),
        "css": sum(len(fetch(base + u, BROWSER)[2]) for u in sheets),
        "js": sum(len(fetch(base + u, BROWSER)[2]) for u in scripts),
        "fonts": sum(len(fetch(base + u, BROWSER)[2]) for u in sorted(fonts)),
        "icon": sum(len(fetch(base + u, BROWSER)[2]) for u in icons),
    }
    sizes["text"] = sum(sizes.values())
    sizes["image"] = len(fetch(base + main_image(text), {})[2]) if main_image(text) else 0
    sizes["total"] = sizes["text"] + sizes["image"]
    return sizes


def fonts_fetched(css: str, html: str) -> str:
    """Return the @font-face rules of a style sheet that a browser fetches for a page.

    A face with a unicode-range (the Arabic one) is fetched only for a page
    with a letter in its range, so an English page's weight leaves it out
    and an Arabic page's counts it.
    """
    faces = re.findall(r"@font-face\s*\{[^}]*\}", css)
    # The switcher names each language in itself, but in the page's font stack: no face for it.
    html = re.sub(r'<nav class="language-switcher".*?</nav>', "", html, flags=re.DOTALL)
    letters = {ord(c) for c in re.sub(r"<[^>]*>", "", html)}
    return "".join(face for face in faces if _wanted(face, letters))


def _wanted(face: str, letters: set[int]) -> bool:
    found = re.search(r"unicode-range:\s*([^;}]+)", face)
    if not found:
        return True
    for part in found[1].split(","):
        first, _, last = part.strip().removeprefix("U+").partition("-")
        low = int(first, 16)
        if any(low <= c <= int(last or first, 16) for c in letters):
            return True
    return False


def main_image(html: str) -> str:
    """Return the URL of the main image's AVIF at 1280 px (or its widest below that)."""
    found = re.search(r'<source type="image/avif" srcset="([^"]+)"', html)
    if not found:  # no derivatives yet: the browser gets the original
        original = re.search(r'<img[^>]* src="([^"]+)"', html)
        return original.group(1) if original else ""
    candidates = [part.strip().rsplit(" ", 1) for part in found.group(1).split(",")]
    fitting = [(int(w[:-1]), url) for url, w in candidates if int(w[:-1]) <= 1280]
    return max(fitting)[1] if fitting else min((int(w[:-1]), u) for u, w in candidates)[1]


def startup_seconds(env: dict, runs: int = 3) -> dict[str, float]:
    """Return the median seconds of importing and creating the app in a fresh process."""
    inside, whole = [], []
    for _ in range(runs):
        started = time.monotonic()
        out = subprocess.run(
            [sys.executable, "-c", STARTUP], cwd=ROOT, env=env, capture_output=True, text=True
        )
        whole.append(time.monotonic() - started)
        inside.append(float(out.stdout.strip().splitlines()[-1]))
    return {"create_app": statistics.median(inside), "process": statistics.median(whole)}


def process_memory(pid: int) -> tuple[float, float]:
    """Return a process's RSS and PSS, in MB, from /proc."""
    status = Path(f"/proc/{pid}/status").read_text()
    rss = int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024
    rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    return rss, int(re.search(r"Pss:\s+(\d+)", rollup).group(1)) / 1024


def worker_memory(master: int) -> dict[str, float]:
    """Return the largest RSS and PSS, in MB, among a gunicorn master's workers."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    rss, pss = zip(*(process_memory(int(pid)) for pid in children), strict=True)
    return {"workers": len(children), "rss_mb": max(rss), "pss_mb": max(pss)}
