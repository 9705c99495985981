"""The site in each language: addresses, alternates, the switcher, and what is not translated."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from exhibition import create_app
from tests.support.live import press_to_leave, screenshot, sitemap_paths, visit
from tests.support.world import in_three_languages

LANGUAGES = ("en", "fr", "ar")


class Head(HTMLParser):
    """Collect a page's <html> attributes, its alternates, switcher links and JSON-LD."""

    def __init__(self, html: str):
        super().__init__()
        self.html: dict = {}
        self.alternates: dict[str, str] = {}
        self.locales: list[tuple[str, str]] = []
        self.switcher: list[dict] = []
        self.jsonld: list[dict] = []
        self.repeated: list[tuple[str, list]] = []  # elements with an attribute given twice
        self._in_switcher = self._in_script = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if len({name for name, _ in attrs}) < len(attrs):
            self.repeated.append((tag, attrs))
        attrs = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.html = attrs
        elif tag == "link" and attrs.get("rel") == "alternate" and "hreflang" in attrs:
            self.alternates[attrs["hreflang"]] = attrs["href"]
        elif tag == "meta" and attrs.get("property", "").startswith("og:locale"):
            self.locales.append((attrs["property"], attrs["content"]))
        elif tag == "nav" and "language-switcher" in attrs.get("class", ""):
            self._in_switcher = True
        elif tag == "a" and self._in_switcher:
            self.switcher.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_script = True

    def handle_endtag(self, tag):
        if tag == "nav":
            self._in_switcher = False
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.jsonld.append(json.loads(data))
        elif self._in_switcher and data.strip():
            self.switcher[-1]["text"] = data.strip()


@pytest.fixture
def world3(world):
    """Return the test world in three languages: one exhibit translated, one not, one in part."""
    return in_three_languages(world)


@pytest.fixture
def client3(world3, tmp_path):
    """Return a test client of the world in three languages."""
    settings = {"CONTENT_DIR": str(world3.root), "CACHE_DIR": str(tmp_path / "cache")}
    return create_app({"TESTING": True, **settings}).test_client()


def text(client, path: str, status: int = 200) -> str:
    """Return the page at path, checking its status."""
    response = client.get(path)
    assert response.status_code == status, path
    return response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/de/", 404),
        ("/de/rooms/art/", 404),
        ("/xx/about/", 404),
        ("/fr/rooms/nothing/", 404),
        ("/fr/rooms/art/nothing/", 404),
        ("/fr/nothing/", 404),
        ("/fr/media/rooms/01-art/01-first/work.png", 404),  # media have one address
        ("/en/rooms/art/", 308),  # the primary keeps its addresses
        ("/fr/", 200),
        ("/ar/rooms/art/first/", 200),
        ("/fr/about/", 200),
    ],
)
def test_each_listed_language_has_the_pages_and_no_other(client3, path, status):
    response = client3.get(path)
    assert response.status_code == status
    if status == 308:
        assert response.headers["Location"] == "/rooms/art/"


def test_a_page_named_like_a_language_is_still_a_page(world3, tmp_path):
    world3.write("pages/faq.md", "---\ntitle: Questions\n---\nAsked often.\n")
    settings = {"CONTENT_DIR": str(world3.root), "CACHE_DIR": str(tmp_path / "cache")}
    client = create_app({"TESTING": True, **settings}).test_client()
    assert "Asked often." in text(client, "/faq/")
    assert "Asked often." in text(client, "/fr/faq/")


@pytest.mark.parametrize(("language", "direction"), [("en", "ltr"), ("fr", "ltr"), ("ar", "rtl")])
def test_a_page_says_its_language_direction_and_versions(client3, language, direction):
    prefix = "" if language == "en" else f"/{language}"
    response = client3.get(f"{prefix}/rooms/art/first/")
    head = Head(response.get_data(as_text=True))
    assert head.html == {"lang": language, "dir": direction}
    assert response.headers["Content-Language"] == language
    assert head.alternates == {
        "en": "http://localhost/rooms/art/first/",
        "fr": "http://localhost/fr/rooms/art/first/",
        "ar": "http://localhost/ar/rooms/art/first/",
        "x-default": "http://localhost/rooms/art/first/",
    }
    assert head.locales[0] == ("og:locale", language)
    others = {content for name, content in head.locales[1:] if name == "og:locale:alternate"}
    assert others == set(LANGUAGES) - {language}


