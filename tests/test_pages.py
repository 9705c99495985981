import pytest


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
