"""Faults a museum's server meets: a killed worker, a killed build or freeze, a full disk.

Real parts only: a real gunicorn and real signals, `build` and `freeze` run
as commands in their own process groups and killed with SIGKILL, and a real
tmpfs filled to the last byte. Redis stopping under load is proven in
tests/test_scaleout.py. docs/resilience.md gives the figures.
"""

from __future__ import annotations

import contextlib
import http.client
import io
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from exhibition import create_app
from exhibition.archive import edition
from tests.support import ROOT, servers
from tests.support.archives import command_environment, freeze_again_and_check
from tests.support.connections import connections
from tests.support.waiting import wait_for
from tests.support.world import make_world, write_image

FLASK = [sys.executable, "-m", "flask", "--app", "exhibition"]
SEED = 20261124  # the kill points below follow from it, so a failing one comes back
POINTS = 20
THREADS = 4  # gunicorn.conf.py's threads per worker
DERIVATIVE = re.compile(r"/derivatives/[0-9a-f]{20}(?:-\d+\.(?:avif|webp|jpg)|\.dzi)")
LEFTOVER = re.compile(r".*\.tmp|\.tiles-.*|\.freeze-.*|\.old-.*")


def kill_points(name: str) -> list[float]:
    """Return POINTS fractions of a run, one drawn at random in each twentieth of it."""
    rng = random.Random(f"{SEED}-{name}")
    return [(number + rng.random()) / POINTS for number in range(POINTS)]


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


def timed(env: dict, *args: str, clear: Path | None = None) -> float:
    """Run a command to its end three times and return the median seconds; fail if it fails.

    `clear` is removed before each run, so each starts from nothing.
    """
    runs = []
    for _ in range(3):
        if clear:
            edition.remove_tree(clear)  # an edition is read-only
        started = time.monotonic()
        done = flask(env, *args)
        assert done.returncode == 0, done.stderr
        runs.append(time.monotonic() - started)
    return sorted(runs)[1]


def run_and_kill(env: dict, args: list[str], delay: float) -> float | None:
    """Start a command in its own process group and SIGKILL the group after `delay` seconds.

    Return None if it was killed, or the seconds it took if it had finished by then.
    """
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    started = time.monotonic()
    process = subprocess.Popen([*FLASK, *args], cwd=ROOT, env=env, start_new_session=True, **quiet)
    try:
        process.wait(timeout=delay)
        return time.monotonic() - started
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # the command and every worker it forked
        process.wait()
        return None


def kill_at(env: dict, args: list[str], fraction: float, seconds: float, clear: Path) -> bool:
    """Kill a command at a fraction of its measured run; return False if it always finished first.

    A run faster than the one measured (the machine got less busy) is run
    again from the start, `clear` removed, and killed at that fraction of its own time.
    """
    for _ in range(3):
        took = run_and_kill(env, args, fraction * seconds)
        if took is None:
            return True
        edition.remove_tree(clear)
        seconds = took
    return False


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


def what_was_left(images: Path) -> str:
    """Describe what a killed build left: a manifest or none, derivatives, temporary files."""
    if not images.is_dir():
        return "no folder"
    names = [path.name for path in images.iterdir()]
    manifest = "a manifest" if "manifest.json" in names else "no manifest"
    temporary = sum(bool(LEFTOVER.fullmatch(name)) for name in names)
    return f"{manifest}, {len(names)} entries, {temporary} temporary"


# `build` and `freeze` killed at twenty points each: the next run completes and verifies.


@pytest.fixture(scope="module")
def build_seconds(tmp_path_factory) -> float:
    """Measure a whole cold build of the small world, start-up included."""
    folder = tmp_path_factory.mktemp("measure-build")
    world = small_world(make_world(folder / "content"))
    env = {**command_environment(world, folder), "EXHIBITION_IMAGE_WIDTHS": "160,320"}
    return timed(env, "build", clear=folder / "cache")


@pytest.mark.parametrize("fraction", kill_points("build"), ids=lambda f: f"{f:.0%}")
def test_a_build_killed_at_any_point_is_finished_by_the_next(env, build_seconds, fraction):
    cache = Path(env["EXHIBITION_CACHE_DIR"])
    killed = kill_at(env, ["build"], fraction, build_seconds, clear=cache)
    left = what_was_left(cache / "images")
    done = flask(env, "build")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert leftovers(cache) == []
    served = assert_served_and_decodable(env)
    print(
        f"build killed={killed} at {fraction:.0%} of {build_seconds:.2f} s, left {left}; "
        f"then {served} derivatives served"
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[dict, float]:
    """Build the small world once; return its environment and the seconds of a whole freeze."""
    folder = tmp_path_factory.mktemp("built")
    world = small_world(make_world(folder / "content"))
    env = {**command_environment(world, folder), "EXHIBITION_IMAGE_WIDTHS": "160,320"}
    assert flask(env, "build").returncode == 0
    measure = folder / "measure"
    return env, timed({**env, "EXHIBITION_ARCHIVE_DIR": str(measure)}, "freeze", clear=measure)


@pytest.mark.parametrize("fraction", kill_points("freeze"), ids=lambda f: f"{f:.0%}")
def test_a_freeze_killed_at_any_point_is_finished_by_the_next(built, tmp_path, fraction):
    archive = tmp_path / "archive"
    env, seconds = {**built[0], "EXHIBITION_ARCHIVE_DIR": str(archive)}, built[1]
    killed = kill_at(env, ["freeze"], fraction, seconds, clear=archive)
    left = sorted(path.name.split("-")[0] or path.name for path in archive.glob("*"))
    freeze_again_and_check(archive, env, [*FLASK, "freeze"])
    verified = flask(env, "verify", "test-1")
    assert verified.returncode == 0, verified.stderr
    assert leftovers(archive) == []
    print(f"freeze killed={killed} at {fraction:.0%} of {seconds:.2f} s, left {left}")


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
