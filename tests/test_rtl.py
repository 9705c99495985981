"""Right to left: style sheets in logical properties, and an Arabic exhibition in Chromium."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from exhibition import create_app
from tests.support import ROOT
from tests.support.live import press_to_leave, screenshot, visit
from tests.support.servers import gunicorn
from tests.support.world import EXHIBIT_MD, World

STATIC = ROOT / "static"
ARABIC_FONT = "noto-naskh-arabic-regular"

# Declarations that name a side: one style sheet must serve both directions, so each says
# start or end. None is physical today; one that must be goes here, with its reason, as
# ("file", "selector", "property"): "why the side is meant whichever way the page reads".
PHYSICAL_ALLOWED: dict[tuple[str, str, str], str] = {}
SIDE_PROPERTY = re.compile(r"(^|-)(left|right)(-|$)")
SIDE_VALUE = re.compile(r"\b(left|right)\b")
# Shorthands whose four values go top, right, bottom, left (border-radius: from top-left).
FOUR_SIDES = re.compile(
    r"^(margin|padding|inset|scroll-margin|scroll-padding|border-(width|style|color|radius))$"
)
RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")


def words(value: str) -> list[str]:
    """Return the values of a declaration, a function such as clamp(…) as one."""
    return re.findall(r"(?:[^\s(]|\([^()]*(?:\([^()]*\)[^()]*)*\))+", value)


def physical_declarations(css: str) -> list[tuple[str, str, str]]:
    """Return (selector, property, value) of each declaration that names left or right."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found = []
    for selector, body in RULE.findall(css):
        for declaration in body.split(";"):
            name, _, value = (part.strip() for part in declaration.partition(":"))
            values = words(value.replace("!important", ""))
            uneven = FOUR_SIDES.match(name) and len(values) == 4 and values[1] != values[3]
            if SIDE_PROPERTY.search(name) or SIDE_VALUE.search(value) or uneven:
                found.append((" ".join(selector.split()), name, value))
    return found


@pytest.mark.parametrize(
    ("css", "physical"),
    [
        (".a { margin-left: 1rem }", True),
        (".a { padding-right: 0 }", True),
        (".a { border-left: 1px solid }", True),
        (".a { border-top-right-radius: 2px }", True),
        (".a { position: absolute; left: 0 }", True),
        (".a { text-align: right }", True),
        (".a { float: left }", True),
        (".a { padding: .6rem .9rem .6rem 0 }", True),
        (".a { margin-inline-start: 1rem; padding-inline: 0 1rem }", False),
        (".a { inset-inline-end: 0; text-align: end }", False),
        (".a { padding: 1rem 2rem 1rem 2rem; margin: 0 auto }", False),
        (".a { padding: .75rem clamp(1rem, 4vw, 3rem) }", False),
        (".a { padding: 0 calc(1rem + 2px) 0 calc(1rem + 3px) }", True),
        ("/* left and right in a comment */ .a { border-inline-start: 1px solid }", False),
    ],
)
def test_physical_declarations_are_found(css, physical):
    assert bool(physical_declarations(css)) is physical


@pytest.mark.parametrize("sheet", sorted(path.name for path in STATIC.glob("*.css")))
def test_style_sheets_name_no_side(sheet):
    found = [
        declaration
        for declaration in physical_declarations((STATIC / sheet).read_text(encoding="utf-8"))
        if (sheet, *declaration[:2]) not in PHYSICAL_ALLOWED
    ]
    assert not found, f"{sheet} names a side; say start or end (margin-inline-start, …):\n" + (
        "\n".join(f"  {selector} {{ {name}: {value} }}" for selector, name, value in found)
    )


# An exhibition in Arabic: the words the tests read are the content's, in Arabic, with a
# creator's name and one title in Latin letters inside them.
EXHIBITION_YAML = """\
title: آلات تصنع
subtitle: معرض صغير للاختبار
edition: test-1
opens: 2020-09-21
closes: 2021-03-18
organiser: Test Museum
licence: CC-BY-4.0
language: ar
description: معرض *صغير* للاختبارات.
"""
ROOM_MD = "---\ntitle: {title}\nsummary: قاعة {title}.\n---\nمقدمة إلى قاعة {title}.\n"
LABEL = " ".join(["يقول هذا النص ما يكفي عن العمل ليرضي كل أمين متحف."] * 5)
TITLES = {"01-first": "الأول", "02-belamy": "Edmond de Belamy", "03-third": "الثالث"}


