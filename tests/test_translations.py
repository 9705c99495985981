"""Translations beside their sources: read into the model, in a language with fallback."""

import pytest

from exhibition import sourcetext
from exhibition.languages import known, split_name
from exhibition.loader import load
from exhibition.problems import ContentError
from tests.support.world import EXHIBITION_YAML

FIRST = "rooms/01-art/01-first"
SONG = "rooms/02-music/02-song"
EXHIBIT_FR = """\
---
title: Premier
creators:
  - name: Ada Example
    role: artiste
media:
  - file: work.png
    alt: Un carré rouge sur fond blanc, dessiné pour les tests
ip_question: Qui est l'auteur ?
---
Le texte de l'étiquette, en français.
"""


def declare(world, languages="[en, fr]"):
    """Declare the exhibition's languages."""
    world.write("exhibition.yaml", EXHIBITION_YAML + f"languages: {languages}\n")


def test_a_folder_without_languages_has_no_translations(world):
    world.write(f"{FIRST}/exhibit.fr.md", EXHIBIT_FR)
    loaded = load(world.root)
    exhibit = loaded.exhibition.tour[0]
    assert loaded.problems == []
    assert loaded.exhibition.languages == ("en",)
    assert (exhibit.language, exhibit.translations) == ("en", ())
    assert exhibit.in_language("en") is exhibit
    assert exhibit.in_language("fr").title == "First"
    assert not exhibit.in_language("fr").translated


def test_an_exhibit_in_another_language(world):
    declare(world)
    world.write(f"{FIRST}/exhibit.fr.md", EXHIBIT_FR)
    exhibit = load(world.root).exhibition.tour[0]
    french = exhibit.in_language("fr")
    assert (french.language, french.translated, french.title) == ("fr", True, "Premier")
    assert french.creators[0] == exhibit.creators[0].__class__("Ada Example", "artiste")
    assert french.media[0].alt == french.media[0].image.alt
    assert french.media[0].alt.startswith("Un carré rouge")
    assert french.media[0].credit == "Made for the tests"  # not translated: the source's
    assert "en français" in french.label_html and french.summary.startswith("Le texte")
    assert french.missing == {"ai.system", "media[1].credit"}
    assert (french.year, french.ai.role, french.media[0].path) == (
        exhibit.year,
        exhibit.ai.role,
        exhibit.media[0].path,
    )
    assert exhibit.title == "First"  # the source is unchanged


def test_a_missing_translation_shows_the_source(world):
    declare(world)
    exhibit = load(world.root).exhibition.tour[0]
    french = exhibit.in_language("fr")
    assert not french.translated
    assert french.title == "First" and french.label_html == exhibit.label_html
    assert "title" in french.missing and "label" in french.missing


def test_a_translation_with_an_error_is_left_out_but_the_exhibit_stays(world):
    declare(world)
    world.write(f"{FIRST}/exhibit.fr.md", EXHIBIT_FR.replace("title: Premier", "year: 2019"))
    loaded = load(world.root)
    exhibit = loaded.exhibition.tour[0]
    assert exhibit.folder == FIRST
    assert not exhibit.in_language("fr").translated
    assert exhibit.in_language("fr").title == "First"
    assert any(
        p.path == f"{FIRST}/exhibit.fr.md" and p.severity == "error" for p in loaded.problems
    )


def test_the_whole_exhibition_in_a_language(world):
    declare(world, "[fr]")
    world.write(f"{FIRST}/exhibit.fr.md", EXHIBIT_FR)
    world.write(
        "rooms/01-art/room.fr.md", "---\ntitle: Art (fr)\nsummary: La salle.\n---\nIntro.\n"
    )
    world.write("pages/about.fr.md", "---\ntitle: À propos\n---\nÀ propos de l'exposition.\n")
    world.write(
        "exhibition.fr.yaml", "title: Des machines qui font\ndescription: Une *petite* expo.\n"
    )
    exhibition = load(world.root).exhibition
    assert exhibition.languages == ("en", "fr")
    french = exhibition.in_language("fr")
    assert (french.title, french.subtitle) == ("Des machines qui font", "A test exhibition")
    assert "<em>petite</em>" in french.description_html
    assert french.missing == {"subtitle", "organiser"}
    room = french.room("art")
    assert (room.title, room.summary, room.intro_html) == (
        "Art (fr)",
        "La salle.",
        "<p>Intro.</p>\n",
    )
    assert room.cover.alt.startswith("Un carré rouge")
    assert french.tour[0].title == "Premier" and not french.tour[1].translated
    assert french.stop(french.tour[0]).next == french.tour[1]
    page = french.page("about")
    assert (page.title, page.summary) == ("À propos", "À propos de l’exposition.")
    assert exhibition.room("art").title == "Art"


def sound_exhibit(world):
    """Add an exhibit with a sound, its transcript and its French transcript's folder."""
    folder = world.root / SONG
    world.write(
        f"{SONG}/exhibit.md",
        (world.root / FIRST / "exhibit.md")
        .read_text()
        .replace(
            "  - file: work.png\n    alt: A red square on a white ground, drawn for tests\n",
            "  - file: song.mp3\n    transcript: song.md\n",
        ),
    )
    (folder / "song.mp3").write_bytes(b"ID3")
    world.write(f"{SONG}/song.md", "Words heard.\n")
    return folder


