import copy
import dataclasses
import pickle

import pytest

from exhibition.loader import load
from exhibition.model import media_kind
from tests.support.world import in_three_languages


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


def test_an_exhibit_s_place_is_found_by_its_slugs_not_by_comparison(world):
    # An exhibit as a page held it before a reload compares unequal to the one loaded
    # now; its place is still known, and no exhibit is compared to find it.
    exhibition = load(world.root).exhibition
    second = exhibition.tour[1]
    before_an_edit = dataclasses.replace(second, title="Second, as it was", label_html="<p>Old</p>")
    stop = exhibition.stop(before_an_edit)
    assert (stop.number_in_room, stop.number, stop.next) == (2, 2, exhibition.tour[2])
    assert exhibition.room("art").position(before_an_edit) == 1


def test_a_room_s_pages(world):
    room = dataclasses.replace(load(world.root).exhibition.room("art"), page_size=1)
    assert room.page_count == 2
    assert [e.slug for e in room.page(2)] == ["second"] and room.page(3) == ()
    assert dataclasses.replace(room, exhibits=()).page_count == 1


def test_the_objects_an_exhibit_is_made_of_keep_their_fields_in_slots(world):
    # Thousands of exhibits in three languages: a dict each would add a sixth to the model.
    in_three_languages(world)
    exhibit = load(world.root).exhibition.tour[0]
    image = exhibit.media[0]
    made_of = [exhibit, exhibit.ai, exhibit.rights, image, image.image, *exhibit.creators]
    made_of += [exhibit.question, *exhibit.question.answers, *exhibit.translations]
    made_of += [exhibit.in_language("fr")]
    assert exhibit.translations and exhibit.creators
    assert [type(part).__name__ for part in made_of if hasattr(part, "__dict__")] == []


def test_an_exhibit_comes_out_of_a_pickle_as_it_went_in_and_still_frozen(world):
    # The snapshot keeps the model pickled: every field of every object it is made of,
    # its translations and an empty tuple or None among them, must come back in place.
    in_three_languages(world)
    exhibition = load(world.root).exhibition
    back = pickle.loads(pickle.dumps(exhibition, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == exhibition and back.tour == exhibition.tour
    first = back.tour[0]
    assert first.media[0].image.width == exhibition.tour[0].media[0].image.width > 0
    assert [t.language for t in first.translations] == ["fr", "ar"]
    assert first.in_language("fr") == exhibition.tour[0].in_language("fr")
    assert copy.deepcopy(first) == first and copy.copy(first.ai) == first.ai
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.title = "Changed"
    fields = [getattr(first, f.name) for f in dataclasses.fields(first)]
    assert list(first.__getstate__()) == fields and first.question.answers
