"""The floor plan: its geometry for 1 to 12 rooms of 1 to 40 exhibits, and its links."""

import itertools
import math
import re
from types import SimpleNamespace

import pytest

from exhibition import floorplan
from exhibition.app import create_app
from exhibition.archive.links import resolve
from tests.support.archives import built_and_frozen
from tests.support.live import screenshot, visit

SIZES = [1, 2, 3, 7, 12, 25, 40]


def rooms(count: int, exhibits_of) -> list:
    """Return rooms with slugs and exhibits enough for layout()."""
    return [
        SimpleNamespace(
            slug=f"room-{r}",
            exhibits=[SimpleNamespace(slug=f"work-{e}") for e in range(exhibits_of(r))],
        )
        for r in range(count)
    ]


def shares_wall(a: floorplan.Rect, b: floorplan.Rect, door: floorplan.Door) -> bool:
    """Return True if the door lies on the wall the two rooms share."""
    if door.x1 == door.x2:  # an upright wall
        x = door.x1
        on_wall = {x} == {max(a.x, b.x)} and min(a.x + a.width, b.x + b.width) == x
        return on_wall and all(r.y <= door.y1 < door.y2 <= r.y + r.height for r in (a, b))
    y = door.y1
    on_wall = max(a.y, b.y) == y and min(a.y + a.height, b.y + b.height) == y
    return on_wall and all(r.x <= door.x1 < door.x2 <= r.x + r.width for r in (a, b))


@pytest.mark.parametrize("count", range(1, 13))
@pytest.mark.parametrize("size", SIZES)
def test_geometry(count, size):
    given = rooms(count, lambda r: max(1, (size * (r + 3)) % 41) if r % 2 else size)
    plan = floorplan.layout(given)
    assert [r.slug for r in plan.rooms] == [r.slug for r in given]
    for i, a in enumerate(plan.rooms):
        for b in plan.rooms[i + 1 :]:
            assert not a.rect.overlaps(b.rect), (a, b)
        assert 0 <= a.rect.x and a.rect.x + a.rect.width <= plan.width
        assert 0 <= a.rect.y and a.rect.y + a.rect.height <= plan.height
    for room, spot in zip(given, plan.rooms, strict=True):
        assert [p.slug for p in spot.points] == [e.slug for e in room.exhibits]
        assert [p.number for p in spot.points] == list(range(1, len(room.exhibits) + 1))
        for p in spot.points:
            inner = floorplan.Rect(
                spot.rect.x + floorplan.POINT_RADIUS,
                spot.rect.y + floorplan.POINT_RADIUS,
                spot.rect.width - 2 * floorplan.POINT_RADIUS,
                spot.rect.height - 2 * floorplan.POINT_RADIUS,
            )
            assert inner.holds(p.x, p.y), p
        for p, q in itertools.pairwise(spot.points):
            assert math.dist((p.x, p.y), (q.x, q.y)) > 2 * floorplan.POINT_RADIUS
    assert len(plan.doors) == count - 1
    for door, (a, b) in zip(plan.doors, itertools.pairwise(plan.rooms), strict=True):
        assert shares_wall(a.rect, b.rect, door), (door, a.rect, b.rect)


@pytest.mark.parametrize("count", range(1, 13))
def test_rows_are_even_and_the_plan_reads_wide(count):
    plan = floorplan.layout(rooms(count, lambda r: 3))
    rows = math.ceil(count / plan.columns)
    assert plan.columns <= floorplan.MOST_COLUMNS
    assert rows * plan.columns - count < plan.columns  # no row stands empty
    assert count <= 3 or rows * plan.columns - count <= rows - 1  # the last row nearly full


def test_a_curator_chooses_the_columns():
    plan = floorplan.layout(rooms(6, lambda r: 2), columns=2)
    assert plan.columns == 2
    places = [(r.rect.x, r.rect.y) for r in plan.rooms]
    assert places[1][1] == places[0][1] and places[2][1] > places[1][1]  # a serpentine
    assert places[2][0] == places[1][0] and places[3][0] == places[0][0]


