"""A room in 360° as Chromium gets it from a real gunicorn: opened, turned, a way into each work.

On a desk and on a phone, checked by axe and the Nu Html Checker with the view open.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PIL import Image, ImageDraw

from exhibition.media import panorama
from tests.support.live import NODE_MODULES, built_server, one_room_world, require, screenshot
from tests.support.pages import check_html
from tests.support.panoramas import assert_drawn, enter, yaw
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


def test_the_room_opens_in_360_and_turns_with_the_arrow_keys(page, room_server):
    enter(page, room_server + "/rooms/art/")
    stage = page.locator("[data-panorama-stage]")
    assert page.locator(".room-360-spot").count() == len(WORKS)
    before = yaw(page)
    stage.focus()
    page.keyboard.down("ArrowRight")
    page.wait_for_timeout(1500)
    page.keyboard.up("ArrowRight")
    assert yaw(page) > before + 2  # turned right; how far depends on the machine's frame rate
    page.wait_for_timeout(500)
    assert_drawn(page)
    assert screenshot(page, "room-360").stat().st_size > 0
    page.watch.assert_clean()


def drag(page, start: tuple[float, float], end: tuple[float, float], steps: int = 12) -> None:
    """Move one finger across the screen, as the phone's touch screen tells the page."""
    touch = page.context.new_cdp_session(page)

    def send(kind: str, x: float, y: float) -> None:
        points = [] if kind == "touchEnd" else [{"x": x, "y": y, "id": 1}]
        touch.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    send("touchStart", *start)
    for step in range(1, steps + 1):
        x = start[0] + (end[0] - start[0]) * step / steps
        y = start[1] + (end[1] - start[1]) * step / steps
        send("touchMove", x, y)
        page.wait_for_timeout(16)
    send("touchEnd", *end)


def test_on_a_phone_the_view_fits_the_screen_and_turns_under_a_finger(open_page, room_server):
    page = open_page(375, 667, has_touch=True, is_mobile=True, device_scale_factor=2)
    enter(page, room_server + "/rooms/art/")
    assert_drawn(page)
    width = page.evaluate("document.documentElement.clientWidth")
    assert width == 375
    assert page.evaluate("document.documentElement.scrollWidth") == width  # no sideways scroll
    stage = page.locator("[data-panorama-stage]")
    stage.scroll_into_view_if_needed()
    box = stage.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width and box["height"] >= 250
    middle = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    before = yaw(page)
    drag(page, (middle[0] + 120, middle[1]), (middle[0] - 120, middle[1]))
    page.wait_for_timeout(300)
    assert yaw(page) > before + 20  # the finger pulled the room to the left: the view turned right
    assert screenshot(page, "room-360-phone").stat().st_size > 0
    page.watch.assert_clean()


def test_a_work_chosen_from_the_list_turns_the_view_and_opens_its_exhibit(page, room_server):
    enter(page, room_server + "/rooms/art/")
    link = page.locator("[data-panorama-works] a").nth(2)
    link.focus()
    page.wait_for_timeout(900)
    assert abs(yaw(page) - float(link.get_attribute("data-yaw"))) < 2
    page.keyboard.press("Enter")
    page.wait_for_url("**/rooms/art/field/")
    page.watch.assert_clean()


def test_a_hotspot_opens_its_exhibit(page, room_server):
    enter(page, room_server + "/rooms/art/")
    page.locator(".room-360-spot").first.click()
    page.wait_for_url("**/rooms/art/dawn/")


def test_a_view_whose_picture_cannot_be_had_is_taken_away(page, room_server):
    page.route("**/panoramas/*", lambda route: route.abort())
    page.goto(room_server + "/rooms/art/")
    page.get_by_role("button", name="Enter the room in 360°").click()
    page.locator(".room-360").wait_for(state="hidden")
    assert page.locator(".pnlm-error-msg").count() == 0  # no error box left behind
    assert page.locator(".exhibit-list li").count() == len(WORKS)  # the page as it was


def test_without_javascript_the_room_page_offers_no_360_view(open_page, room_server):
    page = open_page(java_script_enabled=False)
    page.goto(room_server + "/rooms/art/")
    assert not page.get_by_role("button", name="Enter the room in 360°").is_visible()
    assert page.locator(".room-360").is_hidden()


def test_axe_finds_no_violation_with_the_viewer_open(open_page, room_server):
    page = open_page(bypass_csp=True)
    enter(page, room_server + "/rooms/art/")
    page.add_script_tag(path=str(require(AXE, "install the checkers with `npm ci`")))
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    assert results["passes"] and not results["violations"], results["violations"]


def test_the_page_with_the_viewer_open_is_valid_html(page, room_server, tmp_path):
    enter(page, room_server + "/rooms/art/")
    html = page.evaluate("'<!DOCTYPE html>' + document.documentElement.outerHTML")
    (tmp_path / "room-360.html").write_text(html, encoding="utf-8")
    errors = [f"line {m.get('lastLine', '?')}: {m['message']}" for m in check_html(tmp_path)]
    assert not errors, "the Nu Html Checker found errors:\n" + "\n".join(errors)


OWN_SPOTS = (("dawn", -60, 0), ("sea", 60, 5))  # the field hangs where no hotspot says


def own_picture(path, size=(2048, 1024)) -> None:
    """Paint a 360° photo of a gallery, as a camera would give it: a wall, a floor and two works."""
    picture = Image.new("RGB", size, (214, 205, 190))
    draw = ImageDraw.Draw(picture)
    draw.rectangle((0, size[1] * 0.62, size[0], size[1]), fill=(120, 96, 72))
    for (_, turn, pitch), colour in zip(OWN_SPOTS, ("gold", "royalblue"), strict=True):
        x, y = panorama.pixel_of(turn, pitch, size)
        draw.rectangle((x - 90, y - 70, x + 90, y + 70), fill=(40, 34, 30))
        draw.rectangle((x - 80, y - 60, x + 80, y + 60), fill=colour)
    picture.save(path)


@pytest.fixture(scope="module")
def own_room_server(tmp_path_factory) -> Iterator[str]:
    """Serve a built room of three works shown in the room's own 360° picture, two with hotspots."""
    folder = tmp_path_factory.mktemp("own-panorama")
    world = one_room_world(folder, "A gallery photographed")
    for name, colour in WORKS[:3]:
        world.exhibit("01-art", name)
        write_image(world.root / "rooms/01-art" / name / "work.png", (1200, 900), colour)
    own_picture(world.root / "rooms/01-art/gallery.jpg")
    spots = "".join(f"  - {{exhibit: {e}, yaw: {y}, pitch: {p}}}\n" for e, y, p in OWN_SPOTS)
    world.write(
        "rooms/01-art/room.md",
        f"---\ntitle: Art\nsummary: s\npanorama: gallery.jpg\nhotspots:\n{spots}---\nIntro.\n",
    )
    with built_server(folder, world) as base:
        yield base


def test_a_rooms_own_picture_opens_with_its_hotspots_and_every_work_listed(page, own_room_server):
    enter(page, own_room_server + "/rooms/art/")
    assert page.locator(".room-360-spot").count() == len(OWN_SPOTS)
    links = page.locator("[data-panorama-works] a")
    assert links.count() == 3
    sea = links.nth(1)
    sea.focus()
    page.wait_for_timeout(900)
    assert abs(yaw(page) - 60) < 2
    page.wait_for_timeout(300)
    assert screenshot(page, "room-360-own").stat().st_size > 0
    field = links.nth(2)
    assert field.get_attribute("data-yaw") is None
    field.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/rooms/art/field/")
    page.watch.assert_clean()
