import struct

import pytest
from PIL import Image

from exhibition.media.probe import (
    Limits,
    MediaProblem,
    check_webvtt,
    displayable,
    duration,
    probe_image,
    webm_duration,
)
from tests.support import media_files
from tests.support.world import write_image


def test_probe_reads_size_and_orientation(tmp_path):
    probe = probe_image(media_files.rotated_jpeg(tmp_path / "a.jpg"))
    assert (probe.width, probe.height, probe.format) == (300, 400, "JPEG")


def test_probe_finds_the_dominant_colour(tmp_path):
    path = tmp_path / "a.png"
    image = Image.new("RGB", (400, 300), (200, 40, 40))
    image.paste((0, 0, 255), (0, 0, 100, 100))
    image.save(path)
    assert probe_image(path).colour == "#c82828"


def test_a_transparent_image_has_no_placeholder_colour(tmp_path):
    assert probe_image(media_files.transparent_png(tmp_path / "a.png")).colour == ""


def test_probe_counts_frames(tmp_path):
    assert probe_image(media_files.animated_gif(tmp_path / "a.gif")).frames == 3


@pytest.mark.parametrize(
    ("make", "name", "message"),
    [
        (media_files.truncated_jpeg, "a.jpg", "the image cannot be read (image file is truncated"),
        (media_files.pixel_bomb, "a.png", "the image is over the limit of 89,478,485 pixels"),
        (
            media_files.png_named_jpg,
            "a.jpg",
            "the file is a PNG image but its name ends in .jpg; rename it to end in .png",
        ),
    ],
)
def test_unsound_images(tmp_path, make, name, message):
    with pytest.raises(MediaProblem) as raised:
        probe_image(make(tmp_path / name))
    assert str(raised.value).startswith(message)


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"hello", "a.png"),
        (b"BM" + b"\0" * 60, "a.png"),  # a BMP header: not on the allow-list
        (b"%PDF-1.7\n", "a.tif"),
    ],
)
def test_formats_off_the_allow_list_are_refused(tmp_path, data, name):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(MediaProblem, match="not an image that can be read"):
        probe_image(path)


def test_bmp_is_refused_even_when_named_as_one(tmp_path):
    path = tmp_path / "a.png"
    Image.new("RGB", (40, 30)).save(path, "BMP")
    with pytest.raises(MediaProblem, match="not an image that can be read"):
        probe_image(path)


def test_pixel_limit(tmp_path):
    path = write_image(tmp_path / "a.png", size=(200, 200))
    with pytest.raises(MediaProblem, match="over the limit of 1,000 pixels"):
        probe_image(path, Limits(max_pixels=1000))


def test_frames_count_towards_the_pixel_limit(tmp_path):
    path = media_files.animated_gif(tmp_path / "a.gif", frames=3)
    probe_image(path, Limits(max_pixels=200 * 150 * 3))
    with pytest.raises(MediaProblem, match="over the limit"):
        probe_image(path, Limits(max_pixels=200 * 150 * 2))


def test_file_size_limit(tmp_path):
    path = write_image(tmp_path / "a.png", size=(200, 200))
    with pytest.raises(MediaProblem, match=r"the file is 0\.0 MB, over the limit of 0 MB"):
        probe_image(path, Limits(max_bytes=100))


@pytest.mark.parametrize(
    ("make", "mode", "pixel"),
    [
        (media_files.cmyk_jpeg, "RGB", (0, 255, 255)),
        (media_files.grey16_png, "RGB", (128, 128, 128)),
        (media_files.rgb48_png, "RGB", (0, 128, 0)),
        (media_files.transparent_png, "RGBA", (255, 0, 0, 255)),
        (media_files.palette_png, "RGBA", (0, 0, 0, 0)),
    ],
)
def test_displayable_gives_8_bit_srgb(tmp_path, make, mode, pixel):
    with Image.open(make(tmp_path / f"a.{make.__name__.rsplit('_', 1)[1]}")) as image:
        image.load()
        shown = displayable(image)
    assert shown.mode == mode
    assert all(abs(a - b) <= 3 for a, b in zip(shown.getpixel((10, 10)), pixel, strict=True))


