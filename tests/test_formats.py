"""Dates, numbers, durations and sizes in the page's language."""

from __future__ import annotations

import datetime as dt

import pytest
from flask_babel import force_locale

from exhibition.web.formats import (
    date_in_words,
    date_range,
    duration_in_words,
    iso_duration,
    number,
    size_in_words,
    year_in_words,
)

D = dt.date


@pytest.fixture
def page(app):
    """Return a request context of the test world's app, its language English."""
    with app.test_request_context("/"):
        yield


@pytest.mark.parametrize(
    ("seconds", "words", "iso"),
    [
        (0.4, "1 s", "PT1S"),
        (8.52, "8 s", "PT8S"),  # as the player shows it: 0:08
        (21.3, "21 s", "PT21S"),
        (59.9, "59 s", "PT59S"),
        (60, "1 min 00 s", "PT1M"),
        (185, "3 min 05 s", "PT3M5S"),
        (3725, "1 h 02 min", "PT1H2M5S"),
        (3719.6, "1 h 01 min", "PT1H1M59S"),
    ],
)
def test_durations(page, seconds, words, iso):
    assert duration_in_words(seconds) == words
    assert iso_duration(seconds) == iso


def test_no_duration_says_nothing(page):
    assert duration_in_words(None) == ""


@pytest.mark.parametrize(
    ("opens", "closes", "words"),
    [
        (D(2026, 11, 1), D(2027, 5, 31), "1 November 2026 – 31 May 2027"),
        (D(2026, 11, 1), D(2026, 12, 31), "1 November – 31 December 2026"),
        (D(2026, 11, 1), D(2026, 11, 30), "1–30 November 2026"),
    ],
)
def test_english_runs_read_as_before(page, opens, closes, words):
    assert date_range(opens, closes) == words


@pytest.mark.parametrize(
    ("locale", "words"),
    [
        (
            "fr",
            [
                "1 novembre 2026 – 31 mai 2027",
                "1 novembre – 31 décembre 2026",
                "1–30 novembre 2026",
            ],
        ),
        ("ar", ["1 نوفمبر 2026 – 31 مايو 2027", "1 نوفمبر – 31 ديسمبر 2026", "1–30 نوفمبر 2026"]),
        # A language that puts the month first keeps the days apart.
        (
            "en_US",
            [
                "November 1, 2026 – May 31, 2027",
                "November 1 – December 31, 2026",
                "November 1 – November 30, 2026",
            ],
        ),
    ],
)
def test_runs_in_other_languages(page, locale, words):
    runs = [(D(2026, 11, 1), D(2027, 5, 31)), (D(2026, 11, 1), D(2026, 12, 31))]
    runs.append((D(2026, 11, 1), D(2026, 11, 30)))
    with force_locale(locale):
        assert [date_range(*run) for run in runs] == words


def test_years_stay_as_written_and_iso_dates_read_as_dates(page):
    assert year_in_words("2018") == "2018"
    assert year_in_words("2016-04-05") == "5 April 2016"
    with force_locale("fr"):
        assert year_in_words("2016-04-05") == "5 avril 2016"
        assert date_in_words(D(2027, 1, 2)) == "2 janvier 2027"


@pytest.mark.parametrize(
    ("size", "english", "french"),
    [
        (1, "1 byte", "1 octet"),
        (999, "999 bytes", "999 octets"),
        (10_200_000, "10.2 MB", "10,2 Mo"),
        (1_234_500_000_000, "1,234.5 GB", "1\u202f234,5 Go"),
    ],
)
def test_sizes(page, size, english, french):
    assert size_in_words(size) == english
    with force_locale("fr"):
        assert size_in_words(size) == french


def test_numbers_take_the_pages_separators(page):
    assert number(12345) == "12,345"
    with force_locale("fr"):
        assert number(12345) == "12\u202f345"
    with force_locale("ar"):
        assert number(12345) == "12,345"  # Babel's Latin digits, as in the dates
