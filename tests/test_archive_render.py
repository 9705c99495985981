"""Rendering the pages of a frozen edition: the pages it holds, the banner each one carries."""

import datetime as dt
import re

import pytest

from exhibition.archive import links, render
from tests.support.archives import archive_app
from tests.support.archives import freeze as run_freeze
from tests.support.pages import PageLinks
from tests.support.world import in_three_languages

FACET_LINK = re.compile(r'<nav class="facets".*?</nav>', re.S)


@pytest.mark.parametrize(
    ("frozen", "says"),
    [
        ("2020-09-20", "as it stood before it opened. It was to run from 21 September 2020 to"),
        ("2020-09-21", "as visitors saw it while it ran. It opened on 21 September 2020 and"),
        ("2021-03-18", "It opened on 21 September 2020 and was to close on 18 March 2021;"),
        ("2021-03-19", "as visitors saw it. It ran from 21 September 2020 to 18 March 2021;"),
    ],
)
def test_the_banner_says_where_the_run_stood_when_frozen(world, tmp_path, frozen, says):
    app = archive_app(world, tmp_path)
    now = dt.datetime.fromisoformat(f"{frozen}T09:30:00+00:00")
    page = render.fetcher(app, render.plan(app, now=now))("/")
    text = " ".join(re.sub(r"<[^>]+>", "", page.body.decode()).split())
    assert says in text
    day = f"{now.day} {now:%B %Y}"
    assert f"this copy was frozen on {day} at 09:30 UTC and has not changed since." in text
    assert ("It ran from" in text) == (frozen == "2021-03-19")


def test_an_edition_preloads_no_font(world, tmp_path):
    app = archive_app(world, tmp_path)
    preload = b'<link rel="preload" href="/static/fonts/'
    assert preload in app.test_client().get("/").data
    page = render.fetcher(app, render.plan(app))("/")
    assert b'rel="preload"' not in page.body


def test_an_edition_holds_the_browse_page_and_each_facet_value_s_in_every_language(world, tmp_path):
    app = archive_app(in_three_languages(world), tmp_path)
    pages = render.plan(app).pages
    browse = [p for p in pages if p.startswith("/browse/")]
    assert browse == [
        "/browse/",
        "/browse/room/art/",
        "/browse/room/music/",
        "/browse/role/tool/",
        "/browse/source/trainedAlgorithmicMedia/",
        "/browse/kind/image/",
        "/browse/decade/2010/",
    ]  # each value once, never a combination
    for language in ("fr", "ar"):
        assert [p for p in pages if p.startswith(f"/{language}/browse/")] == [
            f"/{language}{p}" for p in browse
        ]


def test_a_frozen_facet_page_links_only_to_pages_of_the_edition(world, tmp_path):
    app = archive_app(in_three_languages(world), tmp_path)
    assert run_freeze(app).exit_code == 0
    data = tmp_path / "archive" / "test-1" / "data"
    page = "fr/browse/room/art/index.html"
    html = (data / page).read_text()
    assert '<html lang="fr"' in html and html.count('class="card-link"') == 2
    facets = FACET_LINK.search(html)[0]
    found = PageLinks(facets).urls
    assert {links.resolve(page, url) for url in found} == {
        "fr/browse/index.html",  # the room chosen, unchosen
        "fr/browse/room/music/index.html",
    }
    assert all((data / links.resolve(page, url)).is_file() for url in found)
    # Art with an image, tools or 2010s would be a combination: its count, and no link.
    assert re.search(r'<li>Image <span class="facet-count">\(2\)</span></li>', facets)
    assert "?" not in facets and "nofollow" not in facets


def test_an_edition_holds_each_page_of_browsing_and_their_links_lead_to_each_other(world, tmp_path):
    for n in range(3, 51):  # the art room's 50 exhibits fill two pages of 48
        world.exhibit("01-art", f"{n:02d}-work-{n}")
    app = archive_app(in_three_languages(world), tmp_path)
    pages = render.plan(app).pages
    later = [p for p in pages if p.startswith("/fr/browse/") and "/page/" in p]
    assert "/fr/browse/page/2/" in later and "/fr/browse/room/art/page/2/" in later
    assert run_freeze(app).exit_code == 0
    data = tmp_path / "archive" / "test-1" / "data"
    first, second = "fr/browse/room/art/index.html", "fr/browse/room/art/page/2/index.html"
    pagination = re.compile(r'<nav class="pagination".*?</nav>', re.S)
    ahead = PageLinks(pagination.search((data / first).read_text())[0]).urls
    back = PageLinks(pagination.search((data / second).read_text())[0]).urls
    assert {links.resolve(first, url) for url in ahead} == {first, second}
    assert {links.resolve(second, url) for url in back} == {first, second}
