"""Every setting of the app, declared once: name, default, help, parser.

Each is read from an environment variable EXHIBITION_<NAME> and validated at
start-up; a bad value stops the app with a sentence naming the variable.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

PREFIX = "EXHIBITION"


class SettingError(Exception):
    """A setting has a value the app cannot use."""


def _text(value) -> str:
    return str(value)


def _flag(value) -> bool:
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


def _seconds(value) -> float:
    seconds = float(value)
    if seconds < 0:
        raise ValueError("use 0 (off) or a number of seconds")
    return seconds


def _base_url(value) -> str:
    value = str(value)
    if value and not value.startswith(("http://", "https://")):
        raise ValueError("use an absolute URL such as https://exhibition.example.org")
    return value.rstrip("/")


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    help: str
    parse: Callable[[object], object] = _text

    @property
    def variable(self) -> str:
        """Return the environment variable that sets this setting."""
        return f"{PREFIX}_{self.name}"


SETTINGS = (
    Setting("CONTENT_DIR", "content", "The folder of the exhibition's content files."),
    Setting(
        "CACHE_DIR",
        "instance/cache",
        "Where resized images are written; never inside the content folder.",
    ),
    Setting("PREVIEW", False, "1 to show drafts to curators; never on a public site.", _flag),
    Setting(
        "RELOAD_SECONDS",
        0,
        "How often, in seconds, to look for changed content files and reload them; "
        "0: only on a HUP signal to gunicorn (in preview: every half second).",
        _seconds,
    ),
    Setting(
        "BASE_URL",
        "",
        "The public address of the site, for canonical links, Open Graph and the sitemap "
        "(e.g. https://exhibition.example.org); empty: taken from each request.",
        _base_url,
    ),
)


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
