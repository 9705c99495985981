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
import json
import math
import os
import re
import sqlite3
import time
import unicodedata
from contextlib import closing, suppress
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from urllib.parse import quote

from . import atomic, facets, folders

MAX_QUERY = 200  # characters of a query searched; the rest is dropped, and the page says so
RESULTS = 20  # results shown at most, the best first
COLUMNS = ("title", "creators", "label", "ip", "media", "tags", "ai")
WEIGHTS = (10.0, 6.0, 1.0, 1.0, 1.0, 3.0, 2.0)  # bm25's weight of each column, in order
SWEEP_SECONDS = 24 * 3600  # a kept index no process opened for this long is removed
CLOSE = 0.75  # how alike an unknown word and a word indexed must be to suggest it (0 to 1)
NO_FACETS = facets.State()
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
    """What a query found, best first, with the facets' counts, and how long the search took."""

    query: Query
    hits: list[Hit] = field(default_factory=list)  # the first page, the facets chosen applied
    total: int = 0  # every exhibit found, the facets chosen applied
    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # see facets.Table.counts
    suggestion: str = ""  # a near word in the index, when nothing was found
    seconds: float = 0.0


def _texts(exhibit) -> tuple[str, ...]:
    """Return the texts of an exhibit as written, one for each of COLUMNS."""
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
    return texts


def restore(marked: str, texts: tuple[str, ...]) -> str:
    """Return a marked piece of folded text as it was written, its marks kept.

    FTS5 returns titles and snippets from the folded text it indexed, which
    lacks the Arabic vowel marks and hamza seats of the text a visitor should
    read; the piece is found in the fold of one of the texts and given back
    from that text. A piece found in none (it cannot be) is returned as it is.
    """
    head = "…" if marked.startswith("…") else ""
    tail = "…" if marked.endswith("…") and len(marked) > len(head) else ""
    inner = marked[len(head) : len(marked) - len(tail)]
    words = inner.replace(MARK[0], "").replace(MARK[1], "")
    for text in texts:
        at = fold(text).find(words)
        if at >= 0:
            return head + _unfolded(inner, text, at) + tail
    return marked


def _unfolded(inner: str, text: str, at: int) -> str:
    """Return the piece of text whose fold starts at `at` and reads `inner`, marks kept."""
    kept = [n for n, c in enumerate(text) if not _ARABIC_MARKS.match(c)] + [len(text)]
    pieces = []
    for c in inner:
        if c in MARK:
            pieces.append(c)
        else:  # a letter and the vowel marks that follow it
            pieces.append(text[kept[at] : kept[at + 1]])
            at += 1
    return "".join(pieces)


class SearchIndex:
    """The full-text index of one language's exhibition.

    Everything a query does not change is made here, off the request path: the
    index, the facets of each row (facets.Table, unless given) and the vocabulary
    that near misses are looked up in, by word length. Given a `file`, the index
    is kept there and read from it: made once for every worker and start that
    serves the same snapshot, read through the system's file cache rather than
    held in each worker's memory.
    """

    def __init__(self, exhibition, table: facets.Table | None = None, file: Path | None = None):
        started = time.perf_counter()
        every = [exhibit for room in exhibition.rooms for exhibit in room.exhibits]
        self.exhibits = every  # row n is every[n - 1]
        self.places = [(exhibit.room_slug, exhibit.slug) for exhibit in every]
        self.db = (file and _opened(file)) or _made(every, file)
        if table is None:
            table = facets.Table(every, first=1)
        self.facets = table  # row n is self.places[n - 1]
        self.words = _vocabulary(self.db)
        self.known = {word for group in self.words.values() for word in group}  # numbers not
        self.build_seconds = time.perf_counter() - started

    def search(self, text: str, state: facets.State = NO_FACETS, limit: int = RESULTS) -> Results:
        """Return the exhibits a visitor's words find, best first, narrowed by the facets chosen."""
        started = time.perf_counter()
        results = Results(Query.of(text))
        expression = results.query.expression
        found = facets.rows(self._matched(expression)) if expression else 0
        admitted = found & self.facets.admitted(state)
        if admitted:
            results.hits = self._best(expression, admitted if state.chosen else None, limit)
        results.total, results.counts = admitted.bit_count(), self.facets.counts(found, state)
        if expression and not found:
            results.suggestion = self.suggest(results.query.text)
        results.seconds = time.perf_counter() - started
        return results

    def _matched(self, expression: str) -> list[int]:
        """Return the row of every exhibit an expression matches, unranked (for the counts)."""
        sql = "SELECT rowid FROM exhibits WHERE exhibits MATCH ?"
        try:
            return [rowid for (rowid,) in self.db.execute(sql, (expression,))]
        except sqlite3.OperationalError:  # quoted strings leave nothing FTS5 reads as syntax
            return []

    def _best(self, expression: str, within: int | None, limit: int) -> list[Hit]:
        """Return the best `limit` matches among the rows `within` (None: all), marked.

        FTS5 ranks every match, then stops at the limit: only the hits returned
        get their title highlighted and a snippet made.
        """
        start, end = MARK
        sql = (
            f"SELECT rowid, highlight(exhibits, 0, '{start}', '{end}'),"
            f" snippet(exhibits, -1, '{start}', '{end}', '…', 16) FROM exhibits"
            " WHERE exhibits MATCH ?1"
            " AND (?2 IS NULL OR rowid IN (SELECT value FROM json_each(?2)))"
            " ORDER BY rank LIMIT ?3"
        )
        rows = json.dumps(facets.numbers(within)) if within is not None else None
        found = self.db.execute(sql, (expression, rows, limit)).fetchall()
        return [self._hit(rowid, title, snippet) for rowid, title, snippet in found]

    def _hit(self, rowid: int, title: str, snippet: str) -> Hit:
        """Return a row found, its title and snippet as written if fold() changed them."""
        if _ARABIC.search(title + snippet):
            texts = _texts(self.exhibits[rowid - 1])
            title, snippet = restore(title, texts[:1]), restore(snippet, texts)
        return Hit(*self.places[rowid - 1], title, snippet)

    def matches(self, text: str) -> set[tuple[str, str]]:
        """Return every exhibit a query finds, by room and exhibit slug, unranked."""
        expression = Query.of(text).expression
        rows = self._matched(expression) if expression else []
        return {self.places[rowid - 1] for rowid in rows}

    def suggest(self, text: str) -> str:
        """Return the query with each unknown word replaced by the nearest one indexed, or ""."""
        words, changed = [], False
        for word in re.findall(r"\w+", fold(text).lower()):
            bare = _bare(word)
            near = [] if bare in self.known or _numeric(bare) else _near(bare, self.words)
            changed = changed or bool(near)
            words.append(near[0] if near else word)
        return " ".join(words) if changed else ""

    def size(self) -> int:
        """Return the bytes the index takes in memory (its pages in SQLite)."""
        pages = self.db.execute("PRAGMA page_count").fetchone()[0]
        return pages * self.db.execute("PRAGMA page_size").fetchone()[0]


