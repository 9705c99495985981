"""Faults a museum's server meets: a killed worker, a killed build, a full disk.

Real parts only: a real gunicorn and real signals, `build` and `freeze` run
as commands in their own process groups and killed with SIGKILL, and a real
tmpfs filled to the last byte. A killed freeze is proven in
tests/test_archive_freeze.py, and Redis stopping under load in
tests/test_scaleout.py. docs/resilience.md gives the figures.
"""

from __future__ import annotations

import contextlib
import http.client
import io
import os
import re
import signal
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from exhibition import create_app
from tests.support import ROOT, servers
from tests.support.archives import command_environment
from tests.support.connections import connections
from tests.support.kills import FLASK, Work, kill_during, kill_points, span
from tests.support.waiting import wait_for
from tests.support.world import make_world, write_image

THREADS = 4  # gunicorn.conf.py's threads per worker
DERIVATIVE = re.compile(r"/derivatives/[0-9a-f]{20}(?:-\d+\.(?:avif|webp|jpg)|\.dzi)")
SERVED = 3 * 2 * 3 + 1  # three images in two widths and three formats; one large enough to zoom
LEFTOVER = re.compile(r".*\.tmp|\.tiles-.*|\.freeze-.*|\.old-.*")


def small_world(world):
    """Give the test world distinct images, one large enough for zoom tiles."""
    art = world.root / "rooms/01-art"
    write_image(art / "01-first/work.png", size=(3000, 2000), color="navy")
    write_image(art / "02-second/work.png", size=(1600, 1200), color="olive")
    write_image(world.root / "rooms/02-music/01-third/work.png", size=(900, 1200), color="teal")
    return world


@pytest.fixture
def env(world, tmp_path) -> dict:
    """Return the environment of commands on the small world: two widths keep builds short."""
    small_world(world)
    return {**command_environment(world, tmp_path), "EXHIBITION_IMAGE_WIDTHS": "160,320"}


