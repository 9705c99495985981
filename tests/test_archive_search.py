"""Search in a frozen edition: its Pagefind index, bagged, exported, and searched in Chromium.

The demo is frozen once for the module. Chromium searches it from a plain static
server with every other address refused, and from the app's /archive/, in each
of the demo's languages.
"""

from __future__ import annotations

import gzip
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from exhibition import create_app
from exhibition.archive import bag, edition, export
from tests.support import servers
from tests.support.archives import BASE
from tests.support.servers import static_files

EDITION = "demo"
NARUTO = "rooms/ip-and-policy/naruto-v-slater/"
# A word of the exhibit's title in each language, as a visitor would remember it.
SEARCHES = [("", "monkey"), ("fr/", "singe"), ("ar/", "القرد"), ("", "Naruto")]


@pytest.fixture(scope="module")
def frozen(tmp_path_factory, demo_settings) -> tuple:
    """Freeze the demo once: return the app that froze it and the edition's folder."""
    folder = tmp_path_factory.mktemp("frozen-search")
    app = create_app({**demo_settings, "BASE_URL": BASE, "ARCHIVE_DIR": str(folder / "archive")})
    result = app.test_cli_runner().invoke(args=["freeze", "--edition", EDITION])
    assert result.exit_code == 0, result.output
    return app, folder / "archive" / EDITION


def index_files(edition: Path) -> list[str]:
    return sorted(
        p.relative_to(edition / "data").as_posix()
        for p in (edition / "data/pagefind").rglob("*")
        if p.is_file()
    )


def test_the_index_has_one_part_per_language_and_is_in_the_bag_s_manifest(frozen):
    _, edition = frozen
    files = index_files(edition)
    for language in ("en", "fr", "ar"):
        assert any(f.startswith(f"pagefind/pagefind.{language}_") for f in files), files
    assert "pagefind/pagefind.js" in files
    assert not any("-ui." in f for f in files)  # the page uses Pagefind's JS API alone
    manifest = (edition / "manifest-sha256.txt").read_text()
    listed = {line.split(maxsplit=1)[1] for line in manifest.splitlines()}
    assert {f"data/{f}" for f in files} <= listed


def verified(folder: Path) -> bag.BagCheck:
    report = bag.BagCheck()
    list(bag.verify(folder, report))
    return report


def test_verify_fails_when_an_index_file_is_altered(frozen, tmp_path):
    _, edition = frozen
    copy = tmp_path / EDITION
    shutil.copytree(edition, copy)
    assert verified(copy).ok
    altered = sorted((copy / "data/pagefind/index").iterdir())[0]
    altered.chmod(0o644)
    altered.write_bytes(altered.read_bytes() + b"\0")
    report = verified(copy)
    assert not report.ok
    assert any(altered.name in line for line in report.lines())


def test_the_zip_and_wacz_exports_hold_the_index(frozen, tmp_path):
    _, folder = frozen
    found = edition.find(folder.parent, EDITION)
    list(export.export_zip(found, tmp_path / "demo.zip"))
    names = set(zipfile.ZipFile(tmp_path / "demo.zip").namelist())
    assert {f"{EDITION}/{f}" for f in index_files(folder)} <= names
    list(export.export_wacz(found, tmp_path / "demo.wacz"))
    with zipfile.ZipFile(tmp_path / "demo.wacz") as wacz:
        warc = b"".join(wacz.read(n) for n in wacz.namelist() if n.endswith(".warc.gz"))
    records = gzip.decompress(warc)
    for file in index_files(folder):
        assert f"WARC-Target-URI: {found.live_url(file)}".encode() in records, file


def test_each_language_has_a_search_page_without_the_live_search(frozen):
    _, edition = frozen
    for prefix, _ in SEARCHES:
        html = (edition / "data" / prefix / "search/index.html").read_text()
        assert "edition-search" in html and "static/search." in html
        assert f"{BASE}/search/" not in html  # the header form searches the edition itself


