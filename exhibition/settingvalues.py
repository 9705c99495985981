"""Read a setting's value: each function takes what the environment gave and returns it parsed.

A function raises ValueError with the fix in the curator's or operator's words;
`settings.apply` adds the variable's name and its help.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

ARCHIVE_DIR = "instance/archive"


def text(value) -> str:
    return str(value)


def flag(value) -> bool:
    if isinstance(value, bool) or value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.lower() in (
        "1",
        "true",
        "yes",
        "on",
        "0",
        "false",
        "no",
        "off",
        "",
    ):
        return value.lower() in ("1", "true", "yes", "on")
    raise ValueError("use 1 or 0")


def seconds(value) -> float:
    seconds = float(value)
    if seconds < 0:
        raise ValueError("use 0 (off) or a number of seconds")
    return seconds


def base_url(value) -> str:
    value = str(value)
    if value and not (value.startswith(("http://", "https://")) and urlsplit(value).hostname):
        raise ValueError("use an absolute URL such as https://exhibition.example.org")
    return value.rstrip("/")


def mode(value) -> str:
    value = str(value).lower()
    if value not in ("live", "archive"):
        raise ValueError("use live (the exhibition and its archive) or archive (the archive only)")
    return value


def positive(value) -> int:
    number = int(value)
    if number < 1:
        raise ValueError("use a whole number of 1 or more")
    return number


def widths(value) -> tuple[int, ...]:
    if isinstance(value, str):
        value = [part for part in value.replace(" ", "").split(",") if part]
    elif isinstance(value, int):
        value = [value]
    widths = tuple(sorted({int(width) for width in value}))
    if not widths or widths[0] < 16 or widths[-1] > 8192:
        raise ValueError("use widths in pixels from 16 to 8192, separated by commas")
    return widths


def colour(value) -> str:
    value = str(value).lower()
    if not re.fullmatch(r"#[0-9a-f]{6}", value):
        raise ValueError("use a colour written #rrggbb")
    return value


def megabytes(value) -> float:
    try:
        number = float(value)
    except ValueError:
        number = 0.0
    if not 0 < number < 1_000_000:  # also refuses nan and inf
        raise ValueError("use a number of megabytes above 0, such as 64 or 0.5")
    return number


def whole(value) -> int:
    number = int(value)
    if number < 0:
        raise ValueError("use 0 or a whole number above it")
    return number


def archive_dir(value) -> str:
    return str(value) or ARCHIVE_DIR


CACHE_TYPES = ("SimpleCache", "FileSystemCache", "RedisCache", "NullCache")


def cache_type(value) -> str:
    value = "null" if value is None else str(value)  # from_prefixed_env reads `null` as JSON
    for name in CACHE_TYPES:
        if value.lower() in (name.lower(), name.lower().removesuffix("cache")):
            return name
    if value:
        raise ValueError(f"use one of {', '.join(CACHE_TYPES)}")
    return value


def redis_url(value) -> str:
    value = str(value)
    if value and not value.startswith(("redis://", "rediss://", "unix://")):
        raise ValueError("use a Redis URL such as redis://redis:6379/0")
    return value


def database_url(value) -> str:
    value = str(value)
    if value and not value.startswith(("sqlite:///", "postgresql+psycopg://")):
        raise ValueError(
            "use postgresql+psycopg://user:password@host/name, sqlite:///PATH, or nothing"
        )
    return value


# A CSP source a museum may name: 'self', a scheme, or a host with its scheme, port and path.
SOURCE = re.compile(
    r"'self'|https?:|(?:https?://)?(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::(?:[0-9]{1,5}|\*))?"
    r"(?:/[a-z0-9._~%!$&()*+=:@/-]*)?",
    re.IGNORECASE,
)


def frame_ancestors(value) -> str:
    sources = str(value).split()
    if sources == ["'none'"]:
        return "'none'"
    if not sources or not all(SOURCE.fullmatch(source) for source in sources):
        raise ValueError(
            "use 'none', 'self', or addresses such as https://museum.example, separated by spaces"
        )
    return " ".join(sources)
