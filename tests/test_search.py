"""The search index: ranking, snippets, accents, Arabic, near misses and hostile queries."""

from __future__ import annotations

import os
import sqlite3

import pytest

from exhibition import facets, search
from exhibition.loader import load
from exhibition.search import MARK, MAX_QUERY, Query, SearchIndex, fold, restore
from tests.support.attacks import HOSTILE
from tests.support.world import EXHIBIT_MD, LABEL, in_three_languages, make_world


def _exhibit(world, room, folder, title, label=LABEL, creator="Ada Example", year="2018"):
    text = EXHIBIT_MD.format(title=title, label=label).replace("Ada Example", creator)
    world.exhibit(room, folder, text.replace("year: 2018", f"year: {year}"))


@pytest.fixture
def exhibition(tmp_path):
    world = make_world(tmp_path)
    _exhibit(world, "01-art", "01-first", "Portrait of a monkey", year="2011")
    _exhibit(world, "01-art", "02-second", "A garden", label=LABEL + " A monkey appears here.")
    _exhibit(world, "02-music", "01-third", "La propriété", creator="Rembrandt Quartet")
    return load(tmp_path).exhibition


def _found(index, text):
    return [hit.exhibit for hit in index.search(text).hits]


def test_a_word_in_a_title_ranks_before_the_same_word_in_a_label(exhibition):
    assert _found(SearchIndex(exhibition), "monkey") == ["first", "second"]


def test_snippets_and_titles_mark_the_words_found(exhibition):
    hits = SearchIndex(exhibition).search("monkey").hits
    start, end = MARK
    assert hits[0].title == f"Portrait of a {start}monkey{end}"
    assert f"{start}monkey{end}" in hits[1].snippet
    assert start not in hits[1].title


def test_case_and_accents_are_ignored(exhibition):
    index = SearchIndex(exhibition)
    assert _found(index, "PROPRIETE") == ["third"]
    assert _found(index, "propriété") == ["third"]
    assert _found(index, "rembrandt") == ["third"]


def test_a_quoted_run_of_words_is_a_phrase(exhibition):
    index = SearchIndex(exhibition)
    assert _found(index, '"portrait of a monkey"') == ["first"]
    assert _found(index, '"monkey portrait"') == []
    assert _found(index, "monkey portrait") == ["first"]


def test_a_near_miss_suggests_the_word_indexed(exhibition):
    results = SearchIndex(exhibition).search("monkee")
    assert results.hits == [] and results.suggestion == "monkey"
    assert SearchIndex(exhibition).search("zzzzqqq").suggestion == ""


def test_french_and_arabic_are_searched_in_their_own_index(tmp_path):
    world = in_three_languages(make_world(tmp_path))
    source = load(tmp_path).exhibition
    french = SearchIndex(source.in_language("fr"))
    assert _found(french, "etiquette") == ["first"]
    arabic = SearchIndex(source.in_language("ar"))
    assert _found(arabic, "بالعربية") == ["first"]
    assert _found(arabic, "بِالعَرَبِيَّةِ") == ["first"]  # vowelled as a reader may type it
    assert _found(arabic, "الاول") == ["first"]  # the hamza seat of الأول left out
    assert world and _found(SearchIndex(source), "بالعربية") == []


def test_arabic_titles_and_snippets_are_shown_as_written(tmp_path):
    in_three_languages(make_world(tmp_path))
    arabic = SearchIndex(load(tmp_path).exhibition.in_language("ar"))
    start, end = MARK
    assert arabic.search("الاول").hits[0].title == f"{start}الأول{end}"  # its hamza kept
    assert f"{start}بالعربية{end}" in arabic.search("بالعربية").hits[0].snippet


def test_a_folded_piece_is_restored_from_the_text_it_came_from():
    start, end = MARK
    text = "المعرض الأُوَّل هنا"
    piece = "…" + fold(text)[7:].replace("الاول", f"{start}الاول{end}")
    assert restore(piece, ("another text", text)) == f"…{start}الأُوَّل{end} هنا"
    assert restore(f"{start}Café{end}", ("Café",)) == f"{start}Café{end}"
    assert restore("not there", ("الأول",)) == "not there"


def test_arabic_folding_drops_vowel_marks_and_hamza_seats():
    assert fold("الأُوَّل") == "الاول"
    assert fold("Café") == "Café"


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_queries_are_searched_as_plain_words(exhibition, text):
    index = SearchIndex(exhibition)
    results = index.search(text)
    assert len(results.query.text) <= MAX_QUERY
    assert isinstance(index.matches(text), set)
    assert results.hits == [] or all(
        h.exhibit in {"first", "second", "third"} for h in results.hits
    )


def test_fts5_operators_are_words_not_syntax(exhibition):
    index = SearchIndex(exhibition)
    assert _found(index, "monkey AND") == []  # "and" is a word no exhibit has
    assert _found(index, "title:monkey") == []  # a phrase of two words, not a column filter
    assert _found(index, "of:a:monkey") == ["first"]
    assert Query.of('"NEAR(x)').expression == '"NEAR(x)"'


