"""The search and browse pages: the demo's known exhibits found first, facets, hostile queries."""

from __future__ import annotations

import multiprocessing
import re
import threading
import time

import pytest

from exhibition import create_app
from exhibition import search as search_core
from exhibition.store import ContentStore
from exhibition.web import search
from tests.support import DEMO
from tests.support.attacks import HOSTILE
from tests.support.live import sitemap_paths
from tests.support.waiting import wait_for
from tests.support.world import in_three_languages

FOUND = re.compile(r'<li class="found">\s*<h3><a href="([^"]+)"')  # what a search finds
CARD = re.compile(r'class="card-link" href="([^"]+)"')  # what a browse page shows


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("search-demo")
    settings = {"CACHE_DIR": str(folder / "cache"), "ARCHIVE_DIR": str(folder / "archive")}
    return create_app({"TESTING": True, "CONTENT_DIR": str(DEMO), **settings}).test_client()


def _found(client, address, shown=FOUND):
    response = client.get(address)
    assert response.status_code == 200, address
    return shown.findall(response.get_data(as_text=True))


def _browsed(client, address):
    return _found(client, address, CARD)


@pytest.mark.parametrize(
    ("address", "first"),
    [
        ("/search/?q=monkey", "/rooms/ip-and-policy/naruto-v-slater/"),
        ("/fr/search/?q=singe", "/fr/rooms/ip-and-policy/naruto-v-slater/"),
        ("/search/?q=Naruto", "/rooms/ip-and-policy/naruto-v-slater/"),
        ("/search/?q=rembrandt", "/rooms/art/the-next-rembrandt/"),
        ("/ar/search/?q=القرد", "/ar/rooms/ip-and-policy/naruto-v-slater/"),
        ("/ar/search/?q=بيلامي", "/ar/rooms/art/edmond-de-belamy/"),
    ],
)
def test_the_demo_finds_its_known_exhibits_first(demo, address, first):
    assert _found(demo, address)[0] == first


def test_the_results_page_counts_marks_and_escapes(demo):
    html = demo.get("/search/?q=monkey").get_data(as_text=True)
    assert "exhibits found for “monkey”" in html
    assert "<mark>" in html.lower() and "Naruto" in html
    html = demo.get("/search/?q=<b>monkey</b>").get_data(as_text=True)
    assert "<b>monkey</b>" not in html and "&lt;b&gt;monkey&lt;/b&gt;" in html


def test_a_near_miss_offers_the_word_indexed(demo):
    html = demo.get("/search/?q=monkee").get_data(as_text=True)
    assert 'Did you mean <a href="/search/?q=monkey">monkey</a>?' in html


@pytest.mark.parametrize(
    ("address", "words"),
    [
        ("/search/?q=zzzzqqq", "No exhibit found for “zzzzqqq”."),
        ("/fr/search/?q=zzzzqqq", "Aucune œuvre trouvée pour « zzzzqqq »."),
        ("/ar/search/?q=zzzzqqq", "لم يُعثر على أي معروض في البحث عن «zzzzqqq»."),
    ],
)
def test_a_search_that_finds_nothing_says_so_in_words(demo, address, words):
    assert words in demo.get(address).get_data(as_text=True)


def test_an_empty_query_shows_the_browse_page(demo):
    every = _browsed(demo, "/browse/")
    assert len(every) == 33 and _browsed(demo, "/search/?q=++") == every


def test_each_facet_narrows_and_facets_combine(demo):
    every = set(_browsed(demo, "/browse/"))
    html = demo.get("/browse/").get_data(as_text=True)
    links = set(re.findall(r'<a href="(/browse/\w+/[^"]+/)"', html))  # one value: its page
    assert {link.split("/")[2] for link in links} == {"room", "role", "source", "kind", "decade"}
    assert 'rel="nofollow"' not in html.split('class="facets"')[1]
    for link in links:
        narrowed = set(_browsed(demo, link))
        facet, value = link.split("/")[2:4]
        assert (
            narrowed
            and narrowed <= every
            and narrowed == set(_browsed(demo, f"/browse/?{facet}={value}"))
        )
    both = set(_browsed(demo, "/browse/?room=art&kind=image"))
    art, images = _browsed(demo, "/browse/room/art/"), _browsed(demo, "/browse/kind/image/")
    assert both == set(art) & set(images)
    assert _found(demo, "/search/?q=monkey&room=art") == []