@pytest.fixture(scope="module")
def served(frozen, tmp_path_factory, demo_settings) -> Iterator[dict[str, str]]:
    """Serve the edition from a plain static server and from the app's /archive/."""
    app, folder = frozen
    where = tmp_path_factory.mktemp("served")
    (where / "app").mkdir()
    shutil.copytree(folder / "data", where / "www" / "editions" / EDITION)
    settings = {**demo_settings, "BASE_URL": BASE, "ARCHIVE_DIR": str(folder.parent)}
    with (
        static_files(where / "www", where / "http.log") as plain,
        servers.gunicorn(where / "app", settings) as live,
    ):
        yield {
            "static": f"{plain.base.rstrip('/')}/editions/{EDITION}/",
            "app": f"{live.base}/archive/{EDITION}/",
        }


def offline(page) -> list[str]:
    """Refuse every request that leaves this machine; return the list of those refused."""
    refused: list[str] = []

    def route(request_route):
        host = urlsplit(request_route.request.url).hostname
        if host in ("127.0.0.1", "localhost"):
            return request_route.continue_()
        refused.append(request_route.request.url)
        return request_route.abort()

    page.route("**/*", route)
    return refused


@pytest.mark.browser
@pytest.mark.parametrize("server", ["static", "app"])
@pytest.mark.parametrize(("prefix", "words"), SEARCHES)
def test_chromium_finds_naruto_v_slater_first_in_every_language(
    page, served, server, prefix, words
):
    edition = served[server]
    refused = offline(page)
    page.goto(f"{edition}{prefix}search/?q={quote(words)}")
    first = page.locator("#edition-search-results li a").first
    page.locator("#edition-search-status").filter(has_text=":").wait_for()
    assert not page.watch.problems
    assert first.get_attribute("href") == f"{edition}{prefix}{NARUTO}"
    assert page.locator("#edition-search-without").is_hidden()
    assert page.locator("#site-search-q").input_value() == words
    assert "Naruto" in first.inner_text()
    assert page.locator("#edition-search-results mark").count() > 0
    assert not refused and not page.watch.problems


@pytest.mark.browser
def test_the_header_form_of_a_frozen_page_searches_the_edition(page, served):
    edition = served["static"]
    offline(page)
    page.goto(f"{edition}fr/{NARUTO}")
    page.fill("#site-search-q", "singe")
    page.press("#site-search-q", "Enter")
    page.locator("#edition-search-results li").first.wait_for()
    assert page.url.startswith(f"{edition}fr/search/")
    assert not page.watch.problems


@pytest.mark.browser
def test_without_javascript_the_search_page_leads_to_rooms_tags_timeline_and_browse(
    open_page, served
):
    page = open_page(java_script_enabled=False)
    page.goto(f"{served['static']}search/?q=monkey")
    note = page.locator("#edition-search-without")
    assert note.is_visible()
    assert note.locator("a").count() == 4
    note.locator("a").last.click()
    assert page.url == f"{served['static']}browse/index.html"
    assert page.locator(".exhibit-list li").count() == 33


@pytest.mark.browser
def test_opened_from_its_folder_the_search_page_says_why_it_cannot_search(page, frozen):
    _, folder = frozen
    page.goto((folder / "data/search/index.html").as_uri() + "?q=monkey")
    assert page.locator("#edition-search-without").is_visible()
    assert page.locator("#edition-search-results li").count() == 0


def test_only_the_search_page_of_an_edition_allows_webassembly(frozen):
    app, _ = frozen
    client = app.test_client()
    policies = {}
    for path in ("fr/search/", "search/", "", "pagefind/pagefind-worker.js"):
        response = client.get(f"/archive/{EDITION}/{path}")
        policies[path] = response.headers["Content-Security-Policy"]
        response.close()
    assert (
        "'wasm-unsafe-eval'" in policies["fr/search/"]
        and "'wasm-unsafe-eval'" in policies["search/"]
    )
    assert "'wasm-unsafe-eval'" in policies["pagefind/pagefind-worker.js"]
    assert "'wasm-unsafe-eval'" not in policies[""]
