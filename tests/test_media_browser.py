"""Pictures as Chromium gets them from a real gunicorn: AVIF chosen, upright, zoomable."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from PIL import Image

from tests.support import ROOT, media_files
from tests.support.live import built_server, one_room_world, screenshot, wait_for_tiles
from tests.support.world import EXHIBIT_MD, LABEL

pytestmark = pytest.mark.browser

PHOTO = EXHIBIT_MD.format(title="Photo", label=LABEL).replace("work.png", "photo.jpg")
BIG = EXHIBIT_MD.format(title="Big", label=LABEL)
PHONE = EXHIBIT_MD.format(title="Phone", label=LABEL).replace("work.png", "photo.heic")
SOUND = (
    EXHIBIT_MD.format(title="Illiac Suite", label=LABEL)
    .replace("trainedAlgorithmicMedia", "algorithmicMedia")
    .replace(
        "  - file: work.png\n    alt: A red square on a white ground, drawn for tests\n",
        "  - file: excerpt.mp3\n    transcript: transcript.md\n",
    )
)

# Draw the image as the page shows it onto a canvas; return the colours at its top and bottom.
SAMPLE = """img => new Promise((resolve) => {
  const probe = new Image();
  probe.onload = () => {
    const canvas = document.createElement("canvas");
    canvas.width = probe.naturalWidth; canvas.height = probe.naturalHeight;
    const context = canvas.getContext("2d");
    context.drawImage(probe, 0, 0);
    const at = (y) => Array.from(context.getImageData(canvas.width / 2, y, 1, 1).data.slice(0, 3));
    resolve({src: img.currentSrc, width: probe.naturalWidth, height: probe.naturalHeight,
             top: at(canvas.height * 0.1), bottom: at(canvas.height * 0.9)});
  };
  probe.src = img.currentSrc;
})"""


@pytest.fixture(scope="module")
def media_server(tmp_path_factory) -> Iterator[str]:
    """Serve a small built exhibition, a sideways photo and a large image, with gunicorn."""
    folder = tmp_path_factory.mktemp("media")
    world = one_room_world(folder, "Pictures")
    world.write("rooms/01-art/01-photo/exhibit.md", PHOTO)
    media_files.rotated_jpeg(world.root / "rooms/01-art/01-photo/photo.jpg")
    world.write("rooms/01-art/02-big/exhibit.md", BIG)
    big = Image.new("RGB", (3200, 2400), "teal")
    big.paste((240, 200, 40), (0, 0, 1600, 1200))
    big.save(world.root / "rooms/01-art/02-big/work.png")
    world.write("rooms/01-art/03-phone/exhibit.md", PHONE)
    media_files.rotated_heic(world.root / "rooms/01-art/03-phone/photo.heic", (230, 20, 20))
    world.room("02-music")
    sound = world.root / "rooms/02-music/01-suite"
    world.write("rooms/02-music/01-suite/exhibit.md", SOUND)
    world.write("rooms/02-music/01-suite/transcript.md", "Strings play a slow fugue.\n")
    shutil.copy(ROOT / "content/rooms/02-music/01-illiac-suite/excerpt.mp3", sound)
    with built_server(folder, world, ARCHIVE_DIR=str(folder / "archive")) as base:
        yield base


def test_chromium_loads_the_avif_the_right_way_up(page, media_server):
    avif = []
    page.on("response", lambda r: avif.append(r) if r.url.endswith(".avif") else None)
    page.goto(media_server + "/rooms/art/photo/")
    shown = page.locator("main figure img").first.evaluate(SAMPLE)
    assert shown["src"].endswith(".avif"), shown["src"]
    assert avif and avif[0].headers["content-type"] == "image/avif"
    assert shown["height"] > shown["width"], f"the photo is on its side: {shown}"
    red, green, blue = shown["top"]
    assert red > 180 and blue < 80, f"the top is not red, the photo is upside down: {shown}"
    red, green, blue = shown["bottom"]
    assert blue > 180 and red < 80, f"the bottom is not blue: {shown}"
    page.watch.assert_clean()


def test_a_large_image_opens_in_the_zoom_viewer(page, media_server):
    tiles = []
    page.on("response", lambda r: tiles.append(r.status) if "_files/" in r.url else None)
    page.goto(media_server + "/rooms/art/big/")
    link = page.get_by_role("link", name="View the full image")
    assert link.get_attribute("href").endswith("-2560.jpg")
    link.click()
    dialog = page.locator("dialog.zoom-dialog")
    dialog.locator(".openseadragon-canvas").first.wait_for()
    page.wait_for_function(
        "() => document.querySelector('dialog.zoom-dialog').zoomViewer.world.getItemCount() > 0"
    )
    wait_for_tiles(page, tiles)
    assert set(tiles) == {200}
    page.keyboard.press("Escape")
    dialog.wait_for(state="detached")
    assert link.evaluate("link => link === document.activeElement")
    page.watch.assert_clean()


def test_without_javascript_the_zoom_link_opens_the_largest_copy(open_page, media_server):
    page = open_page(java_script_enabled=False)
    page.goto(media_server + "/rooms/art/big/")
    response = page.get_by_role("link", name="View the full image").evaluate("a => a.href")
    assert response.endswith("-2560.jpg")
    page.goto(response)
    assert page.evaluate("document.contentType") == "image/jpeg"


def test_a_phones_heic_is_shown_upright_through_its_derivatives(page, media_server):
    page.goto(media_server + "/rooms/art/phone/")
    shown = page.locator("main figure img").first.evaluate(SAMPLE)
    assert shown["src"].endswith(".avif") and "/derivatives/" in shown["src"], shown["src"]
    assert shown["height"] > shown["width"], f"the photo is on its side: {shown}"
    red, green, blue = shown["top"]
    assert red > 180 and blue < 80, f"the top is not red, the photo is upside down: {shown}"
    assert ".heic" not in page.content()
    page.watch.assert_clean()


@pytest.mark.parametrize(
    ("path", "name"),
    [("/rooms/music/", "room-audio-card"), ("/rooms/music/suite/", "exhibit-audio-waveform")],
)
def test_a_recording_shows_its_waveform(page, media_server, path, name):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(media_server + path)
    picture = page.get_by_role("img", name="Waveform of the recording 'Illiac Suite'")
    picture.scroll_into_view_if_needed()
    shown = picture.evaluate(SAMPLE)
    assert "/derivatives/" in shown["src"] and shown["width"] > 300, shown
    assert picture.evaluate("img => img.complete && img.naturalWidth > 0")
    screenshot(page, name)
    page.watch.assert_clean()