def test_a_facet_value_s_page_leads_to_combinations_by_query_strings_not_followed(demo):
    html = demo.get("/browse/room/music/").get_data(as_text=True)
    assert "<title>Music · Browse the exhibits · " in html  # a title of its own
    assert '<a href="/browse/" aria-current="true">' in html  # the room unchosen
    assert '<a href="/browse/room/art/">' in html  # another room instead
    assert '<a rel="nofollow" href="/browse/?room=music&amp;kind=audio">' in html
    assert '<link rel="canonical" href="http://localhost/browse/room/music/">' in html


@pytest.mark.parametrize(
    ("address", "first", "count"),
    [
        ("/browse/kind/video/", "/rooms/", 1),
        ("/fr/browse/decade/1950/", "/fr/rooms/music/illiac-suite/", 1),
        ("/ar/browse/room/technology/", "/ar/rooms/technology/", 2),
    ],
)
def test_a_facet_value_s_page_in_each_language(demo, address, first, count):
    found = _browsed(demo, address)
    assert len(found) == count and found[0].startswith(first)
    language = address.split("/")[1] if address.count("/") > 4 else "en"
    assert f'<html lang="{language}"' in demo.get(address).get_data(as_text=True)


@pytest.mark.parametrize(
    "address",
    ["/browse/room/no-such-room/", "/browse/colour/red/", "/browse/kind/Image/", "/browse/q/x/",
     "/fr/browse/decade/1960/", "/ar/browse/role/", "/browse/room/%00/", "/browse/room/art/x/",
     "/browse/decade/" + "9" * 5000 + "/", "/browse/room/..%2f..%2fetc/", "/browse/%ff/%fe/",
     "/xx/browse/room/art/"],
)  # fmt: skip
def test_an_unknown_facet_or_value_is_not_found(demo, address):
    assert 400 <= demo.get(address).status_code < 500


def test_the_sitemap_lists_the_browse_page_and_each_value_s_never_a_combination(demo):
    xml = demo.get("/sitemap.xml").data
    paths = sitemap_paths(xml)
    listed = [path for path in paths if re.match(r"(/\w+)?/browse/", path)]
    english = [path for path in listed if path.startswith("/browse/")]
    assert english[0] == "/browse/" and len(english) == 1 + 5 + 4 + 6 + 3 + 5
    assert "/fr/browse/source/trainedAlgorithmicMedia/" in listed and b"browse/?" not in xml
    assert len(listed) == 3 * len(english)


def test_a_search_narrowed_by_a_facet_counts_what_it_shows(demo):
    every = _found(demo, "/search/?q=the")
    html = demo.get("/search/?q=the&room=art").get_data(as_text=True)
    narrowed = FOUND.findall(html)
    assert narrowed and all(link.startswith("/rooms/art/") for link in narrowed)
    assert set(narrowed) < set(every) or len(every) == 20
    assert f"{len(narrowed)} exhibits found for “the”." in html
    assert '<a rel="nofollow" href="/search/?q=the" aria-current="true">' in html  # unchoose


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_queries_never_fail(demo, text):
    for address in ("/search/", "/fr/search/", "/ar/search/"):
        assert demo.get(address, query_string={"q": text, "room": text}).status_code == 200


def test_a_long_query_is_cut_with_a_message(demo):
    html = demo.get("/search/", query_string={"q": "x" * 1000}).get_data(as_text=True)
    assert "only its first 200 characters were searched" in html


def test_search_pages_are_never_stored_in_the_page_cache(demo):
    for n in range(3):
        response = demo.get(f"/search/?q=monkey{n}")
        assert "X-Cache" not in response.headers
        assert response.headers["Cache-Control"] == "public, max-age=300"
    assert demo.get("/").headers.get("X-Cache") in ("MISS", "HIT")


def test_every_page_has_the_search_form(demo):
    for address in ("/", "/fr/rooms/art/", "/ar/"):
        html = demo.get(address).get_data(as_text=True)
        assert 'role="search"' in html and 'name="q"' in html


def test_a_reload_makes_its_indexes_off_the_request_path(app, world):
    indexes, content = app.extensions["search"], app.extensions["exhibition"]
    world.exhibit("01-art", "01-first", title="Zebra crossing")
    assert content.load()
    new = content.exhibition
    # Made by the thread the reload started, before any visitor searches.
    assert wait_for(lambda: indexes._source is new and new.language in indexes._built)
    assert _found(app.test_client(), "/search/?q=zebra") == ["/rooms/art/first/"]


