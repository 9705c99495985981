import xml.etree.ElementTree as ET

import pytest
from PIL import Image

from exhibition.media import copies
from exhibition.media.probe import Limits, MediaProblem
from tests.support import media_files

KEY = "0123456789abcdef0123"
PROVENANCE = copies.Provenance(
    "Ada Example, with a GAN", "© Test Museum", "trainedAlgorithmicMedia"
)


def make(source, out, widths=(100, 200, 400), **options):
    out.mkdir(exist_ok=True)
    options = {"background": "#f6f3ee", "provenance": PROVENANCE, **options}
    return copies.write_copies(source, out, KEY, widths=widths, **options)


def opened(path):
    image = Image.open(path)
    image.load()
    return image


@pytest.mark.parametrize(
    ("width", "widths", "ladder"),
    [
        (1600, (320, 640, 960, 1280, 1920, 2560), (320, 640, 960, 1280, 1600)),
        (4000, (320, 640, 960, 1280, 1920, 2560), (320, 640, 960, 1280, 1920, 2560)),
        (1920, (320, 640, 960, 1280, 1920, 2560), (320, 640, 960, 1280, 1920)),
        (200, (320, 640), (200,)),
    ],
)
def test_ladder_is_never_wider_than_the_original(width, widths, ladder):
    assert copies.ladder(width, widths) == ladder


def test_every_width_in_every_format(tmp_path):
    made = make(media_files.rotated_jpeg(tmp_path / "a.jpg"), tmp_path / "out")
    assert made.widths == (100, 200, 300)
    for width in made.widths:
        for kind, ext in copies.EXTENSIONS.items():
            image = opened(tmp_path / "out" / f"{KEY}-{width}.{ext}")
            assert image.format == copies.ENCODERS[kind]["format"]
            assert image.width == width


def test_exif_orientation_is_applied(tmp_path):
    made = make(media_files.rotated_jpeg(tmp_path / "a.jpg"), tmp_path / "out")
    assert (made.width, made.height) == (300, 400)
    for ext in ("avif", "webp", "jpg"):
        image = opened(tmp_path / "out" / f"{KEY}-300.{ext}").convert("RGB")
        assert image.size == (300, 400)
        top, bottom = image.getpixel((150, 50)), image.getpixel((150, 350))
        assert top[0] > 200 and top[2] < 60, f"{ext}: the top is not red: {top}"
        assert bottom[2] > 200 and bottom[0] < 60, f"{ext}: the bottom is not blue: {bottom}"


def test_only_provenance_travels_in_the_metadata(tmp_path):
    make(media_files.rotated_jpeg(tmp_path / "a.jpg"), tmp_path / "out")
    for ext in ("avif", "webp", "jpg"):
        image = opened(tmp_path / "out" / f"{KEY}-100.{ext}")
        exif = image.getexif()
        assert exif[0x013B].encode("latin-1").decode() == PROVENANCE.credit
        assert exif[0x8298].encode("latin-1").decode() == PROVENANCE.copyright
        assert 0x010F not in exif, f"{ext}: the camera maker is still there"
        assert 0x8825 not in exif, f"{ext}: the GPS position is still there"
        assert 0x0112 not in exif, f"{ext}: an orientation would turn it again"
        xmp = image.info["xmp"]
        xmp = xmp if isinstance(xmp, bytes) else xmp.encode()
        assert (
            b"<Iptc4xmpExt:DigitalSourceType>http://cv.iptc.org/newscodes/digitalsourcetype/"
            b"trainedAlgorithmicMedia</Iptc4xmpExt:DigitalSourceType>" in xmp
        )
        assert b"Ada Example, with a GAN" in xmp


def test_cmyk_becomes_rgb(tmp_path):
    make(media_files.cmyk_jpeg(tmp_path / "a.jpg"), tmp_path / "out")
    image = opened(tmp_path / "out" / f"{KEY}-100.jpg")
    assert image.mode == "RGB"
    red, green, blue = image.getpixel((50, 30))
    assert red < 30 and green > 220 and blue > 220


@pytest.mark.parametrize("make_file", [media_files.grey16_png, media_files.rgb48_png])
def test_16_bit_images_keep_their_tones(tmp_path, make_file):
    make(make_file(tmp_path / "a.png"), tmp_path / "out", widths=(32,))
    image = opened(tmp_path / "out" / f"{KEY}-32.webp").convert("RGB")
    assert max(image.getpixel((10, 10))) == pytest.approx(128, abs=6)


def test_transparency_is_kept_and_flattened_for_jpeg(tmp_path):
    make(media_files.transparent_png(tmp_path / "a.png"), tmp_path / "out")
    for ext in ("avif", "webp"):
        image = opened(tmp_path / "out" / f"{KEY}-400.{ext}")
        assert image.mode == "RGBA", ext
        assert image.getpixel((350, 150))[3] == 0
        assert image.getpixel((50, 150))[3] == 255
    jpeg = opened(tmp_path / "out" / f"{KEY}-400.jpg")
    assert jpeg.mode == "RGB"
    assert jpeg.getpixel((350, 150)) == pytest.approx((0xF6, 0xF3, 0xEE), abs=3)


