"""A build with nothing to make knows it from the last build's stamp; any change builds in full."""

import re

import pytest

from exhibition import catchup, create_app
from exhibition.media import built, copies, manifest, roompanoramas
from tests.support.world import write_image


def counts(runner, *args) -> tuple[int, int, int]:
    """Run `build`; return the images made and kept and the files removed it reports."""
    result = runner.invoke(args=["build", "--jobs", "1", *args])
    assert result.exit_code == 0, result.output
    made = r"Made (\d+) images?, kept (\d+) unchanged(?:, \d+ failed)?, removed (\d+)"
    said = re.search(made, result.output)
    return tuple(int(n) for n in said.groups())


def test_a_build_with_nothing_new_says_what_the_last_kept_without_planning(runner, monkeypatch):
    first = runner.invoke(args=["build", "--jobs", "1"]).output
    monkeypatch.setattr(catchup, "plans", lambda *a: pytest.fail("the images were planned"))
    monkeypatch.setattr(roompanoramas, "build", lambda *a: pytest.fail("the rooms were drawn"))
    again = runner.invoke(args=["build", "--jobs", "1"])
    assert again.exit_code == 0, again.output
    assert "Made 0 images, kept 3 unchanged, removed 0 stale files" in again.output
    rooms = re.search(r"Drew \d+ rooms? in 360°, kept 0 unchanged", first)
    assert rooms and "Drew 0 rooms in 360°, kept 2 unchanged" in again.output


def delete_a_derivative(world, app):
    next(p for p in manifest.folder(app.config).iterdir() if p.suffix == ".avif").unlink()


def leave_a_leftover(world, app):
    (manifest.folder(app.config, drafts=True) / ".abc.tmp").write_text("a stopped build")


def edit_an_image(world, app):
    write_image(world.root / "rooms/01-art/01-first/work.png", color="gold")


def remove_a_room_s_panorama(world, app):
    where = roompanoramas.folder(manifest.folder(app.config))
    next(p for p in where.iterdir() if p.suffix == ".jpg").unlink()


@pytest.mark.parametrize(
    "change, done",
    [
        (delete_a_derivative, (1, 2, 0)),
        (leave_a_leftover, (0, 3, 1)),
        (edit_an_image, (1, 2, 0)),  # its old files are still the second exhibit's
        (remove_a_room_s_panorama, (0, 3, 0)),
    ],
)
def test_any_change_to_the_content_or_the_derivatives_builds_in_full(
    world, app, runner, change, done
):
    counts(runner)
    change(world, app)
    assert counts(runner) == done
    assert all(
        (manifest.folder(app.config) / name).exists()
        for entry in manifest.Catalogue.read(manifest.folder(app.config)).entries.values()
        for name in entry.files()
    )


def test_another_recipe_builds_in_full(world, tmp_path, runner):
    counts(runner)
    folders = {"CACHE_DIR": str(tmp_path / "cache"), "ARCHIVE_DIR": str(tmp_path / "archive")}
    other = create_app({"CONTENT_DIR": str(world.root), "IMAGE_WIDTHS": "300", **folders})
    assert counts(other.test_cli_runner()) == (1, 2, 15)  # two share one picture: made once


def test_a_build_with_a_failed_image_leaves_no_stamp(world, app, runner, monkeypatch):
    def refuse(*args, **kwargs):
        raise ValueError("cannot encode")

    counts(runner)
    edit_an_image(world, app)
    monkeypatch.setattr(copies, "write_copies", refuse)
    assert counts(runner)[:2] == (0, 2)  # the edited image failed
    assert not (manifest.folder(app.config).parent / built.NAME).exists()
    monkeypatch.undo()
    assert counts(runner)[:2] == (1, 2)
