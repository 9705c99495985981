"""A room in 360° as Chromium gets it from a real gunicorn: opened, turned, a way into each work."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.support.live import NODE_MODULES, built_server, one_room_world, require, screenshot
from tests.support.world import write_image

pytestmark = pytest.mark.browser

AXE = NODE_MODULES / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
WORKS = (
    ("01-dawn", "gold"),
    ("02-sea", "royalblue"),
    ("03-field", "seagreen"),
    ("04-snow", "white"),
)


@pytest.fixture(scope="module")
def room_server(tmp_path_factory) -> Iterator[str]:
    """Serve a built room of four works, each a picture of one colour."""
    folder = tmp_path_factory.mktemp("panorama")
    world = one_room_world(folder, "Rooms in the round")
    for name, colour in WORKS:
        world.exhibit("01-art", name)
        write_image(world.root / "rooms/01-art" / name / "work.png", (1200, 900), colour)
    with built_server(folder, world) as base:
        yield base


def enter(page, base: str) -> None:
    page.goto(base + "/rooms/art/")
    page.get_by_role("button", name="Enter the room in 360°").click()
    try:
        page.wait_for_function(
            "() => { const s = document.querySelector('[data-panorama-stage]');"
            " return s.panoramaViewer && s.panoramaViewer.isLoaded(); }",
            timeout=30_000,
        )
    except PlaywrightTimeout:
        text = page.locator("[data-panorama-stage]").inner_text()
        raise AssertionError(f"the view did not load: {text!r} {page.watch.problems}") from None


def yaw(page) -> float:
    return page.evaluate("document.querySelector('[data-panorama-stage]').panoramaViewer.getYaw()")


def test_the_room_opens_in_360_and_turns_with_the_arrow_keys(page, room_server):
    enter(page, room_server)
    stage = page.locator("[data-panorama-stage]")
    assert page.locator(".room-360-spot").count() == len(WORKS)
    before = yaw(page)
    stage.focus()
    page.keyboard.down("ArrowRight")
    page.wait_for_timeout(1500)
    page.keyboard.up("ArrowRight")
    assert yaw(page) > before + 2  # turned right; how far depends on the machine's frame rate
    page.wait_for_timeout(500)
    assert screenshot(page, "room-360").stat().st_size > 0
    page.watch.assert_clean()


def test_a_work_chosen_from_the_list_turns_the_view_and_opens_its_exhibit(page, room_server):
    enter(page, room_server)
    link = page.locator("[data-panorama-works] a").nth(2)
    link.focus()
    page.wait_for_timeout(900)
    assert abs(yaw(page) - float(link.get_attribute("data-yaw"))) < 2
    page.keyboard.press("Enter")
    page.wait_for_url("**/rooms/art/field/")
    page.watch.assert_clean()


def test_a_hotspot_opens_its_exhibit(page, room_server):
    enter(page, room_server)
    page.locator(".room-360-spot").first.click()
    page.wait_for_url("**/rooms/art/dawn/")


def test_without_javascript_the_room_page_offers_no_360_view(open_page, room_server):
    page = open_page(java_script_enabled=False)
    page.goto(room_server + "/rooms/art/")
    assert not page.get_by_role("button", name="Enter the room in 360°").is_visible()
    assert page.locator(".room-360").is_hidden()


def test_axe_finds_no_violation_with_the_viewer_open(open_page, room_server):
    page = open_page(bypass_csp=True)
    enter(page, room_server)
    page.add_script_tag(path=str(require(AXE, "install the checkers with `npm ci`")))
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    assert results["passes"] and not results["violations"], results["violations"]
