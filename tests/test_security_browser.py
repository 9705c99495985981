"""The Content-Security-Policy in Chromium: nothing the site does is refused, and it is enforced."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PIL import Image

from tests.support.live import (
    built_server,
    expected_status,
    one_room_world,
    visit,
    wait_for_tiles,
)
from tests.support.world import EXHIBIT_MD, LABEL

pytestmark = pytest.mark.browser

# Set before any script of the page runs: every refusal the policy makes is kept.
LISTEN = """window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const { violatedDirective, blockedURI, sample } = event;
  window.__violations.push(`${violatedDirective} refused ${blockedURI} ${sample}`);
});"""
SAMPLES = ["lobby", "room", "image-exhibit", "audio-exhibit", "video-exhibit", "about", "not-found"]


def violations(page) -> list[str]:
    """Return the refusals the page's policy reported."""
    return page.evaluate("window.__violations")


def settle_media(page) -> None:
    """Load every audio and video of the page, then wait for its metadata or its error."""
    page.evaluate(
        "() => document.querySelectorAll('audio, video')"
        ".forEach((m) => { m.preload = 'metadata'; m.load(); })"
    )
    page.wait_for_function(
        "() => [...document.querySelectorAll('audio, video')]"
        ".every((m) => m.readyState >= 1 || m.error)"
    )


@pytest.mark.parametrize("name", SAMPLES)
def test_nothing_the_demo_does_is_refused(page, live_server, sample_pages, name):
    page.add_init_script(LISTEN)
    visit(page, live_server + sample_pages[name], expected_status(name))
    settle_media(page)
    page.evaluate("document.fonts.ready")
    assert violations(page) == []
    page.watch.assert_clean()


@pytest.fixture(scope="module")
def zoom_server(tmp_path_factory) -> Iterator[str]:
    """Serve a built exhibition with one image large enough to zoom into."""
    folder = tmp_path_factory.mktemp("zoom")
    world = one_room_world(folder, "Zoom")
    world.write("rooms/01-art/01-big/exhibit.md", EXHIBIT_MD.format(title="Big", label=LABEL))
    Image.new("RGB", (3200, 2400), "teal").save(world.root / "rooms/01-art/01-big/work.png")
    with built_server(folder, world) as base:
        yield base


def test_the_zoom_viewer_works_under_the_policy(page, zoom_server):
    page.add_init_script(LISTEN)
    tiles = []
    page.on("response", lambda r: tiles.append(r.status) if "_files/" in r.url else None)
    visit(page, zoom_server + "/rooms/art/big/")
    page.get_by_role("link", name="View the full image").click()
    page.wait_for_function(
        "() => document.querySelector('dialog.zoom-dialog')?.zoomViewer?.world.getItemCount() > 0"
    )
    page.wait_for_function(
        "() => performance.getEntriesByType('resource').some((e) => e.name.includes('_files/'))"
    )
    wait_for_tiles(page, tiles)
    assert set(tiles) == {200}
    assert page.locator("style[data-openseadragon-mobile-css]").count() == 1
    assert violations(page) == []
    page.watch.assert_clean()


def test_an_inline_script_is_refused_and_reported(page, zoom_server):
    page.add_init_script(LISTEN)
    visit(page, zoom_server + "/")
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.__ran = true";
          document.head.append(script);
          document.body.setAttribute("onclick", "window.__ran = true");
          document.body.click();
        }"""
    )
    page.wait_for_function("() => window.__violations.length >= 2")
    assert page.evaluate("window.__ran") is None
    assert all(v.startswith("script-src") for v in violations(page)), violations(page)
