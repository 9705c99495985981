"""The site in each language: its addresses, its texts, and the links between its versions.

The primary language keeps the addresses it always had (`/rooms/art/`);
every other language `exhibition.yaml` lists has the same pages under its
tag (`/fr/rooms/art/`). Media, derivatives and static files have one
address for every language.
"""

from __future__ import annotations

import functools

from babel import Locale, UnknownLocaleError
from flask import Flask, Response, abort, current_app, g, redirect, request, url_for
from flask_babel import force_locale, gettext
from markupsafe import Markup
from werkzeug.routing import BaseConverter

from .current import current_exhibition, store
from .urls import absolute_url

# The pages that exist in every language; anything else (media, the sitemap) has one address.
PAGES = (
    "gallery.lobby",
    "gallery.room",
    "gallery.room_page",
    "gallery.exhibit",
    "pages.page",
    "pages.privacy",
    "answers.answer",
    "answers.results",
    "browse.every_tag",
    "browse.tag",
    "browse.tag_page",
    "browse.timeline_page",
    "browse.timeline_later_page",
    "search.search",
    "search.browse",
    "search.browse_page",
    "search.facet",
    "search.facet_page",
)


class LanguageConverter(BaseConverter):
    """A language tag as the first part of an address: fr, ar, pt-BR."""

    regex = r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*"
    # Tried before a page's slug, so /fr/ is the lobby in French rather than a page named fr.
    weight = 50


def primary() -> str:
    """Return the exhibition's primary language, or "" before it has loaded."""
    return store().exhibition.language if store().loaded else ""


def others() -> tuple[str, ...]:
    """Return the languages with addresses of their own: every listed one but the primary."""
    if not store().loaded:
        return ()
    return tuple(t for t in store().exhibition.languages if t != primary())


