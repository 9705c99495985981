import logging
import pickle
import random
import threading

import pytest
import redis

from exhibition.web import pagestore
from exhibition.web.cache import CachedPage
from exhibition.web.pagestore import ENTRY_BYTES, NearRedis, PageStore, own_pages

BODY = b"x" * 1000


def weight(key: str, value) -> int:
    """Return the bytes the store counts for one entry."""
    return len(pickle.dumps(value, pickle.HIGHEST_PROTOCOL)) + len(key) + ENTRY_BYTES


def holding(count: int, value=BODY) -> PageStore:
    """Return a store with room for `count` entries like `value` under keys such as k0."""
    return PageStore(limit_bytes=count * weight("k0", value), default_timeout=0)


@pytest.fixture
def clock(monkeypatch):
    """Return a list whose first item is the store's clock, in seconds, to move by hand."""
    now = [1000.0]
    monkeypatch.setattr(pagestore, "monotonic", lambda: now[0])
    return now


def test_the_least_recently_used_goes_first():
    store = holding(3)
    for key in ("k1", "k2", "k3"):
        store.set(key, BODY)
    assert store.get("k1") == BODY  # k1 is now the most recent; k2 the least
    store.set("k4", BODY)
    assert [store.has(key) for key in ("k1", "k2", "k3", "k4")] == [True, False, True, True]
    store.set("k5", BODY)
    assert not store.has("k3") and store.has("k1")
    assert store.stats()["evicted"] == 2


def test_has_does_not_make_a_page_recent():
    store = holding(2)
    store.set("k1", BODY)
    store.set("k2", BODY)
    assert store.has("k1")
    store.set("k3", BODY)
    assert not store.has("k1")


def test_bytes_count_what_is_held_and_a_replaced_key_once():
    store = holding(10)
    store.set("k1", BODY)
    store.set("k2", BODY)
    assert store.stats()["bytes"] == 2 * weight("k1", BODY)
    store.set("k1", BODY * 3)  # replaced: its old size no longer counts
    assert store.stats()["bytes"] == weight("k1", BODY * 3) + weight("k2", BODY)
    assert store.stats()["pages"] == 2
    assert store.delete("k1") and not store.delete("k1")
    assert store.stats()["bytes"] == weight("k2", BODY)
    store.clear()
    assert store.stats()["bytes"] == store.stats()["pages"] == 0


def test_a_page_larger_than_the_whole_store_is_not_kept_and_pushes_nothing_out():
    store = holding(2)
    store.set("k1", BODY)
    assert store.set("k2", BODY * 10) is False
    assert store.get("k2") is None and store.get("k1") == BODY


def test_expired_pages_are_not_served_and_no_longer_counted(clock):
    store = PageStore(limit_bytes=100_000, default_timeout=60)
    store.set("short", BODY, timeout=5)
    store.set("default", BODY)
    store.set("forever", BODY, timeout=0)
    clock[0] += 10
    assert store.get("short") is None and not store.has("short")
    assert store.stats()["bytes"] == weight("default", BODY) + weight("forever", BODY)
    clock[0] += 60
    assert store.get("default") is None
    assert store.get("forever") == BODY
    assert store.stats()["pages"] == 1


def test_add_stores_only_where_nothing_fresh_is(clock):
    store = PageStore(limit_bytes=100_000, default_timeout=5)
    assert store.add("k", 1) is True
    assert store.add("k", 2) is False
    clock[0] += 10
    assert store.add("k", 3) is True and store.get("k") == 3


def test_the_rest_of_cachelibs_interface_works():
    store = PageStore(limit_bytes=100_000, default_timeout=0)
    assert store.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert store.get_many("a", "b", "c") == [1, 2, None]
    assert store.get_dict("a", "b") == {"a": 1, "b": 2}
    assert store.inc("n") == 1 and store.inc("n", 5) == 6 and store.dec("n") == 5
    assert store.delete_many("a", "b") == ["a", "b"]
    assert store.stats()["pages"] == 1


def test_a_page_comes_back_as_stored_uncopied_and_counted_by_its_bytes():
    store = PageStore(limit_bytes=1_000_000)
    page = CachedPage.of(b"<p>" + b"label " * 5000 + b"</p>", "text/html; charset=utf-8")
    store.set("page:lobby", page)
    assert store.get("page:lobby") is page
    bodies = sum(len(body) for body in page.bodies.values())
    assert bodies < store.stats()["bytes"] < bodies + 1000


