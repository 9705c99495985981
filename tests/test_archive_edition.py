"""What an archive folder holds: editions, their descriptions, the fixity log."""

from __future__ import annotations

import datetime as dt
import hashlib
import os

import pytest

from exhibition import settings
from exhibition.archive import edition
from tests.support.attacks import NOBODY

BAG_INFO = """\
Exhibition-Title: Machines that make
Exhibition-Opens: 2020-09-21
Exhibition-Closes: {closes}
Frozen-At: {frozen}
Exhibition-URL: https://museum.example/
Exhibition-Pages: 7
Payload-Oxum: 12345.67
External-Description: A long line
  that goes on
"""


def write(archive, slug, closes="2021-03-18", frozen="2021-03-19T10:00:00+00:00"):
    """Write a bag with its tag files, as freeze does, and return its folder."""
    folder = archive / slug
    folder.mkdir(parents=True)
    (folder / "bag-info.txt").write_text(BAG_INFO.format(closes=closes, frozen=frozen))
    (folder / "bagit.txt").write_text("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n")
    (folder / "manifest-sha256.txt").write_text(f"{sha256(b'lobby')}  data/index.html\n")
    tag_manifest(folder)
    return folder


def sha256(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def tag_manifest(folder, names=("bagit.txt", "bag-info.txt", "manifest-sha256.txt")):
    """Write a bag's tag manifest of its tag files as they are now."""
    lines = [f"{sha256((folder / name).read_bytes())}  {name}\n" for name in names]
    (folder / "tagmanifest-sha256.txt").write_text("".join(lines))


def test_an_edition_reads_its_bag_info(tmp_path):
    found = edition.Edition.read(write(tmp_path, "2020-21"))
    assert (found.slug, found.title, found.pages) == ("2020-21", "Machines that make", 7)
    assert (found.opens, found.closes) == (dt.date(2020, 9, 21), dt.date(2021, 3, 18))
    assert found.frozen_at == dt.datetime(2021, 3, 19, 10, tzinfo=dt.UTC)
    assert (found.size, found.files, found.base_url) == (12345, 67, "https://museum.example")
    assert found.live_url("rooms/art/index.html") == "https://museum.example/rooms/art/"


def test_tag_lines_continue_on_indented_lines(tmp_path):
    tags = edition.read_tags(write(tmp_path, "a") / "bag-info.txt")
    assert tags["External-Description"] == "A long line that goes on"


def test_editions_are_listed_latest_run_first_and_the_archive_own_files_skipped(tmp_path):
    write(tmp_path, "2019", closes="2019-12-31")
    write(tmp_path, "2021", closes="2021-12-31")
    write(tmp_path, ".freeze-2022-x", closes="2022-12-31")
    (tmp_path / "notes").mkdir()
    assert [e.slug for e in edition.editions(tmp_path)] == ["2021", "2019"]
    assert edition.editions(tmp_path / "absent") == []


def test_finding_a_missing_edition_names_those_there_are(tmp_path):
    write(tmp_path, "2019")
    with pytest.raises(edition.ArchiveError, match=r"no edition 'x'.*\(editions: 2019\)"):
        edition.find(tmp_path, "x")


@pytest.mark.parametrize("slug", ["2020-21", "final", "a1"])
def test_good_edition_names(slug):
    assert edition.check_slug(slug) == slug


@pytest.mark.parametrize("slug", ["", "2020_21", "A", "../x", "a--b", "-a"])
def test_bad_edition_names(slug):
    with pytest.raises(edition.ArchiveError, match="not a valid edition name"):
        edition.check_slug(slug)


def test_the_fixity_log_keeps_every_check_and_gives_the_last(tmp_path):
    assert edition.last_check(tmp_path, "a") is None
    assert edition.record_check(tmp_path, "a", {"checked": "1", "ok": True})
    assert edition.record_check(tmp_path, "a", {"checked": "2", "ok": False})
    assert edition.last_check(tmp_path, "a") == {"edition": "a", "checked": "2", "ok": False}
    assert len((tmp_path / ".fixity/a.jsonl").read_text().splitlines()) == 2


def test_read_only_trees_can_still_be_removed(tmp_path):
    folder = write(tmp_path, "a")
    (folder / "data/rooms").mkdir(parents=True)
    (folder / "data/rooms/x.html").write_text("x")
    edition.make_read_only(folder)
    assert not os.stat(folder / "data/rooms").st_mode & 0o222
    edition.remove_tree(folder)
    assert not folder.exists()


@pytest.mark.parametrize("value", [None, ""])
def test_the_archive_folder_defaults_to_the_instance_folder_not_the_content(
    tmp_path, monkeypatch, value
):
    monkeypatch.chdir(tmp_path)
    config = {"CONTENT_DIR": "content"} | ({} if value is None else {"ARCHIVE_DIR": value})
    settings.apply(config)
    assert edition.archive_dir(config) == tmp_path / "instance/archive"
    config["ARCHIVE_DIR"] = str(tmp_path / "elsewhere")
    assert edition.archive_dir(config) == tmp_path / "elsewhere"


def tag_an_outside_file(folder):
    """List a file outside the bag in its tag manifest, with its true digest."""
    (folder.parent / "secret").write_text("")
    with open(folder / "tagmanifest-sha256.txt", "a") as tags:
        tags.write(f"{sha256(b'')}  ../secret\n")


# Ways an edition stops being whole by its tag manifest.
NOT_WHOLE = {
    "no-tag-manifest": lambda folder: (folder / "tagmanifest-sha256.txt").unlink(),
    "bag-info-changed": lambda folder: (folder / "bag-info.txt").write_text(
        BAG_INFO.format(closes="2030-01-01", frozen="2021-03-19T10:00:00+00:00")
    ),
    "manifest-changed": lambda folder: (folder / "manifest-sha256.txt").write_text(
        "0  data/evil.html\n"
    ),
    "manifest-not-tagged": lambda folder: tag_manifest(folder, names=("bagit.txt", "bag-info.txt")),
    "tagged-file-outside": tag_an_outside_file,
    "tagged-file-missing": lambda folder: (folder / "bagit.txt").unlink(),
}
# Ways an edition comes to be one another user could have written.
NOT_OURS = {
    "folder-of-another-user": lambda folder: os.chown(folder, NOBODY, NOBODY),
    "folder-anyone-writes": lambda folder: os.chmod(folder, 0o777),
    "file-of-another-user": lambda folder: os.chown(folder / "bag-info.txt", NOBODY, NOBODY),
    "file-anyone-writes": lambda folder: os.chmod(folder / "manifest-sha256.txt", 0o666),
}


def listed_beside_a_forged_one(tmp_path, forge) -> list[str]:
    """Write editions 2019 and 2021, forge 2021; return the slugs the archive lists."""
    write(tmp_path, "2019", closes="2019-12-31")
    forge(write(tmp_path, "2021", closes="2021-12-31"))
    return [e.slug for e in edition.editions(tmp_path)]


@pytest.mark.parametrize("forge", NOT_WHOLE.values(), ids=list(NOT_WHOLE))
def test_only_editions_whole_by_their_tag_manifest_are_listed(tmp_path, forge):
    assert listed_beside_a_forged_one(tmp_path, forge) == ["2019"]


@pytest.mark.parametrize("forge", NOT_OURS.values(), ids=list(NOT_OURS))
def test_an_edition_another_user_could_have_written_is_not_listed(tmp_path, forge):
    assert listed_beside_a_forged_one(tmp_path, forge) == ["2019"]


def test_an_edition_listed_carries_its_manifest_digest(tmp_path):
    folder = write(tmp_path, "2019")
    (found,) = edition.editions(tmp_path)
    digest = sha256((folder / "manifest-sha256.txt").read_bytes())
    assert found.manifest_sha256 == digest
    assert edition.read_manifest(folder / "manifest-sha256.txt", digest) == {
        "index.html": sha256(b"lobby")
    }
    assert edition.read_manifest(folder / "manifest-sha256.txt", "0" * 64) == {}


def test_every_bag_is_listed_for_verify_to_report_on(tmp_path):
    write(tmp_path, "2019", closes="2019-12-31")
    (write(tmp_path, "2021", closes="2021-12-31") / "tagmanifest-sha256.txt").unlink()
    assert [e.slug for e in edition.editions(tmp_path, every=True)] == ["2021", "2019"]
