"""The exhibition as a visitor meets it in Chromium: the keyboard tour, media, screenshots."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.support.live import (
    exhibit_paths,
    expected_status,
    press_to_leave,
    screenshot,
    tab_to,
    visit,
)

pytestmark = pytest.mark.browser

WIDTHS = (1280, 360)
SAMPLES = ["lobby", "room", "image-exhibit", "audio-exhibit", "video-exhibit", "about", "not-found"]


def path_of(url: str) -> str:
    """Return the path of a URL."""
    return urlsplit(url).path


def test_keyboard_tour_visits_every_exhibit_once(page, live_server, site_paths):
    exhibits = exhibit_paths(site_paths)
    visit(page, live_server + "/")
    tab_to(page, "Start the tour")
    press_to_leave(page, "Enter")
    visited = []
    while path_of(page.url) != "/" and len(visited) <= len(exhibits):
        visited.append(path_of(page.url))
        press_to_leave(page, "ArrowRight")
    assert path_of(page.url) == "/", f"the tour did not return to the lobby: {visited}"
    assert [p for p in set(visited) if visited.count(p) > 1] == [], "exhibits seen twice"
    assert sorted(visited) == sorted(exhibits)
    page.watch.assert_clean()


def test_image_exhibit_shows_its_image(page, live_server, sample_pages):
    visit(page, live_server + sample_pages["image-exhibit"])
    image = page.locator("main figure img").first
    assert image.evaluate("img => img.decode().then(() => img.naturalWidth)") > 0
    page.watch.assert_clean()


def test_audio_exhibit_can_play_and_has_its_transcript(page, live_server, sample_pages):
    visit(page, live_server + sample_pages["audio-exhibit"])
    audio = page.locator("main audio").element_handle()
    page.wait_for_function("audio => audio.readyState >= 1 || audio.error", arg=audio)
    state = audio.evaluate(
        "audio => ({ready: audio.readyState, error: audio.error && audio.error.message,"
        " mp3: audio.canPlayType('audio/mpeg')})"
    )
    assert state["ready"] >= 1, f"the audio cannot play: {state}"
    transcript = page.locator("main details", has_text="Transcript")
    transcript.locator("summary").click()
    text = transcript.inner_text().replace("Transcript", "", 1).strip()
    assert len(text) > 20, f"the transcript is empty: {text!r}"
    page.watch.assert_clean()


def test_video_exhibit_loads_its_captions(page, live_server, sample_pages):
    visit(page, live_server + sample_pages["video-exhibit"])
    tracks = page.locator('main video track[kind="captions"]')
    languages = tracks.evaluate_all("tracks => tracks.map(t => t.srclang)")
    assert languages == ["en", "fr", "ar"], "the video has no captions track in each language"
    track = page.locator('main video track[kind="captions"][default]')
    assert track.get_attribute("srclang") == "en", "the page's own captions are not the default"
    handle = track.element_handle()
    # readyState 2 is LOADED and 3 is ERROR; a default track loads with the video.
    page.wait_for_function("track => track.readyState >= 2", arg=handle)
    state = handle.evaluate("t => ({ready: t.readyState, cues: t.track.cues.length})")
    assert state["ready"] == 2 and state["cues"] > 0, f"the captions did not load: {state}"
    page.watch.assert_clean()


@pytest.mark.parametrize("width", WIDTHS)
def test_every_kind_of_page_renders(open_page, live_server, sample_pages, width):
    page = open_page(width=width)
    for name in SAMPLES:
        visit(page, live_server + sample_pages[name], expected_status(name))
        screenshot(page, f"{name}-{width}")
    page.watch.assert_clean()