def arabic_exhibit(title: str) -> str:
    """Return an exhibit.md in Arabic whose creator is Ada Example."""
    text = EXHIBIT_MD.format(title=title, label=LABEL)
    text = text.replace(
        "A red square on a white ground, drawn for tests", "مربع أحمر على أرض بيضاء"
    )
    text = text.replace("Made for the tests", "صنع للاختبارات")
    return text.replace("Who is the author?", "من هو المؤلف؟")


@pytest.fixture(scope="module")
def arabic_site(tmp_path_factory) -> Iterator[str]:
    """Serve a small built exhibition in Arabic with gunicorn; yield its base URL."""
    folder = tmp_path_factory.mktemp("arabic")
    world = World(folder / "content")
    world.write("exhibition.yaml", EXHIBITION_YAML)
    world.write("rooms/01-art/room.md", ROOM_MD.format(title="الفن"))
    world.write("rooms/02-music/room.md", ROOM_MD.format(title="الموسيقى"))
    for slug, title in TITLES.items():
        world.exhibit("01-art", slug, text=arabic_exhibit(title))
    world.exhibit("02-music", "01-fourth", text=arabic_exhibit("الرابع"))
    settings = {"CONTENT_DIR": str(world.root), "CACHE_DIR": str(folder / "cache")}
    settings["IMAGE_WIDTHS"] = "320,640"
    result = create_app(settings).test_cli_runner().invoke(args=["build", "--strict"])
    assert result.exit_code == 0, result.output
    with gunicorn(folder, settings) as server:
        yield server.base


def right_to_left(page, direction: str = "rtl") -> None:
    """Serve the page's documents with this dir on <html>, whatever the page's own says."""

    def add_dir(route) -> None:
        if route.request.resource_type != "document":
            route.continue_()
            return
        response = route.fetch()
        html = re.sub(r'(<html[^>]*?) dir="\w+"', r"\1", response.text(), count=1)
        html = html.replace("<html", f'<html dir="{direction}"', 1)
        route.fulfill(response=response, body=html)

    page.route("**/*", add_dir)


def fonts_fetched(page) -> list[str]:
    """Start recording the fonts the page fetches; return the list that fills."""
    fetched: list[str] = []
    page.on(
        "request", lambda request: fetched.append(request.url) if ".woff2" in request.url else None
    )
    return fetched


BOX = "element => { const r = element.getBoundingClientRect(); return [r.left, r.right]; }"
# The horizontal extent of an element's text itself, not of its box.
TEXT_BOX = """element => { const range = document.createRange(); range.selectNodeContents(element);
  const r = range.getBoundingClientRect(); return [r.left, r.right]; }"""


def box(page, selector: str, script: str = BOX) -> list[float]:
    """Return the left and right edges of the first element matching selector."""
    return page.locator(selector).first.evaluate(script)


MIRRORED = {
    "previous": ".tour-prev",
    "next": ".tour-next",
    "site title": ".site-title",
    "skip link": ".skip-link",
}


def edges(page) -> dict[str, list[float]]:
    """Return the left and right edges of the tour's links, the site title and the heading."""
    found = {name: box(page, selector) for name, selector in MIRRORED.items()}
    found["heading"] = box(page, "h1", TEXT_BOX)
    found["header"] = box(page, ".exhibit-header")
    return found


@pytest.mark.browser
def test_an_arabic_exhibit_reads_from_the_right(open_page, arabic_site):
    seen = {}
    for direction in ("ltr", "rtl"):
        page = open_page(width=1280)
        right_to_left(page, direction)
        visit(page, arabic_site + "/rooms/art/belamy/")
        page.evaluate("document.fonts.ready.then(() => true)")
        seen[direction] = edges(page)
        page.watch.assert_clean()
    ltr, rtl = seen["ltr"], seen["rtl"]
    assert rtl["heading"][1] == pytest.approx(rtl["header"][1], abs=1), "the heading is not right"
    assert rtl["heading"][0] > rtl["header"][0] + 100, "the heading does not start at the right"
    assert rtl["previous"][0] > rtl["next"][1], "the previous exhibit is not on the right"
    width = page.evaluate("document.documentElement.clientWidth")
    for name in MIRRORED:
        left, right = ltr[name]
        assert rtl[name] == pytest.approx([width - right, width - left], abs=1), (
            f"{name} not mirrored"
        )


