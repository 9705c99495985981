"""Describe the exhibition and its works in schema.org JSON-LD."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from . import model
from .vocabulary import source_type_uri

SPDX_URL = "https://spdx.org/licenses/{}.html"
FEATURED = 6  # works the lobby names; the sitemap lists every page
WORK_TYPES = {"image": "VisualArtwork", "audio": "MusicRecording", "video": "Movie"}

Url = Callable[..., str]  # url(endpoint, **values) -> absolute URL


def licence_url(licence: str) -> str:
    """Return a URL for an SPDX id or a licence URL."""
    return licence if licence.startswith(("http://", "https://")) else SPDX_URL.format(licence)


def dumps(data: dict) -> str:
    """Return JSON safe to place inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def exhibition_event(exhibition: model.Exhibition, url: Url) -> dict:
    """Return the lobby's ExhibitionEvent."""
    data = {
        "@context": "https://schema.org",
        "@type": "ExhibitionEvent",
        "name": exhibition.title,
        "url": url("gallery.lobby"),
        "startDate": exhibition.opens.isoformat(),
        "endDate": exhibition.closes.isoformat(),
        "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode",
        "eventStatus": "https://schema.org/EventScheduled",
        "location": {"@type": "VirtualLocation", "url": url("gallery.lobby")},
        "inLanguage": exhibition.language,
        "subEvent": [_room_event(exhibition, room, url) for room in exhibition.rooms],
        "workFeatured": [
            {"@type": "CreativeWork", "name": e.title, "url": _exhibit_url(e, url)}
            for e in featured(exhibition)
        ],
    }
    if exhibition.subtitle:
        data["description"] = exhibition.subtitle
    if exhibition.organiser:
        data["organizer"] = {"@type": "Organization", "name": exhibition.organiser}
    return data


def featured(exhibition: model.Exhibition) -> list[model.Exhibit]:
    """Return the works the lobby names: the first of each room, at most FEATURED.

    A handful, whatever the size of the collection: the lobby's JSON-LD
    would otherwise grow with every exhibit, and the sitemap lists them all.
    """
    return [room.exhibits[0] for room in exhibition.rooms if room.exhibits][:FEATURED]


def _room_event(exhibition: model.Exhibition, room: model.Room, url: Url) -> dict:
    """Return a room as a part of the exhibition: an event with its own address."""
    return {
        "@type": "ExhibitionEvent",
        "name": room.title,
        "description": room.summary,
        "url": url("gallery.room", room=room.slug),
        "startDate": exhibition.opens.isoformat(),
        "endDate": exhibition.closes.isoformat(),
        "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode",
        "location": {"@type": "VirtualLocation", "url": url("gallery.room", room=room.slug)},
    }


Versions = Sequence[tuple[str, str]]  # (language, absolute URL) of a page in each language


def work(
    exhibit: model.Exhibit,
    url: Url,
    image_url: Callable[[model.Image], str],
    versions: Versions = (),
    primary: str = "",
) -> dict:
    """Return the JSON-LD of an exhibit's work, linked to its description in other languages."""
    data = {
        "@context": "https://schema.org",
        "@type": _work_type(exhibit),
        "name": exhibit.title,
        "url": _exhibit_url(exhibit, url),
        "dateCreated": exhibit.year,
        "creator": [_creator(c) for c in exhibit.creators],
        "digitalSourceType": source_type_uri(exhibit.ai.source_type),
        "creditText": "; ".join(m.credit for m in exhibit.media),
        "description": exhibit.summary,
        "keywords": list(exhibit.tags),
    }
    if exhibit.language or primary:
        data["inLanguage"] = exhibit.language or primary
    _link_translations(data, versions, primary)
    if exhibit.rights.licence:
        data["license"] = licence_url(exhibit.rights.licence)
    if exhibit.rights.notice:
        data["copyrightNotice"] = exhibit.rights.notice
    if exhibit.rights.holder:
        data["copyrightHolder"] = {"@type": "Thing", "name": exhibit.rights.holder}
    if exhibit.medium and data["@type"] == "VisualArtwork":
        data["artMedium"] = exhibit.medium
    if exhibit.main_image and image_url(exhibit.main_image):
        data["image"] = _illustration(exhibit, image_url)
    return data


def _link_translations(data: dict, versions: Versions, primary: str) -> None:
    """Name the page's translations from the primary language's, or its source from another's."""
    if data.get("inLanguage", primary) == primary:
        others = [_version(data, tag, link) for tag, link in versions if tag != primary]
        if others:
            data["workTranslation"] = others
    else:
        source = next((link for tag, link in versions if tag == primary), None)
        if source:
            data["translationOfWork"] = _version(data, primary, source)


def _version(data: dict, language: str, link: str) -> dict:
    return {"@type": data["@type"], "url": link, "inLanguage": language}


def _work_type(exhibit: model.Exhibit) -> str:
    kinds = {m.kind for m in exhibit.media}
    for kind in ("video", "audio"):
        if kind in kinds:
            return WORK_TYPES[kind]
    if exhibit.ai.role == "none" or exhibit.ai.source_type == "digitalCreation":
        return "CreativeWork"
    return WORK_TYPES["image"]


def _illustration(exhibit: model.Exhibit, image_url) -> dict:
    item = next(m for m in exhibit.media if m.image)
    data = {
        "@type": "ImageObject",
        "contentUrl": image_url(item.image),
        "width": item.image.width,
        "height": item.image.height,
        "caption": item.image.alt,
        "creditText": item.credit,
    }
    if item.source_type:
        data["digitalSourceType"] = source_type_uri(item.source_type)
    return data


def _creator(creator: model.Creator) -> dict:
    data = {"@type": "Thing", "name": creator.name}
    if creator.role:
        data["description"] = creator.role
    return data


def _exhibit_url(exhibit: model.Exhibit, url: Url) -> str:
    return url("gallery.exhibit", room=exhibit.room_slug, exhibit=exhibit.slug)
