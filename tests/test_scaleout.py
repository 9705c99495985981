"""Scale-out on one machine: two gunicorns, each with two workers, sharing a real Redis."""

import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.request

import redis

from exhibition import create_app
from tests.conftest import EXHIBIT_MD, LABEL, ROOT
from tests.live import _free_port, _wait_until_up
from tests.test_store import Hammer, wait_for

BASE = "https://museum.example"


@contextlib.contextmanager
def gunicorn(name, world, tmp_path, redis_url):
    """Serve the world with gunicorn.conf.py and the shared Redis; yield (URL, process)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("EXHIBITION_")}
    env.update(
        EXHIBITION_CONTENT_DIR=str(world.root),
        EXHIBITION_CACHE_DIR=str(tmp_path / "cache"),
        EXHIBITION_ARCHIVE_DIR=str(tmp_path / "archive"),
        EXHIBITION_CACHE_REDIS_URL=redis_url,
        EXHIBITION_BASE_URL=BASE,
        WEB_CONCURRENCY="2",
        GUNICORN_BIND=f"127.0.0.1:{_free_port()}",
    )
    log = tmp_path / f"{name}.log"
    command = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"]
    with open(log, "wb") as output:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=output)
    base = "http://" + env["GUNICORN_BIND"]
    try:
        _wait_until_up(base + "/readyz", server, log)
        yield base, server
    finally:
        server.terminate()
        server.wait(timeout=30)


def get(url):
    """Return (status, X-Cache, body) of a page."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get("X-Cache"), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("X-Cache"), b""


def test_two_servers_share_pages_content_and_survive_redis_stopping(world, tmp_path, redis_server):
    with (
        gunicorn("a", world, tmp_path, redis_server.url) as (a, server_a),
        gunicorn("b", world, tmp_path, redis_server.url) as (b, _),
    ):
        path = "/rooms/art/first/"
        # A page rendered by one server is a hit on the other.
        assert get(a + path)[:2] == (200, "MISS")
        assert all(get(b + path)[:2] == (200, "HIT") for _ in range(4))

        # A reload on one (a HUP to A) is seen by both, B with no signal of its own.
        world.write(
            "rooms/01-art/01-first/exhibit.md", EXHIBIT_MD.format(title="Retitled", label=LABEL)
        )
        server_a.send_signal(signal.SIGHUP)
        assert wait_for(lambda: all(b"Retitled" in get(a + path)[2] for _ in range(4)), 30)
        assert wait_for(lambda: all(b"Retitled" in get(b + path)[2] for _ in range(4)), 30)
        assert get(b + path)[:2] == (200, "HIT")

        # Redis stopping degrades to uncached pages: no request fails.
        hammer = Hammer([a + path, b + "/", a + "/rooms/music/", b + path])
        hammer.start()
        time.sleep(0.5)
        redis_server.stop()
        uncached = {(200, "BYPASS")}
        assert wait_for(lambda: {get(url)[:2] for url in (a + path, b + path)} == uncached, 30)
        # Redis back: the servers cache again once their pause is over.
        redis_server.start()
        assert wait_for(lambda: get(a + "/about/")[1] == "MISS", 30)
        assert wait_for(lambda: get(b + "/about/")[1] == "HIT", 30)
        statuses = hammer.stop()
    assert statuses and set(statuses) == {200}, sorted(set(map(str, statuses)))


def test_a_flood_of_junk_query_strings_adds_nothing_to_redis(world, tmp_path, redis_server):
    settings = {"CONTENT_DIR": str(world.root), "CACHE_DIR": str(tmp_path / "cache")}
    app = create_app({**settings, "CACHE_REDIS_URL": redis_server.url, "BASE_URL": BASE})
    app.extensions["content_sync"].stop()
    client, redis_client = app.test_client(), redis.Redis.from_url(redis_server.url)
    assert client.get("/").headers["X-Cache"] == "MISS"
    keys = redis_client.dbsize()
    for n in range(10_000):
        assert client.get(f"/?q={n}").headers["X-Cache"] == "HIT"
    assert redis_client.dbsize() == keys
    assert client.get("/").headers["X-Cache"] == "HIT"
