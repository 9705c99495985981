import os
import pickle
import stat
import time

import pytest

from exhibition import atomic, folders, snapshot, store
from exhibition.media.probe import Limits
from exhibition.snapshot import SnapshotCache, code_version, key_of
from exhibition.store import ContentStore
from tests.support.attacks import FOREIGN, planted_pickle


def loaded_store(world, cache, **options) -> ContentStore:
    content = ContentStore(world.root, snapshots=SnapshotCache.in_folder(cache), **options)
    content.load()
    return content


def test_a_second_start_loads_the_snapshot_not_the_files(world, tmp_path, monkeypatch):
    first = loaded_store(world, tmp_path / "cache")
    assert (tmp_path / "cache/content.pickle").is_file()
    monkeypatch.setattr(store, "load", lambda *a, **k: pytest.fail("the files were read"))
    second = loaded_store(world, tmp_path / "cache")
    assert second.exhibition == first.exhibition
    assert second.problems == first.problems


def test_a_changed_file_is_read_afresh(world, tmp_path):
    loaded_store(world, tmp_path / "cache")
    world.exhibit("01-art", "03-new")
    again = loaded_store(world, tmp_path / "cache")
    assert [e.slug for e in again.exhibition.tour] == ["first", "second", "new", "third"]


@pytest.mark.parametrize("options", [{"drafts": True}, {"limits": Limits(max_pixels=1000)}])
def test_other_settings_do_not_use_the_snapshot(world, tmp_path, options, monkeypatch):
    loaded_store(world, tmp_path / "cache")
    calls = []
    real = store.load
    monkeypatch.setattr(store, "load", lambda *a, **k: calls.append(1) or real(*a, **k))
    loaded_store(world, tmp_path / "cache", **options)
    assert calls == [1]


def test_a_torn_snapshot_only_costs_a_full_load(world, tmp_path):
    first = loaded_store(world, tmp_path / "cache")
    (tmp_path / "cache/content.pickle").write_bytes(b"\x80\x05torn")
    assert loaded_store(world, tmp_path / "cache").exhibition == first.exhibition


@pytest.mark.parametrize("foreign", FOREIGN)
def test_a_snapshot_another_user_could_have_written_is_never_unpickled(
    world, tmp_path, caplog, foreign
):
    first = loaded_store(world, tmp_path / "cache")
    path = tmp_path / "cache/content.pickle"
    path.write_bytes(planted_pickle(tmp_path / "ran"))
    foreign(path)
    again = loaded_store(world, tmp_path / "cache")
    assert not (tmp_path / "ran").exists()
    assert again.exhibition == first.exhibition
    assert "content snapshot" in caplog.text and "another user could have written it" in caplog.text
    assert folders.trusted(path.stat())  # written anew, the site's own


def test_the_snapshot_is_never_the_groups_to_write_whatever_the_umask(world, tmp_path, monkeypatch):
    monkeypatch.setattr(atomic, "FILE_MODE", 0o664)  # as open() makes files under umask 002
    loaded_store(world, tmp_path / "cache")
    assert stat.S_IMODE((tmp_path / "cache/content.pickle").stat().st_mode) == 0o644


def test_a_snapshot_under_another_key_is_not_used(tmp_path):
    cache = SnapshotCache(tmp_path / "content.pickle")
    cache.put("one", {"loaded": 1})
    assert cache.get("one") == {"loaded": 1}
    assert cache.get("two") is None


def test_a_snapshot_of_other_code_or_files_is_never_unpickled_past_its_key(tmp_path, monkeypatch):
    cache = SnapshotCache(tmp_path / "content.pickle")
    cache.put("one", {"loaded": 1}, base="this code and folder")
    read = []
    monkeypatch.setattr(snapshot, "unpickled", lambda *a: read.append(1) or pickle.load(a[0]))
    assert cache.find("two", base="other code") == (None, False) and len(read) == 1
    assert cache.find("two", base="this code and folder") == ({"loaded": 1}, False)
    assert cache.find("one") == ({"loaded": 1}, True)


def test_an_unwritable_cache_folder_only_costs_time(world, tmp_path):
    (tmp_path / "cache").write_text("a file where the folder should be")
    content = loaded_store(world, tmp_path / "cache")
    assert [e.slug for e in content.exhibition.tour] == ["first", "second", "third"]


def test_the_snapshot_is_written_whole_or_not_at_all(tmp_path):
    cache = SnapshotCache(tmp_path / "content.pickle")
    cache.put("key", list(range(1000)))
    with (tmp_path / "content.pickle").open("rb") as file:
        assert [pickle.load(file), pickle.load(file)] == [("key", ""), list(range(1000))]
        assert file.read() == b""
    assert [p.name for p in tmp_path.iterdir()] == ["content.pickle"]


def test_the_key_changes_with_files_folder_settings_and_code(tmp_path, monkeypatch):
    base = key_of("files", tmp_path, False)
    assert key_of("files", tmp_path, False) == base
    assert key_of("other files", tmp_path, False) != base
    assert key_of("files", tmp_path / "other", False) != base
    assert key_of("files", tmp_path, True) != base
    package = tmp_path / "package"
    package.mkdir()
    (package / "loader.py").write_text("VERSION = 1\n")
    monkeypatch.setattr(snapshot, "PACKAGE", package)
    code_version.cache_clear()
    try:
        before = key_of("files", tmp_path, False)
        (package / "loader.py").write_text("VERSION = 2\n")
        code_version.cache_clear()
        assert key_of("files", tmp_path, False) != before
    finally:
        code_version.cache_clear()


