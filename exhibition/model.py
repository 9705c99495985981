"""The exhibition as visitors see it: an immutable tree of plain values.

The loader builds it from the content folder; views and templates only read it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import PurePosixPath

from .frozen import pickled_quickly
from .media import types

PAGE_SIZE = 48  # exhibits on a tag's page, and a room's unless its room.md says
IMAGE_EXTENSIONS = frozenset(types.IMAGES)
AUDIO_EXTENSIONS = frozenset(types.AUDIO)
VIDEO_EXTENSIONS = frozenset(types.VIDEO)


def page_count(items: int, size: int = PAGE_SIZE) -> int:
    """Return how many pages of `size` a listing of `items` fills: at least one."""
    return max(1, -(-items // size))


def page_of(items: tuple, number: int, size: int = PAGE_SIZE) -> tuple:
    """Return the items on a page of a listing, numbered from 1."""
    start = (number - 1) * size
    return items[start : start + size]


def media_kind(path: str) -> str | None:
    """Return "image", "audio" or "video" for a file name, or None if unknown."""
    suffix = PurePosixPath(path).suffix.lower()
    for kind, extensions in (
        ("image", IMAGE_EXTENSIONS),
        ("audio", AUDIO_EXTENSIONS),
        ("video", VIDEO_EXTENSIONS),
    ):
        if suffix in extensions:
            return kind
    return None


@pickled_quickly
@dataclass(frozen=True, slots=True)
class Translation:
    """An object's texts in one more language, and what is not translated yet."""

    language: str
    texts: tuple[tuple[str, object], ...] = ()  # model fields, with their values in this language
    translated: bool = False  # False while there is no translation file (or it has an error)
    missing: frozenset[str] = frozenset()  # fields still in the primary language (curators' names)
    stale: bool = False  # the source changed since it was translated


class Translatable:
    """An object of the model that has texts in more than one language."""

    __slots__ = ()  # its many exhibits keep their fields in slots, not a dict each

    def in_language(self, language: str):
        """Return this object in a language: its translations' texts, else the source's.

        The copy has the same fields, plus `translated` (False where there is
        no translation) and `missing` (the fields still in the primary language).
        Ask it of the source: a copy in a language has no translations of its own.
        """
        if language == self.language:
            return self
        found = next((t for t in self.translations if t.language == language), None)
        found = found or Translation(language)
        return replace(
            self,
            language=language,
            translated=found.translated,
            missing=found.missing,
            translations=(),
            **dict(found.texts),
            **self._nested(language),
        )

    def _nested(self, language: str) -> dict:
        return {}


@pickled_quickly
@dataclass(frozen=True, slots=True)
class Creator:
    name: str
    role: str = ""


@pickled_quickly
@dataclass(frozen=True, slots=True)
class Link:
    title: str
    url: str


@pickled_quickly
@dataclass(frozen=True, slots=True)
class Rights:
    holder: str = ""
    licence: str = ""
    notice: str = ""


@pickled_quickly
@dataclass(frozen=True, slots=True)
class AI:
    system: str
    role: str
    source_type: str


@pickled_quickly
@dataclass(frozen=True, slots=True)
class Image:
    """An image file of an exhibit, with its pixel size."""

    path: str  # relative to the content folder, POSIX
    width: int
    height: int
    alt: str = ""
    version: str = ""  # changes when the file changes; keeps URLs fresh
    colour: str = ""  # its dominant colour, "#rrggbb", shown until it loads; "" if transparent
    frames: int = 1  # more than one for an animation

    @property
    def animated(self) -> bool:
        """Return True if the image is an animation."""
        return self.frames > 1

    @property
    def shown_as_is(self) -> bool:
        """Return True if browsers show the file itself: not a TIFF, a HEIC, a waveform."""
        return PurePosixPath(self.path).suffix.lower() in types.BROWSER_IMAGES


