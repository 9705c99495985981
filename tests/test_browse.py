import re

import pytest

from exhibition import tags


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
