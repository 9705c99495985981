"""The fields a translation may hold: each text of its source, and no fact.

A fact (a year, a file, a licence) comes from the source alone: a translation
that gives one is told to remove it. Items of a list are named by their key
in the source: media by `file`, links by `url`, creators by `name`.
"""

from __future__ import annotations

from . import questions
from .fields import Field, Invalid, list_of, record, text
from .messages import translations


def fact(source: str):
    """Refuse a field that only the source may give."""

    def check(value, name, line, report):
        raise Invalid(translations.from_source(name, source))

    return Field(check)


def anything(value, name, line, report):
    """Accept any value: `translated_from` is read from the file's text, as written."""
    return value


def _facts(source: str, *names: str) -> dict[str, Field]:
    return {name: fact(source) for name in names}


TRANSLATED_FROM = {"translated_from": Field(anything)}

EXHIBITION = record(
    {
        **TRANSLATED_FROM,
        "title": Field(text()),
        "subtitle": Field(text(200)),
        "organiser": Field(text()),
        "description": Field(text()),
        **_facts("exhibition.yaml", "edition", "opens", "closes", "language", "languages"),
        **_facts("exhibition.yaml", "licence"),
    }
)

ROOM = record(
    {
        **TRANSLATED_FROM,
        "title": Field(text()),
        "summary": Field(text(200)),
        **_facts("room.md", "cover", "panorama", "hotspots"),
    }
)

PAGE = record({**TRANSLATED_FROM, "title": Field(text()), "summary": Field(text(300))})

_EXHIBIT = "exhibit.md"
EXHIBIT = record(
    {
        **TRANSLATED_FROM,
        "title": Field(text()),
        "medium": Field(text()),
        "ai": Field(record({"system": Field(text()), **_facts(_EXHIBIT, "role", "source_type")})),
        "creators": Field(
            list_of(record({"name": Field(text(), required=True), "role": Field(text())}))
        ),
        "media": Field(
            list_of(
                record(
                    {
                        "file": Field(text(), required=True),
                        "alt": Field(text()),
                        "caption": Field(text(300)),
                        "credit": Field(text()),
                        **_facts(_EXHIBIT, "source_type", "captions", "transcript", "poster"),
                    }
                )
            )
        ),
        "rights": Field(record({"notice": Field(text()), **_facts(_EXHIBIT, "holder", "licence")})),
        "ip_question": Field(questions.check),
        "links": Field(
            list_of(record({"url": Field(text(), required=True), "title": Field(text())}))
        ),
        **_facts(_EXHIBIT, "year", "tags", "draft"),
    }
)
