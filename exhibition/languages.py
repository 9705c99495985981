"""Language tags: which are well formed and known, and which file names are translations.

A tag is BCP 47 as curators write it (`en`, `fr`, `pt-BR`, `zh-Hant`). Its
language must be a known one: an ISO 639-1 code, or three letters (ISO 639-2
and -3 are too many to list, and rare enough that a typo is unlikely there).
"""

from __future__ import annotations

import re

from .fields import Invalid
from .messages import translations, values
from .messages.words import closest

TAG = re.compile(r"([A-Za-z]{2,3})(-[A-Za-z]{4})?(-(?:[A-Za-z]{2}|\d{3}))?(-[A-Za-z0-9]{5,8})*")
WELL_FORMED = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")
# A translation's file name: exhibit.fr.md, exhibition.pt-BR.yaml, clip.ar.vtt.
TRANSLATED_NAME = re.compile(r"(?P<stem>.+)\.(?P<tag>[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)")

ISO_639_1 = frozenset(
    """aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv
    cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr
    ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw
    ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv
    ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr
    ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi
    yo za zh zu""".split()
)


def known(tag: str) -> bool:
    """Return True for a well-formed tag whose language is a known one."""
    match = TAG.fullmatch(tag)
    return bool(match) and (len(match[1]) == 3 or match[1].lower() in ISO_639_1)


def language(value, name, line, report):
    """Accept a BCP 47 language tag of a known language, such as en or pt-BR."""
    if not isinstance(value, str) or not WELL_FORMED.fullmatch(value):
        raise Invalid(values.not_a_language_tag(name, value))
    if not known(value):
        raise Invalid(translations.unknown_language(name, value, closest(value, ISO_639_1)))
    return value


def split_name(name: str, suffix: str) -> tuple[str, str] | None:
    """Return (stem, tag) of a file named like a translation (`exhibit.fr.md`), or None."""
    if not name.endswith(suffix):
        return None
    match = TRANSLATED_NAME.fullmatch(name.removesuffix(suffix))
    return (match["stem"], match["tag"]) if match else None
