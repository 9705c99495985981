"""Fixtures for tests of the site as visitors get it: a real gunicorn, a real Chromium.

Registered as a pytest plugin (`-p tests.live` in pyproject.toml). The browser is
Debian's Chromium driven by Playwright; without it, or without the checkers that
`npm ci` installs, these tests fail when CI is set and are skipped elsewhere.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "content"
NODE_MODULES = ROOT / "node_modules"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
EXHIBIT_PATH = re.compile(r"/rooms/[^/]+/[^/]+/")
ROOM_PATH = re.compile(r"/rooms/[^/]+/")
MISSING_PAGE = "/no-such-page/"


def require(path: Path, fix: str) -> Path:
    """Return a path the tests need; if it is missing, fail in CI and skip elsewhere."""
    if not path.exists():
        message = f"{path} is missing: {fix}"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return path


def sitemap_paths(xml: str | bytes) -> list[str]:
    """Return the paths of the URLs a sitemap lists, in its order."""
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    return [urlsplit(loc.text.strip()).path for loc in ET.fromstring(xml).iter(f"{namespace}loc")]


def exhibit_paths(paths: list[str]) -> list[str]:
    """Return the paths of exhibit pages among paths."""
    return [path for path in paths if EXHIBIT_PATH.fullmatch(path)]


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot under test-artifacts/screenshots/ and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url: str, server: subprocess.Popen, log: Path, seconds: float = 30) -> None:
    """Return once the URL answers 200; fail with the server's log if it never does."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    server.kill()
    server.wait()
    pytest.fail(f"gunicorn did not serve {url}:\n{log.read_text()[-3000:]}", pytrace=False)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory) -> Iterator[str]:
    """Serve the demo exhibition with a real gunicorn on loopback; yield its base URL."""
    folder = tmp_path_factory.mktemp("live")
    env = {key: value for key, value in os.environ.items() if not key.startswith("EXHIBITION_")}
    env.update(EXHIBITION_CONTENT_DIR=str(DEMO), EXHIBITION_CACHE_DIR=str(folder / "cache"))
    port = _free_port()
    command = [sys.executable, "-m", "gunicorn", "exhibition:create_app()"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4"]
    log = folder / "gunicorn.log"
    with open(log, "wb") as output:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=output)
    base = f"http://127.0.0.1:{port}"
    _wait_until_up(base + "/", server, log)
    yield base
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


@pytest.fixture(scope="session")
def site_paths(live_server) -> list[str]:
    """Return the paths of every page the live sitemap lists."""
    with urllib.request.urlopen(live_server + "/sitemap.xml", timeout=10) as response:
        return sitemap_paths(response.read())


@pytest.fixture(scope="session")
def sample_pages(demo_app, site_paths) -> dict[str, str]:
    """Return one path of each kind of page: lobby, room, exhibits by media, about, 404."""
    tour = demo_app.extensions["exhibition"].exhibition.tour
    pages = {"lobby": "/", "room": next((p for p in site_paths if ROOM_PATH.fullmatch(p)), None)}
    for kind in ("image", "audio", "video"):
        found = next((e for e in tour if e.kind == kind), None)
        pages[f"{kind}-exhibit"] = found and f"/rooms/{found.room_slug}/{found.slug}/"
    pages.update(about="/about/", **{"not-found": MISSING_PAGE})
    missing = [name for name, path in pages.items() if path is None]
    if missing:
        pytest.fail(f"the demo has no {', '.join(missing)}: run `make demo-media`", pytrace=False)
    return pages


@pytest.fixture(scope="session")
def playwright():
    """Start Playwright for the session."""
    require(CHROMIUM, "install Debian's chromium (`make test` does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="session")
def browser(playwright):
    """Launch Debian's Chromium, headless, for the session."""
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


class Watch:
    """Record what goes wrong on a page: console errors, script errors, failed requests."""

    def __init__(self, page):
        self.problems: list[str] = []
        self.expected: set[str] = set()  # URLs whose error status a test asked for
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"{page.url}: {error}"))
        page.on("requestfailed", self._request_failed)
        page.on("response", self._response)

    def expect_status(self, url: str) -> None:
        """Accept an error status for one URL, such as the 404 page the test asked for."""
        self.expected.add(url)

    def _console(self, message) -> None:
        where = message.location.get("url", "")
        if message.type == "error" and where not in self.expected:
            self.problems.append(f"console error on {where}: {message.text}")

    def _request_failed(self, request) -> None:
        # The browser aborts requests it no longer needs (a page left, media ranges).
        if request.failure != "net::ERR_ABORTED":
            self.problems.append(f"request failed: {request.url}: {request.failure}")

    def _response(self, response) -> None:
        if response.status >= 400 and response.url not in self.expected:
            self.problems.append(f"HTTP {response.status}: {response.url}")


@pytest.fixture
def open_page(browser):
    """Return a function that opens a watched page at a width, with context options."""
    contexts = []

    def open_page(width: int = 1280, height: int = 800, **options):
        context = browser.new_context(viewport={"width": width, "height": height}, **options)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.watch = Watch(page)
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_page):
    """Return a watched page 1280 px wide; its problems are in page.watch.problems."""
    return open_page()
