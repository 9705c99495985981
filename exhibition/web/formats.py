"""Dates, numbers, durations and sizes as the page's language writes them (Babel).

Also the durations a <time datetime> gives, which are the same in every language.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_skeleton
from flask_babel import format_date, format_decimal, get_locale, gettext, ngettext

from ..vocabulary import N_

# Sizes past 999 bytes, each step a thousand times the last.
# Translators: kilobytes, megabytes and gigabytes, as your language abbreviates them.
SIZE_UNITS = (N_("%(amount)s kB"), N_("%(amount)s MB"), N_("%(amount)s GB"))


def date_in_words(day: dt.date) -> str:
    """Return a date as people write it: 1 November 2026, 1 novembre 2026."""
    return format_date(day, "long")


def _day_and_month(day: dt.date) -> str:
    """Return a day and its month, without the year: 1 November."""
    return format_skeleton("MMMMd", day, locale=get_locale())


def date_range(opens: dt.date, closes: dt.date) -> str:
    """Return a run's dates in words, without repeating what both share."""
    if opens.year != closes.year:
        return f"{date_in_words(opens)} – {date_in_words(closes)}"
    day_first = get_locale().date_formats["long"].pattern.startswith("d")
    if opens.month != closes.month or not day_first:
        return f"{_day_and_month(opens)} – {date_in_words(closes)}"
    return f"{format_date(opens, 'd')}–{date_in_words(closes)}"


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
    hours, rest = divmod(whole_seconds(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        # Translators: hours and minutes, then minutes and seconds, as players abbreviate them.
        return gettext("%(hours)s h %(minutes)s min", hours=hours, minutes=f"{minutes:02d}")
    if minutes:
        return gettext("%(minutes)s min %(seconds)s s", minutes=minutes, seconds=f"{secs:02d}")
    return gettext("%(seconds)s s", seconds=secs)


def iso_duration(seconds: float | None) -> str:
    """Return a duration in ISO 8601, for a <time datetime>: PT3M5S."""
    hours, rest = divmod(whole_seconds(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return "PT" + "".join(
        f"{n}{unit}" for n, unit in ((hours, "H"), (minutes, "M"), (secs, "S")) if n
    )


def number(value: float) -> str:
    """Return a number with the page's separators: 1,234 or 1 234."""
    return format_decimal(value)


def size_in_words(size: int) -> str:
    """Return a size in bytes as people read it: 12.4 MB, 12,4 Mo."""
    if size < 1000:
        return ngettext("%(num)d byte", "%(num)d bytes", size)
    for unit in SIZE_UNITS:
        size /= 1000
        if size < 1000 or unit == SIZE_UNITS[-1]:
            break
    return gettext(unit, amount=format_decimal(size, "#,##0.0"))
