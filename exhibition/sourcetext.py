"""The text of a source that its translations translate, by field, and its digests.

A translation says which text it was made from with `translated_from`: the
first 8 hex digits of the SHA-256 of all its source's translatable text, then
a short digest of each field (`3f2a9c1e title=5d1c label=a41f`). The first
word alone is enough to know that the source changed; the others let `check`
name the fields that did.
"""

from __future__ import annotations

import hashlib
import re

from . import markup, model
from .yamltext import read_text

FIELD_DIGEST = re.compile(r"([\w.\[\]]+)=([0-9a-f]{4})")
WHOLE = re.compile(r"[0-9a-f]{8}")


def exhibit_texts(exhibit: model.Exhibit) -> dict[str, str]:
    """Return an exhibit's translatable texts, by the name curators see them under."""
    texts = {"title": exhibit.title, "medium": exhibit.medium, "ai.system": exhibit.ai.system}
    for number, creator in enumerate(exhibit.creators, start=1):
        texts[f"creators[{number}].role"] = creator.role
    for number, item in enumerate(exhibit.media, start=1):
        for key in ("alt", "caption", "credit"):
            texts[f"media[{number}].{key}"] = getattr(item, key)
    texts["rights.notice"] = exhibit.rights.notice
    texts["ip_question"] = exhibit.ip_question
    if exhibit.question and exhibit.question.curated:
        for number, answer in enumerate(exhibit.question.answers, start=1):
            texts[f"ip_question.answers[{number}]"] = answer.text
    for number, link in enumerate(exhibit.links, start=1):
        texts[f"links[{number}].title"] = link.title
    texts["label"] = exhibit.label_html
    return {name: text for name, text in texts.items() if text}


def room_texts(room: model.Room) -> dict[str, str]:
    """Return a room's translatable texts."""
    texts = {"title": room.title, "summary": room.summary, "introduction": room.intro_html}
    return {name: text for name, text in texts.items() if text}


def page_texts(page: model.FreePage) -> dict[str, str]:
    """Return a page's translatable texts; a summary made from its text is not one."""
    made = markup.summarise(markup.plain_text(page.body_html))
    texts = {"title": page.title, "summary": "" if page.summary == made else page.summary}
    texts["text"] = page.body_html
    return {name: text for name, text in texts.items() if text}


def exhibition_texts(exhibition: model.Exhibition) -> dict[str, str]:
    """Return the exhibition's own translatable texts, from exhibition.yaml."""
    texts = {
        "title": exhibition.title,
        "subtitle": exhibition.subtitle,
        "organiser": exhibition.organiser,
        "description": exhibition.description_html,
    }
    return {name: text for name, text in texts.items() if text}


def file_texts(path) -> dict[str, str]:
    """Return the translatable text of a transcript or captions file: all of it."""
    return {"text": read_text(path)}


def _hex(text: str, length: int) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:length]


def digest(texts: dict[str, str]) -> str:
    """Return the `translated_from` of these texts: the whole's digest, then each field's."""
    whole = _hex("".join(f"{name}\0{text}\0" for name, text in texts.items()), 8)
    return " ".join([whole, *(f"{name}={_hex(text, 4)}" for name, text in texts.items())])


def changed(written: str, texts: dict[str, str]) -> list[str] | None:
    """Return the fields changed since `written` was the digest, [] if unknown which; None if none.

    A `written` that is not a digest counts as changed: check then gives the right one.
    """
    words = str(written).split()
    if not words or not WHOLE.fullmatch(words[0]):
        return []
    if words[0] == digest(texts).split()[0]:
        return None
    fields = dict(m.groups() for m in map(FIELD_DIGEST.fullmatch, words[1:]) if m)
    if not fields:
        return []
    return [name for name, text in texts.items() if fields.get(name) != _hex(text, 4)]
