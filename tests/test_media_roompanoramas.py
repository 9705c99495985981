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


def build_all(world, out):
    exhibition = load(world.root, drafts=True).exhibition
    jobs = build.plan(exhibition, world.root, out, RECIPE, Limits())
    list(build.build(jobs, out, processes=0))
    return roompanoramas.build(exhibition, out, (256, 512))


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