def test_a_plan_of_more_columns_than_rooms_has_the_rooms_only():
    assert floorplan.layout(rooms(2, lambda r: 1), columns=5).columns == 2


def test_plan_columns_in_exhibition_yaml(world):
    from exhibition.loader import load
    from tests.support.world import EXHIBITION_YAML

    world.write("exhibition.yaml", EXHIBITION_YAML + "plan:\n  columns: 1\n")
    assert load(world.root).exhibition.plan_columns == 1


def links(html: str, selector_class: str) -> list[tuple[str, str]]:
    """Return (href, accessible name: its <title>) of the plan's links of a class."""
    pattern = rf'<a class="{selector_class}[^"]*" href="([^"]+)"[^>]*><title>([^<]+)</title>'
    return re.findall(pattern, html)


def test_the_lobby_plan_links_every_room_and_exhibit(client):
    html = client.get("/").get_data(as_text=True)
    assert '<svg class="plan plan-full"' in html
    assert links(html, "plan-room") == [
        ("/rooms/art/", "Room 1: Art"),
        ("/rooms/music/", "Room 2: Music"),
    ]
    assert links(html, "plan-exhibit") == [
        ("/rooms/art/first/", "Room 1, exhibit 1: First"),
        ("/rooms/art/second/", "Room 1, exhibit 2: Second"),
        ("/rooms/music/third/", "Room 2, exhibit 1: Third"),
    ]
    for href, _ in links(html, "plan-room") + links(html, "plan-exhibit"):
        assert client.get(href).status_code == 200


def test_a_room_larger_than_its_walls_show_has_no_points():
    most = floorplan.MOST_POINTS
    plan = floorplan.layout(rooms(2, lambda r: [most, most + 1][r]))
    assert [len(room.points) for room in plan.rooms] == [most, 0]


def plan_of_page(html: str) -> str:
    return html[html.index('<div class="plan-figure') : html.index("</details>")]


def test_a_large_rooms_pages_carry_a_plan_that_does_not_grow_with_it(world, tmp_path):
    for number in range(3, floorplan.MOST_POINTS + 2):  # art: 41 exhibits, one image each
        world.exhibit("01-art", f"{number:02d}-work-{number}")
    folders = {"CACHE_DIR": str(tmp_path / "cache"), "ARCHIVE_DIR": str(tmp_path / "archive")}
    client = create_app({"TESTING": True, "CONTENT_DIR": str(world.root), **folders}).test_client()
    exhibit = plan_of_page(client.get("/rooms/art/work-7/").get_data(as_text=True))
    assert "You are here" in exhibit
    assert links(exhibit, "plan-exhibit") == []  # art's too many; music's are dots here
    assert "/rooms/art/work-7/" not in exhibit and "plan-dot" in exhibit  # music's one dot
    lobby = plan_of_page(client.get("/").get_data(as_text=True))
    assert [href for href, _ in links(lobby, "plan-exhibit")] == ["/rooms/music/third/"]


def test_a_room_and_an_exhibit_page_say_where_you_are(client):
    room = client.get("/rooms/music/").get_data(as_text=True)
    assert re.search(
        r'class="plan-room[^"]*here[^"]*" href="/rooms/music/" aria-current="page"', room
    )
    assert "You are here" in room
    exhibit = client.get("/rooms/art/second/").get_data(as_text=True)
    assert re.search(
        r'class="plan-exhibit[^"]*here[^"]*" href="/rooms/art/second/" aria-current="page"', exhibit
    )
    assert exhibit.count('aria-current="page"') >= 1