def test_a_load_makes_every_language_s_copy_before_any_index(world, tmp_path, monkeypatch):
    in_three_languages(world)
    made = []  # what the load's thread makes, in order
    index, copy = search.SearchIndex, ContentStore.in_language

    def indexing(exhibition, *args):
        made.append(("index", exhibition.language))
        return index(exhibition, *args)

    def copying(store, exhibition, language):
        made.append(("copy", language))
        return copy(store, exhibition, language)

    monkeypatch.setattr(search, "SearchIndex", indexing)
    monkeypatch.setattr(ContentStore, "in_language", copying)
    folders = {"CACHE_DIR": str(tmp_path / "cache"), "ARCHIVE_DIR": str(tmp_path / "archive")}
    create_app({"TESTING": True, "CONTENT_DIR": str(world.root), **folders})
    assert wait_for(lambda: len(made) == 6)
    assert [what for what, _ in made] == ["copy"] * 3 + ["index"] * 3


_FORKED = {}  # the client a forked process renders with, found there as the parent left it


def _render_forked(address: str) -> tuple[int, int, int]:
    response = _FORKED["client"].get(address)
    made = len(_FORKED["client"].application.extensions["search"]._built)
    return response.status_code, len(CARD.findall(response.get_data(as_text=True))), made


def test_a_fork_waits_for_an_index_being_made_and_the_child_browses_without_one(demo):
    indexes = demo.application.extensions["search"]
    _FORKED["client"] = demo
    indexes._lock.acquire()  # as a thread does while it makes an index in SQLite
    threading.Timer(0.3, indexes._lock.release).start()
    started = time.monotonic()
    with multiprocessing.get_context("fork").Pool(1) as pool:
        waited = time.monotonic() - started
        rendered = pool.apply_async(_render_forked, ("/fr/browse/room/music/",))
        # Browsing reads the facets alone: the child never opens SQLite.
        assert rendered.get(timeout=120) == (200, 9, 0)
    assert waited >= 0.25


def test_the_workers_of_one_cache_folder_share_each_language_s_index(world, tmp_path, monkeypatch):
    in_three_languages(world)
    folders = {"CACHE_DIR": str(tmp_path / "cache"), "ARCHIVE_DIR": str(tmp_path / "archive")}
    first = create_app({"TESTING": True, "CONTENT_DIR": str(world.root), **folders})
    kept = tmp_path / "cache" / "search"
    assert wait_for(lambda: len(list(kept.glob("*.sqlite3"))) == 3)  # en, fr and ar
    monkeypatch.setattr(search_core, "_made", lambda *a: pytest.fail("an index made twice"))
    second = create_app({"TESTING": True, "CONTENT_DIR": str(world.root), **folders})
    for app in (first, second):
        page = app.test_client().get("/fr/search/?q=premier").get_data(as_text=True)
        assert "/fr/rooms/art/first/" in page


@pytest.fixture
def fifty(world):
    """Give the art room 50 exhibits, 51 in all: each browse page of them two pages of 48."""
    for n in range(3, 51):
        world.exhibit("01-art", f"{n:02d}-work-{n}")
    return in_three_languages(world)


def _facets(html: str) -> str:
    return html.split('<nav class="facets"')[1].split("</nav>")[0]


def test_the_browse_page_is_shown_a_page_at_a_time_counting_every_exhibit(fifty, client):
    first = client.get("/browse/").text
    assert len(CARD.findall(first)) == 48 and "51 exhibits." in first
    assert '<link rel="next" href="/browse/page/2/">' in first and 'rel="prev"' not in first
    assert '<nav class="pagination" aria-label="Pages of these exhibits">' in first
    assert 'class="card-number"' not in first  # the exhibits of every room
    second = client.get("/browse/page/2/").text
    last = ["/rooms/art/work-49/", "/rooms/art/work-50/", "/rooms/music/third/"]
    assert CARD.findall(second) == last
    assert "<title>Browse the exhibits · Page 2 of 2 · Machines that make</title>" in second
    assert '<link rel="prev" href="/browse/">' in second and '<link rel="next"' not in second
    assert '<link rel="canonical" href="http://localhost/browse/page/2/">' in second
    assert _facets(second) == _facets(first) and "Art <span" in _facets(first)
    assert re.search(r'href="/browse/room/art/">Art <span class="facet-count">\(50\)', first)


