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


def test_unknown_page_is_404(client):
    assert client.get("/nothing/").status_code == 404
    assert client.get("/rooms/").status_code == 404
