import re

import pytest

from exhibition import tags, timeline
from tests.support.world import in_three_languages


@pytest.fixture
def demo(demo_app):
    return demo_app.test_client()


def _links(html: str) -> set[str]:
    return set(re.findall(r'href="(/(?:\w+/)?rooms/[^"/]+/[^"/]+/)"', html))


def _exhibits(demo_app, prefix: str = "") -> set[str]:
    with demo_app.test_request_context():
        from exhibition.web.current import store

        tour = store().exhibition.tour
    return {f"{prefix}/rooms/{e.room_slug}/{e.slug}/" for e in tour}


def test_tag_index_lists_every_tag_with_its_count(demo):
    html = demo.get("/tags/").get_data(as_text=True)
    assert re.search(
        r'href="/tags/authorship/">authorship <span class="tag-count">\(\d+ exhibits\)', html
    )
    assert html.index("/tags/algorithmic-composition/") < html.index("/tags/voice/")


def test_every_exhibit_is_reachable_from_the_tags_and_the_timeline(demo, demo_app):
    every = _exhibits(demo_app)
    index = demo.get("/tags/").get_data(as_text=True)
    found = set()
    for path in re.findall(r'href="(/tags/[^"]+/)"', index):
        found |= _links(demo.get(path).get_data(as_text=True))
    assert found == every
    assert _links(demo.get("/timeline/").get_data(as_text=True)) == every


def test_exhibit_tags_link_to_their_pages(demo):
    html = demo.get("/rooms/music/illiac-suite/").get_data(as_text=True)
    assert '<a href="/tags/early-computing/">early-computing</a>' in html


@pytest.mark.parametrize(
    "path",
    ["/tags/no-such-tag/", "/tags/%00/", "/tags/" + "a" * 5000 + "/", "/tags/..%2f..%2fetc/",
     "/tags/%ff%fe/", "/fr/tags/nothing/", "/xx/tags/"],
)  # fmt: skip
def test_unknown_and_hostile_tags_are_not_found(demo, path):
    assert 400 <= demo.get(path).status_code < 500


def test_tags_and_timeline_in_each_language(demo):
    french = demo.get("/fr/tags/authorship/").get_data(as_text=True)
    assert '<html lang="fr"' in french and "/fr/rooms/" in french
    arabic = demo.get("/ar/timeline/").get_data(as_text=True)
    assert 'dir="rtl"' in arabic and "/ar/rooms/music/illiac-suite/" in arabic


def test_timeline_runs_from_the_illiac_suite(demo):
    html = demo.get("/timeline/").get_data(as_text=True)
    assert re.search(r'aria-label="Illiac Suite[^"]*, 1957"', html)
    assert html.index("1957") < html.index("2023")


def test_sitemap_lists_tags_and_timeline(demo, demo_app):
    xml = demo.get("/sitemap.xml").get_data(as_text=True)
    assert "/timeline/</loc>" in xml and "/fr/tags/</loc>" in xml
    with demo_app.test_request_context():
        from exhibition.web.current import store

        every = tags.every_tag(store().exhibition)
    assert all(f"/tags/{t.slug}/</loc>" in xml for t in every)


@pytest.fixture
def many(world):
    """Tag 50 exhibits of the art room `Many`: a page of 48, then one of 2."""
    for n in range(3, 51):
        world.exhibit("01-art", f"{n:02d}-work-{n}")
    for md in sorted((world.root / "rooms/01-art").glob("*/exhibit.md")):
        md.write_text(md.read_text().replace("year: 2018\n", "year: 2018\ntags: [Many]\n"))
    in_three_languages(world)
    return world


def card_links(html: str) -> list[str]:
    return re.findall(r'class="card-link" href="([^"]+)"', html)