def test_a_long_query_is_cut_and_says_so():
    query = Query.of("word " * 300)
    assert query.cut and len(query.text) == MAX_QUERY


def test_facets_count_each_value_with_the_other_facets_applied(exhibition):
    every = [e for room in exhibition.rooms for e in room.exhibits]
    table = facets.counts(every, facets.State())
    assert table["room"] == {"art": 2, "music": 1}
    assert table["decade"] == {"2010": 3}
    assert table["kind"] == {"image": 3}
    assert table["role"] == {"tool": 3}
    assert table["source"] == {"trainedAlgorithmicMedia": 3}
    state = facets.State.of({"room": "music", "decade": "2010"})
    assert [e.slug for e in every if state.admits(e)] == ["third"]
    assert facets.counts(every, state)["room"] == {"art": 2, "music": 1}
    assert facets.counts(every, state)["decade"] == {"2010": 1}


def test_a_facet_state_has_one_canonical_address():
    state = facets.State.of({"decade": "2010", "junk": "x", "room": "art"})
    assert state.chosen == (("room", "art"), ("decade", "2010"))
    assert list(state.toggled("kind", "image")) == ["room", "kind", "decade"]
    assert state.toggled("room", "art") == {"decade": "2010"}


def test_facets_narrow_the_hits_and_the_counts_take_every_match(exhibition):
    index = SearchIndex(exhibition)
    results = index.search("curator", facets.State.of({"room": "music"}))
    assert [h.exhibit for h in results.hits] == ["third"] and results.total == 1
    assert results.counts["room"] == {"art": 2, "music": 1}  # the room's own choice left out
    assert results.counts["decade"] == {"2010": 1}
    narrowed = index.search("monkey", facets.State.of({"decade": "2010", "room": "art"}))
    assert [h.exhibit for h in narrowed.hits] == ["first", "second"] and narrowed.total == 2
    nothing = index.search("monkey", facets.State.of({"room": "music"}))
    assert nothing.hits == [] and nothing.total == 0 and nothing.suggestion == ""
    assert nothing.counts["room"] == {"art": 2}


def test_only_the_first_page_is_returned_but_every_match_is_counted(exhibition):
    results = SearchIndex(exhibition).search("curator", limit=2)
    assert len(results.hits) == 2 and results.total == 3
    assert sum(results.counts["room"].values()) == 3


def test_a_near_miss_keeps_numbers_and_accented_words_as_typed(tmp_path):
    world = make_world(tmp_path)
    _exhibit(world, "01-art", "01-first", "Opus 2011 for a monkey")
    _exhibit(world, "01-art", "02-second", "La propriété")
    index = SearchIndex(load(tmp_path).exhibition)
    assert index.search("opus 2012").suggestion == ""  # another year, not a slip
    assert index.search("propriété monkee").suggestion == "propriété monkey"
    assert index.search("propriete opsu").suggestion == "propriete opus"


def test_a_set_of_rows_is_one_integer():
    assert facets.numbers(facets.rows([3, 1, 17])) == [1, 3, 17]
    assert facets.rows([]) == 0 and facets.numbers(0) == []


def test_an_index_kept_in_a_file_is_made_once_then_read_from_it(exhibition, tmp_path, monkeypatch):
    file = tmp_path / "kept" / "index.sqlite3"
    made = SearchIndex(exhibition, file=file)
    assert file.is_file() and _found(made, "monkey") == ["first", "second"]
    monkeypatch.setattr(search, "_made", lambda *a: pytest.fail("made again"))
    read = SearchIndex(exhibition, file=file)
    assert _found(read, "monkey") == ["first", "second"] and read.suggest("monkee") == "monkey"
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        read.db.execute("DELETE FROM exhibits")


def test_a_kept_index_another_user_could_have_written_is_never_read(exhibition, tmp_path):
    file = tmp_path / "index.sqlite3"
    SearchIndex(exhibition, file=file)
    file.chmod(0o666)
    kept = SearchIndex(exhibition, file=file)  # made anew, and kept in a file of its own
    assert _found(kept, "monkey") == ["first", "second"]
    assert not file.stat().st_mode & 0o022


def test_an_index_whose_file_cannot_be_written_is_kept_in_memory(exhibition, tmp_path):
    (tmp_path / "not-a-folder").write_text("")
    index = SearchIndex(exhibition, file=tmp_path / "not-a-folder" / "index.sqlite3")
    assert _found(index, "monkey") == ["first", "second"]


def test_kept_indexes_no_process_opened_for_a_day_are_swept(tmp_path):
    for name in ("old.sqlite3", "named.sqlite3", "recent.sqlite3", "other.txt"):
        (tmp_path / name).write_text("")
    for name in ("old.sqlite3", "named.sqlite3", "other.txt"):
        os.utime(tmp_path / name, (0, 0))
    search.sweep(tmp_path, {"named.sqlite3"})
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == ["named.sqlite3", "other.txt", "recent.sqlite3"]
