from exhibition.archive import sitemap

XML = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://museum.example/</loc></url>
  <url><loc> https://museum.example/rooms/art/first/ </loc></url>
</urlset>"""


def test_a_sitemap_gives_the_paths_it_lists():
    assert sitemap.paths(XML) == ["/", "/rooms/art/first/"]


def test_a_sitemap_that_is_no_xml_lists_nothing():
    assert sitemap.paths(b"<urlset><url>") == []


def test_the_site_serves_its_sitemap_where_a_freeze_reads_it(client):
    response = client.get(sitemap.PATH)
    assert response.status_code == 200 and "/rooms/" in response.get_data(as_text=True)