def test_a_tag_is_shown_a_page_at_a_time(many, client):
    first = client.get("/tags/many/").text
    assert card_links(first)[:2] == ["/rooms/art/first/", "/rooms/art/second/"]
    assert len(card_links(first)) == 48 and "50 exhibits" in first
    assert '<link rel="next" href="/tags/many/page/2/">' in first and 'rel="prev"' not in first
    assert 'class="card-number"' not in first  # a tag's exhibits come from any room
    second = client.get("/tags/many/page/2/").text
    assert card_links(second) == ["/rooms/art/work-49/", "/rooms/art/work-50/"]
    assert '<link rel="prev" href="/tags/many/">' in second and '<link rel="next"' not in second
    assert re.search(r'<a rel="prev" href="/tags/many/">.*Previous page</a>', second)
    assert '<nav class="pagination" aria-label="Pages of this tag">' in second
    assert '<a href="/tags/many/page/2/" aria-current="page">' in second
    assert '<link rel="canonical" href="http://localhost/tags/many/page/2/">' in second
    assert "<title>Tag: Many · Page 2 of 2 · Machines that make</title>" in second


@pytest.mark.parametrize("url", ["/tags/many/page/3/", "/tags/many/page/0/", "/tags/no/page/2/"])
def test_a_page_beyond_the_tag_is_404(many, client, url):
    assert client.get(url).status_code == 404


def test_a_tag_s_page_one_is_the_tag_itself(many, client):
    response = client.get("/fr/tags/many/page/1/")
    assert response.status_code == 301 and response.location == "/fr/tags/many/"


def test_each_page_of_a_tag_in_each_language(many, client):
    french = client.get("/fr/tags/many/page/2/").text
    assert card_links(french) == ["/fr/rooms/art/work-49/", "/fr/rooms/art/work-50/"]
    assert "Page 2 sur 2" in french and 'aria-label="Pages de ce mot-clé"' in french
    alternate = 'hreflang="ar" href="http://localhost/ar/tags/many/page/2/"'
    assert f'<link rel="alternate" {alternate}>' in french
    arabic = client.get("/ar/tags/many/").text
    assert '<link rel="next" href="/ar/tags/many/page/2/">' in arabic
    assert "صفحات هذا الوسم" in arabic


def test_a_tag_within_a_page_has_no_pagination(demo):
    html = demo.get("/tags/authorship/").text
    assert 'class="pagination"' not in html and '<link rel="next"' not in html
    assert demo.get("/tags/authorship/page/2/").status_code == 404


def test_sitemap_lists_each_page_of_a_tag_in_each_language(many, client):
    xml = client.get("/sitemap.xml").text
    for prefix in ("", "/fr", "/ar"):
        assert f"<loc>http://localhost{prefix}/tags/many/page/2/</loc>" in xml
    assert "/tags/many/page/3/" not in xml and "/tags/many/page/1/" not in xml


@pytest.fixture
def long_ago(world, monkeypatch):
    """Give the timeline three pages of two: 1957 and 1960, 2018 twice, 2018 once."""
    monkeypatch.setattr(timeline, "PAGE", 2)
    for folder, year in (("03-old", "1957"), ("04-older", "1960")):
        md = world.exhibit("02-music", folder) / "exhibit.md"
        md.write_text(md.read_text().replace("year: 2018\n", f"year: {year}\n"))
    return in_three_languages(world)


def test_the_timeline_is_shown_a_page_at_a_time(long_ago, client):
    first = client.get("/timeline/").text
    assert _links(first) == {"/rooms/music/old/", "/rooms/music/older/"}
    assert "This page: the years 1957 to 1960." in first and '<link rel="prev"' not in first
    assert '<link rel="next" href="/timeline/page/2/">' in first
    assert '<nav class="pagination" aria-label="Pages of the timeline">' in first
    last = client.get("/timeline/page/3/").text
    assert _links(last) == {"/rooms/music/third/"} and '<link rel="next"' not in last
    assert '<link rel="prev" href="/timeline/page/2/">' in last
    assert "<title>Timeline · Page 3 of 3 · Machines that make</title>" in last
    french = client.get("/fr/timeline/page/2/").text
    assert _links(french) == {"/fr/rooms/art/first/", "/fr/rooms/art/second/"}
    assert "Cette page : l’année 2018." in french
    assert client.get("/timeline/page/4/").status_code == 404
    assert client.get("/ar/timeline/page/1/").location == "/ar/timeline/"


def test_sitemap_lists_each_page_of_the_timeline(long_ago, client):
    xml = client.get("/sitemap.xml").text
    assert "<loc>http://localhost/timeline/page/3/</loc>" in xml
    assert "/timeline/page/4/" not in xml and "/timeline/page/1/" not in xml
