"""Fixtures for tests of the site as visitors get it: a real gunicorn, a real Chromium.

Registered as a pytest plugin (`-p tests.support.live` in pyproject.toml). Servers
start through `tests.support.servers`, the one way. The browser is
Debian's Chromium driven by Playwright; without it, or without the checkers that
`npm ci` installs, these tests fail when CI is set and are skipped elsewhere.
"""

from __future__ import annotations

import os
import re
import shutil
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

from exhibition import create_app
from tests.support import ROOT, servers
from tests.support.waiting import wait_for
from tests.support.world import World

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
# Addresses of no page: one no route matches, and one a route matches but no content.
MISSING_PAGES = ("/no/such/page", "/no-such-page/")


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


def one_room_world(folder: Path, title: str) -> World:
    """Start an exhibition titled title in folder/content, with one room, 01-art, to fill."""
    world = World(folder / "content")
    world.write(
        "exhibition.yaml", f"title: {title}\nedition: t\nopens: 2020-01-01\ncloses: 2020-12-31\n"
    )
    world.room("01-art")
    return world


@contextmanager
def built_server(folder: Path, world: World, **settings: str) -> Iterator[str]:
    """Build a world's images, then serve it with a real gunicorn; yield its base URL."""
    settings = {"CONTENT_DIR": str(world.root), "CACHE_DIR": str(folder / "cache"), **settings}
    built = create_app(settings).test_cli_runner().invoke(args=["build", "--strict"])
    assert built.exit_code == 0, built.output
    with servers.gunicorn(folder, settings) as server:
        yield server.base


# Load lazy images and fonts first, so the picture shows the whole page as it settles.
SETTLE = """async () => {
  for (const image of document.images) image.loading = "eager";
  await Promise.all([...document.images].map((image) => image.decode().catch(() => null)));
  await document.fonts.ready;
}"""


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot under test-artifacts/screenshots/ and return its path."""
    page.evaluate(SETTLE)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def visit(page, url: str, status: int = 200) -> None:
    """Open a page in the browser and check its status; an error status asked for is fine."""
    if status >= 400:
        page.watch.expect_status(url)
    answered = page.goto(url).status
    assert answered == status, f"{url} answered {answered}, not {status}"


def expected_status(name: str) -> int:
    """Return the status a sample page answers with."""
    return 404 if name == "not-found" else 200


def wait_for_tiles(page, tiles: list, seconds: float = 15) -> None:
    """Wait until the zoom viewer has had a tile answered (`tiles` fills from responses)."""
    # Playwright delivers response events only while it waits, so the pause is its own.
    assert wait_for(lambda: tiles or page.wait_for_timeout(100), seconds, interval=0), (
        "the zoom viewer fetched no tile"
    )


def tab_to(page, name: str, presses: int = 40) -> None:
    """Press Tab until the link named name has the focus."""
    link = page.get_by_role("link", name=name, exact=True)
    for _ in range(presses):
        page.keyboard.press("Tab")
        if link.evaluate("link => link === document.activeElement"):
            return
    pytest.fail(f"{presses} presses of Tab never reached the link {name!r} on {page.url}")


def press_to_leave(page, key: str) -> None:
    """Press a key and wait for the page it leads to; fail if it leads nowhere."""
    before = page.url
    try:
        with page.expect_navigation(timeout=5_000):
            page.keyboard.press(key)
    except PlaywrightTimeout:
        pytest.fail(f"pressing {key} did not leave {before}", pytrace=False)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory, demo_settings) -> Iterator[str]:
    """Serve the demo exhibition, its images built, with a real gunicorn; yield its base URL."""
    with servers.gunicorn(tmp_path_factory.mktemp("live"), demo_settings) as server:
        yield server.base


@pytest.fixture(scope="session")
def site_paths(live_server) -> list[str]:
    """Return the paths of every page the live sitemap lists."""
    with urllib.request.urlopen(live_server + "/sitemap.xml", timeout=10) as response:
        return sitemap_paths(response.read())


def _has_media(exhibit, kind: str, only: set[str] | None) -> bool:
    """Tell whether an exhibit has media of a kind and, if only is given, no other kinds."""
    kinds = {item.kind for item in exhibit.media}
    return kind in kinds and (only is None or kinds <= only)


class SamplePages(dict):
    """One path of each kind of page; asking for a kind the demo lacks fails the test."""

    def __missing__(self, name: str) -> str:
        pytest.fail(f"the demo has no {name}: run `make demo-media`", pytrace=False)


@pytest.fixture(scope="session")
def sample_pages(demo_app, site_paths) -> SamplePages:
    """Return one path of each kind of page: lobby, room, exhibits by media, 404, search…"""
    tour = demo_app.extensions["exhibition"].exhibition.tour
    pages = {"lobby": "/", "room": next((p for p in site_paths if ROOM_PATH.fullmatch(p)), None)}
    for kind, wanted in (("image", {"image"}), ("audio", {"image", "audio"}), ("video", None)):
        found = next((e for e in tour if _has_media(e, kind, wanted)), None)
        pages[f"{kind}-exhibit"] = found and f"/rooms/{found.room_slug}/{found.slug}/"
    pages.update(about="/about/", privacy="/privacy/", **{"not-found": MISSING_PAGES[0]})
    pages.update(tags="/tags/", tag="/tags/authorship/", timeline="/timeline/")
    # The results view of a question, where the visitor stands among the others.
    pages["answers"] = pages["image-exhibit"] and pages["image-exhibit"] + "answers/"
    pages.update(search="/search/?q=monkey", browse="/browse/?kind=image")
    pages["facet"] = "/browse/kind/audio/"  # one facet value's own page
    return SamplePages((name, path) for name, path in pages.items() if path)


@pytest.fixture(scope="session")
def playwright():
    """Start Playwright for the session."""
    require(CHROMIUM, "install Debian's chromium (`make test` does)")
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

    def assert_clean(self) -> None:
        """Fail, listing every problem, if anything went wrong on the pages visited."""
        assert not self.problems, "\n".join(["problems on the pages visited:", *self.problems])

    def expect_status(self, url: str) -> None:
        """Accept an error status for one URL, such as the 404 page the test asked for."""
        self.expected.add(url)

    def _console(self, message) -> None:
        where = message.location.get("url", "")
        if message.type != "error":
            return
        if where in self.expected and message.text.startswith("Failed to load resource"):
            return  # the browser's own note of the error status the test asked for
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


@pytest.fixture
def redis_server(tmp_path) -> Iterator[servers.Service]:
    """Start a real redis-server (Debian's) for one test; stop it after. `.url` is its address."""
    require(servers.REDIS_SERVER, "install Debian's redis-server (`make test` does)")
    with servers.redis(tmp_path) as server:
        yield server


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[servers.Service]:
    """Start one real PostgreSQL (Debian's) for the whole run, in a new cluster; remove it after."""
    require(servers.POSTGRES_BIN / "postgres", "install Debian's postgresql (`make test` does)")
    folder = servers.postgres_folder()
    try:
        with servers.postgres(folder) as server:
            yield server
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> str:
    """Return the URL of a new, empty database: an SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'answers.sqlite3'}"
    server = request.getfixturevalue("postgres_server")
    return server.database(f"test_{re.sub(r'[^a-z0-9]+', '_', request.node.name.lower())[:50]}")
