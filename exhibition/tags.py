"""Tags: the address each tag has, and the exhibits that carry it.

A tag is free text a curator writes (up to 40 characters, any script); its
slug keeps letters and digits of every script, lower-cased, and joins the
rest with hyphens, so `Fair use` and `fair-use` are one tag at `/tags/fair-use/`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .model import Exhibit, Exhibition, page_count, page_of

_NOT_A_WORD = re.compile(r"[\W_]+")
MAX_SLUG = 80  # longer than any slug of a 40-character tag


@dataclass(frozen=True)
class Tag:
    """A tag as visitors see it: its name, its slug, the exhibits that carry it in tour order."""

    name: str
    slug: str
    exhibits: tuple[Exhibit, ...]

    @property
    def page_count(self) -> int:
        """Return how many pages the tag's exhibits fill, PAGE_SIZE a page: at least one."""
        return page_count(len(self.exhibits))

    def page(self, number: int) -> tuple[Exhibit, ...]:
        """Return the exhibits of a page of the tag, numbered from 1."""
        return page_of(self.exhibits, number)


def slug(tag: str) -> str:
    """Return a tag's slug: `Fair use` gives `fair-use`, `Propriété` gives `propriété`."""
    text = unicodedata.normalize("NFKC", tag).casefold()
    return _NOT_A_WORD.sub("-", text).strip("-")


def every_tag(exhibition: Exhibition) -> tuple[Tag, ...]:
    """Return the exhibition's tags sorted by slug, each named as first written."""
    names: dict[str, str] = {}
    found: dict[str, list[Exhibit]] = {}
    for exhibit in exhibition.tour:
        keys = {slug(tag): tag for tag in reversed(exhibit.tags)}  # each tag once, as first written
        for key, tag in keys.items():
            if key:
                names.setdefault(key, tag)
                found.setdefault(key, []).append(exhibit)
    return tuple(Tag(names[key], key, tuple(found[key])) for key in sorted(found))


def find(exhibition: Exhibition, wanted: str) -> Tag | None:
    """Return the tag with this slug, or None (for any other text, however long)."""
    if len(wanted) > MAX_SLUG:
        return None
    return next((tag for tag in every_tag(exhibition) if tag.slug == wanted), None)
