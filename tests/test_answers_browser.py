"""Chromium answers an exhibit's question: with the keyboard, with JavaScript off, and in place."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support.live import screenshot, visit

pytestmark = pytest.mark.browser
SHOTS = Path("/work/briefs/shots")


def exhibit_url(live_server, site_paths, number: int) -> str:
    exhibits = [p for p in site_paths if p.startswith("/rooms/") and p.count("/") == 4]
    return live_server + exhibits[number]


def keep(page, name: str) -> None:
    """Take a screenshot, and copy it where people look at them if that folder exists."""
    taken = screenshot(page, name)
    if SHOTS.is_dir():
        shutil.copy(taken, SHOTS / taken.name)


def answer_with_the_keyboard(page) -> None:
    """Tab to the question's first answer, choose the second with an arrow, send with Enter."""
    page.locator(".answer-form input[type=radio]").first.focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")


def test_without_javascript_an_answer_opens_the_results_with_it_marked(
    open_page, live_server, site_paths
):
    page = open_page(java_script_enabled=False)
    visit(page, exhibit_url(live_server, site_paths, 0))
    keep(page, "answers-question")
    with page.expect_navigation():
        answer_with_the_keyboard(page)
    assert page.url.endswith("/answers/")
    own = page.locator(".answer-own")
    assert own.count() == 1 and "(your answer)" in own.inner_text()
    assert "in all." in page.locator(".answer-total").inner_text()
    keep(page, "answers-results")
    page.watch.assert_clean()


def test_with_javascript_the_results_replace_the_form_in_place(page, live_server, site_paths):
    url = exhibit_url(live_server, site_paths, 1)
    visit(page, url)
    answer_with_the_keyboard(page)
    page.locator(".ip-question .answer-results").wait_for()
    assert page.url == url and page.locator(".ip-question form").count() == 0
    assert page.locator(".ip-question .answer-own").count() == 1
    keep(page, "answers-in-place")
    page.watch.assert_clean()
