"""A frozen edition in Chromium, from a plain static server under another path prefix.

The whole demo is toured with the keyboard, a large image opened in the zoom
viewer, and a room in 360°, served and from the edition's folder; no request
may fail, and none may leave the edition's folder.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from exhibition import create_app
from tests.support import DEMO
from tests.support.archives import BASE, archive_app, freeze
from tests.support.live import press_to_leave, tab_to, wait_for_tiles
from tests.support.panoramas import assert_drawn, enter, yaw
from tests.support.servers import static_files
from tests.support.world import make_world

pytestmark = pytest.mark.browser

PREFIX = "/old-sites/museum/editions/"


def publish(edition: Path, root: Path, name: str) -> None:
    """Copy an edition's site to a path prefix of a static server's folder."""
    shutil.copytree(edition / "data", root / PREFIX.strip("/") / name)


@pytest.fixture(scope="module")
def static_site(tmp_path_factory, demo_settings) -> Iterator[tuple[str, Path]]:
    """Freeze the demo, its images built, and a small built exhibition; serve both under PREFIX."""
    folder = tmp_path_factory.mktemp("frozen")
    archive = {"BASE_URL": BASE, "ARCHIVE_DIR": str(folder / "demo-archive")}
    demo = create_app({**demo_settings, **archive})
    result = demo.test_cli_runner().invoke(args=["freeze", "--edition", "demo"])
    assert result.exit_code == 0, result.output
    world = make_world(folder / "content")
    big = Image.new("RGB", (3200, 2400), "teal")
    big.paste((240, 200, 40), (0, 0, 1600, 1200))
    big.save(world.root / "rooms/01-art/01-first/work.png")
    built = archive_app(world, folder)
    assert built.test_cli_runner().invoke(args=["build"]).exit_code == 0
    assert freeze(built).exit_code == 0
    root = folder / "www"
    publish(folder / "demo-archive/demo", root, "demo")
    publish(folder / "archive/test-1", root, "test-1")
    with static_files(root, folder / "http.log") as server:
        yield server.base, root


def watch_requests(page) -> list[str]:
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


def outside(urls: list[str], edition: str) -> list[str]:
    return [url for url in urls if not url.startswith((edition, "data:", "blob:"))]


def test_the_frozen_demo_is_toured_end_to_end_from_a_static_server(page, static_site):
    edition = f"{static_site[0]}{PREFIX}demo/"
    tour = [
        f"rooms/{e.room_slug}/{e.slug}/index.html"
        for e in create_app({"CONTENT_DIR": str(DEMO)}).extensions["exhibition"].exhibition.tour
    ]
    urls = watch_requests(page)
    page.goto(edition + "index.html")
    assert "Archived edition demo" in page.locator(".archive-banner").inner_text()
    tab_to(page, "Start the tour")
    press_to_leave(page, "Enter")
    visited = []
    while page.url != edition + "index.html" and len(visited) <= len(tour):
        visited.append(page.url.removeprefix(edition))
        assert page.locator("h1").count() == 1
        press_to_leave(page, "ArrowRight")
    assert visited == tour
    styles = page.evaluate("getComputedStyle(document.querySelector('.archive-banner')).display")
    assert styles != "inline"  # archive.css loaded: the banner is laid out as a block
    page.watch.assert_clean()
    assert outside(urls, edition) == []
    assert len(urls) > len(tour) * 2


def test_a_frozen_zoom_viewer_works_from_a_static_server(page, static_site):
    edition = f"{static_site[0]}{PREFIX}test-1/"
    urls = watch_requests(page)
    tiles = []
    page.on("response", lambda r: tiles.append(r.status) if "_files/" in r.url else None)
    page.goto(edition + "rooms/art/first/index.html")
    page.get_by_role("link", name="View the full image").click()
    page.locator("dialog.zoom-dialog .openseadragon-canvas").first.wait_for()
    page.wait_for_function(
        "() => document.querySelector('dialog.zoom-dialog').zoomViewer.world.getItemCount() > 0"
    )
    wait_for_tiles(page, tiles)
    assert set(tiles) == {200}
    page.watch.assert_clean()
    assert outside(urls, edition) == []


def test_a_frozen_edition_opens_from_its_folder_without_a_server(page, static_site):
    """Unzipped on a desk: pages, styles, fonts, images and links work as files.

    The style sheet's font loads from a file; a preload, a CORS request that
    files cannot answer, would fail, so editions carry none.
    """
    folder = f"file://{static_site[1]}{PREFIX}test-1/"
    urls = watch_requests(page)
    page.goto(folder + "index.html")
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.archive-banner')).display")
        != "inline"
    )
    page.get_by_role("link", name="Art", exact=True).first.click()
    assert page.url == folder + "rooms/art/index.html"
    page.get_by_role("link", name="First", exact=True).first.click()
    assert page.url == folder + "rooms/art/first/index.html"
    assert page.locator("img").first.evaluate("img => img.complete && img.naturalWidth > 0")
    page.evaluate("document.fonts.ready")
    fonts = page.evaluate("[...document.fonts].map(font => [font.family, font.status])")
    # The Arabic face is declared for every page and fetched only where Arabic is shown.
    assert dict(fonts) == {"EB Garamond": "loaded", "Noto Naskh Arabic": "unloaded"}
    page.watch.assert_clean()
    assert outside(urls, folder) == []


@pytest.mark.parametrize("served", [True, False], ids=["static-server", "folder"])
def test_a_frozen_room_opens_in_360_and_leads_to_a_work(page, static_site, served):
    """From a server the view reads the room's picture; from a folder, its script beside it."""
    where = static_site[0] if served else f"file://{static_site[1]}"
    edition = f"{where}{PREFIX}demo/"
    urls = watch_requests(page)
    enter(page, edition + "rooms/art/index.html")
    assert_drawn(page)
    script = [url for url in urls if url.startswith(edition + "panoramas/")]
    assert [url.rpartition(".")[2] for url in script] == (["jpg"] if served else ["js"])
    link = page.locator("[data-panorama-works] a").nth(2)
    title = link.locator("[dir=auto]").inner_text()
    link.focus()
    page.wait_for_timeout(900)
    assert abs(yaw(page) - float(link.get_attribute("data-yaw"))) < 2
    page.keyboard.press("Enter")
    page.wait_for_url(edition + "rooms/art/*/index.html")
    assert page.locator("h1").inner_text() == title
    page.watch.assert_clean()
    assert outside(urls, edition) == []


def test_a_folder_without_the_pictures_script_offers_no_360_view(page, static_site, tmp_path):
    """An edition frozen before its rooms' pictures came as scripts: the room page as it was."""
    edition = tmp_path / "demo"
    shutil.copytree(static_site[1] / PREFIX.strip("/") / "demo", edition)
    for script in (edition / "panoramas").glob("*.js"):
        script.parent.chmod(0o755)
        script.unlink()
    page.goto(f"file://{edition}/rooms/art/index.html")
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    assert page.locator(".room-360").is_hidden()
    assert not page.get_by_role("button", name="Enter the room in 360°").is_visible()
    assert page.locator("h1").inner_text() == "Art"
