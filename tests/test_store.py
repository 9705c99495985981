import shutil
import threading

import pytest

from exhibition.problems import ContentError
from exhibition.store import ContentStore, fingerprint_of
from tests.conftest import EXHIBIT_MD, LABEL


def test_fingerprint_changes_with_any_file(world):
    before = fingerprint_of(world.root)
    assert fingerprint_of(world.root) == before
    world.write("rooms/01-art/01-first/notes.txt", "x")
    assert fingerprint_of(world.root) != before


def test_reload_only_when_files_change(world):
    store = ContentStore(world.root)
    store.load()
    assert store.version == 1
    assert store.reload_if_changed() is False
    world.exhibit("01-art", "03-new")
    assert store.reload_if_changed() is True
    assert [e.slug for e in store.exhibition.tour] == ["first", "second", "new", "third"]


def test_a_broken_exhibit_keeps_its_last_good_version(world):
    store = ContentStore(world.root)
    store.load()
    world.write(
        "rooms/01-art/01-first/exhibit.md",
        EXHIBIT_MD.format(title="First", label=LABEL).replace("2018", "soon"),
    )
    store.reload_if_changed()
    assert [e.slug for e in store.exhibition.tour] == ["first", "second", "third"]
    messages = [str(p) for p in store.problems]
    assert (
        "rooms/01-art/01-first/exhibit.md: warning: the last good version of this exhibit "
        "is served until the error is fixed" in messages
    )


def test_a_deleted_exhibit_is_gone(world):
    store = ContentStore(world.root)
    store.load()
    shutil.rmtree(world.root / "rooms/01-art/02-second")
    store.reload_if_changed()
    assert [e.slug for e in store.exhibition.tour] == ["first", "third"]


def test_a_broken_exhibition_yaml_keeps_the_last_snapshot(world):
    store = ContentStore(world.root)
    store.load()
    world.write("exhibition.yaml", "title: [\n")
    assert store.reload_if_changed() is False
    assert store.exhibition.title == "Machines that make"
    assert str(store.problems[0]).startswith("exhibition.yaml:2: error: YAML syntax error")


def test_a_broken_exhibition_yaml_at_start_raises(world):
    world.write("exhibition.yaml", "title: [\n")
    with pytest.raises(ContentError):
        ContentStore(world.root).load()


def test_watcher_reloads_in_the_background(world):
    store = ContentStore(world.root)
    store.load()
    store.watch(0.05)
    world.exhibit("02-music", "02-fourth")
    for _ in range(100):
        if len(store.exhibition.tour) == 4:
            break
        threading.Event().wait(0.05)
    assert [e.slug for e in store.exhibition.tour][-1] == "fourth"