def test_the_switcher_keeps_the_page_and_names_each_language_in_itself(client3):
    head = Head(text(client3, "/fr/rooms/art/first/"))
    assert [(a["href"], a["lang"], a["hreflang"], a["text"]) for a in head.switcher] == [
        ("/rooms/art/first/", "en", "en", "English"),
        ("/fr/rooms/art/first/", "fr", "fr", "Français"),
        ("/ar/rooms/art/first/", "ar", "ar", "العربية"),
    ]
    assert [a.get("aria-current") for a in head.switcher] == [None, "true", None]
    assert head.switcher[2]["dir"] == "rtl"


@pytest.fixture
def paged3(world3, tmp_path):
    """Return a test client of the world in three languages, its art room a page an exhibit."""
    world3.write("rooms/01-art/room.md", "---\ntitle: Art\nsummary: s\npage_size: 1\n---\nIn.\n")
    settings = {"CONTENT_DIR": str(world3.root), "CACHE_DIR": str(tmp_path / "cache")}
    return create_app({"TESTING": True, **settings}).test_client()


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fr", ("Page 2 sur 2", "Pages de cette salle", "Page précédente")),
        ("ar", ("الصفحة 2 من 2", "صفحات هذه القاعة", "الصفحة السابقة")),
    ],
)
def test_a_room_s_pages_are_in_each_language(paged3, language, words):
    html = text(paged3, f"/{language}/rooms/art/page/2/")
    assert all(word in html for word in words), words
    assert f'<link rel="prev" href="/{language}/rooms/art/">' in html
    assert f'href="/{language}/rooms/art/second/"' in html
    assert Head(html).alternates == {
        "en": "http://localhost/rooms/art/page/2/",
        "fr": "http://localhost/fr/rooms/art/page/2/",
        "ar": "http://localhost/ar/rooms/art/page/2/",
        "x-default": "http://localhost/rooms/art/page/2/",
    }
    first = text(paged3, f"/{language}/rooms/art/")
    assert f'<a rel="next" href="/{language}/rooms/art/page/2/">' in first
    response = paged3.get(f"/{language}/rooms/art/page/1/")
    assert response.status_code == 301 and response.location == f"/{language}/rooms/art/"
    assert paged3.get(f"/{language}/rooms/art/page/3/").status_code == 404


def test_the_sitemap_lists_a_room_s_pages_in_every_language(paged3):
    xml = text(paged3, "/sitemap.xml")
    for address in ("/rooms/art/page/2/", "/fr/rooms/art/page/2/", "/ar/rooms/art/page/2/"):
        assert f"<loc>http://localhost{address}</loc>" in xml
        link = f'hreflang="{address[1:3] if address[3] == "/" else "en"}"'
        assert f'<xhtml:link rel="alternate" {link} href="http://localhost{address}"/>' in xml
    assert "/page/1/" not in xml and "/page/3/" not in xml


def test_links_keep_the_language_and_files_keep_one_address(client3):
    lobby = text(client3, "/fr/")
    assert 'href="/fr/rooms/art/"' in lobby and 'href="/fr/about/"' in lobby
    assert 'href="/fr/rooms/art/first/"' in lobby  # the tour starts in French
    assert 'href="/rooms/art/"' not in lobby
    assert 'src="/media/rooms/01-art/01-first/work.png' in lobby
    assert "/fr/static/" not in lobby and "/fr/media/" not in lobby