def test_transcripts_and_captions_in_another_language(world):
    declare(world)
    folder = sound_exhibit(world)
    digest = sourcetext.digest({"text": "Words heard.\n"})
    (folder / "song.fr.md").write_text(f"translated_from: {digest}\n\nMots entendus.\n")
    exhibition = load(world.root).exhibition
    sound = next(e for e in exhibition.tour if e.slug == "song")
    french = sound.in_language("fr").media[0]
    assert french.transcript_html == "<p>Mots entendus.</p>\n"
    assert french.transcript_path == f"{SONG}/song.fr.md"
    assert french.transcript_path in exhibition.files
    assert sound.media[0].transcript_html == "<p>Words heard.</p>\n"


def test_a_transcript_still_to_translate_shows_the_source(world):
    declare(world)
    folder = sound_exhibit(world)
    (folder / "song.fr.md").write_text("To do: translate the text below.\n\nWords heard.\n")
    loaded = load(world.root)
    sound = next(e for e in loaded.exhibition.tour if e.slug == "song")
    assert sound.in_language("fr").media[0].transcript_path.endswith("song.md")
    said = [str(p) for p in loaded.problems if p.path.endswith("song.fr.md")]
    assert any(
        p.startswith(f"{SONG}/song.fr.md: warning: 'text' is still to translate") for p in said
    )


def film_exhibit(world):
    """Turn the first exhibit into a film with captions."""
    folder = world.root / FIRST
    (folder / "film.webm").write_bytes(b"\x1aE")
    (folder / "film.vtt").write_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHello\n")
    text = (folder / "exhibit.md").read_text()
    film = "  - file: film.webm\n    captions: film.vtt\n    credit: Made for the tests\n"
    world.write(f"{FIRST}/exhibit.md", text.replace("media:\n", "media:\n" + film))
    return folder


def test_captions_in_another_language(world):
    declare(world)
    folder = film_exhibit(world)
    (folder / "film.fr.vtt").write_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nBonjour\n")
    exhibit = load(world.root).exhibition.tour[0]
    assert exhibit.in_language("fr").media[0].captions == f"{FIRST}/film.fr.vtt"
    assert exhibit.media[0].captions == f"{FIRST}/film.vtt"


def test_captions_translation_that_is_not_webvtt_is_an_error(world):
    declare(world)
    folder = film_exhibit(world)
    (folder / "film.fr.vtt").write_text("1\n00:00:01,000 --> 00:00:02,000\nBonjour\n")
    loaded = load(world.root)
    assert loaded.exhibition.tour[0].in_language("fr").media[0].captions == f"{FIRST}/film.vtt"
    assert f"{FIRST}/film.fr.vtt: error: film.fr.vtt: the captions file is not WebVTT" in "\n".join(
        str(p) for p in loaded.problems
    )


@pytest.mark.parametrize(
    ("tag", "ok"),
    [("en", True), ("pt-BR", True), ("zh-Hant", True), ("ast", True), ("fz", False), ("e", False)],
)
def test_known_language_tags(tag, ok):
    assert known(tag) is ok


def test_translation_file_names():
    assert split_name("exhibit.fr.md", ".md") == ("exhibit", "fr")
    assert split_name("clip.pt-BR.vtt", ".vtt") == ("clip", "pt-BR")
    assert split_name("exhibit.md", ".md") is None
    assert split_name("exhibit.backup.md", ".md") is None


def test_a_primary_language_that_is_not_known_stops_the_site(world):
    world.write("exhibition.yaml", EXHIBITION_YAML + "language: xq\n")
    with pytest.raises(ContentError) as raised:
        load(world.root)
    assert "'language' is 'xq', which is not a known language" in str(raised.value)


def test_digests_name_the_fields_that_changed():
    texts = {"title": "First", "label": "<p>Text</p>"}
    written = sourcetext.digest(texts)
    assert sourcetext.changed(written, texts) is None
    assert sourcetext.changed(written, {**texts, "title": "Second"}) == ["title"]
    assert sourcetext.changed(written.split()[0], {**texts, "title": "Second"}) == []
    assert sourcetext.changed("not a digest", texts) == []
    assert sourcetext.changed(written, {**texts, "medium": "oil"}) == ["medium"]


def test_a_room_s_translation_into_an_unlisted_language_is_an_error_on_that_file(world):
    # A room's folder is listed by name, among its exhibits' folders: only room.*.md count.
    declare(world)
    world.write("rooms/01-art/room.de.md", "---\ntitle: Kunst\n---\n")
    world.write("rooms/01-art/room.fr.md", "---\ntitle: Art\nsummary: La salle.\n---\n")
    problems = [str(p) for p in load(world.root).problems if p.severity == "error"]
    assert problems == [
        "rooms/01-art/room.de.md: error: room.de.md is a translation into 'de', which "
        "'languages' in exhibition.yaml does not list; add 'de' there, or rename the file"
    ]
