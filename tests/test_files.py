import logging
from types import SimpleNamespace

import pytest
from PIL import Image

from exhibition import create_app
from exhibition.media import manifest
from exhibition.web import files
from exhibition.web.files import content_type
from tests.support.world import write_image


def get(client, url, **options):
    """Return a response's status, headers and body, with the file it sent closed."""
    response = client.get(url, **options)
    try:
        return response.status_code, response.headers, response.get_data()
    finally:
        response.close()


def test_media_is_served_with_caching(client):
    status, headers, _ = get(client, "/media/rooms/01-art/01-first/work.png?v=1")
    assert status == 200
    assert headers["Content-Type"] == "image/png"
    assert "immutable" in headers["Cache-Control"]
    assert "max-age=31536000" in headers["Cache-Control"]
    status, _, _ = get(
        client,
        "/media/rooms/01-art/01-first/work.png?v=1",
        headers={"If-None-Match": headers["ETag"]},
    )
    assert status == 304


def test_ranges_are_honoured(client):
    status, headers, data = get(
        client, "/media/rooms/01-art/01-first/work.png", headers={"Range": "bytes=0-9"}
    )
    assert status == 206
    assert len(data) == 10
    assert headers["Content-Range"].startswith("bytes 0-9/")


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("a/film.webm", "video/webm"),
        ("a/captions.vtt", "text/vtt; charset=utf-8"),
        ("a/sound.opus", "audio/ogg"),
        ("a/transcript.md", "text/markdown; charset=utf-8"),
        ("a/transcript.txt", "text/plain; charset=utf-8"),
        ("a/picture.AVIF", "image/avif"),
    ],
)
def test_content_types(path, expected):
    assert content_type(path) == expected


@pytest.mark.parametrize(
    "path", ["a/clip.html", "a/clip.js", "a/clip.svg", "a/clip.xhtml", "a/clip.pdf", "a/clip"]
)
def test_other_kinds_have_no_content_type(path):
    assert content_type(path) is None


def test_a_file_of_a_kind_the_format_does_not_allow_is_never_sent(client, world, monkeypatch):
    # As if an exhibit named them: captions that are a page, and the script it loads.
    folder = world.root / "rooms/01-art/01-first"
    (folder / "clip.html").write_text("WEBVTT\n<script src=clip.js></script>\n")
    (folder / "clip.js").write_text("WEBVTT =1; alert(document.domain)\n")
    (folder / "clip.vtt").write_text("WEBVTT\n")
    named = {f"rooms/01-art/01-first/{name}" for name in ("clip.html", "clip.js", "clip.vtt")}
    monkeypatch.setattr(files, "current_exhibition", lambda: SimpleNamespace(files=named))
    for name in ("clip.html", "clip.js"):
        assert get(client, f"/media/rooms/01-art/01-first/{name}?v=1")[0] == 404
    status, headers, _ = get(client, "/media/rooms/01-art/01-first/clip.vtt?v=1")
    assert status == 200 and headers["Content-Type"] == "text/vtt; charset=utf-8"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/media/exhibition.yaml", 404),
        ("/media/rooms/01-art/01-first/exhibit.md", 404),
        ("/media/rooms/01-art/01-first/../../../exhibition.yaml", 400),
        ("/media/%2e%2e/%2e%2e/etc/passwd", 400),
        ("/media//etc/passwd", 400),
        ("/media/rooms/01-art/01-first/WORK.png", 404),
        ("/images/960/rooms/01-art/01-first/work.png", 404),
        ("/derivatives/manifest.json", 404),
        ("/derivatives/../manifest.json", 400),
        ("/derivatives/%2e%2e/%2e%2e/content/exhibition.yaml", 400),
        ("/derivatives/0123456789abcdef0123-640.avif", 404),
    ],
)
def test_only_files_pages_use_are_served(client, path, expected):
    # 400: the path has a trick in it (dot or empty segments) and goes no further.
    assert get(client, path, follow_redirects=True)[0] == expected