@pickled_quickly
@dataclass(frozen=True, slots=True)
class Media:
    """One media item of an exhibit: an image, a sound or a film."""

    kind: str  # "image", "audio" or "video"
    path: str  # relative to the content folder, POSIX
    credit: str
    alt: str = ""
    caption: str = ""
    source_type: str = ""  # the file's own IPTC code; "" means the work's
    image: Image | None = None  # the image itself, or a video's poster
    captions: str = ""  # WebVTT path, for video
    transcript_html: str = ""  # rendered transcript, for audio
    transcript_path: str = ""
    duration: float | None = None  # seconds, for sound and film, where the file says

    @property
    def mime_type(self) -> str:
        """Return the media type browsers expect for this file."""
        return types.media_type(self.path) or "application/octet-stream"


@pickled_quickly
@dataclass(frozen=True, slots=True)
class Answer:
    key: str  # stable across languages: slugged from the source language's text
    text: str


@pickled_quickly
@dataclass(frozen=True, slots=True)
class Question:
    """An exhibit's question and the answers visitors choose from."""

    key: str  # "<room slug>/<exhibit slug>", what the answers are stored under
    text: str
    answers: tuple[Answer, ...]
    curated: bool = False  # False: the three default answers, which the web layer translates


@pickled_quickly
@dataclass(frozen=True, slots=True)
class Exhibit(Translatable):
    slug: str
    room_slug: str
    folder: str  # relative to the content folder, e.g. "rooms/01-art/01-aaron"
    title: str
    year: str  # "2018" or an ISO date, as written
    creators: tuple[Creator, ...]
    ai: AI
    media: tuple[Media, ...]
    label_html: str
    medium: str = ""
    rights: Rights = field(default_factory=Rights)
    ip_question: str = ""
    question: Question | None = None  # the question with its answers; None without ip_question
    links: tuple[Link, ...] = ()
    tags: tuple[str, ...] = ()
    draft: bool = False
    summary: str = ""  # plain text from the label, for meta descriptions
    language: str = ""  # of the texts: the exhibition's primary, or the one asked of in_language
    translated: bool = True
    missing: frozenset[str] = frozenset()
    translations: tuple[Translation, ...] = ()

    @property
    def main_image(self) -> Image | None:
        """Return the first image of the exhibit: the image itself or a poster."""
        return next((m.image for m in self.media if m.image), None)

    @property
    def kind(self) -> str:
        """Return the kind of the exhibit's first media item."""
        return self.media[0].kind


@pickled_quickly
@dataclass(frozen=True, slots=True)
class Hotspot:
    """Where a curator's own 360° picture of a room shows one of its exhibits."""

    exhibit: str  # its slug
    yaw: float  # degrees, -180 to 180, 0 at the picture's middle, positive to the right
    pitch: float  # degrees, -90 to 90, positive up


@dataclass(frozen=True)
class Room(Translatable):
    slug: str
    folder: str
    title: str
    summary: str
    intro_html: str
    exhibits: tuple[Exhibit, ...]
    cover: Image | None = None
    index: int = 0  # position among the rooms, from 0; picks the room's colour
    language: str = ""  # of the texts: the exhibition's primary, or the one asked of in_language
    translated: bool = True
    missing: frozenset[str] = frozenset()
    translations: tuple[Translation, ...] = ()
    page_size: int = PAGE_SIZE  # exhibits on each page of the room
    panorama: Image | None = None  # a curator's own 360° picture, beside room.md
    hotspots: tuple[Hotspot, ...] = ()  # where that picture shows each exhibit

    def _nested(self, language: str) -> dict:
        exhibits = tuple(e.in_language(language) for e in self.exhibits)
        images = {e.main_image.path: e.main_image for e in exhibits if e.main_image}
        images.update({m.image.path: m.image for e in exhibits for m in e.media if m.image})
        cover = self.cover and images.get(self.cover.path, self.cover)
        return {"exhibits": exhibits, "cover": cover}

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {e.slug: i for i, e in enumerate(self.exhibits)}

    def exhibit(self, slug: str) -> Exhibit | None:
        """Return the exhibit with this slug, or None."""
        i = self._positions.get(slug)
        return None if i is None else self.exhibits[i]

    def position(self, exhibit: Exhibit) -> int:
        """Return the exhibit's place in the room, from 0, found by its slug."""
        return self._positions[exhibit.slug]

    @property
    def page_count(self) -> int:
        """Return how many pages the room's exhibits fill: at least one."""
        return page_count(len(self.exhibits), self.page_size)

    def page(self, number: int) -> tuple[Exhibit, ...]:
        """Return the exhibits of a page of the room, numbered from 1."""
        return page_of(self.exhibits, number, self.page_size)


