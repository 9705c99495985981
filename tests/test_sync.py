"""Content changes shared through a real Redis by two apps, as two workers or hosts would."""

import pytest
import redis

from exhibition import create_app
from tests.support.world import EXHIBIT_MD, LABEL

BASE = "https://museum.example"


@pytest.fixture
def pair(world, tmp_path, redis_server):
    """Return two apps serving the same folder and sharing one Redis, their threads stopped."""
    apps = []
    for name in ("one", "two"):
        app = create_app(
            {
                "TESTING": True,
                "CONTENT_DIR": str(world.root),
                "CACHE_DIR": str(tmp_path / name),
                "CACHE_REDIS_URL": redis_server.url,
                "BASE_URL": BASE,
            }
        )
        app.extensions["content_sync"].stop()  # the tests step it by hand
        apps.append(app)
    yield apps


def sync(app):
    return app.extensions["content_sync"]


def test_a_page_rendered_by_one_is_a_hit_on_the_other(pair):
    one, two = (app.test_client() for app in pair)
    assert one.get("/rooms/art/first/").headers["X-Cache"] == "MISS"
    assert two.get("/rooms/art/first/").headers["X-Cache"] == "HIT"


def test_a_reload_on_one_is_followed_by_the_other(pair, world):
    one, two = pair
    for app in pair:
        sync(app).step()  # both announce the content they loaded
    world.write("rooms/01-art/01-first/exhibit.md", EXHIBIT_MD.format(title="New", label=LABEL))
    assert one.extensions["exhibition"].reload_if_changed()
    sync(one).step()  # one announces its new content
    sync(two).step()  # two sees it and loads the changed files
    assert two.extensions["exhibition"].exhibition.tour[0].title == "New"
    assert one.test_client().get("/rooms/art/first/").headers["X-Cache"] == "MISS"
    page = two.test_client().get("/rooms/art/first/")
    assert page.headers["X-Cache"] == "HIT" and b"New" in page.data


def test_an_announcement_of_other_files_is_looked_at_once(pair, redis_server, monkeypatch):
    one, _ = pair
    store = one.extensions["exhibition"]
    looked = []
    monkeypatch.setattr(store, "reload_if_changed", lambda: looked.append(1) or False)
    sync(one).step()
    sync(one).client.set(sync(one).key, "content-of-another-host")
    for _ in range(3):
        sync(one).step()
    assert looked == [1]


def test_redis_stopping_degrades_to_uncached_pages(pair, redis_server):
    client = pair[0].test_client()
    client.get("/")
    redis_server.stop()
    assert client.get("/").headers["X-Cache"] == "HIT"  # the worker's own copy, in its memory
    for path in ("/rooms/art/", "/rooms/art/first/"):
        response = client.get(path)
        assert response.status_code == 200
        assert response.headers["X-Cache"] == "BYPASS"
    with pytest.raises(redis.exceptions.ConnectionError, match="Connection refused"):
        sync(pair[0]).step()  # which the thread logs, and goes on
