"""Answers under load through the web: two gunicorn replicas on one database, and on one Redis.

Sixty-four connections read pages and answer questions for 30 s through two
replicas sharing one database (an SQLite file, then a PostgreSQL server); then
the stored tallies equal the answers the site accepted, exactly. With Redis, the
rate limit is one across the replicas.
"""

from __future__ import annotations

import time
from collections import Counter

import pytest

from exhibition.answers import AnswerStore
from tests.support import servers
from tests.support.load import Voters, form_token, post_answer
from tests.support.world import EXHIBITION_YAML

CONNECTIONS, SECONDS = 64, 30
CHOICES = ("yes", "no", "it-depends")
QUESTIONS = {path: CHOICES for path in ("/rooms/art/first/", "/rooms/art/second/")}
QUESTIONS["/rooms/music/third/"] = CHOICES
SECRET = "the same key on every replica"


@pytest.fixture
def open_world(world):
    """The test world with its run still open."""
    world.write("exhibition.yaml", EXHIBITION_YAML.replace("2021-03-18", "2999-12-31"))
    return world


def replicas(tmp_path, world, **settings) -> list[servers.Service]:
    """Return two gunicorns of the world behind one trusted proxy, sharing a key and settings."""
    shared = {"CONTENT_DIR": world.root, "SECRET_KEY": SECRET, "TRUSTED_PROXIES": 1, **settings}
    return [
        servers.gunicorn(tmp_path / name, shared, name=name, seconds=60) for name in ("one", "two")
    ]


def stored(url: str) -> Counter:
    """Return the database's tallies as counts per (exhibit path, answer)."""
    store = AnswerStore.from_settings({"DATABASE_URL": url})
    try:
        tallies = store.tallies()
    finally:
        store.engine.dispose()  # its connection closed now, not whenever it is collected
    return Counter(
        {(f"/rooms/{key}/", answer): n for key, t in tallies.items() for answer, n in t.items()}
    )


def test_two_replicas_keep_every_accepted_answer_once(open_world, tmp_path, database_url):
    serving = replicas(
        tmp_path, open_world, DATABASE_URL=database_url, ANSWER_RATE_LIMIT="100000 per minute"
    )
    with serving[0], serving[1]:
        bases = [server.base for server in serving]
        tokens = {path: form_token(bases[0], path) for path in QUESTIONS}
        voters = [
            Voters(bases, QUESTIONS, tokens, first=n, step=CONNECTIONS) for n in range(CONNECTIONS)
        ]
        for voter in voters:
            voter.start()
        time.sleep(SECONDS)
        statuses = Counter(status for voter in voters for status in voter.stop())
    accepted = sum((voter.accepted for voter in voters), Counter())
    assert set(statuses) == {200, 303}, statuses  # no 5xx, no refusal, no dropped connection
    assert statuses[303] > 100, statuses
    assert stored(database_url) == accepted  # nothing lost, nothing doubled


def test_the_rate_limit_is_one_across_replicas_sharing_redis(open_world, tmp_path):
    with servers.redis(tmp_path) as redis:
        cache = {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": redis.url}
        serving = replicas(tmp_path, open_world, ANSWER_RATE_LIMIT="4 per minute", **cache)
        with serving[0], serving[1]:
            token = form_token(serving[0].base, "/rooms/art/first/")
            visitor = {"X-Forwarded-For": "203.0.113.7"}
            sent = [
                post_answer(serving[n % 2].base, "/rooms/art/first/", "no", token, **visitor)
                for n in range(6)
            ]
    assert [response.status for response in sent] == [303] * 4 + [429] * 2
    assert all(int(response.headers["Retry-After"]) > 0 for response in sent[4:])