@pickled_quickly
@dataclass(frozen=True, slots=True)
class FreePage(Translatable):
    slug: str
    path: str
    title: str
    summary: str
    body_html: str
    language: str = ""  # of the texts: the exhibition's primary, or the one asked of in_language
    translated: bool = True
    missing: frozenset[str] = frozenset()
    translations: tuple[Translation, ...] = ()


@dataclass(frozen=True)
class Exhibition(Translatable):
    title: str
    edition: str
    opens: dt.date
    closes: dt.date
    rooms: tuple[Room, ...]
    subtitle: str = ""
    organiser: str = ""
    language: str = "en"
    licence: str = ""
    description_html: str = ""
    plan_columns: int = 0  # rooms to a row on the floor plan; 0 lets floorplan.py choose
    pages: tuple[FreePage, ...] = ()
    languages: tuple[str, ...] = ()  # every language of the texts, the primary first
    translated: bool = True
    missing: frozenset[str] = frozenset()
    translations: tuple[Translation, ...] = ()
    # What the content folder loaded as, digested as it loaded (reuse.py): "" when made otherwise.
    version: str = field(default="", compare=False, repr=False)

    def _nested(self, language: str) -> dict:
        rooms = tuple(room.in_language(language) for room in self.rooms)
        return {"rooms": rooms, "pages": tuple(page.in_language(language) for page in self.pages)}

    @cached_property
    def _rooms(self) -> dict[str, Room]:
        return {r.slug: r for r in self.rooms}

    def room(self, slug: str) -> Room | None:
        """Return the room with this slug, or None."""
        return self._rooms.get(slug)

    def page(self, slug: str) -> FreePage | None:
        """Return the free page with this slug, or None."""
        return next((p for p in self.pages if p.slug == slug), None)

    @cached_property
    def files(self) -> frozenset[str]:
        """Return every content file a page may link to: media, captions, transcripts.

        Translated captions and transcripts are among them.
        """
        paths = set()
        for source in self.tour:
            for exhibit in (source, *(source.in_language(t.language) for t in source.translations)):
                paths.update(self._files_of(exhibit))
        return frozenset(paths)

    @staticmethod
    def _files_of(exhibit: Exhibit) -> set[str]:
        paths = set()
        for item in exhibit.media:
            paths.update(p for p in (item.path, item.captions, item.transcript_path) if p)
            if item.image:
                paths.add(item.image.path)
        return paths

    @cached_property
    def tour(self) -> tuple[Exhibit, ...]:
        """Return every exhibit in visiting order, room after room."""
        return tuple(e for room in self.rooms for e in room.exhibits)

    @cached_property
    def _tour_index(self) -> dict[tuple[str, str], int]:
        return {(e.room_slug, e.slug): i for i, e in enumerate(self.tour)}

    def stop(self, exhibit: Exhibit) -> TourStop:
        """Return where an exhibit stands in the tour, found by its room's and its own slug.

        By index, not by comparing exhibits: comparing whole dataclasses costs
        a label's length per exhibit passed, and an exhibit as loaded before a
        reload compares unequal to itself as loaded now.
        """
        i = self._tour_index[(exhibit.room_slug, exhibit.slug)]
        room = self.room(exhibit.room_slug)
        return TourStop(
            previous=self.tour[i - 1] if i > 0 else None,
            next=self.tour[i + 1] if i + 1 < len(self.tour) else None,
            number_in_room=room.position(exhibit) + 1,
            room_size=len(room.exhibits),
            number=i + 1,
            size=len(self.tour),
        )


@dataclass(frozen=True)
class TourStop:
    """An exhibit's place in the guided tour."""

    previous: Exhibit | None
    next: Exhibit | None
    number_in_room: int
    room_size: int
    number: int
    size: int
