"""Declare the fields of content files and check values against them.

A schema is a `Record` of `Field`s; checking a value reports every problem
with its line and returns what was valid, so one mistake hides no other.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .messages import values, words
from .problems import BLOCKING, ERROR, TODO, WARNING, Problem
from .yamltext import Mapping

SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
SPDX_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+-]*")
YEAR = re.compile(r"-?\d{1,4}")
ISO_DATE = re.compile(r"\d{4}-\d\d?-\d\d?")
# The licences people write out by hand ("CC BY 4.0"), by their SPDX id.
LICENCES = (
    *(
        f"CC-{kind}-{version}"
        for kind in ("BY", "BY-SA", "BY-NC", "BY-NC-SA", "BY-ND", "BY-NC-ND")
        for version in ("4.0", "3.0", "2.0")
    ),
    "CC0-1.0",
    "CC-PDDC",
    "MIT",
    "Apache-2.0",
    "GPL-3.0-or-later",
)


class Invalid(Exception):
    """A value does not fit its field; the message says what would."""


@dataclass
class FileProblems:
    """Collects the problems of one file."""

    path: str
    problems: list[Problem] = field(default_factory=list)

    def error(self, line: int | None, message: str) -> None:
        """Record an error at a line."""
        self.problems.append(Problem(self.path, line, ERROR, message))

    def warning(self, line: int | None, message: str) -> None:
        """Record a warning at a line."""
        self.problems.append(Problem(self.path, line, WARNING, message))

    def todo(self, line: int | None, message: str, path: str | None = None) -> None:
        """Record something left to fill in, in this file or in one beside it."""
        self.problems.append(Problem(path or self.path, line, TODO, message))

    @property
    def has_errors(self) -> bool:
        """Return True if any problem recorded keeps the file out: an error or a to do."""
        return any(p.severity in BLOCKING for p in self.problems)


def blank(value) -> bool:
    """Return True for a value left blank (`key:` with nothing after it, or only spaces)."""
    return value is None or (isinstance(value, str) and not value.strip())


Check = Callable[[object, str, int | None, FileProblems], object]


def text(max_length: int | None = None) -> Check:
    """Accept a string (or a number, written as text), not empty."""

    def check(value, name, line, report):
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise Invalid(values.not_text(name, value))
        value = str(value).strip()
        if not value:
            raise Invalid(values.empty(name))
        if max_length and len(value) > max_length:
            raise Invalid(values.too_long(name, len(value), max_length))
        return value

    return check


def year(value, name, line, report):
    """Accept a year (2018) or an ISO date (2018-10-25); return it as text."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool) and YEAR.fullmatch(str(value)):
        return str(value)
    if isinstance(value, str) and YEAR.fullmatch(value.strip()):
        return value.strip()
    if isinstance(value, str) and ISO_DATE.fullmatch(value.strip()):
        raise Invalid(values.impossible_date(name, value.strip()))
    raise Invalid(values.not_a_year(name, value))


