"""Accessibility in Chromium: axe's WCAG A and AA rules, 320 px, 200 % zoom, reduced motion."""

from __future__ import annotations

import pytest

from tests.support.live import (
    MISSING_PAGES,
    NODE_MODULES,
    expected_status,
    press_to_leave,
    require,
    tab_to,
    visit,
)

pytestmark = pytest.mark.browser

AXE = NODE_MODULES / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
PAGES = [
    *("lobby", "room", "image-exhibit", "audio-exhibit", "video-exhibit", "about"),
    *("privacy", "answers", "tags", "tag", "timeline", "not-found"),
    *("search", "browse", "facet"),
]
LANGUAGES = ["en", "fr", "ar"]  # the demo's: the primary at /, the others under /fr/ and /ar/

# The elements wider than the screen, for the message when a page scrolls sideways.
WIDER_THAN_SCREEN = """() => [...document.querySelectorAll("body *")]
  .filter((element) => element.getBoundingClientRect().right > innerWidth + 0.5)
  .slice(0, 10)
  .map((element) => element.outerHTML.slice(0, 120))"""


def describe(violations: list[dict]) -> str:
    """Return axe's violations as lines a person can act on."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"  at {' '.join(map(str, node['target']))}: {node['html'][:160]}")
            lines += [f"    {line}" for line in node["failureSummary"].splitlines()]
    return "\n".join(lines)


def in_language(path: str, language: str) -> str:
    """Return the address of a sample page in a language; a missing page one level down."""
    if language == LANGUAGES[0]:
        return path
    return f"/{language}{MISSING_PAGES[1] if path in MISSING_PAGES else path}"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_wcag_a_or_aa_violation(open_page, live_server, sample_pages, name, language):
    # axe-core goes in as an inline script, which the site's policy refuses: let it in.
    page = open_page(bypass_csp=True)
    axe = require(AXE, "install the checkers with `npm ci` (`make test` does)")
    path = in_language(sample_pages[name], language)
    visit(page, live_server + path, expected_status(name))
    assert page.evaluate("document.documentElement.lang") == language
    page.add_script_tag(path=str(axe))
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    assert results["passes"], "axe checked nothing"
    violations = results["violations"]
    assert not violations, f"axe on {path}:\n{describe(violations)}"
    page.watch.assert_clean()


@pytest.mark.parametrize("name", PAGES)
def test_no_sideways_scrolling_at_320_px(open_page, live_server, sample_pages, name):
    page = open_page(width=320, height=640)
    visit(page, live_server + sample_pages[name], expected_status(name))
    width = page.evaluate("() => document.documentElement.scrollWidth")
    if width > 320:
        wide = "\n".join(page.evaluate(WIDER_THAN_SCREEN))
        pytest.fail(f"{sample_pages[name]} is {width} px wide on a 320 px screen:\n{wide}")
    page.watch.assert_clean()


@pytest.mark.parametrize("name", PAGES)
def test_usable_at_200_percent_zoom(open_page, live_server, sample_pages, name):
    # A 1280 x 800 window at 200 %: 640 x 400 CSS pixels, each two device pixels wide.
    page = open_page(width=640, height=400, device_scale_factor=2)
    visit(page, live_server + sample_pages[name], expected_status(name))
    width = page.evaluate("() => document.documentElement.scrollWidth")
    if width > 640:
        wide = "\n".join(page.evaluate(WIDER_THAN_SCREEN))
        pytest.fail(f"{sample_pages[name]} is {width} px wide at 200 % zoom:\n{wide}")
    assert page.get_by_role("navigation").first.is_visible()
    assert page.locator("h1").is_visible()
    page.watch.assert_clean()


@pytest.mark.parametrize("name", PAGES)
def test_every_image_keeps_its_place_while_it_loads(page, live_server, sample_pages, name):
    visit(page, live_server + sample_pages[name], expected_status(name))
    unsized = page.evaluate(
        "() => [...document.images].filter((i) => !i.getAttribute('width') "
        "|| !i.getAttribute('height')).map((i) => i.outerHTML.slice(0, 120))"
    )
    assert not unsized, f"images without width and height on {sample_pages[name]}: {unsized}"
    if name in ("lobby", "room", "image-exhibit"):
        assert page.evaluate("() => document.images.length"), "no image was checked"
    page.watch.assert_clean()


def test_tour_works_and_keeps_still_with_reduced_motion(open_page, live_server):
    page = open_page(reduced_motion="reduce")
    visit(page, live_server + "/")
    assert page.evaluate("() => matchMedia('(prefers-reduced-motion: reduce)').matches")
    scrolling = page.evaluate("() => getComputedStyle(document.documentElement).scrollBehavior")
    assert scrolling != "smooth"
    tab_to(page, "Start the tour")
    press_to_leave(page, "Enter")
    first = page.url
    page.locator("a[rel~=next]").last.hover()
    assert page.evaluate("() => document.getAnimations().length") == 0, "something moves"
    press_to_leave(page, "ArrowRight")
    press_to_leave(page, "ArrowLeft")
    assert page.url == first
    page.watch.assert_clean()