@pytest.fixture
def built(app, runner):
    """Build the test world's derivatives; return the app's catalogue of them."""
    result = runner.invoke(args=["build", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        from exhibition.web.images import derivatives_folder

        return manifest.Catalogue.read(derivatives_folder())


@pytest.mark.parametrize(
    ("ext", "mimetype"), [("avif", "image/avif"), ("webp", "image/webp"), ("jpg", "image/jpeg")]
)
def test_derivatives_are_served_immutable(client, built, ext, mimetype, tmp_path):
    entry = next(iter(built.entries.values()))
    url = f"/derivatives/{entry.key}-640.{ext}"
    status, headers, data = get(client, url)
    assert status == 200
    assert headers["Content-Type"] == mimetype
    assert "immutable" in headers["Cache-Control"] and "public" in headers["Cache-Control"]
    assert "max-age=31536000" in headers["Cache-Control"]
    assert get(client, url, headers={"If-None-Match": headers["ETag"]})[0] == 304
    copy = tmp_path / f"copy.{ext}"
    copy.write_bytes(data)
    with Image.open(copy) as image:
        assert image.size == (640, 480)


def test_pages_use_derivatives_once_built(client, built):
    entry = built.entries["rooms/01-art/01-first/work.png"]
    html = get(client, "/rooms/art/first/")[2].decode()
    assert f'srcset="/derivatives/{entry.key}-320.avif 320w' in html
    assert "/media/rooms/01-art/01-first/work.png" not in html.split("<main", 1)[1].split("og:")[0]


def test_without_a_build_pages_use_the_original_and_say_so_once(client, caplog):
    with caplog.at_level(logging.WARNING):
        for _ in range(2):
            html = get(client, "/rooms/art/first/")[2].decode()
            assert 'src="/media/rooms/01-art/01-first/work.png?v=' in html
    notes = [r for r in caplog.records if "has no derivatives yet" in r.getMessage()]
    assert len(notes) == 1


def test_a_vanished_derivative_is_404_not_500(client, built, app):
    entry = next(iter(built.entries.values()))
    with app.app_context():
        from exhibition.web.images import derivatives_folder

        (derivatives_folder() / f"{entry.key}-320.webp").unlink()
    assert get(client, f"/derivatives/{entry.key}-320.webp")[0] == 404


def folder_of(app):
    """Return the folder the app serves the published exhibits' derivatives from."""
    with app.app_context():
        from exhibition.web.images import derivatives_folder

        return derivatives_folder()


def make_draft(world, folder: str) -> None:
    """Set `draft: true` on an exhibit."""
    md = world.root / folder / "exhibit.md"
    md.write_text(md.read_text().replace("year: 2018", "draft: true\nyear: 2018"))


def test_only_files_the_live_catalogue_lists_are_served(client, built, app):
    entry = built.entries["rooms/01-art/01-first/work.png"]
    folder = folder_of(app)
    # Named as a build names its files, but no entry of the manifest has them.
    jpeg = (folder / f"{entry.key}-320.jpg").read_bytes()
    strays = [f"{'f' * 20}-320.jpg", f"{entry.key}-333.jpg", f"{entry.key}_files/9/0_0.jpg"]
    for name in strays:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(jpeg)
    (folder / f"{entry.key}.dzi").write_text("<Image/>")  # the image is too small to zoom
    assert get(client, f"/derivatives/{entry.key}-320.jpg")[0] == 200
    for name in [*strays, f"{entry.key}.dzi"]:
        assert get(client, f"/derivatives/{name}")[0] == 404, name


def test_a_withdrawn_exhibits_images_are_404_at_once_and_gone_after_a_build(
    world, app, client, runner
):
    write_image(world.root / "rooms/01-art/01-first/work.png", size=(3200, 2400))
    app.extensions["exhibition"].load()
    assert runner.invoke(args=["build", "--jobs", "1"]).exit_code == 0
    folder = folder_of(app)
    key = manifest.Catalogue.read(folder).entries["rooms/01-art/01-first/work.png"].key
    names = [f"{key}-640.avif", f"{key}.dzi", f"{key}_files/12/0_0.jpg"]
    assert [get(client, f"/derivatives/{name}")[0] for name in names] == [200] * 3
    make_draft(world, "rooms/01-art/01-first")
    app.extensions["exhibition"].load()  # what the server does when files change
    assert all((folder / name).exists() for name in names)  # the manifest still lists them
    assert [get(client, f"/derivatives/{name}")[0] for name in names] == [404] * 3
    assert runner.invoke(args=["build", "--jobs", "1"]).exit_code == 0
    assert not any((folder / name).exists() for name in names)
    assert [get(client, f"/derivatives/{name}")[0] for name in names] == [404] * 3


def test_only_preview_serves_the_drafts_images(world, runner, tmp_path):
    make_draft(world, "rooms/01-art/02-second")
    write_image(world.root / "rooms/01-art/02-second/work.png", color="navy")
    assert runner.invoke(args=["build", "--jobs", "1"]).exit_code == 0
    settings = {
        "TESTING": True,
        "CONTENT_DIR": str(world.root),
        "CACHE_DIR": str(tmp_path / "cache"),
    }
    preview = create_app({**settings, "PREVIEW": True}).test_client()
    html = get(preview, "/rooms/art/second/")[2].decode()
    url = html.split('<source type="image/avif" srcset="', 1)[1].split(" ", 1)[0]
    assert url.startswith("/derivatives/") and url.endswith(".avif")
    assert get(preview, url)[0] == 200
    public = create_app(settings).test_client()
    assert get(public, "/rooms/art/second/")[0] == 404
    assert get(public, url)[0] == 404


def test_demo_pages_serve_avif_and_webp_with_a_jpeg_fallback(demo_app):
    store = demo_app.extensions["exhibition"]
    exhibit = next(e for e in store.exhibition.tour if e.kind == "image")
    client = demo_app.test_client()
    html = get(client, f"/rooms/{exhibit.room_slug}/{exhibit.slug}/")[2].decode()
    picture = html.split("<picture>", 1)[1].split("</picture>", 1)[0]
    for kind in ("avif", "webp"):
        url = picture.split(f'<source type="image/{kind}" srcset="', 1)[1].split(" ", 1)[0]
        status, headers, _ = get(client, url)
        assert (status, headers["Content-Type"]) == (200, f"image/{kind}")
    fallback = picture.split("<img", 1)[1].split(' src="', 1)[1].split('"', 1)[0]
    assert fallback.endswith(".jpg")
    assert get(client, fallback)[1]["Content-Type"] == "image/jpeg"
