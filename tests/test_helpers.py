import pytest

from exhibition.web.helpers import duration_in_words, iso_duration


@pytest.mark.parametrize(
    ("seconds", "words", "iso"),
    [
        (0.4, "1 s", "PT1S"),
        (21.3, "21 s", "PT21S"),
        (60, "1 min 00 s", "PT1M"),
        (185, "3 min 05 s", "PT3M5S"),
        (3725, "1 h 02 min", "PT1H2M5S"),
    ],
)
def test_durations(seconds, words, iso):
    assert duration_in_words(seconds) == words
    assert iso_duration(seconds) == iso


def test_no_duration_says_nothing():
    assert duration_in_words(None) == ""


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
