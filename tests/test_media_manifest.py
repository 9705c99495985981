import dataclasses

import pytest
from PIL import Image

from exhibition.loader import load
from exhibition.media import build, manifest
from exhibition.media.probe import Limits
from tests.support.world import derivatives_folder

RECIPE = build.Recipe(widths=(200, 400, 800))


@pytest.fixture
def out(world, tmp_path):
    """Return the derivatives folder, after giving each exhibit an image of its own."""
    return derivatives_folder(world, tmp_path)


def run_build(world, out):
    exhibition = load(world.root, drafts=True).exhibition  # as `build` loads it
    jobs = build.plan(exhibition, world.root, out, RECIPE, Limits())
    list(build.build(jobs, out, processes=0))


def test_the_catalogue_ignores_a_changed_original(world, out):
    run_build(world, out)
    image = load(world.root).exhibition.tour[0].main_image
    catalogue = manifest.Catalogue.read(out)
    assert catalogue.find(image) == catalogue.entries[image.path]
    changed = type(image)(image.path, image.width, image.height, image.alt, "0000000000")
    assert catalogue.find(changed) is None


@pytest.mark.parametrize("text", ["", "{", '{"pipeline": 1, "images": [{"path": 1}]}', "[]"])
def test_a_broken_manifest_is_an_empty_catalogue(tmp_path, text):
    out = tmp_path / "images"
    out.mkdir(parents=True)
    (out / manifest.MANIFEST).write_text(text)
    assert manifest.Catalogue.read(out).entries == {}


def test_a_manifest_reads_back_as_the_entries_written_and_only_whole_ones(world, out):
    run_build(world, out)
    catalogue = manifest.Catalogue.read(out)
    entry = next(iter(catalogue.entries.values()))
    assert entry == manifest.ManifestEntry(**dataclasses.asdict(entry))
    assert isinstance(entry.widths, tuple) and entry.widths and entry.key
    with pytest.raises(dataclasses.FrozenInstanceError):
        entry.key = "another"
    (out / "again").mkdir()
    manifest.Catalogue(catalogue.entries).write(out / "again")
    assert manifest.Catalogue.read(out / "again").entries == catalogue.entries
    text = (out / manifest.MANIFEST).read_text()
    renamed, added = ('"zum"', '"colour": 1, "zoom"')  # a field missing, one unknown
    for broken in (text.replace('"zoom"', renamed, 1), text.replace('"zoom"', added, 1)):
        (out / manifest.MANIFEST).write_text(broken)
        assert manifest.Catalogue.read(out).entries == {}


def test_catalogues_reread_only_when_the_manifest_changes(world, out):
    catalogues = manifest.Catalogues(out)
    assert catalogues.current().entries == {}
    run_build(world, out)
    first = catalogues.current()
    assert len(first.entries) == 3
    assert catalogues.current() is first


def test_a_catalogue_knows_which_entry_each_file_belongs_to(world, out):
    Image.new("RGB", (3200, 2400), "olive").save(world.root / "rooms/01-art/01-first/work.png")
    run_build(world, out)
    catalogue = manifest.Catalogue.read(out)
    zoom = catalogue.entries["rooms/01-art/01-first/work.png"]
    flat = catalogue.entries["rooms/02-music/01-third/work.png"]
    for entry in (zoom, flat):
        for name in entry.files():
            if not name.endswith("_files"):  # a folder: its tiles are asked for
                assert catalogue.owners(name) == [entry], name
    assert catalogue.owners(f"{zoom.key}_files/12/0_0.jpg") == [zoom]
    assert catalogue.owners(f"{flat.key}.dzi") == []
    assert catalogue.owners(f"{flat.key}_files/12/0_0.jpg") == []
    assert catalogue.owners(f"{flat.key}-640.avif") == []  # a width the build never made
    assert catalogue.owners(f"{'f' * 20}-200.avif") == []
    assert catalogue.owners(manifest.MANIFEST) == []


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("0123456789abcdef0123-640.avif", True),
        ("0123456789abcdef0123-640.jpg", True),
        ("0123456789abcdef0123.dzi", True),
        ("0123456789abcdef0123_files/12/3_4.jpg", True),
        ("0123456789abcdef0123_files/12/3_4.png", True),
        (manifest.MANIFEST, False),
        ("../manifest.json", False),
        ("0123456789abcdef0123-640.avif/../../x", False),
        ("0123456789ABCDEF0123-640.avif", False),
        ("0123456789abcdef0123_files/../../secret", False),
    ],
)
def test_safe_names(name, ok):
    assert manifest.safe_name(name) is ok