@functools.lru_cache(maxsize=64)
def _locale(tag: str) -> Locale | None:
    """Return babel's Locale of a language tag, loaded once per process: a load reads files."""
    try:
        return Locale.parse(tag.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return None


def direction(tag: str) -> str:
    """Return "rtl" for a language written from the right (ar, he, fa, ur), else "ltr"."""
    found = _locale(tag)
    return "rtl" if found is not None and found.character_order == "right-to-left" else "ltr"


def own_name(tag: str) -> str:
    """Return a language's name in itself: English, Français, العربية."""
    found = _locale(tag)
    name = found.get_display_name(found) if found is not None else tag
    return name[:1].upper() + name[1:]


def name_in(tag: str, language: str) -> str:
    """Return the name of a language in another: anglais, الإنجليزية."""
    found, named = _locale(language), _locale(tag)
    if found is None or named is None:
        return tag
    return found.languages.get(str(named), found.languages.get(named.language, tag))


def take_language(endpoint: str | None, values: dict | None) -> None:
    """Take the language out of the address, and set the page's language and texts from it."""
    g.language = None
    language = values.pop("lang", None) if values else None
    if language is None:
        return
    if language in others():
        g.language = language
        return
    if language == primary():
        abort(redirect(url_for(endpoint, **values), 308))
    if endpoint == "gallery.lobby" and current_exhibition().page(language):
        # /faq/ looked like a language, but it is a page of that name.
        request.url_rule = _rule("pages.page")
        values["page"] = language
        return
    abort(404)


def _rule(endpoint: str):
    return next(iter(current_app.url_map.iter_rules(endpoint)))


def keep_language(endpoint: str, values: dict) -> None:
    """Give a page's links the page's language, unless they name one (None: the primary)."""
    language = g.get("language")
    if language and "lang" not in values and endpoint in PAGES:
        values["lang"] = language


def _in(language: str) -> dict:
    """Return the values that build the address of the page being shown, in a language."""
    return {**(request.view_args or {}), "lang": None if language == primary() else language}


def alternates() -> list[dict]:
    """Return the page in each language: its tag, address, name in itself and direction.

    Empty for an address no page answers, and where there is one language only.
    """
    if request.endpoint not in PAGES or not others():
        return []
    return [
        {
            "tag": tag,
            "url": absolute_url(request.endpoint, **_in(tag)),  # for search engines, whole
            "path": url_for(request.endpoint, **_in(tag)),  # for visitors, on any host
            "name": own_name(tag),
            "dir": direction(tag),
            "invitation": _invitation(tag),
        }
        for tag in (primary(), *others())
    ]


def _invitation(tag: str) -> str:
    """Return, in a language, the line that offers the exhibition in it."""
    with force_locale(tag.replace("-", "_")):
        return gettext("See the exhibition in %(language)s", language=name_in(tag, tag))


# What a translation never holds, shown as the source has it on every page (tags).
UNTRANSLATED = frozenset({"tags"})


def original(item, *fields: str, auto: bool = False) -> Markup:
    """Return `lang` and `dir` for an element that shows the primary's text on a translated page.

    Said of an untranslated object (no translation), of the fields its
    translation leaves out, and of what no translation holds (`UNTRANSLATED`),
    so screen readers and fonts take it as it is written. `auto`: the element
    has dir="auto" already, which finds the text's direction: `lang` alone.
    """
    if not item.language or item.language == primary():
        return Markup("")
    kept = UNTRANSLATED.intersection(fields)
    if item.translated and not kept and not any(f in item.missing for f in fields):
        return Markup("")
    if auto:
        return Markup(' lang="{}"').format(primary())
    return Markup(' lang="{}" dir="{}"').format(primary(), direction(primary()))


def untranslated_note(item) -> str:
    """Return the line that says a page, or part of it, is still in the primary language."""
    if not item.language or item.language == primary():
        return ""
    language = name_in(primary(), item.language)
    if not item.translated:
        return gettext(
            "This page is not translated yet: it is shown in %(language)s.", language=language
        )
    if item.missing:
        return gettext(
            "Parts of this page are not translated yet: they are shown in %(language)s.",
            language=language,
        )
    return ""


def caption_tracks(exhibit, index: int) -> list[dict]:
    """Return the captions of an exhibit's video in every language, the page's own the default.

    A language whose captions are not translated has none of its own: its
    page shows the source's, named in the primary language.
    """
    source = g.exhibition.room(exhibit.room_slug).exhibit(exhibit.slug)
    versions = [source] + [source.in_language(t.language) for t in source.translations]
    tracks, seen = [], set()
    for version in versions:
        path = version.media[index].captions
        if path and path not in seen:
            seen.add(path)
            tracks.append(
                {"tag": version.language, "path": path, "name": own_name(version.language)}
            )
    shown = exhibit.media[index].captions
    return [{**track, "default": track["path"] == shown} for track in tracks]


def original_file(exhibit, item) -> Markup:
    """Return `lang` and `dir` for a transcript the page's language has no translation of."""
    source = g.exhibition.room(exhibit.room_slug).exhibit(exhibit.slug)
    sources = {m.path: m.transcript_path for m in source.media}
    if exhibit.language == primary() or item.transcript_path != sources.get(item.path):
        return Markup("")
    return Markup(' lang="{}" dir="{}"').format(primary(), direction(primary()))


def content_language(response: Response) -> Response:
    """Say the language of a page in its response, as its <html lang> does."""
    if request.endpoint in PAGES and response.mimetype == "text/html":
        response.headers["Content-Language"] = current_exhibition().language
    return response


def init_app(app: Flask) -> None:
    """Take the language from each address, keep it in links, and give templates the helpers."""
    app.url_map.converters["lang"] = LanguageConverter
    app.url_value_preprocessor(take_language)
    app.url_defaults(keep_language)
    app.after_request(content_language)
    app.jinja_env.globals.update(
        alternates=alternates,
        text_direction=direction,
        original=original,
        original_file=original_file,
        caption_tracks=caption_tracks,
        untranslated_note=untranslated_note,
    )
