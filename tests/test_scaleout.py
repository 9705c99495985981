"""Scale-out on one machine: two gunicorns, each with two workers, sharing a real Redis."""

import signal
import urllib.request

import redis

from exhibition import create_app
from tests.support import servers
from tests.support.load import Hammer
from tests.support.waiting import wait_for
from tests.support.world import EXHIBIT_MD, LABEL

BASE = "https://museum.example"


def gunicorn(name, world, tmp_path, redis_url):
    """Return a gunicorn serving the world with the shared Redis; its log is tmp_path/NAME.log."""
    settings = {"CONTENT_DIR": world.root, "CACHE_REDIS_URL": redis_url, "BASE_URL": BASE}
    return servers.gunicorn(tmp_path, settings, name=name)


def get(url):
    """Return (status, X-Cache, body) of a page."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get("X-Cache"), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("X-Cache"), b""


def test_two_servers_share_pages_content_and_survive_redis_stopping(world, tmp_path, redis_server):
    with (
        gunicorn("a", world, tmp_path, redis_server.url) as server_a,
        gunicorn("b", world, tmp_path, redis_server.url) as server_b,
    ):
        a, b = server_a.base, server_b.base
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
        assert wait_for(lambda: len(hammer.statuses) >= 8)  # under load, every server asked
        redis_server.stop()
        # A page no worker holds in its memory is rendered uncached; the ones they hold still hit.
        uncached = {(200, "BYPASS")}
        fresh = "/about/"
        assert wait_for(lambda: {get(url)[:2] for url in (a + fresh, b + fresh)} == uncached, 30)
        assert {get(url)[0] for url in (a + path, b + path)} == {200}
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
