import os
import shutil
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from exhibition.problems import ContentError
from exhibition.store import ContentStore, fingerprint_of
from tests.support import ROOT
from tests.support.load import Hammer, status
from tests.support.servers import gunicorn
from tests.support.waiting import wait_for
from tests.support.world import EXHIBIT_MD, LABEL


def test_fingerprint_changes_with_any_file(world):
    before = fingerprint_of(world.root)
    assert fingerprint_of(world.root) == before
    world.write("rooms/01-art/01-first/notes.txt", "x")
    assert fingerprint_of(world.root) != before


def test_fingerprint_walks_each_folder_once_whatever_links_loop(world):
    (world.root / "rooms/01-art/up").symlink_to("..")
    (world.root / "rooms/back").symlink_to("../rooms")
    before = fingerprint_of(world.root)  # returns: a walk that looped would never end
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


def test_each_language_is_translated_once_per_snapshot(world):
    world.write(
        "exhibition.yaml",
        world.root.joinpath("exhibition.yaml").read_text() + "languages: [en, fr]\n",
    )
    world.write("rooms/01-art/01-first/exhibit.fr.md", "---\ntitle: Premier\n---\n")
    store = ContentStore(world.root)
    store.load()
    french = store.in_language(store.exhibition, "fr")
    assert french.tour[0].title == "Premier" and french.language == "fr"
    assert store.in_language(store.exhibition, "fr") is french
    assert store.in_language(store.exhibition, "en") is store.exhibition
    assert store.in_language(store.exhibition, None) is store.exhibition
    world.write("rooms/01-art/01-first/exhibit.fr.md", "---\ntitle: Le premier\n---\n")
    assert store.reload_if_changed() is True
    assert store.in_language(store.exhibition, "fr").tour[0].title == "Le premier"


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
    wait_for(lambda: len(store.exhibition.tour) == 4, 5)
    assert [e.slug for e in store.exhibition.tour][-1] == "fourth"


def test_a_running_server_follows_edits(world, tmp_path):
    with gunicorn(tmp_path, {"CONTENT_DIR": world.root, "RELOAD_SECONDS": 0.2}) as server:
        base = server.base
        first, second = f"{base}/rooms/art/first/", f"{base}/rooms/art/second/"
        new = f"{base}/rooms/music/fresh/"
        assert (status(first), status(second), status(new)) == (200, 200, 404)
        hammer = Hammer([first, f"{base}/", f"{base}/rooms/art/"])
        hammer.start()
        world.exhibit("02-music", "02-fresh")
        broken = EXHIBIT_MD.format(title="First", label=LABEL).replace("year: 2018", "year: soon")
        world.write("rooms/01-art/01-first/exhibit.md", broken)
        shutil.rmtree(world.root / "rooms/01-art/02-second")
        # both workers see the new exhibit and lose the deleted one
        assert wait_for(lambda: all(status(new) == 200 for _ in range(6)))
        assert wait_for(lambda: all(status(second) == 404 for _ in range(6)))
        statuses = hammer.stop()
        with urllib.request.urlopen(first, timeout=10) as response:
            assert "First" in response.read().decode()  # the last good version
    assert set(statuses) == {200}, sorted(set(map(str, statuses)))


def test_probes_are_kept_for_unchanged_files(world, tmp_path, monkeypatch):
    from exhibition import exhibits
    from exhibition.media.probecache import ProbeCache

    ContentStore(world.root, probes=ProbeCache.in_folder(tmp_path / "cache")).load()
    assert (tmp_path / "cache/probes.json").is_file()
    calls = []
    real = exhibits.probe_image
    monkeypatch.setattr(exhibits, "probe_image", lambda *a: calls.append(a) or real(*a))
    store = ContentStore(world.root, probes=ProbeCache.in_folder(tmp_path / "cache"))
    store.load()
    assert calls == []  # a fresh start reads the probes from the cache
    world.exhibit("01-art", "02-second")  # writes its image again
    store.reload_if_changed()
    assert len(calls) == 1
    assert store.exhibition.tour[1].main_image.width == 1600


def test_an_edit_reloads_only_its_exhibit_and_keeps_the_others(world):
    store = ContentStore(world.root)
    store.load()
    before = store.exhibition
    world.exhibit("01-art", "02-second", title="Edited")
    assert store.reload_if_changed() is True
    after = store.exhibition
    assert after.tour[1].title == "Edited"
    assert after.tour[0] is before.tour[0] and after.tour[2] is before.tour[2]
    assert after.rooms[1] == before.rooms[1]
    assert store.loaded.memo.reads == 1
    assert after.version != before.version


