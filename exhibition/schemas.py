"""The fields of each kind of content file, as CONTENT-FORMAT.md defines them."""

from __future__ import annotations

from . import questions
from .fields import (
    Field,
    boolean,
    date,
    licence,
    list_of,
    number,
    one_of,
    record,
    slug,
    text,
    url,
    whole_number,
    year,
)
from .languages import language
from .vocabulary import AI_ROLES, SOURCE_TYPES

SOURCE_TYPE = one_of(tuple(SOURCE_TYPES))

EXHIBITION = record(
    {
        "title": Field(text(), required=True),
        "subtitle": Field(text(200)),
        "edition": Field(slug, required=True),
        "opens": Field(date, required=True),
        "closes": Field(date, required=True),
        "organiser": Field(text()),
        "language": Field(language),
        "languages": Field(list_of(language, 1)),
        "licence": Field(licence),
        "description": Field(text()),
        # The floor plan's rooms to a row, walked as a serpentine; automatic without it.
        "plan": Field(record({"columns": Field(whole_number(1, 12))})),
    }
)

ROOM = record(
    {
        "title": Field(text(), required=True),
        "summary": Field(text(200), required=True),
        "cover": Field(text()),
        # Exhibits on each page of the room; more pages rather than pages too long to load.
        "page_size": Field(whole_number(1, 200)),
        # A curator's own 360° picture of the room, beside room.md, instead of the drawn one.
        "panorama": Field(text()),
        "hotspots": Field(
            list_of(
                record(
                    {
                        "exhibit": Field(slug, required=True),
                        "yaw": Field(number(-180, 180), required=True),
                        "pitch": Field(number(-90, 90), required=True),
                    }
                )
            )
        ),
    }
)

MEDIA_ITEM = record(
    {
        "file": Field(text(), required=True),
        "alt": Field(text()),
        "credit": Field(text(), required=True),
        "caption": Field(text(300)),
        "source_type": Field(SOURCE_TYPE),
        "captions": Field(text()),
        "transcript": Field(text()),
        "poster": Field(text()),
    }
)

EXHIBIT = record(
    {
        "title": Field(text(), required=True),
        "year": Field(year, required=True),
        "creators": Field(
            list_of(record({"name": Field(text(), required=True), "role": Field(text())}), 1),
            required=True,
        ),
        "medium": Field(text()),
        "ai": Field(
            record(
                {
                    "system": Field(text(), required=True),
                    "role": Field(one_of(tuple(AI_ROLES)), required=True),
                    "source_type": Field(SOURCE_TYPE, required=True),
                }
            ),
            required=True,
        ),
        "media": Field(list_of(MEDIA_ITEM, 1), required=True),
        "rights": Field(
            record({"holder": Field(text()), "licence": Field(licence), "notice": Field(text())})
        ),
        "ip_question": Field(questions.check),
        "links": Field(
            list_of(
                record({"title": Field(text(), required=True), "url": Field(url, required=True)})
            )
        ),
        "tags": Field(list_of(text(40))),
        "draft": Field(boolean),
    }
)

PAGE = record({"title": Field(text(), required=True), "summary": Field(text(300))})
