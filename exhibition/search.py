"""Find exhibits by their words: a full-text index of one language's exhibition, in SQLite FTS5.

Each language has its own index, made from that language's snapshot of the
exhibition: titles, creators, label text, IP questions, media captions and
alt text, transcripts, tags and AI systems. The tokenizer ignores case and
accents (`propriete` finds `propriété`); Arabic is folded before indexing and
before a query (short vowels, tatweel and hamza seats removed), so a word
finds itself however it was vocalised. Titles and creators weigh most.

A visitor's query is never FTS5 syntax: each word is quoted as a string, a
quoted run of words is a phrase, and the query is cut at MAX_QUERY characters.
"""

from __future__ import annotations

import difflib
import re
import sqlite3
import time
from dataclasses import dataclass, field
from html import unescape

MAX_QUERY = 200  # characters of a query searched; the rest is dropped, and the page says so
RESULTS = 20  # results shown at most, the best first
COLUMNS = ("title", "creators", "label", "ip", "media", "tags", "ai")
WEIGHTS = (10.0, 6.0, 1.0, 1.0, 1.0, 3.0, 2.0)  # bm25's weight of each column, in order
MARK = ("\x02", "\x03")  # around a match in a snippet; the page escapes the text, then marks
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_SEATS = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ؤ": "و", "ئ": "ي"}
_ARABIC_SEATS = re.compile("[" + "".join(_SEATS) + "]")
_ARABIC = re.compile("[\u0600-\u06ff]")
_TAGS = re.compile(r"<[^>]*>")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def fold(text: str) -> str:
    """Return text with Arabic vowel marks, tatweel and hamza seats folded away."""
    if not _ARABIC.search(text):
        return text
    return _ARABIC_SEATS.sub(lambda m: _SEATS[m.group()], _ARABIC_MARKS.sub("", text))


def plain(html: str) -> str:
    """Return the words of a piece of HTML, without its tags."""
    return unescape(_TAGS.sub(" ", html))


@dataclass(frozen=True)
class Query:
    """A visitor's query as searched: its FTS5 expression, and whether it was cut."""

    text: str
    expression: str
    cut: bool = False

    @classmethod
    def of(cls, text: str) -> Query:
        """Return the query for what a visitor typed: words quoted, phrases kept, length capped."""
        text = _CONTROL.sub(" ", text or "").strip()
        cut = len(text) > MAX_QUERY
        text = text[:MAX_QUERY]
        parts = re.findall(r'"([^"]+)"|([^\s"]+)', fold(text))
        strings = [(phrase or word).replace('"', "") for phrase, word in parts]
        expression = " ".join('"' + s + '"' for s in strings if s.strip())
        return cls(text, expression, cut)


@dataclass(frozen=True)
class Hit:
    """An exhibit found: its place in the exhibition, and the words around the match."""

    room: str
    exhibit: str
    title: str  # with MARK around the matches
    snippet: str  # with MARK around the matches


@dataclass
class Results:
    """What a query found, best first, and how long the search took."""

    query: Query
    hits: list[Hit] = field(default_factory=list)
    suggestion: str = ""  # a near word in the index, when nothing was found
    seconds: float = 0.0


def _row(exhibit) -> tuple[str, ...]:
    """Return the texts of an exhibit, one for each of COLUMNS."""
    media = " ".join(f"{m.caption} {m.alt} {plain(m.transcript_html)}" for m in exhibit.media)
    creators = " ".join(c.name for c in exhibit.creators)
    texts = (
        exhibit.title,
        creators,
        plain(exhibit.label_html),
        exhibit.ip_question,
        media,
        " ".join(exhibit.tags),
        exhibit.ai.system,
    )
    return tuple(fold(t) for t in texts)


class SearchIndex:
    """The full-text index of one language's exhibition, held in memory."""

    def __init__(self, exhibition):
        started = time.perf_counter()
        self.db = sqlite3.connect(":memory:", check_same_thread=False)
        self.places: list[tuple[str, str]] = []
        columns = ", ".join(COLUMNS)
        self.db.execute(
            f"CREATE VIRTUAL TABLE exhibits USING fts5({columns},"
            " tokenize = 'unicode61 remove_diacritics 2')"
        )
        weights = ", ".join(str(w) for w in WEIGHTS)
        self.db.execute(f"INSERT INTO exhibits(exhibits, rank) VALUES ('rank', 'bm25({weights})')")
        self.db.execute("CREATE VIRTUAL TABLE words USING fts5vocab(exhibits, 'row')")
        rows = []
        for room in exhibition.rooms:
            for exhibit in room.exhibits:
                self.places.append((room.slug, exhibit.slug))
                rows.append((len(self.places), *_row(exhibit)))
        marks = ", ".join("?" * (len(COLUMNS) + 1))
        self.db.executemany(f"INSERT INTO exhibits(rowid, {columns}) VALUES ({marks})", rows)
        self._vocabulary: list[str] | None = None
        self.build_seconds = time.perf_counter() - started

    def search(self, text: str, limit: int = RESULTS) -> Results:
        """Return the exhibits a visitor's words find, best first."""
        started = time.perf_counter()
        results = Results(Query.of(text))
        if results.query.expression:
            results.hits = self._hits(results.query.expression, limit)
            if not results.hits:
                results.suggestion = self.suggest(results.query.text)
        results.seconds = time.perf_counter() - started
        return results

    def _hits(self, expression: str, limit: int) -> list[Hit]:
        """Return the best `limit` matches, with their titles and snippets marked."""
        start, end = MARK
        sql = (
            f"SELECT rowid, highlight(exhibits, 0, '{start}', '{end}'),"
            f" snippet(exhibits, -1, '{start}', '{end}', '…', 16)"
            " FROM exhibits WHERE exhibits MATCH ? ORDER BY rank LIMIT ?"
        )  # FTS5 sorts by rank itself, and makes snippets only for the rows it returns
        try:
            rows = self.db.execute(sql, (expression, limit)).fetchall()
        except sqlite3.OperationalError:  # quoted strings leave nothing FTS5 reads as syntax
            return []
        return [Hit(*self.places[rowid - 1], title, snippet) for rowid, title, snippet in rows]

    def matches(self, text: str) -> set[tuple[str, str]]:
        """Return every exhibit a query finds, by room and exhibit slug, unranked."""
        expression = Query.of(text).expression
        if not expression:
            return set()
        try:
            rows = self.db.execute(
                "SELECT rowid FROM exhibits WHERE exhibits MATCH ?", (expression,)
            )
            return {self.places[rowid - 1] for (rowid,) in rows}
        except sqlite3.OperationalError:
            return set()

    def suggest(self, text: str) -> str:
        """Return the query with each unknown word replaced by the nearest one indexed, or ""."""
        if self._vocabulary is None:
            self._vocabulary = [w for (w,) in self.db.execute("SELECT term FROM words")]
        known = set(self._vocabulary)
        words, changed = [], False
        for word in re.findall(r"\w+", fold(text).lower()):
            near = (
                [] if word in known else difflib.get_close_matches(word, self._vocabulary, 1, 0.75)
            )
            changed = changed or bool(near)
            words.append(near[0] if near else word)
        return " ".join(words) if changed else ""

    def size(self) -> int:
        """Return the bytes the index takes in memory (its pages in SQLite)."""
        pages = self.db.execute("PRAGMA page_count").fetchone()[0]
        return pages * self.db.execute("PRAGMA page_size").fetchone()[0]