def test_a_file_edited_in_place_deep_in_an_exhibit_folder_is_read_again(world):
    # Its folders' times do not change: the file's own, found by the walk, tell.
    world.write("rooms/01-art/02-second/sub/transcript.txt", "First words.\n")
    store = ContentStore(world.root)
    store.load()
    path = world.root / "rooms/01-art/02-second/sub/transcript.txt"
    folders = [os.stat(p).st_mtime_ns for p in (path.parent, path.parent.parent)]
    with path.open("a") as file:
        file.write("More words.\n")
    assert folders == [os.stat(p).st_mtime_ns for p in (path.parent, path.parent.parent)]
    assert store.reload_if_changed() is True
    assert store.loaded.memo.reads == 1


FROM_SNAPSHOT = """
import sys
from exhibition.snapshot import SnapshotCache
from exhibition.store import ContentStore
store = ContentStore(sys.argv[1], snapshots=SnapshotCache.in_folder(sys.argv[2]))
store.load()
print(len(store.exhibition.tour), *(name in sys.modules for name in sys.argv[3:]))
"""


def test_a_store_that_finds_its_snapshot_never_imports_what_reads_the_files(world, tmp_path):
    # `check` with nothing changed: the loader, and the Markdown parser with it, stay unloaded.
    from exhibition.snapshot import SnapshotCache

    ContentStore(world.root, snapshots=SnapshotCache.in_folder(tmp_path / "cache")).load()
    modules = ["exhibition.loader", "exhibition.exhibits", "markdown_it"]
    command = [sys.executable, "-c", FROM_SNAPSHOT, str(world.root), str(tmp_path / "cache")]
    said = subprocess.run([*command, *modules], capture_output=True, text=True, cwd=ROOT)
    assert said.stdout.split() == ["3", "False", "False", "False"], said.stderr
    world.exhibit("01-art", "02-second", title="Edited")  # then the files are read
    said = subprocess.run([*command, *modules], capture_output=True, text=True, cwd=ROOT)
    assert said.stdout.split() == ["3", "True", "True", "True"], said.stderr


def test_a_new_store_reuses_the_snapshot_of_other_files(world, tmp_path):
    from exhibition.snapshot import SnapshotCache

    snapshots = SnapshotCache(tmp_path / "content.pickle")
    ContentStore(world.root, snapshots=snapshots).load()
    world.exhibit("01-art", "02-second", title="Edited")
    store = ContentStore(world.root, snapshots=snapshots)  # as `check` after one edit
    store.load()
    assert store.loaded.memo.reads == 1
    assert store.exhibition.tour[1].title == "Edited"


def test_an_edited_translation_alone_changes_its_page_after_a_reload(world, tmp_path):
    from exhibition import create_app
    from tests.support.world import EXHIBITION_YAML

    world.write("exhibition.yaml", EXHIBITION_YAML + "languages: [en, fr]\n")
    world.write("rooms/01-art/01-first/exhibit.fr.md", "---\ntitle: Premier\n---\n")
    settings = {"CONTENT_DIR": str(world.root), "CACHE_DIR": str(tmp_path / "cache")}
    app = create_app({"TESTING": True, **settings})
    client = app.test_client()
    assert "Premier" in client.get("/fr/rooms/art/first/").get_data(as_text=True)
    world.write("rooms/01-art/01-first/exhibit.fr.md", "---\ntitle: Le premier\n---\n")
    assert app.extensions["exhibition"].reload_if_changed() is True
    assert app.extensions["exhibition"].loaded.memo.reads == 1
    page = client.get("/fr/rooms/art/first/").get_data(as_text=True)
    assert "Le premier" in page


def test_a_store_loaded_when_asked_reads_the_files_on_first_use(world):
    content = ContentStore(world.root)
    content.load_when_asked()
    assert not content.has_loaded
    assert [e.slug for e in content.exhibition.tour] == ["first", "second", "third"]
    assert content.has_loaded and content.version == 1


def test_a_store_loaded_when_asked_says_what_breaks_it(world):
    world.write("exhibition.yaml", "title: [unclosed\n")
    content = ContentStore(world.root)
    content.load_when_asked()
    assert content.loaded is None
    assert any(p.path == "exhibition.yaml" for p in content.problems)
