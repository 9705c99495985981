import io

import pytest
from PIL import Image

from exhibition import create_app


def test_picture_offers_avif_and_webp_before_the_jpeg(app, runner, client):
    assert runner.invoke(args=["build", "--jobs", "1"]).exit_code == 0
    html = client.get("/rooms/art/first/").get_data(as_text=True)
    picture = html.split("<picture>", 1)[1].split("</picture>", 1)[0]
    avif, webp, img = (
        picture.index('type="image/avif"'),
        picture.index('type="image/webp"'),
        picture.index("<img"),
    )
    assert avif < webp < img
    assert 'src="/derivatives/' in picture and ".jpg" in picture[img:]
    assert 'width="1600" height="1200"' in picture
    assert 'fetchpriority="high"' in picture
    assert 'class="ph-' in picture


def test_other_pictures_load_lazily(app, runner, client):
    built = runner.invoke(args=["build", "--jobs", "1"])
    assert built.exit_code == 0, built.output
    html = client.get("/rooms/art/").get_data(as_text=True)
    assert 'loading="lazy"' in html
    assert "fetchpriority" not in html.split("<main", 1)[1]


def test_link_previews_get_a_jpeg_about_1200_px_wide(app, runner, client):
    assert runner.invoke(args=["build", "--jobs", "1"]).exit_code == 0
    html = client.get("/rooms/art/first/").get_data(as_text=True)
    url = html.split('<meta property="og:image" content="', 1)[1].split('"', 1)[0]
    assert url.startswith("http://localhost/derivatives/") and url.endswith(".jpg")
    assert '<meta property="og:image:width" content="1280">' in html
    assert '<meta property="og:image:height" content="960">' in html
    with client.get(url.removeprefix("http://localhost")) as image:
        assert image.status_code == 200 and image.mimetype == "image/jpeg"
        with Image.open(io.BytesIO(image.data)) as picture:
            assert picture.size == (1280, 960)


@pytest.mark.parametrize("address", ["/", "/rooms/art/"])
def test_the_lobby_and_rooms_have_a_link_preview_too(app, runner, client, address):
    # Without a cover, the first exhibit's image stands for the room and the exhibition.
    assert runner.invoke(args=["build", "--jobs", "1"]).exit_code == 0
    html = client.get(address).get_data(as_text=True)
    assert '<meta property="og:image" content="http://localhost/derivatives/' in html
    assert '<meta property="og:image:width" content="1280">' in html
    assert '<meta property="og:image:alt" content="' in html


def count_url_for(app) -> list[int]:
    """Count every url_for call of the app and its templates; return the counter."""
    calls, original = [0], app.url_for

    def url_for(*args, **values):
        calls[0] += 1
        return original(*args, **values)

    app.url_for = app.jinja_env.globals["url_for"] = url_for
    return calls


def test_a_card_s_picture_is_worked_out_once_per_build(app, runner, world, tmp_path):
    assert runner.invoke(args=["build", "--jobs", "1"]).exit_code == 0
    settings = {"CONTENT_DIR": str(world.root), "CACHE_DIR": str(tmp_path / "cache")}
    app = create_app({"TESTING": True, **settings, "CACHE_TYPE": "NullCache"})  # render each time
    client, calls, cost = app.test_client(), count_url_for(app), {}
    for room in ("art", "music", "art", "music"):  # art has two cards, music one
        calls[0] = 0
        assert 'srcset="/derivatives/' in client.get(f"/rooms/{room}/").get_data(as_text=True)
        cost[room] = calls[0]
    assert cost["art"] - cost["music"] <= 3  # its links: card, plan, 360° list; not its picture
