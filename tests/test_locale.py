"""The site's own words in each language: catalogues, the locale of a page, translated pages."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from flask import g, request
from flask_babel import force_locale, ngettext

from exhibition import create_app
from exhibition.web import locale
from tests.support import ROOT
from tests.support.world import EXHIBITION_YAML

TRANSLATIONS = ROOT / "exhibition" / "translations"
TEMPLATE = TRANSLATIONS / "messages.pot"
LANGUAGES = ("fr", "ar")
# Curators' pages stay in English, like every message about their content.
CURATORS_ONLY = {"curator.html", "curator_answers.html", "_problems.html"}
# Attributes whose values visitors read or hear.
READ_ATTRIBUTES = {"alt", "title", "aria-label", "label", "placeholder"}


def catalogue(language: str):
    """Return a language's catalogue as its .po file has it."""
    with (TRANSLATIONS / language / "LC_MESSAGES" / "messages.po").open("rb") as file:
        return read_po(file, locale=language)


def extracted() -> set:
    """Return every msgid the code and templates hold now, as `make messages` finds them."""
    with (ROOT / "babel.cfg").open() as file:
        method_map, options_map = parse_mapping_cfg(file)
    return {
        message[2]
        for folder in ("exhibition", "templates")
        for message in extract_from_dir(str(ROOT / folder), method_map, options_map)
    }


@pytest.fixture(scope="module")
def compiled():
    """Fail at once, and say why, when the catalogues the site reads were not compiled."""
    for language in LANGUAGES:
        po = TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            pytest.fail(f"{mo.relative_to(ROOT)} is missing or older than its .po: run make")


def language_app(world, tmp_path, language: str):
    """Return an app serving the test world, its exhibition written in `language`."""
    world.write("exhibition.yaml", EXHIBITION_YAML + f"language: {language}\n")
    settings = {"CONTENT_DIR": str(world.root), "CACHE_DIR": str(tmp_path / "cache")}
    return create_app({"TESTING": True, **settings})


