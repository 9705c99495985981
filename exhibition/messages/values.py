"""Say that a value does not fit its field, and what would."""

from __future__ import annotations

from .words import closest, describe, did_you_mean


def empty(name: str) -> str:
    """Say that a required field was left blank."""
    return f"'{name}' is empty: fill it in"


def empty_item(name: str) -> str:
    """Say that an item of a list was left blank."""
    return f"'{name}' is empty: fill it in or delete the line"


def curly_quotes(name: str) -> str:
    """Say that a value is wrapped in a word processor's quotes."""
    return (
        f"'{name}' is in curly quotes (“…”), as a word processor types them; "
        'write straight quotes ("…") or none'
    )


def impossible_date(name: str, value: str) -> str:
    """Say that a date has a day or month that does not exist."""
    return f"'{name}' is {value}, a day that does not exist; check the day and the month"


def not_text(name: str, value) -> str:
    """Say that a field of text holds something else."""
    return f"'{name}' must be text, not {describe(value)}"


def too_long(name: str, length: int, maximum: int) -> str:
    """Say that a text is longer than its field allows."""
    return f"'{name}' is {length} characters long; keep it to {maximum}"


def not_a_year(name: str, value) -> str:
    """Say that a year is neither a year nor a date."""
    return (
        f"'{name}' must be a year like 2018 or an ISO date like 2018-10-25, not {describe(value)}"
    )


def not_a_date(name: str, value) -> str:
    """Say that a date is not written as an ISO date."""
    return f"'{name}' must be an ISO date like 2020-09-21, not {describe(value)}"


def not_a_whole_number(name: str, low: int, high: int, value) -> str:
    """Say that a number is not a whole number in its field's range."""
    return f"'{name}' must be a whole number from {low} to {high}, not {describe(value)}"


def not_a_number(name: str, low: float, high: float, value) -> str:
    """Say that a number, whole or not, is not in its field's range."""
    return f"'{name}' must be a number from {low:g} to {high:g}, not {describe(value)}"


def not_true_or_false(name: str, value) -> str:
    """Say that a yes-or-no field holds something else."""
    return f"'{name}' must be true or false, not {describe(value)}"


def not_a_slug(name: str, value) -> str:
    """Say that a value is not a slug."""
    return (
        f"'{name}' must be a slug (lower-case letters, digits and single hyphens, "
        f"e.g. 2020-21), not {describe(value)}"
    )


def not_one_of(name: str, choices: tuple[str, ...], value) -> str:
    """Say that a value is not one of its field's words, with the closest one."""
    message = f"'{name}' must be one of {', '.join(choices)}; not {describe(value)}"
    return message + did_you_mean(closest(value, choices))


def not_a_url(name: str, value) -> str:
    """Say that a value is not an http(s) URL."""
    return f"'{name}' must be an http(s) URL, not {describe(value)}"


def not_a_licence(name: str, value, meant: str | None) -> str:
    """Say that a licence is neither an SPDX id nor a URL, with the id likely meant."""
    return (
        f"'{name}' must be an SPDX licence id like CC-BY-4.0 or an http(s) URL, "
        f"not {describe(value)}{did_you_mean(meant)}"
    )


def not_a_language_tag(name: str, value) -> str:
    """Say that a language is not a BCP 47 tag."""
    return f"'{name}' must be a BCP 47 language tag like en or pt-BR, not {value!r}"


def not_a_list(name: str, value) -> str:
    """Say that a field of items holds something else."""
    return f"'{name}' must be a list, not {describe(value)}"


def too_few_items(name: str, minimum: int) -> str:
    """Say that a list has fewer items than it needs."""
    return f"'{name}' needs at least {minimum} item{'s' * (minimum > 1)}"


def answers_count(name: str, count: int, fewest: int, most: int) -> str:
    """Say that a question has too few or too many answers for visitors to choose from."""
    return (
        f"'{name}' needs from {fewest} to {most} short answers visitors choose from, not "
        f"{count}; or write ip_question as text alone for Yes, No and It depends"
    )


def answer_twice(name: str, answer: str) -> str:
    """Say that a question offers the same answer twice."""
    return f"'{name}' offers '{answer}' twice (capitals aside): give each answer once"


def not_a_mapping(name: str, value) -> str:
    """Say that a group of keys holds something else."""
    return f"'{name or 'the fields'}' must be a mapping of keys, not {describe(value)}"


def unknown_key(name: str, suggestion: str | None) -> str:
    """Say that a key is not one the file may have, with the closest one that is."""
    return f"unknown key '{name}'{did_you_mean(suggestion)}"


def missing_key(name: str) -> str:
    """Say that a required key is not there."""
    return f"missing required key '{name}'"