def flask(env: dict, *args: str) -> subprocess.CompletedProcess:
    """Run a flask command to its end; return what it did and said."""
    return subprocess.run(
        [*FLASK, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def leftovers(folder: Path) -> list[str]:
    """Return the temporary files and folders a stopped build or freeze left under a folder."""
    return sorted(
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if LEFTOVER.fullmatch(path.name)
    )


def app_of(env: dict):
    """Return the app a command with this environment runs, to look at its pages."""
    settings = {k.removeprefix("EXHIBITION_"): v for k, v in env.items() if k.startswith("EXHI")}
    settings["IMAGE_WIDTHS"] = settings["IMAGE_WIDTHS"].split(",")
    return create_app({"TESTING": True, **settings})


def referenced_derivatives(env: dict) -> dict[str, list[str]]:
    """Return the derivative URLs each exhibit page references, by page."""
    app = app_of(env)
    client = app.test_client()
    found = {}
    for exhibit in app.extensions["exhibition"].exhibition.tour:
        page = f"/rooms/{exhibit.room_slug}/{exhibit.slug}/"
        html = client.get(page).get_data(as_text=True)
        found[page] = sorted(set(DERIVATIVE.findall(html)))
    return found


def assert_served_and_decodable(env: dict, expected: dict | None = None) -> int:
    """Check every derivative the pages reference answers 200 and decodes; return how many.

    With `expected`, those pages must reference those derivatives still.
    """
    client = app_of(env).test_client()
    pages = referenced_derivatives(env)
    if expected is not None:
        pages = {page: pages[page] for page in expected}
        assert pages == expected
    assert all(pages.values()), f"pages without derivatives: {pages}"
    urls = {url for found in pages.values() for url in found}
    for url in urls:
        with client.get(url) as response:
            assert response.status_code == 200, url
            body = response.data
        if url.endswith(".dzi"):
            assert b"<Image" in body
            assert_tiles_decode(Path(env["EXHIBITION_CACHE_DIR"]) / "images", url)
        else:
            Image.open(io.BytesIO(body)).load()
    return len(urls)


def assert_tiles_decode(images: Path, dzi_url: str) -> None:
    """Check each zoom level of a DZI has its first tile, and that it decodes."""
    folder = images / (dzi_url.rsplit("/", 1)[1].removesuffix(".dzi") + "_files")
    levels = sorted(folder.iterdir(), key=lambda level: int(level.name))
    assert [int(level.name) for level in levels] == list(range(len(levels)))
    for level in levels:
        Image.open(next(level.glob("0_0.*"))).load()


# A worker killed with SIGKILL under load: the arbiter replaces it; only its requests fail.


def served(world, tmp_path: Path) -> servers.Service:
    """Return gunicorn serving the world, two workers, rendering every request."""
    # Each request renders, so requests stay in flight.
    return servers.gunicorn(tmp_path, {"CONTENT_DIR": world.root, "CACHE_TYPE": "NullCache"})


def connections_held(pid: int, port: int) -> int:
    """Return how many TCP connections to the server's port a process holds open."""
    inodes = {connection.inode for connection in connections(port)}
    held = 0
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        with contextlib.suppress(OSError):
            held += os.readlink(fd) in inodes
    return held


def stopped(pid: int) -> bool:
    """Tell whether every thread of a process is stopped."""
    tasks = Path(f"/proc/{pid}/task").iterdir()
    return all((task / "stat").read_text().rsplit(")", 1)[1].split()[0] == "T" for task in tasks)


def freeze_holding_requests(pid: int, port: int) -> int:
    """Stop a worker (SIGSTOP) at a moment it holds requests; return how many it holds."""

    def stopped_holding() -> int:
        os.kill(pid, signal.SIGSTOP)
        assert wait_for(lambda: stopped(pid), 10)
        held = connections_held(pid, port)
        if not held:
            os.kill(pid, signal.SIGCONT)
        return held

    held = wait_for(stopped_holding, 30, interval=0.01)
    assert held, f"worker {pid} never held a request"
    return held


@dataclass(frozen=True)
class Request:
    """One request a client made: when, and whether it got its page."""

    started: float
    ok: bool
    said: str


class Clients:
    """A few clients asking for pages without pause, each request on a new connection."""

    def __init__(self, port: int, paths: list[str], count: int):
        self.port, self.paths, self.running = port, paths, True
        self.requests: list[Request] = []
        self.threads = [threading.Thread(target=self.run, daemon=True) for _ in range(count)]
        for thread in self.threads:
            thread.start()

    def run(self) -> None:
        """Ask for the pages in turn until stopped; record every request."""
        number = 0
        while self.running:
            number += 1
            started = time.monotonic()
            ok, said = self.ask(self.paths[number % len(self.paths)])
            self.requests.append(Request(started, ok, said))

    def ask(self, path: str) -> tuple[bool, str]:
        """Request one page; return whether it came whole, and what was said."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request("GET", path, headers={"Connection": "close"})
            response = connection.getresponse()
            response.read()
            return response.status == 200, str(response.status)
        except (OSError, http.client.HTTPException) as error:
            return False, repr(error)
        finally:
            connection.close()

    def wait_for(self, more: int) -> None:
        """Return once `more` requests than now have been made."""
        target = len(self.requests) + more
        assert wait_for(lambda: len(self.requests) >= target, 60)

    def stop(self) -> list[Request]:
        """Stop every client and return every request made."""
        self.running = False
        for thread in self.threads:
            thread.join(timeout=60)
        return self.requests


PAGES = ["/", "/rooms/art/", "/rooms/art/first/", "/rooms/music/third/", "/about/"]


def test_a_killed_worker_is_replaced_and_only_its_requests_fail(world, tmp_path):
    with served(world, tmp_path) as server:
        port, master = server.port, server.pid
        clients = Clients(port, PAGES, count=2 * THREADS)
        clients.wait_for(100)
        victim, survivor = servers.workers_of(master)
        held = freeze_holding_requests(victim, port)
        killed_at = time.monotonic()
        os.kill(victim, signal.SIGKILL)
        assert wait_for(lambda: len(set(servers.workers_of(master)) - {victim, survivor}) == 1, 30)
        clients.wait_for(100)
        # With the old worker stopped, only the new one can answer: it serves.
        os.kill(survivor, signal.SIGSTOP)
        try:
            assert all(clients.ask(page)[0] for page in PAGES)
        finally:
            os.kill(survivor, signal.SIGCONT)
        requests = clients.stop()
    failed = [request for request in requests if not request.ok]
    print(f"{len(requests)} requests, {held} in flight on the killed worker, {len(failed)} failed")
    assert len(failed) <= held, [request.said for request in failed]
    assert all(request.started < killed_at for request in failed)
    assert sum(request.started > killed_at for request in requests) >= 100


# `build` killed at twenty points of its work: the next run completes and every image is served.


def build_work(env: dict) -> Work:
    """Return the build of a world: writing once its derivatives folder has a file, done with
    its manifest (written last, once every image is made)."""
    images = Path(env["EXHIBITION_CACHE_DIR"]) / "images"
    return Work(
        ("build",),
        env,
        writing=lambda: images.is_dir() and any(images.iterdir()),
        done=lambda: (images / "manifest.json").exists(),
        clear=Path(env["EXHIBITION_CACHE_DIR"]),
    )


@pytest.fixture(scope="module")
def build_seconds(tmp_path_factory) -> float:
    """Measure a cold build of the small world, from its first file to its manifest."""
    folder = tmp_path_factory.mktemp("measure-build")
    world = small_world(make_world(folder / "content"))
    env = {**command_environment(world, folder), "EXHIBITION_IMAGE_WIDTHS": "160,320"}
    return span(build_work(env))


@pytest.mark.parametrize("fraction", kill_points("build"), ids=lambda f: f"{f:.0%}")
def test_a_build_killed_at_any_point_is_finished_by_the_next(env, build_seconds, fraction):
    cache = Path(env["EXHIBITION_CACHE_DIR"])
    kill_during(build_work(env), fraction, build_seconds)
    assert not (cache / "images/manifest.json").exists()  # killed before the build was done
    done = flask(env, "build")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert leftovers(cache) == []
    assert assert_served_and_decodable(env) == SERVED


# A full disk: a small tmpfs, filled to its last byte after a first good run.


@contextlib.contextmanager
def small_disk(folder: Path, megabytes: int):
    """Mount a tmpfs of a few megabytes on a folder; skip the test where mounting is refused."""
    folder.mkdir(parents=True, exist_ok=True)
    command = ["mount", "-t", "tmpfs", "-o", f"size={megabytes}m,mode=0755", "tmpfs", str(folder)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=30)
    except FileNotFoundError:
        done = None
    if done is None or done.returncode != 0:
        said = done.stderr.strip() if done else "there is no mount command"
        pytest.skip(f"a full disk needs a tmpfs, and mounting one was refused: {said}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "--lazy", str(folder)], check=True, timeout=30)


def fill(disk: Path) -> None:
    """Write a file that takes every byte still free on a disk."""
    with open(disk / "filler", "wb", buffering=0) as filler:
        for size in (1 << 20, 4096, 1):
            with contextlib.suppress(OSError):
                while True:
                    filler.write(bytes(size))
    assert os.statvfs(disk).f_bavail == 0


def tree_bytes(folder: Path) -> dict[str, bytes]:
    """Return every file under a folder by relative path, the filler left out."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != "filler"
    }


def assert_a_clear_disk_full_error(done: subprocess.CompletedProcess, setting: str) -> None:
    """Check a command stopped with one sentence about the full disk, not a traceback."""
    assert done.returncode != 0
    assert "Traceback" not in done.stderr, done.stderr
    assert "is full" in done.stderr and setting in done.stderr, done.stderr


def test_a_full_disk_stops_the_build_and_keeps_the_derivatives_served(env, world, tmp_path):
    with small_disk(tmp_path / "cache", 8) as disk:
        assert flask(env, "build").returncode == 0
        before, served = tree_bytes(disk / "images"), referenced_derivatives(env)
        write_image(world.root / "rooms/02-music/01-third/work.png", (900, 1200), "orange")
        fill(disk)
        done = flask(env, "build")
        assert_a_clear_disk_full_error(done, "EXHIBITION_CACHE_DIR")
        assert tree_bytes(disk / "images") == before
        unchanged = {page: urls for page, urls in served.items() if "third" not in page}
        assert assert_served_and_decodable(env, unchanged) == len(
            {url for urls in unchanged.values() for url in urls}
        )
        (disk / "filler").unlink()
        assert flask(env, "build").returncode == 0
        assert leftovers(disk) == []
        assert_served_and_decodable(env)


def test_a_full_disk_stops_the_freeze_and_keeps_the_editions(env, tmp_path):
    assert flask(env, "build").returncode == 0
    with small_disk(tmp_path / "archive", 8) as archive:
        assert flask(env, "freeze").returncode == 0
        before = tree_bytes(archive / "test-1")
        fill(archive)
        done = flask(env, "freeze", "--edition", "test-2")
        assert_a_clear_disk_full_error(done, "EXHIBITION_ARCHIVE_DIR")
        assert tree_bytes(archive / "test-1") == before
        assert leftovers(archive) == []
        verified = flask(env, "verify", "--all")
        assert verified.returncode == 0, verified.stderr
        (archive / "filler").unlink()
        assert flask(env, "freeze", "--edition", "test-2").returncode == 0
