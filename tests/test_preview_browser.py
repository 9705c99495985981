"""Preview as a curator has it: a real gunicorn with EXHIBITION_PREVIEW=1, a real Chromium."""

import time

import pytest

from exhibition.media import manifest
from tests.support.live import visit
from tests.support.servers import gunicorn
from tests.support.world import write_image

IMAGE = "rooms/01-art/01-first/work.png"
SHOWN = """() => [...document.querySelectorAll('.exhibit-media img')].map((image) => {
  image.loading = 'eager';
  const seen = () => [image.currentSrc, image.naturalWidth];
  return image.decode().then(seen, () => [image.currentSrc, 0]);
})"""


@pytest.fixture
def preview_server(world, tmp_path):
    """Serve the test world in preview, with a cache folder of its own and no build run."""
    settings = {"CONTENT_DIR": world.root, "CACHE_DIR": tmp_path / "cache", "PREVIEW": 1}
    with gunicorn(tmp_path, settings) as server:
        yield server.base


def shown_images(page) -> list:
    """Return the URL and natural width of each image of the exhibit, once each has loaded."""
    return page.evaluate(f"Promise.all(({SHOWN})())")


def saved(page, change) -> float:
    """Make a change to the content with the page open; return the seconds until it reloaded.

    Until the browser has the new page, that is: the time loading it takes is a page's own.
    """
    with page.expect_navigation(wait_until="commit", timeout=5_000):
        started = time.monotonic()
        change()
    return time.monotonic() - started


def test_a_save_reloads_the_open_page_within_a_second(page, preview_server, world):
    visit(page, preview_server + "/rooms/art/first/")
    label = world.root / "rooms/01-art/01-first/exhibit.md"
    seconds = saved(page, lambda: label.write_text(label.read_text().replace("First", "Revised")))
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Revised"
    print(f"the page reloaded {seconds:.2f} s after the save")
    assert seconds < 1.0, f"the page reloaded {seconds:.2f} s after the save"
    page.watch.assert_clean()  # preview.js within the Content-Security-Policy


def test_a_new_image_shows_without_a_build(page, preview_server, world, tmp_path):
    visit(page, preview_server + "/rooms/art/first/")
    [(before, width)] = shown_images(page)
    assert width > 0
    saved(page, lambda: write_image(world.root / IMAGE, (800, 600), "navy"))
    page.wait_for_load_state()
    [(after, width)] = shown_images(page)
    assert after != before and width > 0, "the new image is broken"
    # Behind it, the server makes its derivatives, as `build` would.
    site = tmp_path / "cache" / manifest.FOLDER
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        entry = manifest.Catalogue.read(site).entries.get(IMAGE)
        if entry and entry.width == 800:
            break
        page.wait_for_timeout(200)
    else:
        pytest.fail("the preview server made no derivatives of the new image")
    visit(page, preview_server + "/rooms/art/first/")
    [(built, width)] = shown_images(page)
    assert f"/derivatives/{entry.key}-" in built and width > 0
    page.watch.assert_clean()