def test_a_facet_value_s_page_is_shown_a_page_at_a_time(fifty, client):
    first = client.get("/fr/browse/room/art/").text
    assert len(CARD.findall(first)) == 48 and "50 œuvres." in first
    assert '<link rel="next" href="/fr/browse/room/art/page/2/">' in first
    second = client.get("/fr/browse/room/art/page/2/").text
    assert CARD.findall(second) == ["/fr/rooms/art/work-49/", "/fr/rooms/art/work-50/"]
    assert "Page 2 sur 2" in second and 'aria-label="Pages de ces œuvres"' in second
    assert '<a rel="prev" href="/fr/browse/room/art/">' in second
    assert _facets(second) == _facets(first)  # the counts of the whole selection
    arabic = client.get("/ar/browse/room/art/page/2/").text
    assert 'aria-label="صفحات هذه المعروضات"' in arabic and "/ar/rooms/art/work-50/" in arabic
    assert client.get("/browse/room/art/page/2/").headers.get("X-Cache") in ("MISS", "HIT")


@pytest.mark.parametrize(
    "address",
    ["/browse/page/3/", "/browse/page/0/", "/fr/browse/room/art/page/3/",
     "/browse/room/music/page/2/", "/browse/room/nowhere/page/2/", "/browse/colour/red/page/2/",
     "/browse/room/art/page/x/", "/browse/?room=art&page=3", "/browse/?room=art&kind=audio&page=2"],
)  # fmt: skip
def test_a_page_past_the_last_is_not_found(fifty, client, address):
    assert client.get(address).status_code == 404


@pytest.mark.parametrize(
    ("address", "to"),
    [
        ("/browse/page/1/", "/browse/"),
        ("/ar/browse/room/art/page/1/", "/ar/browse/room/art/"),
        ("/fr/browse/?page=2", "/fr/browse/page/2/"),  # one address for each page
        ("/browse/?page=1", "/browse/"),
        ("/browse/?room=art&kind=image&page=1", "/browse/?room=art&kind=image"),
    ],
)
def test_page_one_is_the_listing_s_own_address(fifty, client, address, to):
    response = client.get(address)
    assert response.status_code == 301 and response.location == to


def test_a_combination_pages_in_its_query_string_never_followed_nor_stored(fifty, client):
    first = client.get("/browse/?kind=image&room=art")
    html = first.text
    assert len(CARD.findall(html)) == 48 and "50 exhibits." in html
    nofollow = '<a rel="next nofollow" href="/browse/?room=art&amp;kind=image&amp;page=2">'
    assert nofollow in html and '<a rel="nofollow" href="/browse/?room=art&amp;kind=image' in html
    second = client.get("/browse/?room=art&kind=image&page=2")
    assert CARD.findall(second.text) == ["/rooms/art/work-49/", "/rooms/art/work-50/"]
    assert '<a rel="prev nofollow" href="/browse/?room=art&amp;kind=image">' in second.text
    assert _facets(second.text) == _facets(html)
    assert "X-Cache" not in first.headers and "X-Cache" not in second.headers


NOT_PAGES = ["", "0", "-1", "+2", "2.0", "1e1", "２", " 2", "9" * 30]  # and a fullwidth digit


@pytest.mark.parametrize("text", [*HOSTILE, *NOT_PAGES])
def test_hostile_page_numbers_are_not_found(demo, text):
    for address in ("/browse/", "/fr/browse/", "/search/"):
        for chosen in ({}, {"room": "art"}, {"room": text, "kind": "image"}):
            query = {**chosen, "page": text}
            assert demo.get(address, query_string=query).status_code == 404, (address, query)
    assert 400 <= demo.get("/browse/page/" + "9" * 5000 + "/").status_code < 500


def test_the_sitemap_lists_each_page_of_browsing_in_each_language(fifty, client):
    paths = sitemap_paths(client.get("/sitemap.xml").data)
    for prefix in ("", "/fr", "/ar"):
        assert {f"{prefix}/browse/page/2/", f"{prefix}/browse/room/art/page/2/"} <= set(paths)
    later = [path for path in paths if path.startswith("/browse/") and "/page/" in path]
    every = ["room/art", "role/tool", "source/trainedAlgorithmicMedia", "kind/image", "decade/2010"]
    assert later == ["/browse/page/2/", *(f"/browse/{value}/page/2/" for value in every)]
    assert len([path for path in paths if "/browse/" in path and "/page/" in path]) == 3 * 6
    assert not any(path.endswith(("/page/1/", "/page/3/")) for path in later)


def test_a_browse_page_s_links_are_the_same_whatever_its_query_string(client):
    asked = client.get("/browse/room/art/?q=first")  # rendered so, then kept for every visitor
    assert asked.headers["X-Cache"] == "MISS" and "/search/" not in _facets(asked.text)
    assert '<a href="/browse/" aria-current="true">' in _facets(asked.text)  # unchoose: browse