def test_hits_and_misses_are_counted():
    store = holding(1)
    store.get("k1")
    store.set("k1", BODY)
    store.get("k1")
    store.get("k1")
    assert {k: store.stats()[k] for k in ("hits", "misses")} == {"hits": 2, "misses": 1}


def test_threads_sharing_the_store_keep_its_bytes_true():
    store = holding(50)
    errors: list[BaseException] = []

    def visit(seed: int) -> None:
        chance = random.Random(seed)
        try:
            for _ in range(3000):
                key = f"k{chance.randrange(200)}"
                action = chance.random()
                if action < 0.5:
                    store.set(key, BODY * chance.randint(1, 3))
                elif action < 0.95:
                    value = store.get(key)
                    assert value is None or value.startswith(BODY)
                else:
                    store.delete(key)
        except BaseException as error:  # any failure in a thread fails the test
            errors.append(error)

    threads = [threading.Thread(target=visit, args=(seed,)) for seed in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    held = sum(entry[2] for entry in store._pages.values())
    assert store.stats()["bytes"] == held <= store.limit
    assert held == sum(weight(key, entry[1]) for key, entry in store._pages.items())


def test_the_log_gets_the_figures_every_ten_minutes_at_most(clock, caplog):
    store = holding(2)
    assert pagestore.log.isEnabledFor(logging.INFO)  # with no logging set up, as under gunicorn
    store.set("k1", BODY)
    assert "page cache" not in caplog.text
    clock[0] += pagestore.REPORT_SECONDS
    store.set("k2", BODY)
    store.get("k2")
    store.set("k3", BODY)
    lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith("page cache")]
    assert lines == [
        "page cache: 2 pages, 0.0 MB of 0.0 MB; since start 0 hits, 0 misses (0% hits), "
        "0 pages pushed out to make room"
    ]


def near_redis(url: str, limit_bytes: int = 64 * pagestore.MB) -> NearRedis:
    """Return a Redis page cache as one worker makes it, its near store of `limit_bytes`."""
    return NearRedis(host=redis.Redis.from_url(url), key_prefix="t:", limit_bytes=limit_bytes)


def test_a_worker_keeps_the_redis_pages_it_serves_in_its_own_memory(redis_server):
    shared = redis.Redis.from_url(redis_server.url)
    one, two = near_redis(redis_server.url), near_redis(redis_server.url)
    page = CachedPage.of(b"<p>page</p>" * 100, "text/html")
    assert one.set("lobby", page)
    assert two.get("lobby") == page  # read from Redis, then kept by the second worker too
    shared.delete("t:lobby")  # gone from Redis: each worker still answers from its memory
    assert one.get("lobby") == page and two.get("lobby") == page
    assert one.get("lobby") is one.get("lobby")  # uncopied, not unpickled again
    assert own_pages(one) is one.near and own_pages(one).stats()["pages"] == 1
    assert one.has("lobby") and not one.has("room")


def test_the_near_store_in_front_of_redis_pushes_out_the_least_recently_used(redis_server):
    cache = near_redis(redis_server.url, limit_bytes=2 * weight("k0", BODY))
    for key in ("k0", "k1"):
        cache.set(key, BODY)
    cache.get("k0")  # k0 is now the most recent: k1 makes room for k2
    cache.set("k2", BODY)
    assert set(cache.near._pages) == {"k0", "k2"}
    assert cache.near.stats()["bytes"] <= cache.near.limit
    assert cache.get("k1") == BODY  # still in Redis, and back in memory
    assert set(cache.near._pages) == {"k2", "k1"}


def test_emptying_a_workers_memory_leaves_redis_to_the_others(redis_server):
    one, two = near_redis(redis_server.url), near_redis(redis_server.url)
    one.set("lobby", BODY)
    own_pages(one).clear()
    assert two.get("lobby") == BODY and one.get("lobby") == BODY
    one.delete("lobby")
    assert not one.has("lobby") and redis.Redis.from_url(redis_server.url).get("t:lobby") is None


def test_a_store_of_its_own_is_its_own_pages_and_other_backends_have_none():
    store = PageStore()
    assert own_pages(store) is store
    assert own_pages(None) is None
