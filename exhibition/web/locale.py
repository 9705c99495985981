"""The language of each page: the locale its words are translated and its dates written in.

The site's own words (headings, buttons, the tour) come from the gettext
catalogues in exhibition/translations; `make messages` gathers them and
`make` compiles them (docs/development.md, docs/translators.md).
"""

from __future__ import annotations

from pathlib import Path

from babel import Locale, UnknownLocaleError
from flask import Flask, current_app, g, has_request_context, request
from flask_babel import Babel, gettext, refresh

from .. import vocabulary
from . import formats

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"
DEFAULT = "en"
# The site's English is British ("licence", "organiser"), so are its dates: 1 November 2026.
REGIONS = {"en": "en_GB"}


def page_language() -> str:
    """Return the BCP 47 tag of the page: the address's language, else the exhibition's."""
    tag = None
    if has_request_context():
        tag = g.get("language") or (request.view_args or {}).get("lang")
    if not tag:
        found = current_app.extensions.get("exhibition")
        tag = found.exhibition.language if found is not None and found.loaded else DEFAULT
    return tag


def select_locale() -> str:
    """Return the locale Babel uses for the page: its language, or the language's base."""
    tag = page_language().replace("-", "_")
    for candidate in (tag, tag.split("_")[0], DEFAULT):
        try:
            name = str(Locale.parse(candidate))
        except (ValueError, UnknownLocaleError):
            continue
        return REGIONS.get(name, name)
    return DEFAULT


def ai_role_words(role: str) -> str | None:
    """Return the plain words for an AI role, in the page's language."""
    words = vocabulary.AI_ROLES.get(role)
    return gettext(words) if words else words


def source_type_words(code: str) -> str:
    """Return the plain words for an IPTC digital source type, in the page's language."""
    return gettext(vocabulary.source_type_words(code))


def init_app(app: Flask) -> None:
    """Translate pages with Babel, and give templates the words and formats of their language."""
    Babel(app, locale_selector=select_locale, default_translation_directories=str(TRANSLATIONS))
    # Pages rendered one after another in one app context (a freeze) share `g`,
    # where Flask-Babel keeps the locale: each page chooses its own.
    app.before_request(refresh)
    app.jinja_env.globals.update(
        page_language=page_language,
        ai_role_words=ai_role_words,
        source_type_words=source_type_words,
    )
    app.jinja_env.filters.update(
        date_in_words=formats.date_in_words,
        date_range=formats.date_range,
        year_in_words=formats.year_in_words,
        duration=formats.duration_in_words,
        size=formats.size_in_words,
        number=formats.number,
    )