@pytest.mark.browser
def test_the_arrow_keys_follow_the_tour_in_reading_order(page, arabic_site):
    right_to_left(page)
    middle = arabic_site + "/rooms/art/belamy/"
    visit(page, middle)
    assert page.locator(".tour-prev").get_attribute("aria-keyshortcuts") == "ArrowRight"
    assert page.locator(".tour-next").get_attribute("aria-keyshortcuts") == "ArrowLeft"
    press_to_leave(page, "ArrowRight")
    assert page.url.endswith("/rooms/art/first/"), f"→ did not go back: {page.url}"
    visit(page, middle)
    press_to_leave(page, "ArrowLeft")
    assert page.url.endswith("/rooms/art/third/"), f"← did not go forward: {page.url}"
    page.watch.assert_clean()


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 360])
def test_arabic_pages_fit_the_screen_in_their_font(open_page, arabic_site, width):
    page = open_page(width=width)
    right_to_left(page)
    fetched = fonts_fetched(page)
    for name, path in (("lobby", "/"), ("room", "/rooms/art/"), ("exhibit", "/rooms/art/belamy/")):
        visit(page, arabic_site + path)
        shot = screenshot(page, f"rtl-{name}-{width}")  # also waits for the fonts
        assert shot.exists()
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, f"{path} is {scroll} px wide on a {width} px screen"
        family = page.locator("h1").evaluate("h1 => getComputedStyle(h1).fontFamily")
        assert family.startswith('"Noto Naskh Arabic"'), family
        assert page.evaluate("document.fonts.check('16px \"Noto Naskh Arabic\"', 'قاعة')")
    assert any(ARABIC_FONT in url for url in fetched), f"the Arabic font was not fetched: {fetched}"
    page.watch.assert_clean()


@pytest.mark.browser
def test_an_english_page_does_not_fetch_the_arabic_font(page, live_server, sample_pages):
    fetched = fonts_fetched(page)
    for name in ("lobby", "image-exhibit"):
        visit(page, live_server + sample_pages[name])
        page.evaluate("document.fonts.ready.then(() => true)")
        family = page.locator("h1").evaluate("h1 => getComputedStyle(h1).fontFamily")
        assert "Noto Naskh Arabic" not in family
    assert fetched, "no font was fetched at all"
    assert not [url for url in fetched if ARABIC_FONT in url]
    faces = page.evaluate("[...document.fonts].map(face => [face.family, face.status])")
    assert ['"Noto Naskh Arabic"', "unloaded"] in faces or [
        "Noto Naskh Arabic",
        "unloaded",
    ] in faces


def test_the_font_is_vendored_with_its_licence():
    fonts = STATIC / "fonts"
    assert (fonts / f"{ARABIC_FONT}.woff2").read_bytes()[:4] == b"wOF2"
    assert "SIL Open Font License" in (fonts / "OFL-noto-naskh-arabic.txt").read_text()
    assert f"{ARABIC_FONT}.woff2" in (fonts / "README.md").read_text()
    assert Path(fonts / f"{ARABIC_FONT}.woff2").stat().st_size < 30_000


def test_only_a_page_in_arabic_preloads_the_arabic_font(demo_app):
    # Fetched late, Naskh's taller lines would move the page as the font arrived.
    client = demo_app.test_client()

    def preloaded(path: str) -> list[str]:
        return re.findall(
            r'<link rel="preload" href="/static/fonts/([a-z-]+)\.', client.get(path).text
        )

    assert preloaded("/ar/rooms/art/aaron/") == ["eb-garamond-regular", "noto-naskh-arabic-regular"]
    assert preloaded("/ar/") == ["eb-garamond-regular", "noto-naskh-arabic-regular"]
    assert preloaded("/fr/rooms/art/aaron/") == ["eb-garamond-regular"]
    assert preloaded("/") == ["eb-garamond-regular"]
