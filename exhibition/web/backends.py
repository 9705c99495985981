"""The page cache's backends: which one the settings ask for, and how it is configured."""

from __future__ import annotations

from pathlib import Path

from ..settings import SettingError
from .pagestore import MB

# Flask-Caching's backends by name, where the exhibition uses one of its own.
BACKENDS = {
    "FileSystemCache": "exhibition.web.pagefolder.PageFolder",
    "SimpleCache": "exhibition.web.pagestore.PageStore",
    "RedisCache": "exhibition.web.pagestore.NearRedis",
}


def backend_config(config) -> dict:
    """Return the Flask-Caching configuration the app's settings ask for."""
    kind = config["CACHE_TYPE"] or ("RedisCache" if config["CACHE_REDIS_URL"] else "SimpleCache")
    if kind == "RedisCache" and not config["CACHE_REDIS_URL"]:
        raise SettingError(
            "EXHIBITION_CACHE_TYPE=RedisCache needs EXHIBITION_CACHE_REDIS_URL, "
            "e.g. redis://redis:6379/0."
        )
    folder = config["PAGE_CACHE_DIR"] or str(Path(config["CACHE_DIR"]) / "pages")
    if config["PREVIEW"]:
        kind = "NullCache"
    return {
        "CACHE_TYPE": BACKENDS.get(kind, kind),
        "CACHE_NO_NULL_WARNING": True,
        "CACHE_DEFAULT_TIMEOUT": config["CACHE_SECONDS"],
        "CACHE_THRESHOLD": config["CACHE_PAGES"],
        "CACHE_LIMIT_BYTES": int(config["PAGE_CACHE_MB"] * MB),
        "CACHE_KEY_PREFIX": config["CACHE_KEY_PREFIX"],
        "CACHE_DIR": folder,
        "CACHE_REDIS_URL": config["CACHE_REDIS_URL"],
        # A Redis that stops answering must cost a request a moment, not a timeout.
        "CACHE_OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25}
        if kind == "RedisCache"
        else {},
    }
