import pytest
from PIL import Image

from exhibition.media import MediaProblem, check_webvtt, probe_image
from tests.conftest import write_image


def test_probe_reads_size_and_orientation(tmp_path):
    path = tmp_path / "a.jpg"
    image = Image.new("RGB", (400, 300), "navy")
    exif = image.getexif()
    exif[0x0112] = 6
    image.save(path, exif=exif)
    assert probe_image(path) == (300, 400)


def test_truncated_image(tmp_path):
    path = write_image(tmp_path / "a.jpg", size=(800, 600))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(MediaProblem, match="cannot be read"):
        probe_image(path)


def test_not_an_image(tmp_path):
    path = tmp_path / "a.png"
    path.write_bytes(b"hello")
    with pytest.raises(MediaProblem, match="not an image"):
        probe_image(path)


def test_pixel_limit(tmp_path, monkeypatch):
    path = write_image(tmp_path / "a.png", size=(200, 200))
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    with pytest.raises(MediaProblem, match="over the limit"):
        probe_image(path)


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        (b"WEBVTT\n", True),
        (b"\xef\xbb\xbfWEBVTT - x\n", True),
        (b"1\n00:00", False),
        (b"WEBVTTX", False),
    ],
)
def test_webvtt(tmp_path, text, ok):
    path = tmp_path / "a.vtt"
    path.write_bytes(text)
    if ok:
        check_webvtt(path)
    else:
        with pytest.raises(MediaProblem):
            check_webvtt(path)