def test_displayable_converts_through_an_icc_profile(tmp_path):
    from PIL import ImageCms

    image = Image.new("RGB", (8, 8), (10, 200, 30))
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    image.info["icc_profile"] = icc
    assert displayable(image).getpixel((0, 0)) == pytest.approx((10, 200, 30), abs=2)


def ebml(element: int, data: bytes) -> bytes:
    """Return an EBML element with an 8-byte size."""
    ident = element.to_bytes((element.bit_length() + 7) // 8, "big")
    return ident + (0x01 << 56 | len(data)).to_bytes(8, "big") + data


def webm(info: bytes, *, unknown_size: bool = False) -> bytes:
    header = ebml(0x1A45DFA3, ebml(0x4282, b"webm"))
    body = ebml(0x114D9B74, b"\0" * 10) + ebml(0x1549A966, info) + ebml(0x1F43B675, b"\0" * 20)
    if unknown_size:
        return header + bytes.fromhex("18538067") + b"\x01\xff\xff\xff\xff\xff\xff\xff" + body
    return header + ebml(0x18538067, body)


@pytest.mark.parametrize(
    ("data", "seconds"),
    [
        (
            webm(
                ebml(0x2AD7B1, (1_000_000).to_bytes(3, "big"))
                + ebml(0x4489, struct.pack(">d", 3500.0))
            ),
            3.5,
        ),
        (webm(ebml(0x4489, struct.pack(">f", 90000.0))), 90.0),
        (
            webm(ebml(0x2AD7B1, (1000).to_bytes(2, "big")) + ebml(0x4489, struct.pack(">d", 2e6))),
            2.0,
        ),
        (webm(ebml(0x4489, struct.pack(">d", 1500.0)), unknown_size=True), 1.5),
        (webm(ebml(0x2AD7B1, (1_000_000).to_bytes(3, "big"))), None),
        (b"\x1aE\xdf\xa3", None),
        (b"", None),
        (b"RIFF0000WAVE", None),
    ],
)
def test_webm_duration(tmp_path, data, seconds):
    path = tmp_path / "a.webm"
    path.write_bytes(data)
    assert webm_duration(path) == seconds


def test_audio_duration_with_mutagen(tmp_path):
    import wave

    path = tmp_path / "a.wav"
    with wave.open(str(path), "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(8000)
        sound.writeframes(b"\0\0" * 8000 * 2)
    assert duration(path) == pytest.approx(2.0)


def test_unreadable_sound_has_no_duration(tmp_path):
    path = tmp_path / "a.mp3"
    path.write_bytes(b"ID3")
    assert duration(path) is None


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


def test_a_phones_heic_is_probed_upright(tmp_path):
    probe = probe_image(media_files.rotated_heic(tmp_path / "photo.heic"))
    assert (probe.width, probe.height, probe.format, probe.frames) == (300, 400, "HEIF", 1)
    assert probe.colour in ("#0000fe", "#0000ff", "#d85d19", "#c86432")


@pytest.mark.parametrize(
    ("name", "fmt", "message"),
    [
        (
            "photo.jpg",
            "HEIF",
            "the file is a HEIC image but its name ends in .jpg; rename it to end in .heic",
        ),
        (
            "photo.heic",
            "JPEG",
            "the file is a JPEG image but its name ends in .heic; rename it to end in .jpg",
        ),
    ],
)
def test_a_heic_name_that_lies_is_refused(tmp_path, name, fmt, message):
    media_files.two_tone().save(tmp_path / name, fmt)
    with pytest.raises(MediaProblem) as caught:
        probe_image(tmp_path / name)
    assert str(caught.value) == message
