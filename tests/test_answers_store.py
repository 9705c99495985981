"""The answers' store on a real SQLite file and a real PostgreSQL server, the same tests on both."""

import datetime as dt
import multiprocessing
import sqlite3
import threading
import time
from collections import Counter

import pytest

from exhibition.answers import AnswerStore, AnswersUnavailable, engine, question_key
from tests.support import servers

DAY = dt.date(2026, 12, 3)
ANSWERS = ("yes", "no", "it-depends")


@pytest.fixture
def store(database_url) -> AnswerStore:
    store = AnswerStore.from_settings({"DATABASE_URL": database_url})
    store.migrate()
    yield store
    store.engine.dispose()


def test_migrating_again_changes_nothing(store):
    store.record("r/e", "yes", "v1", DAY)
    store.migrate()
    assert store.tally("r/e") == {"yes": 1}


def test_one_answer_per_visitor_a_day_the_second_replacing_the_first(store):
    assert store.record("r/e", "yes", "v1", DAY) is False
    assert store.record("r/e", "no", "v2", DAY) is False
    assert store.record("r/e", "no", "v1", DAY) is True
    assert store.tally("r/e") == {"no": 2}
    assert store.answer_of("r/e", "v1", DAY) == "no"


def test_the_same_answer_again_counts_once(store):
    store.record("r/e", "yes", "v1", DAY)
    assert store.record("r/e", "yes", "v1", DAY) is True
    assert store.tally("r/e") == {"yes": 1}


def test_another_day_is_another_answer(store):
    store.record("r/e", "yes", "v1", DAY)
    store.record("r/e", "no", "v1", DAY + dt.timedelta(days=1))
    assert store.tally("r/e") == {"yes": 1, "no": 1}
    assert store.daily("r/e") == {DAY: {"yes": 1}, DAY + dt.timedelta(days=1): {"no": 1}}


def test_questions_are_counted_apart(store):
    store.record("r/a", "yes", "v1", DAY)
    store.record("r/b", "no", "v1", DAY)
    assert store.tallies() == {"r/a": {"yes": 1}, "r/b": {"no": 1}}
    assert store.tally("r/c") == {}
    assert store.answer_of("r/c", "v1", DAY) is None


def test_the_days_salt_is_shared_and_earlier_ones_are_deleted(store, database_url):
    first = store.salt(DAY)
    other = AnswerStore.from_settings({"DATABASE_URL": database_url})
    assert other.salt(DAY) == first and len(first) == 32
    later = store.salt(DAY + dt.timedelta(days=1))
    assert later != first
    assert store.salt(DAY) != first  # the old salt is gone for good: a new one is made
    other.engine.dispose()


def test_question_key_is_the_room_and_exhibit():
    assert question_key("early-print", "gutenberg-bible") == "early-print/gutenberg-bible"


def test_a_database_that_is_down_is_unavailable_quickly():
    url = f"postgresql+psycopg://exhibition@127.0.0.1:{servers.free_port()}/none"
    store = AnswerStore.from_settings({"DATABASE_URL": url})
    started = time.monotonic()
    with pytest.raises(AnswersUnavailable):
        store.record("r/e", "yes", "v1", DAY)
    assert time.monotonic() - started < engine.WAIT_SECONDS + 1


def test_a_locked_sqlite_file_is_unavailable_after_its_timeout(tmp_path, monkeypatch):
    monkeypatch.setattr(engine, "WAIT_SECONDS", 0.3)
    path = tmp_path / "answers.sqlite3"
    store = AnswerStore.from_settings({"DATABASE_URL": f"sqlite:///{path}"})
    store.migrate()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    started = time.monotonic()
    with pytest.raises(AnswersUnavailable):
        store.record("r/e", "yes", "v1", DAY)
    assert time.monotonic() - started < 3
    holder.execute("ROLLBACK")
    assert store.record("r/e", "yes", "v1", DAY) is False


def answer_many(url: str, name: str, voters: int, rounds: int) -> Counter:
    """Record rounds of answers for a name's own voters; return each voter's last answer counted."""
    store = AnswerStore.from_settings({"DATABASE_URL": url})
    last = {}
    for turn in range(rounds):
        for number in range(voters):
            answer = ANSWERS[(number + turn) % 3]
            store.record("r/e", answer, f"{name}-{number}", DAY)
            last[number] = answer
    store.engine.dispose()
    return Counter(last.values())


def stored_rows(store) -> Counter:
    """Return each answer's count from the answers' rows themselves."""
    return Counter({k: v for day in store.daily("r/e").values() for k, v in day.items()})


def test_threads_answering_at_once_lose_and_double_nothing(store, database_url):
    results = []

    def work(name):
        results.append(answer_many(database_url, name, voters=10, rounds=4))

    threads = [threading.Thread(target=work, args=(f"t{n}",)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    expected = sum(results, Counter())
    assert sum(expected.values()) == 80
    assert store.tally("r/e") == dict(expected) == dict(stored_rows(store))


_FORKED = {}  # the store a forked process answers with, found there as the parent left it


def _pooled_then_tallied() -> tuple[int, dict]:
    store = _FORKED["store"]
    return store.engine.pool.checkedin(), store.tally("r/e")


def test_a_forked_process_opens_its_own_connections(store):
    store.record("r/e", "yes", "v1", DAY)
    assert store.engine.pool.checkedin() == 1  # the parent's connection, kept in its pool
    _FORKED["store"] = store
    with multiprocessing.get_context("fork").Pool(1) as pool:
        assert pool.apply(_pooled_then_tallied) == (0, {"yes": 1})
    store.record("r/e", "no", "v2", DAY)  # the parent's connection still works
    assert store.tally("r/e") == {"yes": 1, "no": 1}


def test_two_processes_answering_at_once_lose_and_double_nothing(store, database_url):
    context = multiprocessing.get_context("spawn")
    with context.Pool(2) as pool:
        jobs = [(database_url, f"p{n}", 20, 3) for n in range(2)]
        results = pool.starmap(answer_many, jobs)
    expected = sum(results, Counter())
    assert sum(expected.values()) == 40
    assert store.tally("r/e") == dict(expected) == dict(stored_rows(store))
