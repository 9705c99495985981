import dataclasses
import errno
import json
import os
import threading
import time

import pytest
from PIL import Image

from exhibition.loader import load
from exhibition.media import build, copies, manifest
from exhibition.media.probe import Limits
from tests.support import media_files
from tests.support.world import derivatives_folder, write_image

RECIPE = build.Recipe(widths=(200, 400, 800))


@pytest.fixture
def out(world, tmp_path):
    """Return the derivatives folder, after giving each exhibit an image of its own."""
    return derivatives_folder(world, tmp_path)


def plan(world, out, recipe=RECIPE, drafts=False):
    exhibition = load(world.root, drafts=True).exhibition  # as `build` loads it
    return build.plan(exhibition, world.root, out, recipe, Limits(), drafts=drafts)


def run_build(world, out, recipe=RECIPE, processes=0):
    summary = build.Summary()
    steps = list(build.build(plan(world, out, recipe), out, processes=processes, summary=summary))
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
    assert jobs[0].provenance == copies.Provenance(
        "Made for the tests", "Licence: CC-BY-4.0", "trainedAlgorithmicMedia"
    )


def test_a_build_makes_every_derivative_and_a_manifest(world, out):
    summary, steps = run_build(world, out, processes=2)
    assert (summary.made, summary.kept, summary.failed) == (3, 0, [])
    assert {step.status for step in steps} == {"made"}
    catalogue = manifest.Catalogue.read(out)
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
    run_build(world, out)
    path = make_draft(world)
    files = manifest.Catalogue.read(out).entries[path].files()
    summary, _ = run_build(world, out)
    assert path not in manifest.Catalogue.read(out).entries
    assert not any((out / name).exists() for name in files)
    assert (summary.kept, summary.removed) == (2, 9)


def test_a_build_stopped_by_a_full_disk_has_withdrawn_them_already(world, out, monkeypatch):
    run_build(world, out)
    path = make_draft(world)
    files = manifest.Catalogue.read(out).entries[path].files()
    write_image(world.root / "rooms/01-art/01-first/work.png", color="gold")  # work to do

    def full(job):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(build, "build_image", full)
    with pytest.raises(OSError):
        run_build(world, out)
    assert path not in manifest.Catalogue.read(out).entries
    assert not any((out / name).exists() for name in files)
    assert "rooms/01-art/01-first/work.png" in manifest.Catalogue.read(out).entries


def test_one_picture_in_two_exhibits_is_encoded_once(world, out):
    # The same bytes and provenance in two exhibits: one key, so one encode, even
    # with two workers that would otherwise each take one of them at once.
    write_image(world.root / "rooms/01-art/02-second/work.png")  # as 01-first's
    summary, steps = run_build(world, out, processes=2)
    assert (summary.made, summary.kept, summary.failed) == (2, 1, [])
    assert sorted(step.status for step in steps) == ["kept", "made", "made"]
    entries = manifest.Catalogue.read(out).entries
    first, second = (entries[f"rooms/01-art/{n}/work.png"] for n in ("01-first", "02-second"))
    assert first.key == second.key and first.path != second.path
    assert all((out / name).is_file() for name in second.files())


def test_two_builds_at_once_on_one_folder_encode_each_image_once(world, out, monkeypatch):
    encoded, write = [], copies.write_copies

    def slow_write(source, folder, key, **options):
        encoded.append(key)
        time.sleep(0.2)  # long enough for the other build to reach the same image
        return write(source, folder, key, **options)

    monkeypatch.setattr(copies, "write_copies", slow_write)
    alone, _ = run_build(world, tmp := out.parent / "alone", processes=0)
    assert len(encoded) == alone.made and tmp.is_dir()
    encoded.clear()
    builds = [threading.Thread(target=run_build, args=(world, out)) for _ in range(2)]
    for each in builds:
        each.start()
    for each in builds:
        each.join()
    assert sorted(encoded) == sorted(set(encoded)) and len(encoded) == alone.made
    entries = manifest.Catalogue.read(out).entries.values()
    assert all((out / name).is_file() for entry in entries for name in entry.files())


def test_an_unchanged_build_reads_nothing(world, out, monkeypatch):
    run_build(world, out)
    written = (out / manifest.MANIFEST).stat().st_mtime_ns

    def refuse(job):
        raise AssertionError(f"{job.path} was read again")

    monkeypatch.setattr(build, "build_image", refuse)
    summary, steps = run_build(world, out)
    assert (summary.made, summary.kept, summary.removed) == (0, 3, 0)
    assert (out / manifest.MANIFEST).stat().st_mtime_ns == written


def test_a_touched_file_with_the_same_bytes_is_kept(world, out):
    run_build(world, out)
    path = world.root / "rooms/01-art/01-first/work.png"
    os.utime(path, ns=(1, 1))
    summary, _ = run_build(world, out)
    assert (summary.made, summary.kept) == (0, 3)


