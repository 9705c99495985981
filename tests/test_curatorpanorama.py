"""A room's own 360° picture read from room.md: the file, its shape and its hotspots."""

import pytest

from exhibition import curatorpanorama
from exhibition.loader import load
from exhibition.model import Hotspot
from tests.support.world import write_image

ROOM = "---\ntitle: Art\nsummary: s\npanorama: gallery.jpg\n{extra}---\nIntro.\n"


def own_panorama(world, extra="", size=(800, 400), drafts=True):
    write_image(world.root / "rooms/01-art/gallery.jpg", size, color="navy")
    world.write("rooms/01-art/room.md", ROOM.format(extra=extra))
    return load(world.root, drafts=drafts)


def test_a_room_carries_its_own_picture_and_hotspots_in_order(world):
    spots = (
        "hotspots:\n"
        "  - {exhibit: second, yaw: -35.5, pitch: 2}\n"
        "  - {exhibit: first, yaw: 90, pitch: -4}\n"
    )
    loaded = own_panorama(world, spots)
    art = loaded.exhibition.rooms[0]
    assert (art.panorama.path, art.panorama.width, art.panorama.height) == (
        "rooms/01-art/gallery.jpg",
        800,
        400,
    )
    assert art.hotspots == (Hotspot("second", -35.5, 2.0), Hotspot("first", 90.0, -4.0))
    assert loaded.problems == []


def test_a_room_may_have_its_picture_without_hotspots(world):
    art = own_panorama(world).exhibition.rooms[0]
    assert art.panorama is not None and art.hotspots == ()


def test_a_room_without_one_has_none(world):
    music = load(world.root).exhibition.rooms[1]
    assert music.panorama is None and music.hotspots == ()


def test_a_hotspot_may_name_a_draft_exhibit_of_the_room(world):
    text = (world.root / "rooms/01-art/02-second/exhibit.md").read_text()
    world.write("rooms/01-art/02-second/exhibit.md", text.replace("---\n", "---\ndraft: true\n", 1))
    spots = "hotspots: [{exhibit: second, yaw: 0, pitch: 0}]\n"
    loaded = own_panorama(world, spots, drafts=False)
    assert loaded.problems == [] and loaded.exhibition.rooms[0].hotspots[0].exhibit == "second"


def test_a_picture_not_two_to_one_leaves_the_room_with_its_drawn_one(world):
    loaded = own_panorama(world, size=(800, 500))
    art = loaded.exhibition.rooms[0]
    assert art.panorama is None and [e.slug for e in art.exhibits] == ["first", "second"]
    assert "not twice as wide as it is tall" in str(loaded.problems[0])


@pytest.mark.parametrize(
    ("width", "height", "fits"),
    [
        (8000, 4000, True),
        (8000, 4030, True),
        (8000, 4100, False),
        (4000, 4000, False),
        (10, 0, False),
    ],
)
def test_two_to_one_allows_a_few_pixels_lost_to_cropping(width, height, fits):
    assert curatorpanorama.two_to_one(width, height) is fits


def test_a_translation_keeps_the_rooms_picture_and_may_not_give_its_own(world):
    text = (world.root / "exhibition.yaml").read_text()
    world.write("exhibition.yaml", text.replace("licence:", "languages: [en, fr]\nlicence:", 1))
    french = "---\ntitle: Art\nsummary: La salle.\npanorama: galerie.jpg\n---\nIntro.\n"
    world.write("rooms/01-art/room.fr.md", french)
    loaded = own_panorama(world, "hotspots: [{exhibit: first, yaw: 0, pitch: 0}]\n")
    found = [str(p) for p in loaded.problems if p.path == "rooms/01-art/room.fr.md"]
    assert found == [
        "rooms/01-art/room.fr.md:4: error: 'panorama' comes from room.md, "
        "not from its translations; remove it here"
    ]
    art = loaded.exhibition.rooms[0].in_language("fr")
    assert art.panorama.path == "rooms/01-art/gallery.jpg" and art.hotspots[0].exhibit == "first"


def test_a_hotspot_on_an_exhibit_not_in_the_room_is_left_out_and_the_rest_kept(world):
    spots = (
        "hotspots:\n"
        "  - {exhibit: frist, yaw: 0, pitch: 0}\n"
        "  - {exhibit: second, yaw: 9, pitch: 1}\n"
    )
    loaded = own_panorama(world, spots)
    art = loaded.exhibition.rooms[0]
    assert art.panorama is not None and art.hotspots == (Hotspot("second", 9.0, 1.0),)
    assert [p.line for p in loaded.problems] == [6]