def date(value, name, line, report):
    """Accept an ISO date (2020-09-21)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            if ISO_DATE.fullmatch(value.strip()):
                raise Invalid(values.impossible_date(name, value.strip())) from None
    raise Invalid(values.not_a_date(name, value))


def whole_number(low: int, high: int) -> Check:
    """Accept a whole number from low to high."""

    def check(value, name, line, report):
        if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
            return value
        raise Invalid(values.not_a_whole_number(name, low, high, value))

    return check


def number(low: float, high: float) -> Check:
    """Accept a number, whole or not, from low to high."""

    def check(value, name, line, report):
        if isinstance(value, int | float) and not isinstance(value, bool) and low <= value <= high:
            return value
        raise Invalid(values.not_a_number(name, low, high, value))

    return check


def boolean(value, name, line, report):
    """Accept true or false."""
    if isinstance(value, bool):
        return value
    raise Invalid(values.not_true_or_false(name, value))


def slug(value, name, line, report):
    """Accept a slug: lower-case letters and digits joined by single hyphens."""
    if isinstance(value, str | int) and SLUG.fullmatch(str(value)):
        return str(value)
    raise Invalid(values.not_a_slug(name, value))


def one_of(choices: tuple[str, ...]) -> Check:
    """Accept one of a fixed set of words, suggesting the closest."""

    def check(value, name, line, report):
        if isinstance(value, str) and value in choices:
            return value
        raise Invalid(values.not_one_of(name, choices, value))

    return check


def url(value, name, line, report):
    """Accept an absolute http(s) URL."""
    parts = urlsplit(value) if isinstance(value, str) else None
    if parts and parts.scheme in ("http", "https") and parts.netloc and " " not in value:
        return value
    raise Invalid(values.not_a_url(name, value))


def licence(value, name, line, report):
    """Accept an SPDX licence id (CC-BY-4.0) or an http(s) URL."""
    if isinstance(value, str) and SPDX_ID.fullmatch(value):
        return value
    try:
        return url(value, name, line, report)
    except Invalid:
        raise Invalid(values.not_a_licence(name, value, _licence_meant(value))) from None


def _licence_meant(value) -> str | None:
    """Return the SPDX id of a licence written as people write it: 'CC BY 4.0'."""
    if not isinstance(value, str):
        return None
    return _LICENCE_SPELLINGS.get(_squeeze(value))


def _squeeze(value: str) -> str:
    return re.sub(r"[^A-Z0-9.]|INTERNATIONAL|LICEN[CS]E", "", value.upper())


_LICENCE_SPELLINGS = {_squeeze(known): known for known in LICENCES}


def list_of(item: Check, minimum: int = 0) -> Check:
    """Accept a list whose items pass `item`; drop the items that do not."""

    def check(value, name, line, report):
        if not isinstance(value, list):
            raise Invalid(values.not_a_list(name, value))
        if len(value) < minimum:
            raise Invalid(values.too_few_items(name, minimum))
        items = []
        for number, element in enumerate(value, start=1):
            element_line = getattr(element, "line", None) or line
            if blank(element):
                report.error(element_line, values.empty_item(f"{name}[{number}]"))
                continue
            try:
                checked = item(element, f"{name}[{number}]", element_line, report)
            except Invalid as error:
                report.error(element_line, str(error))
                continue
            if checked is not None:
                items.append(checked)
        return items

    return check


@dataclass(frozen=True)
class Field:
    check: Check
    required: bool = False


def record(fields: dict[str, Field]) -> Check:
    """Accept a mapping of known keys; report unknown and missing ones."""

    def check(value, name, line, report):
        prefix = f"{name}." if name else ""
        if not isinstance(value, dict):
            raise Invalid(values.not_a_mapping(name, value))
        if not isinstance(value, Mapping):  # plain dicts come from tests and tools
            value = Mapping(value)
            value.key_lines = {}
        start = value.line or line
        result, complete = Mapping(), True
        result.line, result.key_lines = start, value.key_lines
        for key, element in value.items():
            key_line = value.line_of(key) or start
            if key not in fields:
                suggestion = words.closest(key, fields)
                report.error(key_line, values.unknown_key(f"{prefix}{key}", suggestion))
                continue
            if blank(element):  # an optional key left blank counts as absent
                if fields[key].required:
                    report.todo(key_line, values.empty(f"{prefix}{key}"))
                    complete = False
                continue
            try:
                if key in value.curly:  # whatever the field, the quotes are the mistake
                    raise Invalid(values.curly_quotes(f"{prefix}{key}"))
                result[key] = fields[key].check(element, f"{prefix}{key}", key_line, report)
            except Invalid as error:
                report.error(key_line, str(error))
                complete = False
        for key, spec in fields.items():
            if spec.required and key not in value:
                report.error(start, values.missing_key(f"{prefix}{key}"))
                complete = False
        return result if complete else None

    return check


def check_fields(value, schema: Check, report: FileProblems, line: int | None = 1):
    """Check a whole file's fields; return what was valid, or None."""
    try:
        return schema(value, "", line, report)
    except Invalid as error:
        report.error(line, str(error))
        return None