def test_a_changed_image_gets_new_names_and_the_old_ones_go(world, out):
    run_build(world, out)
    image = load(world.root).exhibition.tour[0].main_image
    old = manifest.Catalogue.read(out).find(image)
    write_image(world.root / "rooms/01-art/01-first/work.png", color="gold")
    summary, _ = run_build(world, out)
    assert (summary.made, summary.kept, summary.removed) == (1, 2, 9)
    new = manifest.Catalogue.read(out).find(load(world.root).exhibition.tour[0].main_image)
    assert new.key != old.key
    assert not any((out / name).exists() for name in old.files())


def test_a_changed_recipe_or_credit_makes_new_files(world, out):
    run_build(world, out)
    summary, _ = run_build(world, out, build.Recipe(widths=(300,)))
    assert summary.made == 3
    md = world.root / "rooms/01-art/01-first/exhibit.md"
    md.write_text(md.read_text().replace("Made for the tests", "Made again"))
    summary, _ = run_build(world, out, build.Recipe(widths=(300,)))
    assert (summary.made, summary.kept) == (1, 2)


def test_missing_files_are_made_again(world, out):
    run_build(world, out)
    victim = next(p for p in out.iterdir() if p.suffix == ".avif")
    victim.unlink()
    summary, _ = run_build(world, out)
    assert victim.exists()
    assert (summary.made, summary.kept) == (1, 2)  # the image that lost a file, alone


def test_a_bad_image_fails_alone(world, out):
    jobs = plan(world, out)
    media_files.truncated_jpeg(world.root / "cut.jpg")
    jobs[1] = build.Job(
        jobs[1].path, world.root / "cut.jpg", out, jobs[1].provenance, RECIPE, Limits()
    )
    summary = build.Summary()
    list(build.build(jobs, out, processes=2, summary=summary))
    assert summary.made == 2
    assert [f.path for f in summary.failed] == ["rooms/01-art/02-second/work.png"]
    assert "truncated" in summary.failed[0].message
    assert jobs[1].path not in manifest.Catalogue.read(out).entries


def test_stale_removal_leaves_other_files_alone(world, out):
    out.mkdir(parents=True)
    (out / "README").write_text("keep me")
    (out / ".abc.tmp").write_text("a stopped build")
    (out / f"{'f' * 20}-200.webp").write_text("stale")
    summary, _ = run_build(world, out)
    assert (out / "README").exists()
    assert not (out / ".abc.tmp").exists()
    assert not (out / f"{'f' * 20}-200.webp").exists()
    assert summary.removed == 2


def test_zoom_for_large_images(world, out):
    Image.new("RGB", (3200, 2400), "olive").save(world.root / "rooms/01-art/01-first/work.png")
    run_build(world, out)
    image = load(world.root).exhibition.tour[0].main_image
    entry = manifest.Catalogue.read(out).find(image)
    assert entry.zoom
    assert (out / f"{entry.key}.dzi").is_file()
    assert (out / f"{entry.key}_files" / "12").is_dir()


def test_everything_a_build_makes_can_be_read_by_other_users(world, out):
    # nginx and an app running as another user serve what the build made.
    Image.new("RGB", (3200, 2400), "olive").save(world.root / "rooms/01-art/01-first/work.png")
    run_build(world, out)
    made = [out, *out.rglob("*")]
    assert any(path.is_dir() and path.name.endswith("_files") for path in made)
    private = [
        str(path.relative_to(out))
        for path in made
        if path.stat().st_mode & (0o005 if path.is_dir() else 0o004) == 0
    ]
    assert private == []


def test_a_job_s_inputs_tell_apart_every_credit_colour_and_recipe(world, out, tmp_path):
    # Derivatives already made keep their names: the inputs are still the hash of the
    # recipe's digest and the provenance's fields as sorted JSON; any change gives new ones.
    job = plan(world, out)[0]
    fields = dataclasses.asdict(job.provenance)
    as_before = job.recipe.digest() + json.dumps(fields, sort_keys=True)
    assert job.inputs == build._hash(as_before)
    changed = [
        dataclasses.replace(job, provenance=dataclasses.replace(job.provenance, **{name: "other"}))
        for name in fields
    ]
    changed += [dataclasses.replace(job, colour="#123456"), dataclasses.replace(job, out=tmp_path)]
    changed += [dataclasses.replace(job, recipe=build.Recipe(widths=(300,)))]
    inputs = [other.inputs for other in changed]
    assert inputs[-2] == job.inputs  # where the files go is not what they are
    del inputs[-2]
    assert len(set(inputs) | {job.inputs}) == len(fields) + 3