def test_a_translated_exhibit_is_shown_in_its_language(client3):
    page = text(client3, "/fr/rooms/art/first/")
    assert "<bdi>Premier</bdi>" in page
    assert "Une étiquette en français" in page
    assert "Qui en est l&#39;auteur ?" in page
    assert 'lang="en"' not in page.split("</header>", 1)[1].split('<nav class="tour"')[0]
    assert "pas encore traduite" not in page


@pytest.mark.parametrize(
    ("path", "note"),
    [
        (
            "/fr/rooms/art/second/",
            "Cette page n&#39;est pas encore traduite\u00a0: elle est présentée en anglais.",
        ),
        ("/ar/rooms/art/second/", "لم تُترجم هذه الصفحة بعد، فهي معروضة باللغة الإنجليزية."),
    ],
)
def test_an_untranslated_exhibit_is_shown_in_the_primary_language_and_says_so(client3, path, note):
    page = text(client3, path)
    assert Head(page).repeated == []
    assert f'<p class="untranslated">{note}</p>' in page
    assert '<h1 id="exhibit-title"><bdi lang="en" dir="ltr">Second</bdi></h1>' in page
    assert '<div class="label prose" lang="en" dir="ltr">' in page
    assert '<p class="ip-question-text" lang="en" dir="ltr">Who is the author?</p>' in page
    assert '<span class="credit" dir="auto" lang="en">Made for the tests</span>' in page


def test_a_partly_translated_exhibit_marks_only_what_is_left_in_the_primary(client3):
    page = text(client3, "/fr/rooms/music/third/")
    assert "Des parties de cette page ne sont pas encore traduites" in page
    assert '<h1 id="exhibit-title"><bdi>Troisième</bdi></h1>' in page
    assert '<div class="label prose" lang="en" dir="ltr">' in page


def test_the_primary_language_has_no_note_and_no_marks(client3):
    page = text(client3, "/rooms/art/second/")
    assert (
        'class="untranslated"' not in page and len(re.findall(r' lang="en"', page)) == 2
    )  # <html>, switcher


def test_the_exhibit_json_ld_links_its_translations(client3):
    (english,) = Head(text(client3, "/rooms/art/first/")).jsonld
    (french,) = Head(text(client3, "/fr/rooms/art/first/")).jsonld
    assert english["inLanguage"] == "en" and french["inLanguage"] == "fr"
    assert [(t["url"], t["inLanguage"]) for t in english["workTranslation"]] == [
        ("http://localhost/fr/rooms/art/first/", "fr"),
        ("http://localhost/ar/rooms/art/first/", "ar"),
    ]
    assert french["translationOfWork"]["url"] == "http://localhost/rooms/art/first/"
    assert french["name"] == "Premier" and "workTranslation" not in french
    (lobby,) = Head(text(client3, "/ar/")).jsonld
    assert lobby["inLanguage"] == "ar"


def test_each_language_is_cached_apart(client3):
    first = client3.get("/fr/")
    again = client3.get("/fr/")
    english = client3.get("/")
    assert again.headers["X-Cache"] == "HIT"
    assert again.headers["Content-Language"] == "fr" and english.headers["Content-Language"] == "en"
    assert again.get_data() == first.get_data() != english.get_data()


def test_the_lobby_carries_the_invitation_to_each_language_in_it(client3):
    head = Head(text(client3, "/"))
    assert [a["data-invitation"] for a in head.switcher] == [
        "See the exhibition in English",
        "Voir l'exposition en français",
        "شاهد المعرض باللغة العربية",
    ]


def test_a_single_language_exhibition_has_no_switcher_nor_alternates(client):
    page = text(client, "/rooms/art/first/")
    assert "language-switcher" not in page and "hreflang" not in page


