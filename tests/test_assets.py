import gzip
import os
import re

import pytest

from exhibition.web.assets import Asset, Assets, AssetServer, rewrite_css

BROWSER = {"Accept-Encoding": "gzip, deflate, br"}


def write_static(folder, files):
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return folder


@pytest.fixture
def static(tmp_path):
    return write_static(
        tmp_path / "static",
        {
            "site.css": '@font-face { src: url("fonts/a.woff2"); }\n.x { background: url(i.svg) }',
            "fonts/a.woff2": b"wOF2 font bytes",
            "i.svg": "<svg/>",
            "site.js": "console.log(1);",
        },
    )


def test_names_carry_the_content_hash_and_change_with_it(static):
    before = Assets(static).by_name["site.js"].hashed
    assert re.fullmatch(r"site\.[0-9a-f]{12}\.js", before)
    (static / "site.js").write_text("console.log(2);")
    assert Assets(static).by_name["site.js"].hashed != before


def test_style_sheets_point_at_the_hashed_files_they_use(static):
    assets = Assets(static).by_name
    css = assets["site.css"].body.decode()
    assert f'url("{assets["fonts/a.woff2"].hashed}")' in css
    assert f"url({assets['i.svg'].hashed})" in css


def test_a_changed_font_changes_the_style_sheets_name(static):
    before = Assets(static).by_name["site.css"].hashed
    (static / "fonts/a.woff2").write_bytes(b"other font bytes")
    assert Assets(static).by_name["site.css"].hashed != before


@pytest.mark.parametrize(
    ("name", "css", "expected"),
    [
        ("a/b.css", "url(../i.svg)", "url(../i.HASH.svg)"),
        ("a/b.css", "url('c.svg')", "url('c.HASH.svg')"),
        ("b.css", "url(data:image/png;base64,AAAA)", "url(data:image/png;base64,AAAA)"),
        ("b.css", "url(https://example.org/i.svg)", "url(https://example.org/i.svg)"),
        ("b.css", "url(/i.svg)", "url(/i.svg)"),
        ("b.css", "url(missing.svg)", "url(missing.svg)"),
    ],
)
def test_rewrite_css_leaves_what_is_not_a_local_file(name, css, expected):
    class Fake:
        def __init__(self, hashed):
            self.hashed = hashed

    assets = {"i.svg": Fake("i.HASH.svg"), "a/c.svg": Fake("a/c.HASH.svg")}
    assert rewrite_css(name, css, assets) == expected


def test_pages_link_hashed_assets_served_immutable(client):
    html = client.get("/").get_data(as_text=True)
    urls = re.findall(r'(?:href|src)="(/static/[^"]+)"', html)
    assert {u.rsplit(".", 1)[-1] for u in urls} >= {"css", "js", "woff2", "svg"}
    for url in urls:
        assert re.search(r"\.[0-9a-f]{12}\.\w+$", url), url
        response = client.get(url, headers=BROWSER)
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert response.headers["ETag"].startswith('"')


def test_the_preloaded_font_is_the_one_the_style_sheet_asks_for(client):
    html = client.get("/").get_data(as_text=True)
    font = re.search(r'<link rel="preload" href="/static/([^"]+)"', html).group(1)
    sheet = re.search(r'href="(/static/exhibition\.[0-9a-f]+\.css)"', html).group(1)
    assert font in client.get(sheet).get_data(as_text=True)


def test_text_assets_are_compressed_and_answer_304(app, client):
    url = "/static/" + app.extensions["assets"].by_name["exhibition.css"].hashed
    plain = client.get(url)
    packed = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert packed.headers["Content-Encoding"] == "gzip"
    assert packed.headers["Vary"] == "Accept-Encoding"
    assert gzip.decompress(packed.data) == plain.data
    assert plain.headers["Content-Type"] == "text/css; charset=utf-8"
    again = client.get(
        url, headers={"Accept-Encoding": "gzip", "If-None-Match": packed.headers["ETag"]}
    )
    assert (again.status_code, again.data) == (304, b"")
    assert client.head(url).data == b""


def test_fonts_are_sent_as_they_are(app, client):
    url = "/static/" + app.extensions["assets"].by_name["fonts/eb-garamond-regular.woff2"].hashed
    response = client.get(url, headers=BROWSER)
    assert "Content-Encoding" not in response.headers
    assert response.headers["Content-Type"] == "font/woff2"


def test_plain_names_still_work_and_a_wrong_hash_is_404(client):
    with client.get("/static/exhibition.css") as plain:
        assert plain.status_code == 200
        assert "immutable" not in plain.headers.get("Cache-Control", "")
    assert client.get("/static/exhibition.000000000000.css").status_code == 404


def test_in_preview_an_edited_file_gets_a_new_name(static):
    assets = Assets(static, watch=True)
    before = assets.current().by_name["site.js"].hashed
    (static / "site.js").write_text("console.log('edited');")
    assert assets.current().by_name["site.js"].hashed != before


def test_the_assets_command_writes_hashed_and_precompressed_copies(app, runner, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(args=["assets", "--out", str(out)])
    assert result.exit_code == 0, result.output
    css = app.extensions["assets"].by_name["exhibition.css"]
    assert (out / css.hashed).read_bytes() == css.body
    assert gzip.decompress((out / (css.hashed + ".gz")).read_bytes()) == css.body
    assert (out / (css.hashed + ".br")).exists() and (out / "exhibition.css").exists()
    font = app.extensions["assets"].by_name["fonts/eb-garamond-regular.woff2"]
    assert not (out / (font.hashed + ".gz")).exists()  # WOFF2 is compressed already
    before = (out / css.hashed).stat().st_mtime_ns
    assert runner.invoke(args=["assets", "--out", str(out)]).exit_code == 0
    assert (out / css.hashed).stat().st_mtime_ns == before  # unchanged bytes, not rewritten


def test_a_file_compression_cannot_shrink_goes_as_it_is(tmp_path):
    # Random bytes in a script: no coding makes them smaller, so there is none to choose.
    asset = Asset.of("noise.js", os.urandom(4000))
    assert list(asset.bodies()) == [""]
    server = AssetServer(None, None, compress=True)
    status, headers, body = server.answer(asset, {"HTTP_ACCEPT_ENCODING": "br, gzip"})
    assert status == "200 OK" and body == asset.body
    assert "Content-Encoding" not in dict(headers)
