import errno
import os

import pytest
from PIL import Image

from exhibition import derivatives, imaging
from exhibition.loader import load
from exhibition.media import Limits
from tests.support import media_files
from tests.support.world import write_image

RECIPE = derivatives.Recipe(widths=(200, 400, 800))


@pytest.fixture
def out(world, tmp_path):
    """Return the derivatives folder, after giving each exhibit an image of its own."""
    for folder, colour in (("01-art/02-second", "navy"), ("02-music/01-third", "olive")):
        write_image(world.root / "rooms" / folder / "work.png", color=colour)
    return tmp_path / "cache" / "images"


def plan(world, out, recipe=RECIPE, drafts=False):
    exhibition = load(world.root, drafts=True).exhibition  # as `build` loads it
    return derivatives.plan(exhibition, world.root, out, recipe, Limits(), drafts=drafts)


def build(world, out, recipe=RECIPE, processes=0):
    summary = derivatives.Summary()
    steps = list(
        derivatives.build(plan(world, out, recipe), out, processes=processes, summary=summary)
    )
    return summary, steps


def make_draft(world, folder="rooms/01-art/02-second"):
    """Set `draft: true` on an exhibit; return the path of its image."""
    md = world.root / folder / "exhibit.md"
    md.write_text(md.read_text().replace("year: 2018", "draft: true\nyear: 2018"))
    return f"{folder}/work.png"


def test_plan_has_one_job_per_image_with_its_provenance(world, out):
    jobs = plan(world, out)
    assert [job.path for job in jobs] == [
        "rooms/01-art/01-first/work.png",
        "rooms/01-art/02-second/work.png",
        "rooms/02-music/01-third/work.png",
    ]
    assert jobs[0].provenance == imaging.Provenance(
        "Made for the tests", "Licence: CC-BY-4.0", "trainedAlgorithmicMedia"
    )


def test_a_build_makes_every_derivative_and_a_manifest(world, out):
    summary, steps = build(world, out, processes=2)
    assert (summary.made, summary.kept, summary.failed) == (3, 0, [])
    assert {step.status for step in steps} == {"made"}
    catalogue = derivatives.Catalogue.read(out)
    image = load(world.root).exhibition.tour[0].main_image
    entry = catalogue.find(image)
    assert entry.widths == (200, 400, 800)
    assert entry.key in entry.files()[0]
    assert all((out / name).is_file() for name in entry.files())
    assert len(list(out.iterdir())) == 1 + 3 * 9


def test_drafts_images_are_planned_apart_from_the_published_ones(world, out, tmp_path):
    draft = make_draft(world)
    assert draft not in [job.path for job in plan(world, out)]
    drafts = plan(world, tmp_path / "drafts", drafts=True)
    assert [(job.path, job.out) for job in drafts] == [(draft, tmp_path / "drafts")]


def test_a_withdrawn_exhibits_images_leave_the_folder_and_the_manifest(world, out):
    build(world, out)
    path = make_draft(world)
    files = derivatives.Catalogue.read(out).entries[path].files()
    summary, _ = build(world, out)
    assert path not in derivatives.Catalogue.read(out).entries
    assert not any((out / name).exists() for name in files)
    assert (summary.kept, summary.removed) == (2, 9)


def test_a_build_stopped_by_a_full_disk_has_withdrawn_them_already(world, out, monkeypatch):
    build(world, out)
    path = make_draft(world)
    files = derivatives.Catalogue.read(out).entries[path].files()
    write_image(world.root / "rooms/01-art/01-first/work.png", color="gold")  # work to do

    def full(job):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(derivatives, "render", full)
    with pytest.raises(OSError):
        build(world, out)
    assert path not in derivatives.Catalogue.read(out).entries
    assert not any((out / name).exists() for name in files)
    assert "rooms/01-art/01-first/work.png" in derivatives.Catalogue.read(out).entries


def test_an_unchanged_build_reads_nothing(world, out, monkeypatch):
    build(world, out)
    manifest = (out / derivatives.MANIFEST).stat().st_mtime_ns

    def refuse(job):
        raise AssertionError(f"{job.path} was read again")

    monkeypatch.setattr(derivatives, "render", refuse)
    summary, steps = build(world, out)
    assert (summary.made, summary.kept, summary.removed) == (0, 3, 0)
    assert (out / derivatives.MANIFEST).stat().st_mtime_ns == manifest


def test_a_touched_file_with_the_same_bytes_is_kept(world, out):
    build(world, out)
    path = world.root / "rooms/01-art/01-first/work.png"
    os.utime(path, ns=(1, 1))
    summary, _ = build(world, out)
    assert (summary.made, summary.kept) == (0, 3)


def test_a_changed_image_gets_new_names_and_the_old_ones_go(world, out):
    build(world, out)
    image = load(world.root).exhibition.tour[0].main_image
    old = derivatives.Catalogue.read(out).find(image)
    write_image(world.root / "rooms/01-art/01-first/work.png", color="gold")
    summary, _ = build(world, out)
    assert (summary.made, summary.kept, summary.removed) == (1, 2, 9)
    new = derivatives.Catalogue.read(out).find(load(world.root).exhibition.tour[0].main_image)
    assert new.key != old.key
    assert not any((out / name).exists() for name in old.files())


