"""The 360° room: where works hang, and that the picture shows each one where its hotspot says."""

import pytest
from PIL import Image

from exhibition.media import panorama

COLOURS = ["#e0c020", "#2090e0", "#20b040", "#f0f0f0", "#ffb0d0", "#8040c0", "#ff8800", "#00c0c0"]
SHAPES = [(1200, 900), (900, 1200), (1600, 900), (1000, 1000), (400, 1600), (2400, 600)]
WALL = "#a8371b"
SMALL = (1024, 512)


def pictures(count: int) -> list[Image.Image]:
    return [
        Image.new("RGB", SHAPES[i % len(SHAPES)], COLOURS[i % len(COLOURS)]) for i in range(count)
    ]


def rgb(name: str) -> tuple[int, int, int]:
    return Image.new("RGB", (1, 1), name).getpixel((0, 0))


def near(a, b, tolerance=12) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a, b, strict=True))


@pytest.mark.parametrize("count", [1, 2, 5, 8, 13, 40])
def test_every_hotspot_lands_on_its_own_work_not_the_wall(count):
    works = pictures(count)
    image, hung = panorama.render(works, WALL, SMALL)
    assert image.size == SMALL
    assert [h.number for h in hung] == list(range(1, count + 1))
    for work, place in zip(works, hung, strict=True):
        seen = image.getpixel(panorama.pixel_of(place.yaw, place.pitch, SMALL))
        assert near(seen, work.getpixel((0, 0))), (place, seen)
        assert not near(seen, rgb(WALL), 40)


@pytest.mark.parametrize("count", [1, 4, 7, 12, 40])
def test_works_go_round_the_room_in_tour_order_without_touching(count):
    hung = panorama.layout(
        [SHAPES[i % len(SHAPES)][0] / SHAPES[i % len(SHAPES)][1] for i in range(count)]
    )
    turns = [(h.yaw - hung[0].yaw) % 360 for h in hung]
    assert turns == sorted(turns)
    for a, b in zip(hung, hung[1:], strict=False):
        if a.wall == b.wall:
            assert a.centre + a.width / 2 < b.centre - b.width / 2
    for h in hung:
        assert h.height <= panorama.MAX_HEIGHT + 1e-9
        assert abs(h.centre) + h.width / 2 < panorama.HALF
        assert -180 <= h.yaw <= 180 and h.span > 0


@pytest.mark.parametrize("count", [1, 2, 3])
def test_a_few_works_hang_together_centred_on_the_wall_the_visitor_faces(count):
    hung = panorama.layout([4 / 3] * count)
    assert {h.wall for h in hung} == {0}  # the wall ahead
    assert abs(sum(h.centre for h in hung)) < 1e-9  # as far to the left as to the right
    assert all(-45 < h.yaw < 45 for h in hung)  # all in the first view, 90° across
    assert [h.yaw for h in hung] == sorted(h.yaw for h in hung)  # in tour order, left to right


def test_four_works_and_more_go_round_the_room():
    assert [h.wall for h in panorama.layout([1.0] * 4)] == [0, 1, 2, 3]
    assert {h.wall for h in panorama.layout([1.0] * 7)} == {0, 1, 2, 3}


def test_the_room_has_a_light_ceiling_a_darker_floor_and_walls_in_its_colour():
    image, _ = panorama.render(pictures(1), WALL, SMALL)
    ceiling = image.getpixel((SMALL[0] // 2, 5))
    floor = image.getpixel((SMALL[0] // 2, SMALL[1] - 5))
    wall = image.getpixel(panorama.pixel_of(90, 10, SMALL))
    assert sum(ceiling) > 600 and sum(floor) < sum(ceiling) / 2
    assert wall[0] > wall[1] + 60 and wall[0] > wall[2] + 60  # the room's red, lit


def test_pixel_of_turns_yaw_and_pitch_into_the_equirectangular_picture():
    assert panorama.pixel_of(0, 0, (360, 180)) == (180, 90)
    assert panorama.pixel_of(-180, 90, (360, 180)) == (0, 0)
    assert panorama.pixel_of(180, -90, (360, 180)) == (0, 179)
    assert panorama.pixel_of(90, 45, (360, 180)) == (270, 45)


def test_hotspots_say_each_works_number_and_angles():
    spots = panorama.hotspots(panorama.layout([1.0, 1.5]))
    assert [s["number"] for s in spots] == [1, 2]
    assert all(set(s) == {"number", "yaw", "pitch", "span"} for s in spots)


@pytest.mark.parametrize("count", [1, 5, 9, 13, 41, 200])
def test_a_work_painted_in_its_own_columns_draws_the_room_painted_across_every_column(
    count, monkeypatch
):
    works = pictures(count)  # 9, 13 and 41 put a work across the seam behind the visitor
    windowed, _ = panorama.render(works, WALL, SMALL)
    monkeypatch.setattr(panorama, "_columns", lambda work, width: [slice(0, width)])
    everywhere, _ = panorama.render(works, WALL, SMALL)
    assert windowed.tobytes() == everywhere.tobytes()


def test_a_works_columns_hold_its_frame_and_card_and_few_more():
    width, hung = SMALL[0], panorama.layout([4 / 3] * 401)
    for work in hung:
        windows = panorama._columns(work, width)
        across = sum(window.stop - window.start for window in windows)
        assert across <= width / 20, work  # the frame and a card 22 cm across, 4 m away
    behind = [work for work in hung if len(panorama._columns(work, width)) == 2]
    assert 247 in [work.number for work in behind]  # its card across the seam behind the visitor
