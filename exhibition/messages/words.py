"""Say a value or a suggestion as a curator would: 'a list', "(did you mean 'x'?)"."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata

CURLY_OPEN = "“‘„‚"  # how word processors open quotes, in English and German
CURLY_CLOSE = "”’“‘"


def describe(value) -> str:
    """Return a value as a curator would name it: 'a list', 'the number 3', "'text'"."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        text = repr(value)
        return text if len(text) <= 40 else text[:37] + "..."
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of keys"
    return "something else"


def did_you_mean(word: str | None) -> str:
    """Return the suggestion that ends a message, or nothing."""
    return f" (did you mean '{word}'?)" if word else ""


def closest(word, choices) -> str | None:
    """Return the choice spelt most like `word`, if one is close."""
    if not isinstance(word, str):
        return None
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def slug_for(name: str) -> str:
    """Return the slug a folder or file name most likely meant: 'Café Müller' -> 'cafe-muller'."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", plain.lower()))


def is_curly(value) -> bool:
    """Return True for text wrapped in curly quotes, as Word writes “this”."""
    return (
        isinstance(value, str)
        and len(value) > 1
        and value[0] in CURLY_OPEN
        and value[-1] in CURLY_CLOSE
    )