def test_the_catalogues_compile_with_every_message_translated(tmp_path):
    pybabel = str(Path(sys.executable).parent / "pybabel")
    for language in LANGUAGES:
        po = TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"
        mo = tmp_path / f"{language}.mo"
        command = [pybabel, "compile", "--statistics", "-i", str(po), "-o", str(mo)]
        done = subprocess.run(command, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert "error" not in done.stderr.lower(), done.stderr
        assert "(100%) translated" in done.stderr, done.stderr
        assert mo.stat().st_size > 1000


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_of_the_template_has_a_reviewed_translation(language):
    with TEMPLATE.open("rb") as file:
        template = read_po(file)
    found = catalogue(language)
    assert not found.fuzzy, f"{language}: the whole catalogue is marked fuzzy"
    problems = []
    for message in template:
        if not message.id:
            continue
        translated = found.get(message.id)
        strings = translated.string if translated else ""
        strings = strings if isinstance(strings, tuple) else (strings,)
        if translated is None or translated.fuzzy or not all(strings):
            problems.append(message.id)
        elif message.pluralizable and len(strings) != found.num_plurals:
            problems.append(message.id)
    assert not problems, f"{language}: missing, fuzzy or empty: {problems}"


def test_the_template_holds_every_word_the_site_shows():
    with TEMPLATE.open("rb") as file:
        template = {message.id for message in read_po(file) if message.id}
    assert extracted() == template, "run make messages"
    assert len(template) >= 100


class _Literals(HTMLParser):
    """Collect the words a template writes itself, outside any translation call."""

    def __init__(self):
        super().__init__()
        self.words: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in READ_ATTRIBUTES and value and re.search(r"[A-Za-z]{2}", value):
                self.words.append(f'{name}="{value}"')
        if tag == "meta" and ("name", "description") in attrs:
            self.words += [v for n, v in attrs if n == "content" and re.search(r"[A-Za-z]", v)]

    def handle_data(self, data):
        if re.search(r"[A-Za-z]{2}", data):
            self.words.append(data.strip())


@pytest.mark.parametrize(
    "template",
    sorted(p.name for p in (ROOT / "templates").glob("*.*") if p.name not in CURATORS_ONLY),
)
def test_no_template_writes_words_outside_the_catalogue(template):
    text = (ROOT / "templates" / template).read_text()
    # Class names and Open Graph types are not words; Jinja's own parts say nothing to
    # visitors, and what they print goes through _() or comes from the content.
    text = re.sub(r"\{% block (body_class|og_type) %\}.*?\{% endblock %\}", "", text)
    text = re.sub(r"\{#.*?#\}|\{%.*?%\}", "", text, flags=re.S)
    text = re.sub(r"(</?)\{\{.*?\}\}", r"\1h2", text)  # <{{ heading }}>
    text = re.sub(r"\{\{.*?\}\}", "0", text, flags=re.S)
    parser = _Literals()
    parser.feed(text)
    assert parser.words == []


def test_pages_in_french(world, tmp_path, compiled):
    client = language_app(world, tmp_path, "fr").test_client()
    lobby = client.get("/").get_data(as_text=True)
    assert "2 salles · 3 œuvres" in lobby
    assert "21 septembre 2020 – 18 mars 2021 · En ligne" in lobby
    assert "Commencer la visite" in lobby and "Start the tour" not in lobby
    exhibit = client.get("/rooms/art/first/").get_data(as_text=True)
    assert "<dt>Rôle de l'IA</dt><dd>Un outil entre des mains humaines</dd>" in exhibit
    assert "Généré par un modèle d&#39;IA entraîné sur des œuvres existantes" in exhibit
    assert "Étape 1 sur 3 de la visite" in exhibit
    assert "<bdi>Art</bdi> · 1 sur 2" in exhibit
    assert "Page introuvable" in client.get("/nowhere/").get_data(as_text=True)


def test_pages_in_arabic_count_in_arabic_plural_forms(world, tmp_path, compiled):
    client = language_app(world, tmp_path, "ar").test_client()
    lobby = client.get("/").get_data(as_text=True)
    assert "قاعتان · 3 معروضات" in lobby  # two rooms (dual), three exhibits (few)
    assert "21 سبتمبر 2020 – 18 مارس 2021" in lobby
    assert "معروضان" in client.get("/rooms/art/").get_data(as_text=True)  # two
    assert "معروض واحد" in client.get("/rooms/music/").get_data(as_text=True)  # one
    exhibit = client.get("/rooms/art/first/").get_data(as_text=True)
    assert "<dt>دور الذكاء الاصطناعي</dt><dd>أداة في يد الإنسان</dd>" in exhibit


@pytest.mark.parametrize(
    ("count", "words"),
    [
        (0, "لا معروضات"),
        (1, "معروض واحد"),
        (2, "معروضان"),
        (3, "3 معروضات"),
        (10, "10 معروضات"),
        (11, "11 معروضًا"),
        (99, "99 معروضًا"),
        (100, "100 معروض"),
        (102, "102 معروض"),  # Babel's own rule for Arabic gets this one wrong
        (103, "103 معروضات"),
        (111, "111 معروضًا"),
    ],
)
def test_arabic_has_six_plural_forms(app, compiled, count, words):
    with app.test_request_context("/"), force_locale("ar"):
        assert ngettext("%(num)d exhibit", "%(num)d exhibits", count) == words


def test_english_pages_keep_their_words(client, compiled):
    lobby = client.get("/").get_data(as_text=True)
    assert '<html lang="en" dir="ltr">' in lobby
    assert "2 rooms · 3 exhibits" in lobby
    assert "21 September 2020 – 18 March 2021 · Online" in lobby
    exhibit = client.get("/rooms/art/first/").get_data(as_text=True)
    assert "<dt>Role of the AI</dt><dd>A tool in human hands</dd>" in exhibit
    assert "Exhibit 1 of 3 on the tour" in exhibit


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "en_GB"), ("en-US", "en_US"), ("fr-CA", "fr_CA"), ("ar", "ar"), ("qaa", "en_GB")],
)
def test_a_page_is_in_its_exhibitions_language(world, tmp_path, language, expected):
    app = language_app(world, tmp_path, language)
    with app.test_request_context("/"):
        assert locale.select_locale() == expected


def test_the_address_language_comes_before_the_exhibitions(app):
    with app.test_request_context("/"):
        g.language = "ar"
        assert locale.select_locale() == "ar"
    with app.test_request_context("/"):
        request.view_args = {"lang": "fr"}  # as a route such as /<lang>/... sets it
        assert locale.select_locale() == "fr"


def test_a_regional_variant_takes_its_languages_catalogue(world, tmp_path, compiled):
    client = language_app(world, tmp_path, "fr-CA").test_client()
    assert "Commencer la visite" in client.get("/").get_data(as_text=True)
