"""Bags and their checks: what `verify` catches and how it reports it."""

from __future__ import annotations

import os

import bagit
import pytest

from exhibition.archive import bag, edition
from tests.support.archives import archive_app, freeze
from tests.support.world import in_three_languages


@pytest.fixture
def folder(tmp_path):
    site = tmp_path / "edition"
    (site / "rooms").mkdir(parents=True)
    (site / "index.html").write_text("<p>lobby</p>")
    (site / "rooms/index.html").write_text("<p>rooms</p>")
    bag.make(site, {"Source-Organization": "Test Museum"})
    return site


def check(folder) -> bag.BagCheck:
    report = bag.BagCheck()
    list(bag.verify(folder, report, threads=2))
    return report


def writable(path):
    os.chmod(path, 0o644)
    return path


def test_a_new_bag_is_rfc_8493_and_valid_to_the_bagit_library(folder):
    assert (folder / "bagit.txt").read_text() == bag.BAGIT_TXT
    found = bagit.Bag(str(folder))
    assert found.version_info == (1, 0)
    assert set(found.algorithms) == {"sha256", "sha512"}
    found.validate()
    assert check(folder).ok and check(folder).files == 6


@pytest.mark.parametrize(
    "change, kind, path",
    [
        (
            lambda f: (f / "data/index.html").write_text("<p>lobbz</p>"),
            "changed",
            "data/index.html",
        ),
        (lambda f: (f / "data/index.html").unlink(), "missing", "data/index.html"),
        (lambda f: (f / "data/extra.html").write_text("x"), "extra", "data/extra.html"),
        (lambda f: (f / "data/rooms/x.png").write_bytes(b"x"), "extra", "data/rooms/x.png"),
        (lambda f: (f / "notes.txt").write_text("x"), "extra", "notes.txt"),
        (
            lambda f: (f / "bag-info.txt").write_text("Source-Organization: Other\n"),
            "changed",
            "bag-info.txt",
        ),
    ],
)
def test_every_kind_of_change_is_caught(folder, change, kind, path):
    change(folder)
    report = check(folder)
    assert not report.ok
    assert getattr(report, kind) == [path]
    assert report.lines() == [f"{kind}: {path}"]


def test_a_one_byte_change_is_caught(folder):
    path = folder / "data/rooms/index.html"
    data = bytearray(path.read_bytes())
    data[3] ^= 1
    path.write_bytes(bytes(data))
    assert check(folder).changed == ["data/rooms/index.html"]


def test_changed_missing_and_extra_are_reported_together(folder):
    (folder / "data/index.html").write_text("changed")
    (folder / "data/rooms/index.html").unlink()
    (folder / "data/new.html").write_text("new")
    report = check(folder)
    assert report.lines() == [
        "changed: data/index.html",
        "missing: data/rooms/index.html",
        "extra: data/new.html",
    ]


def test_a_folder_that_is_no_bag_is_broken(tmp_path):
    report = check(tmp_path)
    assert report.broken and not report.ok
    assert report.lines()[0].startswith("unreadable: ")


@pytest.fixture
def frozen(world, tmp_path):
    app = archive_app(world, tmp_path)
    assert freeze(app).exit_code == 0
    return app, tmp_path / "archive" / "test-1"


def test_verify_passes_an_untouched_edition_and_logs_it(frozen):
    app, folder = frozen
    result = app.test_cli_runner().invoke(args=["verify", "test-1"])
    assert result.exit_code == 0, result.output
    assert "test-1: all" in result.output and "files are as frozen." in result.output
    last = edition.last_check(folder.parent, "test-1")
    assert last["ok"] and last["files"] > 10 and last["changed"] == []


def test_verify_lists_what_changed_and_exits_1(frozen):
    app, folder = frozen
    (writable(folder / "data/about/index.html")).write_text("tampered")
    os.chmod(folder / "data", 0o755)
    (folder / "data/added.html").write_text("added")
    result = app.test_cli_runner().invoke(args=["verify", "--all"])
    assert result.exit_code == 1
    assert "test-1: changed: data/about/index.html" in result.output
    assert "test-1: extra: data/added.html" in result.output
    assert "test-1: 2 problems; the edition is not as frozen." in result.output
    assert "1 of 1 edition failed: test-1" in result.output
    assert edition.last_check(folder.parent, "test-1")["changed"] == ["data/about/index.html"]


def test_verify_covers_the_pages_of_every_language(world, tmp_path):
    app = archive_app(in_three_languages(world), tmp_path)
    assert freeze(app).exit_code == 0
    folder = tmp_path / "archive" / "test-1"
    (writable(folder / "data/ar/rooms/art/first/index.html")).write_text("tampered")
    result = app.test_cli_runner().invoke(args=["verify", "test-1"])
    assert result.exit_code == 1
    assert "test-1: changed: data/ar/rooms/art/first/index.html" in result.output


def test_verify_counts_one_problem_as_one(frozen):
    app, folder = frozen
    (writable(folder / "data/about/index.html")).write_text("tampered")
    result = app.test_cli_runner().invoke(args=["verify", "test-1"])
    assert result.exit_code == 1
    assert "test-1: 1 problem; the edition is not as frozen." in result.output


@pytest.mark.parametrize(
    "args, message",
    [
        (["verify"], "name one EDITION, or pass --all"),
        (["verify", "test-1", "--all"], "name one EDITION, or pass --all"),
        (["verify", "nope"], "there is no edition 'nope'"),
    ],
)
def test_verify_says_what_it_needs(frozen, args, message):
    app, _ = frozen
    result = app.test_cli_runner().invoke(args=args)
    assert result.exit_code == (2 if "EDITION" in message else 1)
    assert message in result.output