@pytest.fixture(scope="module")
def demo_pages(demo_app) -> dict[str, str]:
    """Return every page of the demo the sitemap lists, in every language, by path."""
    client = demo_app.test_client()
    paths = sitemap_paths(client.get("/sitemap.xml").data)
    pages = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        language = path.split("/")[1] if path.split("/")[1] in ("fr", "ar") else "en"
        assert response.headers["Content-Language"] == language, path
        pages[path] = response.get_data(as_text=True)
    return pages


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_every_demo_page_answers_in_each_language(demo_pages, language):
    mine = [path for path in demo_pages if path.startswith(f"/{language}/")]
    assert len(mine) == len([p for p in demo_pages if not p.startswith(("/fr/", "/ar/"))])
    for path in mine:
        head = Head(demo_pages[path])
        assert head.repeated == [], path
        assert head.html == {"lang": language, "dir": "rtl" if language == "ar" else "ltr"}, path
        assert head.alternates[language] == "http://localhost" + path, path  # itself
        for tag, url in head.alternates.items():
            assert url.startswith("http://localhost/"), (path, tag)
            other = Head(demo_pages[url.removeprefix("http://localhost")])
            assert other.alternates == head.alternates, (path, tag)  # reciprocal


def test_the_demo_shows_captions_and_transcripts_in_the_page_language(demo_app):
    client = demo_app.test_client()
    video = text(client, "/ar/rooms/entertainment/sunspring/")
    tracks = re.findall(r"<track [^>]*>", video)
    assert [re.search(r'srclang="(\w+)"', t)[1] for t in tracks] == ["en", "fr", "ar"]
    assert [t for t in tracks if " default" in t] == [tracks[2]]
    assert "clip.ar.vtt" in tracks[2]
    sound = text(client, "/fr/rooms/music/illiac-suite/")
    transcript = sound.split('<details class="transcript">', 1)[1].split("</details>", 1)[0]
    assert '<div class="prose">' in transcript and "Transcription" in transcript


@pytest.mark.browser
@pytest.mark.parametrize(
    ("locale", "path", "invitation"),
    [
        ("fr-FR", "/", ("Voir l'exposition en français", "/fr/")),
        ("ar-EG", "/", ("شاهد المعرض باللغة العربية", "/ar/")),
        ("de-DE", "/", None),  # a language the exhibition does not have
        ("en-GB", "/", None),  # the page's own
        ("fr-FR", "/fr/", None),
    ],
)
def test_the_lobby_offers_the_visitors_language_in_their_browser(
    open_page, live_server, locale, path, invitation
):
    page = open_page(locale=locale)
    visit(page, live_server + path)
    offer = page.locator(".language-invitation a")
    if invitation is None:
        assert offer.count() == 0
    else:
        assert (offer.text_content(), offer.get_attribute("href")) == invitation
    page.watch.assert_clean()


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 360])
def test_the_arabic_demo_fits_the_screen(open_page, live_server, width):
    page = open_page(width=width)
    for name, path in (("lobby", "/ar/"), ("exhibit", "/ar/rooms/art/aaron/")):
        visit(page, live_server + path)
        assert screenshot(page, f"localised-ar-{name}-{width}").exists()
        assert page.evaluate("document.documentElement.dir") == "rtl"
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, f"{path} is {scroll} px wide on a {width} px screen"
    page.watch.assert_clean()


@pytest.mark.browser
def test_the_arrow_keys_tour_the_arabic_demo_in_reading_order(page, live_server, demo_app):
    tour = demo_app.extensions["exhibition"].exhibition.tour
    first, second, third = (f"/ar/rooms/{e.room_slug}/{e.slug}/" for e in tour[:3])
    visit(page, live_server + first)
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.locator(".tour-next").get_attribute("aria-keyshortcuts") == "ArrowLeft"
    for key, expected in (("ArrowLeft", second), ("ArrowLeft", third)):
        press_to_leave(page, key)  # ← goes on, as Arabic reads
        assert page.url == live_server + expected, f"{key} led to {page.url}"
    for key, expected in (("ArrowRight", second), ("ArrowRight", first)):
        press_to_leave(page, key)  # → goes back
        assert page.url == live_server + expected, f"{key} led to {page.url}"
    page.watch.assert_clean()
