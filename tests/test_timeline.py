import datetime as dt

from exhibition import timeline
from exhibition.model import AI, Exhibit, Exhibition, Media, Room


def _exhibit(slug: str, room: str, year: str) -> Exhibit:
    media = (Media("image", f"{slug}.jpg", "credit"),)
    ai = AI("x", "tool", "")
    return Exhibit(slug, room, f"rooms/{room}/{slug}", slug, year, (), ai, media, "")


def _exhibition() -> Exhibition:
    art = Room("art", "rooms/art", "Art", "", "", (_exhibit("a", "art", "2018-03-01"),), index=0)
    music = Room(
        "music",
        "rooms/music",
        "Music",
        "",
        "",
        (
            _exhibit("b", "music", "1957"),
            _exhibit("c", "music", "2018"),
            _exhibit("d", "music", ""),
        ),
        index=1,
    )
    return Exhibition("T", "1", dt.date(2020, 1, 1), dt.date(2021, 1, 1), (art, music))


def test_year_of_reads_a_year_or_a_date():
    assert timeline.year_of(_exhibit("a", "art", "2018-03-01")) == 2018
    assert timeline.year_of(_exhibit("a", "art", "")) is None


def test_exhibits_by_year_and_decade_and_those_without_a_year():
    placed = timeline.place(_exhibition())
    assert [(y, [e.slug for e in es]) for y, es in placed.years] == [
        (1957, ["b"]),
        (2018, ["a", "c"]),
    ]
    assert [decade for decade, _ in placed.decades] == [1950, 2010]
    assert [e.slug for e in placed.undated] == ["d"]


def test_points_stack_in_a_year_and_carry_their_room():
    points = {p.exhibit.slug: p for p in timeline.place(_exhibition()).points}
    assert points["a"].x == points["c"].x > points["b"].x
    assert points["c"].y < points["a"].y
    assert (points["a"].room_index, points["b"].room_index) == (0, 1)


def test_right_to_left_mirrors_the_picture():
    left, right = timeline.place(_exhibition()), timeline.place(_exhibition(), right_to_left=True)
    assert [p.x for p in right.points] == [left.width - p.x for p in left.points]
    assert right.ticks[0][1] == left.width - left.ticks[0][1]


def test_the_timeline_is_shown_a_page_at_a_time_oldest_first_undated_last(monkeypatch):
    monkeypatch.setattr(timeline, "PAGE", 2)
    exhibition = _exhibition()
    assert timeline.pages(exhibition) == 2
    assert [e.slug for e in timeline.in_order(exhibition)] == ["b", "a", "c", "d"]
    first, second = (timeline.place(exhibition, number=n) for n in (1, 2))
    assert [(y, [e.slug for e in es]) for y, es in first.years] == [(1957, ["b"]), (2018, ["a"])]
    assert not first.undated and [p.exhibit.slug for p in second.points] == ["c"]
    assert [e.slug for e in second.undated] == ["d"]
    assert [decade for decade, _ in second.ticks] == [2010, 2020]  # its own years' decades


def test_a_timeline_within_a_page_is_one_page():
    assert timeline.pages(_exhibition()) == 1
