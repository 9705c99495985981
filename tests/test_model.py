from exhibition.loader import load
from exhibition.model import media_kind


def test_media_kinds():
    assert media_kind("a.JPG") == "image"
    assert media_kind("a.mp3") == "audio"
    assert media_kind("a.webm") == "video"
    assert media_kind("a.psd") is None


def test_tour_stops(world):
    exhibition = load(world.root).exhibition
    first, second, third = exhibition.tour
    stop = exhibition.stop(second)
    assert (stop.previous, stop.next) == (first, third)
    assert (stop.number_in_room, stop.room_size, stop.number, stop.size) == (2, 2, 2, 3)
    assert exhibition.stop(first).previous is None
    assert exhibition.stop(third).next is None


def test_files_lists_what_pages_may_link_to(world):
    exhibition = load(world.root).exhibition
    assert "rooms/01-art/01-first/work.png" in exhibition.files
    assert "rooms/01-art/01-first/exhibit.md" not in exhibition.files
