import contextlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from exhibition.problems import ContentError
from exhibition.store import ContentStore, fingerprint_of
from tests.conftest import EXHIBIT_MD, LABEL, ROOT
from tests.live import _free_port, _wait_until_up


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


@contextlib.contextmanager
def gunicorn(content: Path, tmp_path: Path, **settings):
    """Serve a content folder with a real gunicorn of two workers; yield (base URL, process)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("EXHIBITION_")}
    env.update({f"EXHIBITION_{k}": str(v) for k, v in settings.items()})
    env.update(EXHIBITION_CONTENT_DIR=str(content), EXHIBITION_CACHE_DIR=str(tmp_path / "cache"))
    env.update(EXHIBITION_ARCHIVE_DIR=str(tmp_path / "archive"))
    port = _free_port()
    command = [sys.executable, "-m", "gunicorn", "exhibition:create_app()", "--workers", "2"]
    command += ["--bind", f"127.0.0.1:{port}", "--graceful-timeout", "5"]
    log = tmp_path / "gunicorn.log"
    with open(log, "wb") as output:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=output)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base + "/", server, log)
        yield base, server
    finally:
        server.terminate()
        server.wait(timeout=30)


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def wait_for(condition, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


class Hammer(threading.Thread):
    """Request pages without pause until stopped; record every status."""

    def __init__(self, urls):
        super().__init__(daemon=True)
        self.urls, self.statuses, self.running = urls, [], True

    def run(self):
        while self.running:
            for url in self.urls:
                try:
                    self.statuses.append(status(url))
                except OSError as error:  # a refused or dropped connection
                    self.statuses.append(repr(error))

    def stop(self):
        self.running = False
        self.join(timeout=30)
        return self.statuses


def test_a_running_server_follows_edits(world, tmp_path):
    with gunicorn(world.root, tmp_path, RELOAD_SECONDS=0.2) as (base, _):
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


def test_hup_reloads_workers_without_failing_a_request(world, tmp_path):
    with gunicorn(world.root, tmp_path) as (base, server):
        new = f"{base}/rooms/music/fresh/"
        world.exhibit("02-music", "02-fresh")
        assert status(new) == 404  # no polling: content waits for the signal
        hammer = Hammer([f"{base}/", f"{base}/rooms/art/first/"])
        hammer.start()
        server.send_signal(signal.SIGHUP)
        assert wait_for(lambda: all(status(new) == 200 for _ in range(6)), 20)
        statuses = hammer.stop()
    assert statuses and set(statuses) == {200}, sorted(set(map(str, statuses)))


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


def test_a_new_store_reuses_the_snapshot_of_other_files(world, tmp_path):
    from exhibition.snapshot import SnapshotCache

    snapshots = SnapshotCache(tmp_path / "content.pickle")
    ContentStore(world.root, snapshots=snapshots).load()
    world.exhibit("01-art", "02-second", title="Edited")
    store = ContentStore(world.root, snapshots=snapshots)  # as `check` after one edit
    store.load()
    assert store.loaded.memo.reads == 1
    assert store.exhibition.tour[1].title == "Edited"
