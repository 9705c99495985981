"""Dates, years and durations as visitors read them, and as <time> elements give them."""

from __future__ import annotations

import datetime as dt


def date_in_words(day: dt.date) -> str:
    """Return a date as people write it: 1 November 2026."""
    return f"{day.day} {day:%B %Y}"


def date_range(opens: dt.date, closes: dt.date) -> str:
    """Return a run's dates in words, without repeating what both share."""
    if opens.year != closes.year:
        return f"{date_in_words(opens)} – {date_in_words(closes)}"
    if opens.month != closes.month:
        return f"{opens.day} {opens:%B} – {date_in_words(closes)}"
    return f"{opens.day}–{date_in_words(closes)}"


def year_in_words(value: str) -> str:
    """Return an exhibit's year or ISO date as people read it."""
    try:
        return date_in_words(dt.date.fromisoformat(value))
    except ValueError:
        return value


def whole_seconds(seconds: float | None) -> int:
    """Return the whole seconds a media player shows for a duration: 8.52 s is 0:08.

    Browsers' own controls drop the fraction (Chromium's FormatTime casts to
    int), so the page says what the player beside it says; at least 1 s, so a
    short sound never reads as lasting nothing.
    """
    return max(1, int(seconds or 0))


def duration_in_words(seconds: float | None) -> str:
    """Return a duration as people read it: 3 min 05 s, 1 h 02 min."""
    if not seconds:
        return ""
    whole = whole_seconds(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    return f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"


def iso_duration(seconds: float | None) -> str:
    """Return a duration in ISO 8601, for a <time datetime>: PT3M5S."""
    hours, rest = divmod(whole_seconds(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return "PT" + "".join(
        f"{n}{unit}" for n, unit in ((hours, "H"), (minutes, "M"), (secs, "S")) if n
    )
