"""Each room's 360° picture made by the build: drawn from the derivatives, kept until it changes."""

import pytest
from PIL import Image

from exhibition.loader import load
from exhibition.media import build, panorama, roompanoramas
from exhibition.media.probe import Limits
from tests.support.world import derivatives_folder, write_image

RECIPE = build.Recipe(widths=(200, 400))


@pytest.fixture
def out(world, tmp_path, monkeypatch):
    return derivatives_folder(world, tmp_path)


def build_all(world, out, drafts=True):
    exhibition = load(world.root, drafts=drafts).exhibition
    jobs = build.plan(exhibition, world.root, out, RECIPE, Limits())
    list(build.build(jobs, out, processes=0))
    return roompanoramas.build(exhibition, out, (256, 512), world.root)


def own_panorama(world, hotspots, size=(1024, 512)):
    """Give the art room its own 360° picture (a left half teal, a right half orange) or,
    without a size, new hotspots on the one it has."""
    if size:
        picture = Image.new("RGB", size, "teal")
        picture.paste(Image.new("RGB", (size[0] // 2, size[1]), "orange"), (size[0] // 2, 0))
        picture.save(world.root / "rooms/01-art/gallery.jpg")
    room = "---\ntitle: Art\nsummary: s\npanorama: gallery.jpg\nhotspots:\n{spots}---\n"
    spots = "".join(f"  - {{exhibit: {e}, yaw: {y}, pitch: {p}}}\n" for e, y, p in hotspots)
    world.write("rooms/01-art/room.md", room.format(spots=spots))


def test_every_room_is_drawn_with_a_hotspot_on_each_of_its_exhibits(world, out):
    assert build_all(world, out) == (2, 0)
    views = roompanoramas.read(out)
    assert [s["exhibit"] for s in views["art"].hotspots] == ["first", "second"]
    assert [s["exhibit"] for s in views["music"].hotspots] == ["third"]
    third = views["music"]
    picture = Image.open(roompanoramas.folder(out) / f"{third.key}-512.jpg").convert("RGB")
    assert picture.size == (512, 256)
    spot = third.hotspots[0]
    red, green, blue = picture.getpixel(panorama.pixel_of(spot["yaw"], spot["pitch"], (512, 256)))
    assert abs(red - 128) < 25 and abs(green - 128) < 25 and blue < 40  # olive, the exhibit's


def test_an_unchanged_room_is_kept_and_a_changed_one_drawn_again(world, out):
    build_all(world, out)
    before = roompanoramas.read(out)
    assert build_all(world, out) == (0, 2)
    write_image(world.root / "rooms/02-music/01-third/work.png", color="teal")
    assert build_all(world, out) == (1, 1)
    after = roompanoramas.read(out)
    assert after["art"] == before["art"] and after["music"].key != before["music"].key
    names = {p.name for p in roompanoramas.folder(out).iterdir()}
    assert names == set(after["art"].files() + after["music"].files()) | {roompanoramas.LIST}


def test_an_unreadable_list_is_no_panoramas(tmp_path):
    (tmp_path / "panoramas").mkdir()
    (tmp_path / "panoramas" / "panoramas.json").write_text("[1, 2")
    assert roompanoramas.read(tmp_path) == {}


def test_a_rooms_own_picture_is_written_down_the_ladder_with_its_hotspots(world, out):
    own_panorama(world, [("second", 90, 10.5), ("first", -90, 0)])
    assert build_all(world, out) == (2, 0)
    art = roompanoramas.read(out)["art"]
    assert art.hotspots == (
        {"exhibit": "first", "number": 1, "yaw": -90.0, "pitch": 0.0},
        {"exhibit": "second", "number": 2, "yaw": 90.0, "pitch": 10.5},
    )
    assert art.widths == (256, 512)
    for name in art.files():
        assert (roompanoramas.folder(out) / name).is_file()
    picture = Image.open(roompanoramas.folder(out) / f"{art.key}-512.jpg").convert("RGB")
    assert picture.size == (512, 256)  # the curator's picture, not a drawn room
    for spot, (red, green, blue) in zip(art.hotspots, ((0, 128, 128), (255, 165, 0)), strict=True):
        found = picture.getpixel(panorama.pixel_of(spot["yaw"], spot["pitch"], (512, 256)))
        assert all(abs(a - b) < 30 for a, b in zip(found, (red, green, blue), strict=True))


def test_a_changed_picture_is_made_again_and_moved_hotspots_are_not(world, out):
    own_panorama(world, [("first", -90, 0)])
    build_all(world, out)
    before = roompanoramas.read(out)["art"]
    own_panorama(world, [("first", 45, -20)], size=None)
    assert build_all(world, out) == (0, 2)
    moved = roompanoramas.read(out)["art"]
    assert moved.key == before.key and moved.hotspots[0]["yaw"] == 45.0
    own_panorama(world, [("first", 45, -20)], size=(2000, 1000))
    assert build_all(world, out) == (1, 1)
    after = roompanoramas.read(out)["art"]
    assert after.key != before.key and after.widths == (256, 512)
    names = {p.name for p in roompanoramas.folder(out).iterdir()}
    assert before.files()[0] not in names


def test_a_hotspot_on_a_draft_is_left_out_of_the_published_room(world, out):
    text = (world.root / "rooms/01-art/01-first/exhibit.md").read_text()
    world.write("rooms/01-art/01-first/exhibit.md", text.replace("---\n", "---\ndraft: true\n", 1))
    own_panorama(world, [("first", -90, 0), ("second", 90, 0)])
    build_all(world, out, drafts=False)
    spots = roompanoramas.read(out)["art"].hotspots
    assert [(s["exhibit"], s["number"]) for s in spots] == [("second", 1)]


def test_a_server_reads_the_list_again_only_when_a_build_writes_it_anew(world, out):
    build_all(world, out)
    listed = roompanoramas.listed(out)
    first = listed.current()
    assert set(first) == {"art", "music"} and listed.current() is first  # one stat, no read
    (roompanoramas.folder(out) / roompanoramas.LIST).write_text("{}")
    assert listed.current() == {}