@pytest.mark.browser
@pytest.mark.parametrize("width", (1280, 375))
def test_the_plan_in_chromium(open_page, live_server, width):
    page = open_page(width=width)
    visit(page, live_server + "/")
    plan = page.locator("svg.plan-full")
    assert plan.locator("a.plan-room").count() == 5
    box = plan.bounding_box()
    assert box["width"] <= width and box["height"] > 100
    screenshot(page, f"plan-lobby-{width}")
    plan.locator("a.plan-room").nth(1).click()
    page.wait_for_url("**/rooms/music/")
    here = page.locator("svg.plan-here a.plan-room.here")
    assert here.get_attribute("aria-current") == "page"
    screenshot(page, f"plan-room-{width}")
    page.locator("svg.plan-here a.plan-exhibit").nth(2).click()  # the third exhibit of music
    page.wait_for_url("**/rooms/music/daddys-car/")
    assert page.locator("svg.plan-here a.plan-exhibit.here").get_attribute("aria-current")
    page.watch.assert_clean()


def overlap(a: dict, b: dict) -> bool:
    """Return True if two boxes the browser measured cover some of the same pixels."""
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


def assert_readable_key(page, key, rooms: int) -> None:
    """Fail unless the key names every room, apart, within the screen, in letters one can read."""
    width = page.viewport_size["width"]
    names = key.locator("li > a")
    assert names.count() == rooms
    boxes = [names.nth(i).bounding_box() for i in range(rooms)]
    assert all(box and box["x"] >= 0 and box["x"] + box["width"] <= width for box in boxes)
    assert not any(overlap(a, b) for a, b in itertools.combinations(boxes, 2))
    size = names.first.evaluate("a => parseFloat(getComputedStyle(a).fontSize)")
    assert size >= 14
    assert page.evaluate("document.documentElement.scrollWidth") == width  # no sideways scroll


@pytest.mark.browser
@pytest.mark.parametrize("width", (320, 375, 768, 1280))
def test_the_plan_reads_at_every_width_its_key_naming_the_rooms(open_page, live_server, width):
    """Where the plan has no room for names, the key beside or below it gives them."""
    page = open_page(width=width)
    visit(page, live_server + "/")
    narrow = width <= 640
    key = page.locator(".plan-full-figure .plan-key")
    assert key.is_visible() == narrow
    assert page.locator("svg.plan-full .plan-title").first.is_visible() != narrow
    if narrow:
        assert_readable_key(page, key, 5)
    screenshot(page, f"plan-key-lobby-{width}")
    visit(page, live_server + "/rooms/music/")
    key = page.locator(".plan-here-figure .plan-key")
    assert_readable_key(page, key, 5)
    assert key.locator("li.here").inner_text().split() == ["2", "Music", "You", "are", "here"]
    label = page.locator("svg.plan-here .plan-you").bounding_box()
    for circle in page.locator("svg.plan-here a.plan-exhibit circle").all():
        assert not overlap(label, circle.bounding_box())
    screenshot(page, f"plan-key-room-{width}")
    page.watch.assert_clean()


def test_a_frozen_pages_plan_links_lead_to_its_files(tmp_path):
    built_and_frozen(tmp_path)
    edition = tmp_path / "archive" / "test-1" / "data"  # a BagIt bag: the pages are its data
    pages = {"index.html": 5, "rooms/music/index.html": 3, "rooms/art/second/index.html": 4}
    for page, count in pages.items():  # the lobby links all; a small plan its own room's exhibits
        html = (edition / page).read_text(encoding="utf-8")
        found = links(html, "plan-room") + links(html, "plan-exhibit")
        assert len(found) == count, page
        for href, _ in found:
            assert not href.startswith("/"), href
            target = resolve(page, href)
            assert target and (edition / target).is_file(), (page, href)


def test_a_small_plan_links_only_its_own_rooms_exhibits(client):
    html = client.get("/rooms/music/third/").get_data(as_text=True)
    assert links(html, "plan-exhibit") == [("/rooms/music/third/", "Room 2, exhibit 1: Third")]
    assert html.count('class="plan-dot"') == 2  # the art room's two, drawn but not linked
