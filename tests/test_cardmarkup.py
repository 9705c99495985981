"""A card drawn in Python is the exhibit_card macro's, byte for byte, in every case it draws."""

import pytest
from flask import g, request

from exhibition import create_app
from exhibition.web import cardmarkup
from exhibition.web.current import current_exhibition
from tests.support import media_files
from tests.support.world import LABEL, in_three_languages, make_world, write_image

WIDTHS = "320,1280,1600"  # the <img> falls back to 1280, the first at least 960, not the last

EXHIBIT = """\
---
title: {title}
year: {year}
draft: {draft}
creators:
  - name: "Ada <Example> & Co"
    role: artist
  - name: O'Brien
    role: artist
ai:
  system: GAN
  role: tool
  source_type: trainedAlgorithmicMedia
media:
{media}rights:
  licence: CC-BY-4.0
ip_question: Who is the author?
---
{label}
"""

IMAGE = "  - file: {file}\n    alt: {alt}\n    credit: Made for the tests\n"
FILM = (
    "  - file: film.webm\n    credit: Film\n    captions: film.vtt\n    poster: work.png\n"
    "    alt: A poster, drawn for tests\n"
)
SOUND = "  - file: sound.wav\n    credit: Sound\n    transcript: transcript.md\n"


def add(world, folder: str, media: str, title: str, year="2018", draft="false"):
    """Write an exhibit of the given media into the world; return its folder."""
    text = EXHIBIT.format(title=title, year=year, draft=draft, media=media, label=LABEL)
    return world.write(f"rooms/{folder}/exhibit.md", text).parent


def varied_world(root):
    """Write the test world in three languages, with every kind of card the macro draws.

    An animation, a TIFF browsers cannot show, a film with its poster, a
    recording shown by its waveform, and a draft dated to the day whose texts
    need escaping.
    """
    world = in_three_languages(make_world(root))
    image = IMAGE.format(file="work.gif", alt="A flicker of colours, drawn for tests")
    media_files.animated_gif(add(world, "01-art/03-moving", image, "Moving") / "work.gif")
    image = IMAGE.format(file="work.tif", alt="A teal scan, drawn for tests")
    write_image(add(world, "01-art/04-scan", image, "Scan") / "work.tif", fmt="TIFF")
    (add(world, "02-music/02-film", FILM, "Film") / "film.webm").write_bytes(b"\x1aE\xdf\xa3")
    write_image(root / "rooms/02-music/02-film/work.png", color="gold")
    world.write("rooms/02-music/02-film/film.vtt", "WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n")
    media_files.quiet_then_loud_wav(add(world, "02-music/03-sound", SOUND, "Sound") / "sound.wav")
    world.write("rooms/02-music/03-sound/transcript.md", "A tone, soft then loud.\n")
    image = IMAGE.format(file="work.png", alt="'A \"red\" & <white> square, drawn for tests'")
    title = "'Fish & <chips> \"to go\", isn''t it'"
    folder = add(world, "02-music/04-sketch", image, title, year="2019-05-04", draft="true")
    write_image(folder / "work.png", color="plum")
    return world


@pytest.fixture(scope="module")
def settings(tmp_path_factory) -> dict[str, dict]:
    """Return the varied world's settings before its images are built, and after."""
    root = tmp_path_factory.mktemp("varied")
    varied_world(root / "content")
    common = {"TESTING": True, "CONTENT_DIR": str(root / "content"), "IMAGE_WIDTHS": WIDTHS}
    common["ARCHIVE_DIR"] = str(root / "archive")
    built = {**common, "CACHE_DIR": str(root / "built")}
    result = create_app(built).test_cli_runner().invoke(args=["build", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    return {"originals": {**common, "CACHE_DIR": str(root / "unbuilt")}, "built": built}


def both_ways(app, address: str) -> list[tuple[str, str]]:
    """Return every exhibit's card, numbered and not, as the macro draws it and as Python does.

    Drawn in the language of `address`, under the mount point it starts with.
    """
    root, _, path = address.partition("|")
    with app.test_request_context("/" + path, base_url=root):
        app.preprocess_request()
        macros = app.jinja_env.get_template("macros.html").make_module({"g": g, "request": request})
        links = cardmarkup.Links()
        exhibits = [e for room in current_exhibition().rooms for e in room.exhibits]
        return [
            (str(macros.exhibit_card(e, number=n)), str(cardmarkup.card(e, n, links)))
            for e in exhibits
            for n in (None, 12)
        ]


ADDRESSES = [
    f"http://localhost{mount}/|{language}"
    for mount in ("", "/museum")
    for language in ("", "fr/", "ar/")
]


@pytest.mark.parametrize("build", ["originals", "built"])
@pytest.mark.parametrize("preview", [False, True], ids=["site", "preview"])
@pytest.mark.parametrize("address", ADDRESSES)
def test_a_card_drawn_in_python_is_the_macro_s(settings, build, preview, address):
    cards = both_ways(create_app({**settings[build], "PREVIEW": preview}), address)
    assert len(cards) == 2 * (8 if preview else 7)  # the draft in preview only
    for macro, python in cards:
        assert python == macro


SEEN = {
    "originals": [
        'src="/museum/media/rooms/01-art/01-first/work.png?v=',  # before the build, the original
        "image-pending",  # a TIFF and a recording's waveform, which browsers cannot show
    ],
    "built": [
        '<source media="(prefers-reduced-motion: reduce)" type="image/jpeg"',  # an animation
        '-1280.jpg" srcset="/museum/derivatives/',
        'alt="Waveform of the recording',
        'alt="A poster, drawn for tests"',
    ],
}


@pytest.mark.parametrize("build", ["originals", "built"])
def test_the_cards_compared_show_every_case(settings, build):
    app = create_app({**settings[build], "PREVIEW": True})
    html = "".join(macro for macro, _ in both_ways(app, "http://localhost/museum/|ar/"))
    for seen in SEEN[build] + [
        'href="/museum/ar/rooms/art/first/" dir="auto">الأول</a>',  # translated
        'dir="auto" lang="en">Second</a>',  # untranslated: in the primary language
        "Fish &amp; &lt;chips&gt; &#34;to go&#34;, isn&#39;t it",
        "<bdi>Ada &lt;Example&gt; &amp; Co</bdi>, <bdi>O&#39;Brien</bdi>",
        '<p class="card-number" aria-hidden="true">12</p>',
        '<p class="badge">',  # a draft, in preview
    ]:
        assert seen in html, seen
