"""Every setting of the app, declared once: name, default, help, parser.

Each is read from an environment variable EXHIBITION_<NAME> and validated at
start-up; a bad value stops the app with a sentence naming the variable.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from . import settingvalues as values
from .settingvalues import ARCHIVE_DIR

PREFIX = "EXHIBITION"


class SettingError(Exception):
    """A setting has a value the app cannot use."""


CACHES = "instance/cache"  # a folder of its own in here per content folder, by default


def own_cache_dir(content_dir) -> str:
    """Return the default cache folder of a content folder: one of its own under instance/cache.

    Named after the folder and a hash of its full path, links resolved, so
    two exhibitions built or previewed from one place never share images,
    probes or snapshots, and the name still says whose it is.
    """
    content = Path(content_dir).resolve()
    slug = re.sub(r"[^a-z0-9]+", "-", content.name.lower()).strip("-")[:40] or "content"
    digest = hashlib.blake2b(str(content).encode(), digest_size=4).hexdigest()
    return f"{CACHES}/{slug}-{digest}"


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    help: str
    parse: Callable[[object], object] = values.text

    @property
    def variable(self) -> str:
        """Return the environment variable that sets this setting."""
        return f"{PREFIX}_{self.name}"


SETTINGS = (
    Setting("CONTENT_DIR", "content", "The folder of the exhibition's content files."),
    Setting(
        "CACHE_DIR",
        "",
        "Where resized images, zoom tiles and the loaded content are kept; never inside "
        "the content folder, and writable by the site alone; empty: a folder of the content "
        "folder's own, instance/cache/NAME-HASH (its name and a hash of its full path). "
        "A folder set here is used as it is, so give each exhibition its own.",
    ),
    Setting("PREVIEW", False, "1 to show drafts to curators; never on a public site.", values.flag),
    Setting(
        "RELOAD_SECONDS",
        0,
        "How often, in seconds, to look for changed content files and reload them; "
        "0: only on a HUP signal to gunicorn (in preview: every half second).",
        values.seconds,
    ),
    Setting(
        "BASE_URL",
        "",
        "The public address of the site, for canonical links, Open Graph and the sitemap "
        "(e.g. https://exhibition.example.org); empty: taken from each request.",
        values.base_url,
    ),
    Setting(
        "MODE",
        "live",
        "live: serve the exhibition and its archived editions; archive: serve only the "
        "archived editions, for when the live exhibition is retired (/ leads to the latest).",
        values.mode,
    ),
    Setting(
        "ARCHIVE_DIR",
        ARCHIVE_DIR,
        "Where `freeze` writes frozen editions and the site serves them from; never inside "
        "the content folder, and writable by the site alone; empty: instance/archive.",
        values.archive_dir,
    ),
    Setting(
        "IMAGE_WIDTHS",
        "320,640,960,1280,1920,2560",
        "The widths, in pixels, of the copies `build` makes of each image, separated by commas; "
        "never wider than the original.",
        values.widths,
    ),
    Setting(
        "PANORAMA_WIDTHS",
        "2048,4096",
        "The widths, in pixels, of each room's 360° picture `build` draws (twice as wide as "
        "high), separated by commas: the widest is drawn, the others scaled from it; phones' "
        "WebGL takes 2048 at least.",
        values.widths,
    ),
    Setting(
        "IMAGE_BACKGROUND",
        "#f6f3ee",
        "The colour, #rrggbb, that transparent images are laid on in their JPEG copies: "
        "the page's background.",
        values.colour,
    ),
    Setting(
        "MAX_FILE_MB",
        250,
        "The largest image file accepted, in megabytes; a larger one is a content problem.",
        values.positive,
    ),
    Setting(
        "MAX_IMAGE_PIXELS",
        89_478_485,
        "The most pixels an image may have (all frames of an animation together); "
        "more is a content problem, so a small file cannot unpack into a huge one.",
        values.positive,
    ),
    Setting(
        "IMAGE_SECONDS",
        300,
        "How long `build` may spend on one image before it gives up on it and reports it.",
        values.positive,
    ),
    Setting(
        "IMAGE_MEMORY_MB",
        3000,
        "How much memory, in megabytes, one `build` worker may reserve for one image; "
        "an image that needs more is reported.",
        values.positive,
    ),
    Setting(
        "CACHE_TYPE",
        "",
        "Where rendered pages are kept: SimpleCache (each worker's memory), FileSystemCache "
        "(a folder a host's workers share), RedisCache (one Redis every host shares) or "
        "NullCache (none); empty: RedisCache if EXHIBITION_CACHE_REDIS_URL is set, "
        "else SimpleCache.",
        values.cache_type,
    ),
    Setting(
        "CACHE_REDIS_URL",
        "",
        "The Redis that pages are cached in and content changes announced through, "
        "e.g. redis://redis:6379/0; empty: no Redis.",
        values.redis_url,
    ),
    Setting(
        "DATABASE_URL",
        "",
        "Where visitors' answers are kept: postgresql+psycopg://user:password@host/name for "
        "several replicas or machines; empty: an SQLite file, instance/answers.sqlite3.",
        values.database_url,
    ),
    Setting(
        "ANSWER_RATE_LIMIT",
        "20 per minute;200 per day",
        "How many answers one address may send, in Flask-Limiter's words "
        "(e.g. 20 per minute;200 per day); counted in the cache's Redis if there is one.",
        values.text,
    ),
    Setting(
        "TRUSTED_PROXIES",
        0,
        "How many proxies (such as the shipped nginx) stand in front of the site and set "
        "X-Forwarded-For; the visitor's address is taken from them alone. 0: none, the "
        "address of the connection is the visitor's.",
        values.whole,
    ),
    Setting(
        "SECRET_KEY",
        "",
        "The key answer forms are signed with; set the same on every machine that serves the "
        "site; empty: a random key kept in instance/form-key.",
        values.text,
    ),
    Setting(
        "PAGE_CACHE_DIR",
        "",
        "The folder FileSystemCache keeps pages in; never inside the content folder, and "
        "writable by the site alone; empty: pages/ in EXHIBITION_CACHE_DIR.",
    ),
    Setting(
        "CACHE_SECONDS",
        86400,
        "How long, in seconds, a rendered page is kept; 0: until it is pushed out. "
        "A content change makes new pages at once, whatever this says.",
        values.whole,
    ),
    Setting(
        "CACHE_PAGES",
        2000,
        "The most pages FileSystemCache keeps in its folder; the oldest go first.",
        values.positive,
    ),
    Setting(
        "PAGE_CACHE_MB",
        32,
        "How much memory, in megabytes, SimpleCache may fill with pages in each worker; "
        "past it the pages asked for least recently go first.",
        values.megabytes,
    ),
    Setting(
        "CACHE_KEY_PREFIX",
        "exhibition:",
        "What every cache key starts with, so several sites can share one Redis.",
    ),
    Setting(
        "PAGE_MAX_AGE",
        60,
        "How long, in seconds, browsers and proxies may reuse a page without asking again "
        "(Cache-Control max-age).",
        values.whole,
    ),
    Setting(
        "PAGE_STALE_SECONDS",
        300,
        "How long after that, in seconds, they may show the old page while they fetch the "
        "new one (Cache-Control stale-while-revalidate).",
        values.whole,
    ),
    Setting(
        "COMPRESS",
        True,
        "1 to send pages, style sheets and scripts compressed (brotli or gzip) to browsers "
        "that accept it; 0 to leave that to a proxy.",
        values.flag,
    ),
    Setting(
        "HTTPS",
        False,
        "1 when visitors reach the site over HTTPS (through a proxy that holds the "
        "certificate): browsers are then told to use HTTPS only, for two years "
        "(Strict-Transport-Security).",
        values.flag,
    ),
    Setting(
        "FRAME_ANCESTORS",
        "'none'",
        "Which sites may show the exhibition inside a frame of their own pages, as the "
        "Content-Security-Policy frame-ancestors sources: 'none' (no site), 'self', or "
        "addresses such as https://museum.example, separated by spaces.",
        values.frame_ancestors,
    ),
)


def environment(environ=None) -> dict:
    """Return the variables EXHIBITION_* as settings, read as Flask's from_prefixed_env reads them.

    In sorted order, each value as JSON if it is JSON (EXHIBITION_IMAGE_WIDTHS=320
    gives the number 320), else as its text; A__B sets B in a dict A.
    """
    environ = os.environ if environ is None else environ
    config: dict = {}
    for variable in sorted(environ):
        if not variable.startswith(f"{PREFIX}_"):
            continue
        try:
            value = json.loads(environ[variable])
        except (ValueError, RecursionError):  # not JSON: the text as it is, as Flask keeps it
            value = environ[variable]
        *parents, name = variable.removeprefix(f"{PREFIX}_").split("__")
        place = config
        for parent in parents:
            place = place.setdefault(parent, {})
        place[name] = value
    return config


def read(overrides: dict | None = None, environ=None) -> dict:
    """Return every setting, from the environment with the overrides over it, parsed and checked.

    The one way settings are read: `create_app` reads them so, and so do the
    commands that need no app (`exhibition check`, `exhibition build`).
    Raise SettingError, naming the variable, for a value the app cannot use.
    """
    config = environment(environ)
    config.update(overrides or {})
    apply(config)
    return config


def apply(config) -> None:
    """Fill in defaults and parse every setting in a Flask config, or raise SettingError."""
    for setting in SETTINGS:
        value = config.get(setting.name, setting.default)
        try:
            config[setting.name] = setting.parse(value)
        except (ValueError, TypeError) as error:
            raise SettingError(
                f"{setting.variable}={value!r} is not valid: {error}. {setting.help}"
            ) from None
    if not config["CACHE_DIR"]:
        config["CACHE_DIR"] = own_cache_dir(config["CONTENT_DIR"])
    if config.get("TRUSTED_HOSTS") is None and config["BASE_URL"]:
        config["TRUSTED_HOSTS"] = trusted_hosts(config["BASE_URL"])


def default(name: str):
    """Return a setting's default as the app would have it, parsed: the one place it is set."""
    setting = next(s for s in SETTINGS if s.name == name)
    return setting.parse(setting.default)


def trusted_hosts(base_url: str) -> list[str]:
    """Return the hosts a site with this public address answers: its own, and loopback.

    Flask (and the edge, before the page cache) answer 400 to any other Host,
    so no request can make a page that names another site. Loopback stays
    open for health checks and tools run on the host itself.
    """
    return [urlsplit(base_url).hostname, "localhost", "127.0.0.1"]
