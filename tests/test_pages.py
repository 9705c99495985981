import xml.etree.ElementTree as ET

import pytest

from exhibition import create_app
from tests.support.world import EXHIBITION_YAML


def test_free_page(client):
    response = client.get("/about/")
    assert response.status_code == 200
    assert "About this exhibition." in response.get_data(as_text=True)


def test_sitemap_lists_every_page(client):
    xml = client.get("/sitemap.xml").get_data(as_text=True)
    for path in [
        "/",
        "/rooms/art/",
        "/rooms/art/first/",
        "/rooms/art/second/",
        "/rooms/music/third/",
        "/about/",
    ]:
        assert f"<loc>http://localhost{path}</loc>" in xml


def test_sitemap_lists_every_language_with_its_alternates(world, tmp_path):
    world.write("exhibition.yaml", EXHIBITION_YAML + "languages: [en, fr, ar]\n")
    settings = {"CONTENT_DIR": str(world.root), "CACHE_DIR": str(tmp_path / "cache")}
    xml = create_app({"TESTING": True, **settings}).test_client().get("/sitemap.xml").data
    namespaces = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "x": "http://www.w3.org/1999/xhtml",
    }
    urls = ET.fromstring(xml).findall("s:url", namespaces)
    # lobby, 2 rooms, 3 exhibits, a page, privacy, tags, timeline; browse and its 6 values
    assert len(urls) == 3 * 17
    by_loc = {u.find("s:loc", namespaces).text: u for u in urls}
    expected = {
        "en": "http://localhost/rooms/art/first/",
        "fr": "http://localhost/fr/rooms/art/first/",
        "ar": "http://localhost/ar/rooms/art/first/",
        "x-default": "http://localhost/rooms/art/first/",
    }
    for loc in ("http://localhost/rooms/art/first/", "http://localhost/ar/rooms/art/first/"):
        links = by_loc[loc].findall("x:link", namespaces)
        assert {link.get("hreflang"): link.get("href") for link in links} == expected
        assert {link.get("rel") for link in links} == {"alternate"}


def test_robots_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.mimetype == "text/plain"
    assert "Sitemap: http://localhost/sitemap.xml" in response.get_data(as_text=True)


NOT_FOUND_PAGE = '<h1 id="not-found-title">This room is empty</h1>'


@pytest.mark.parametrize(
    "address",
    [
        "/nothing/",
        "/rooms/",
        "/rooms/nope/",
        "/rooms/art/nope/",
        "/rooms/music/first/",  # an exhibit of another room
        "/rooms/Art/",
        "/rooms/nothing",  # no final slash: still no redirect to a page that is not there
        "/rooms/art/nothing",
        "/exhibition.yaml",
        "/rooms/art/exhibit.md",
    ],
)
def test_an_address_of_no_page_is_404_in_the_site_look_without_a_redirect(client, address):
    response = client.get(address)
    assert response.status_code == 404
    assert "Location" not in response.headers
    html = response.get_data(as_text=True)
    assert NOT_FOUND_PAGE in html
    assert '<a class="button" href="/">Return to the lobby</a>' in html


def test_sitemap_lists_each_page_of_a_room(world, tmp_path):
    from exhibition import create_app

    world.write("rooms/01-art/room.md", "---\ntitle: Art\nsummary: s\npage_size: 1\n---\nIntro\n")
    client = create_app({"TESTING": True, "CONTENT_DIR": str(world.root)}).test_client()
    xml = client.get("/sitemap.xml").get_data(as_text=True)
    assert "<loc>http://localhost/rooms/art/page/2/</loc>" in xml
    assert "/rooms/art/page/3/" not in xml and "/rooms/art/page/1/" not in xml
    assert "/rooms/music/page/" not in xml
