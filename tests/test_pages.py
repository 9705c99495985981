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


def test_sitemap_lists_each_page_of_a_room(world, tmp_path):
    from exhibition import create_app

    world.write("rooms/01-art/room.md", "---\ntitle: Art\nsummary: s\npage_size: 1\n---\nIntro\n")
    client = create_app({"TESTING": True, "CONTENT_DIR": str(world.root)}).test_client()
    xml = client.get("/sitemap.xml").get_data(as_text=True)
    assert "<loc>http://localhost/rooms/art/page/2/</loc>" in xml
    assert "/rooms/art/page/3/" not in xml and "/rooms/art/page/1/" not in xml
    assert "/rooms/music/page/" not in xml