def test_palette_with_transparency(tmp_path):
    make(media_files.palette_png(tmp_path / "a.png"), tmp_path / "out")
    assert opened(tmp_path / "out" / f"{KEY}-400.webp").mode == "RGBA"


def test_animation_stays_animated(tmp_path):
    made = make(media_files.animated_gif(tmp_path / "a.gif"), tmp_path / "out")
    assert made.animated and made.widths == (100, 200)
    for ext in ("avif", "webp"):
        image = Image.open(tmp_path / "out" / f"{KEY}-100.{ext}")
        assert getattr(image, "n_frames", 1) == 3, ext
        assert image.is_animated
        image.close()
    still = opened(tmp_path / "out" / f"{KEY}-100.jpg")
    assert still.getpixel((10, 10))[0] > 200  # the first, red frame


def test_deep_zoom_tiles(tmp_path):
    source = tmp_path / "a.png"
    Image.new("RGB", (3000, 600), "teal").save(source)
    made = make(source, tmp_path / "out")
    assert made.zoom
    dzi = (tmp_path / "out" / f"{KEY}.dzi").read_text()
    image = ET.fromstring(dzi)
    assert image.attrib == {"Format": "jpg", "Overlap": "1", "TileSize": "254"}  # opaque: JPEG
    assert [(size.tag, size.attrib) for size in image] == [
        ("{http://schemas.microsoft.com/deepzoom/2008}Size", {"Width": "3000", "Height": "600"})
    ]
    levels = sorted(int(p.name) for p in (tmp_path / "out" / f"{KEY}_files").iterdir())
    assert levels == list(range(13))  # 2**12 >= 3000
    top = tmp_path / "out" / f"{KEY}_files" / "12"
    assert len(list(top.iterdir())) == 12 * 3
    assert opened(top / "0_0.jpg").size == (255, 255)
    assert opened(top / "1_1.jpg").size == (256, 256)
    assert opened(tmp_path / "out" / f"{KEY}_files" / "0" / "0_0.jpg").size == (1, 1)


def test_small_images_have_no_zoom(tmp_path):
    made = make(media_files.rotated_jpeg(tmp_path / "a.jpg"), tmp_path / "out")
    assert not made.zoom
    assert not (tmp_path / "out" / f"{KEY}.dzi").exists()


@pytest.mark.parametrize(
    ("make_file", "name", "message"),
    [
        (media_files.truncated_jpeg, "a.jpg", "image file is truncated"),
        (media_files.png_named_jpg, "a.jpg", "rename it to end in .png"),
    ],
)
def test_unsound_files_fail(tmp_path, make_file, name, message):
    with pytest.raises((OSError, MediaProblem), match=message):
        make(make_file(tmp_path / name), tmp_path / "out")


def test_pixel_bomb_fails_before_decoding(tmp_path):
    with pytest.raises(MediaProblem, match="over the limit"):
        make(media_files.pixel_bomb(tmp_path / "a.png"), tmp_path / "out", limits=Limits())


def test_a_phones_heic_comes_out_upright_in_srgb_without_its_metadata(tmp_path):
    from io import BytesIO

    from PIL import ImageCms

    made = make(media_files.rotated_heic(tmp_path / "photo.heic"), tmp_path / "out")
    assert (made.width, made.height, made.widths) == (300, 400, (100, 200, 300))
    p3 = ImageCms.ImageCmsProfile(BytesIO(media_files.display_p3_icc()))
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
    expected = ImageCms.profileToProfile(
        Image.new("RGB", (1, 1), (200, 100, 50)), p3, srgb, ImageCms.Intent.PERCEPTUAL
    ).getpixel((0, 0))
    assert abs(expected[0] - 200) >= 8  # so the test tells converted from copied
    for ext in ("avif", "webp", "jpg"):
        image = opened(tmp_path / "out" / f"{KEY}-300.{ext}").convert("RGB")
        assert image.size == (300, 400), f"{ext} is not upright"
        top, bottom = image.getpixel((150, 50)), image.getpixel((150, 350))
        assert all(abs(a - b) <= 6 for a, b in zip(top, expected, strict=True)), (ext, top)
        assert bottom[2] > 200 and bottom[0] < 60, f"{ext}: the bottom is not blue: {bottom}"
        exif = opened(tmp_path / "out" / f"{KEY}-300.{ext}").getexif()
        assert 0x010F not in exif and 0x8825 not in exif and 0x0112 not in exif, ext
        icc = opened(tmp_path / "out" / f"{KEY}-300.{ext}").info.get("icc_profile")
        if icc:  # tagged, if at all, as what it now is
            assert "sRGB" in ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(BytesIO(icc)))
