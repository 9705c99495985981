import io

import pytest
from PIL import Image

from exhibition.web.helpers import iso_duration


@pytest.mark.parametrize(
    ("seconds", "iso"),
    [(0.4, "PT1S"), (8.52, "PT8S"), (60, "PT1M"), (185, "PT3M5S"), (3725, "PT1H2M5S")],
)
def test_iso_durations_count_the_seconds_the_player_shows(seconds, iso):
    assert iso_duration(seconds) == iso


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
    runner.invoke(args=["build", "--jobs", "1"])
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