def _made(every: list, file: Path | None) -> sqlite3.Connection:
    """Return a new index of the exhibits, kept in a file if one is given and can be written."""
    db = sqlite3.connect(":memory:", check_same_thread=False)
    columns = ", ".join(COLUMNS)
    db.execute(
        f"CREATE VIRTUAL TABLE exhibits USING fts5({columns},"
        " tokenize = 'unicode61 remove_diacritics 2')"
    )
    weights = ", ".join(str(w) for w in WEIGHTS)
    db.execute(f"INSERT INTO exhibits(exhibits, rank) VALUES ('rank', 'bm25({weights})')")
    rows = [(n, *map(fold, _texts(exhibit))) for n, exhibit in enumerate(every, 1)]
    marks = ", ".join("?" * (len(COLUMNS) + 1))
    db.executemany(f"INSERT INTO exhibits(rowid, {columns}) VALUES ({marks})", rows)
    db.commit()
    if file is None:
        return db
    try:
        with atomic.temporary(file) as written, closing(sqlite3.connect(written)) as copy:
            copy.execute("PRAGMA journal_mode = OFF")  # a copy made whole, then renamed
            db.backup(copy)
    except (OSError, sqlite3.Error):  # a full disk or a read-only folder: kept in memory
        return db
    kept = _opened(file)
    if kept is None:
        return db
    db.close()
    return kept


def _opened(file: Path) -> sqlite3.Connection | None:
    """Return a kept index, read-only, if its file is there and only the site could write it."""
    try:
        with open(file, "rb") as opened:
            if not folders.trusted(os.fstat(opened.fileno())):
                return None
        os.utime(file)  # in use: not to be swept
        uri = f"file:{quote(str(file))}?mode=ro&immutable=1"
        return sqlite3.connect(uri, uri=True, check_same_thread=False)
    except (OSError, sqlite3.Error):
        return None


def sweep(folder: Path, keep: set[str], seconds: float = SWEEP_SECONDS) -> None:
    """Remove the kept indexes no process has opened for a while, but those named."""
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return
    now = time.time()
    for entry in entries:
        if entry.name.endswith(".sqlite3") and entry.name not in keep:
            with suppress(OSError):  # another process swept it first
                if now - entry.stat().st_mtime > seconds:
                    os.unlink(entry.path)


def _bare(word: str) -> str:
    """Return a word without its accents, as the tokenizer indexes it."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def _vocabulary(db: sqlite3.Connection) -> dict[int, list[str]]:
    """Return every word an index holds, grouped by length, each group in order.

    Numbers are left out: a year or a number near another is another one, not
    a slip of the keyboard.
    """
    db.execute("CREATE VIRTUAL TABLE temp.words USING fts5vocab(main, exhibits, 'row')")
    words: dict[int, list[str]] = {}
    for (term,) in db.execute("SELECT term FROM temp.words ORDER BY term"):
        if not _numeric(term):
            words.setdefault(len(term), []).append(term)
    return words


def _numeric(word: str) -> bool:
    return any(c.isdigit() for c in word)


def _near(word: str, words: dict[int, list[str]]) -> list[str]:
    """Return the indexed word nearest to one unknown, in a list, or an empty list.

    Near means difflib's ratio of at least CLOSE, which two words can reach only
    if the shorter has at least 3/5 of the longer's letters: only words of such
    lengths are compared.
    """
    lengths = range(math.ceil(len(word) * 3 / 5), len(word) * 5 // 3 + 1)
    candidates = [w for n in lengths for w in words.get(n, ())]
    return difflib.get_close_matches(word, candidates, 1, CLOSE)
