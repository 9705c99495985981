import datetime as dt

import pytest

from exhibition.archive.stamp import run_when

OPENS, CLOSES = dt.date(2026, 3, 1), dt.date(2026, 9, 30)


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (dt.date(2026, 2, 28), "not yet opened"),
        (OPENS, "running"),
        (CLOSES, "running"),
        (dt.date(2026, 10, 1), "ended"),
    ],
)
def test_a_stamp_says_where_the_run_stood(day, words):
    assert run_when(day, OPENS, CLOSES) == words