def test_the_key_changes_when_a_library_that_shapes_the_model_is_upgraded(tmp_path, monkeypatch):
    code_version.cache_clear()
    before = key_of("files", tmp_path, False)
    real = snapshot.metadata.version
    monkeypatch.setattr(
        snapshot.metadata,
        "version",
        lambda name: "99.0" if name == "markdown-it-py" else real(name),
    )
    code_version.cache_clear()
    try:
        assert key_of("files", tmp_path, False) != before
    finally:
        code_version.cache_clear()


def room_files(cache) -> dict[str, int]:
    """Return each room's file in a snapshot's folder of exhibits, with its inode."""
    folder = cache / "content-rooms"
    return {p.name: p.stat().st_ino for p in folder.iterdir() if p.suffix == ".pickle"}


def test_the_exhibits_are_kept_a_file_per_room_apart_from_the_snapshot(world, tmp_path):
    loaded_store(world, tmp_path / "cache")
    assert len(room_files(tmp_path / "cache")) == 2  # art and music
    assert (tmp_path / "cache/content.pickle").stat().st_size < sum(
        p.stat().st_size for p in (tmp_path / "cache/content-rooms").iterdir()
    )


def test_one_edit_writes_its_rooms_file_and_leaves_the_others(world, tmp_path):
    loaded_store(world, tmp_path / "cache")
    before = room_files(tmp_path / "cache")
    world.exhibit("02-music", "01-third", title="Third, retitled")
    again = loaded_store(world, tmp_path / "cache")
    after = room_files(tmp_path / "cache")
    assert len(set(after) - set(before)) == 1  # music's new file
    assert len(after) == 3  # music's old one waits a minute to be swept
    assert all(after[name] == inode for name, inode in before.items())  # none written again
    assert again.exhibition.tour[2].title == "Third, retitled"
    assert loaded_store(world, tmp_path / "cache").exhibition == again.exhibition


def test_each_folder_s_memo_is_kept_with_its_exhibit_in_its_room_s_file(world, tmp_path):
    # What each exhibit folder's files were is most of a snapshot: in the rooms' files,
    # an edit writes one room's again and a small snapshot, and still reads one folder.
    first = loaded_store(world, tmp_path / "cache")
    cache = SnapshotCache.in_folder(tmp_path / "cache")
    names = [name.removesuffix(".pickle") for name in room_files(tmp_path / "cache")]
    held = {k.exhibit.slug: k for name in names for k in cache.room(name)}
    assert set(held) == {e.slug for e in first.exhibition.tour}
    assert all(k.signature and k.version for k in held.values())
    again = loaded_store(world, tmp_path / "cache")  # from the snapshot
    memo = again.loaded.memo.exhibits.values()
    assert {id(k.exhibit) for k in memo} == {id(e) for e in again.exhibition.tour}
    world.exhibit("02-music", "01-third", title="Third, retitled")
    edited = loaded_store(world, tmp_path / "cache")
    assert edited.loaded.memo.reads == 1 and edited.exhibition.tour[2].title == "Third, retitled"


def test_the_rooms_files_are_named_by_the_settings_too(world, tmp_path):
    # A folder's problems depend on the limits too: the memo of other settings is never reused.
    loaded = loaded_store(world, tmp_path / "cache").loaded
    usual, small = (key_of("", world.root, False, limits) for limits in (Limits(), Limits(1, 1)))
    names = set(snapshot.placed(loaded, usual)[1])
    assert len(names) == 2 and set(snapshot.placed(loaded, usual)[1]) == names
    assert not names & set(snapshot.placed(loaded, small)[1])


def test_a_release_with_other_code_never_reads_the_rooms_files_of_another(
    world, tmp_path, monkeypatch
):
    # Exhibits pickled by a release whose model had other fields would load shifted.
    loaded_store(world, tmp_path / "cache")
    before = room_files(tmp_path / "cache")
    monkeypatch.setattr(snapshot, "code_version", lambda: "the next release")
    monkeypatch.setattr(snapshot.SnapshotCache, "room", lambda *a: pytest.fail("an old file read"))
    loaded_store(world, tmp_path / "cache")  # its own key: the files are read
    after = room_files(tmp_path / "cache")
    assert len(after) == 2 * len(before) and set(before) < set(after)  # the old ones are swept
    monkeypatch.undo()
    assert loaded_store(world, tmp_path / "cache").exhibition.tour[0].title == "First"


def test_a_rooms_file_no_snapshot_names_is_swept_after_a_minute(world, tmp_path):
    loaded_store(world, tmp_path / "cache")
    before = room_files(tmp_path / "cache")
    for name in before:
        old = time.time() - snapshot.SWEEP_SECONDS - 5
        os.utime(tmp_path / "cache/content-rooms" / name, (old, old))
    world.exhibit("02-music", "01-third", title="Third, retitled")
    loaded_store(world, tmp_path / "cache")
    after = room_files(tmp_path / "cache")
    assert len(after) == 2 and len(set(before) & set(after)) == 1


def test_a_missing_rooms_file_only_costs_a_full_load(world, tmp_path):
    first = loaded_store(world, tmp_path / "cache")
    for path in (tmp_path / "cache/content-rooms").iterdir():
        path.unlink()
    assert loaded_store(world, tmp_path / "cache").exhibition == first.exhibition


@pytest.mark.parametrize("foreign", FOREIGN)
def test_a_rooms_file_another_user_could_have_written_is_never_unpickled(
    world, tmp_path, caplog, foreign
):
    first = loaded_store(world, tmp_path / "cache")
    path = next((tmp_path / "cache/content-rooms").iterdir())
    path.write_bytes(planted_pickle(tmp_path / "ran"))
    foreign(path)
    again = loaded_store(world, tmp_path / "cache")
    assert not (tmp_path / "ran").exists()
    assert again.exhibition == first.exhibition
    assert "another user could have written it" in caplog.text