def test_a_changed_recipe_or_credit_makes_new_files(world, out):
    build(world, out)
    summary, _ = build(world, out, derivatives.Recipe(widths=(300,)))
    assert summary.made == 3
    md = world.root / "rooms/01-art/01-first/exhibit.md"
    md.write_text(md.read_text().replace("Made for the tests", "Made again"))
    summary, _ = build(world, out, derivatives.Recipe(widths=(300,)))
    assert (summary.made, summary.kept) == (1, 2)


def test_missing_files_are_made_again(world, out):
    build(world, out)
    victim = next(p for p in out.iterdir() if p.suffix == ".avif")
    victim.unlink()
    summary, _ = build(world, out)
    assert victim.exists()
    assert summary.kept == 3 or summary.made == 1


def test_a_bad_image_fails_alone(world, out):
    jobs = plan(world, out)
    media_files.truncated_jpeg(world.root / "cut.jpg")
    jobs[1] = derivatives.Job(
        jobs[1].path, world.root / "cut.jpg", out, jobs[1].provenance, RECIPE, Limits()
    )
    summary = derivatives.Summary()
    list(derivatives.build(jobs, out, processes=2, summary=summary))
    assert summary.made == 2
    assert [f.path for f in summary.failed] == ["rooms/01-art/02-second/work.png"]
    assert "truncated" in summary.failed[0].message
    assert jobs[1].path not in derivatives.Catalogue.read(out).entries


def test_stale_removal_leaves_other_files_alone(world, out):
    out.mkdir(parents=True)
    (out / "README").write_text("keep me")
    (out / ".abc.tmp").write_text("a stopped build")
    (out / f"{'f' * 20}-200.webp").write_text("stale")
    summary, _ = build(world, out)
    assert (out / "README").exists()
    assert not (out / ".abc.tmp").exists()
    assert not (out / f"{'f' * 20}-200.webp").exists()
    assert summary.removed == 2


def test_the_catalogue_ignores_a_changed_original(world, out):
    build(world, out)
    image = load(world.root).exhibition.tour[0].main_image
    catalogue = derivatives.Catalogue.read(out)
    assert catalogue.find(image) is not None
    changed = type(image)(image.path, image.width, image.height, image.alt, "0000000000")
    assert catalogue.find(changed) is None


@pytest.mark.parametrize("text", ["", "{", '{"pipeline": 1, "images": [{"path": 1}]}', "[]"])
def test_a_broken_manifest_is_an_empty_catalogue(tmp_path, text):
    out = tmp_path / "images"
    out.mkdir(parents=True)
    (out / derivatives.MANIFEST).write_text(text)
    assert derivatives.Catalogue.read(out).entries == {}


def test_catalogues_reread_only_when_the_manifest_changes(world, out):
    catalogues = derivatives.Catalogues(out)
    assert catalogues.current().entries == {}
    build(world, out)
    first = catalogues.current()
    assert len(first.entries) == 3
    assert catalogues.current() is first


def test_a_catalogue_knows_which_entry_each_file_belongs_to(world, out):
    Image.new("RGB", (3200, 2400), "olive").save(world.root / "rooms/01-art/01-first/work.png")
    build(world, out)
    catalogue = derivatives.Catalogue.read(out)
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
    assert catalogue.owners(derivatives.MANIFEST) == []


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("0123456789abcdef0123-640.avif", True),
        ("0123456789abcdef0123-640.jpg", True),
        ("0123456789abcdef0123.dzi", True),
        ("0123456789abcdef0123_files/12/3_4.jpg", True),
        ("0123456789abcdef0123_files/12/3_4.png", True),
        (derivatives.MANIFEST, False),
        ("../manifest.json", False),
        ("0123456789abcdef0123-640.avif/../../x", False),
        ("0123456789ABCDEF0123-640.avif", False),
        ("0123456789abcdef0123_files/../../secret", False),
    ],
)
def test_safe_names(name, ok):
    assert derivatives.safe_name(name) is ok


def test_zoom_for_large_images(world, out):
    Image.new("RGB", (3200, 2400), "olive").save(world.root / "rooms/01-art/01-first/work.png")
    build(world, out)
    image = load(world.root).exhibition.tour[0].main_image
    entry = derivatives.Catalogue.read(out).find(image)
    assert entry.zoom
    assert (out / f"{entry.key}.dzi").is_file()
    assert (out / f"{entry.key}_files" / "12").is_dir()


def test_everything_a_build_makes_can_be_read_by_other_users(world, out):
    # nginx and an app running as another user serve what the build made.
    Image.new("RGB", (3200, 2400), "olive").save(world.root / "rooms/01-art/01-first/work.png")
    build(world, out)
    made = [out, *out.rglob("*")]
    assert any(path.is_dir() and path.name.endswith("_files") for path in made)
    private = [
        str(path.relative_to(out))
        for path in made
        if path.stat().st_mode & (0o005 if path.is_dir() else 0o004) == 0
    ]
    assert private == []
