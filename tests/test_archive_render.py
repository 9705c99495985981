"""Rendering the pages of a frozen edition: the banner each one carries."""

import datetime as dt
import re

import pytest

from exhibition.archive import render
from tests.support.archives import archive_app


@pytest.mark.parametrize(
    ("frozen", "says"),
    [
        ("2020-09-20", "as it stood before it opened. It was to run from 21 September 2020 to"),
        ("2020-09-21", "as visitors saw it while it ran. It opened on 21 September 2020 and"),
        ("2021-03-18", "It opened on 21 September 2020 and was to close on 18 March 2021;"),
        ("2021-03-19", "as visitors saw it. It ran from 21 September 2020 to 18 March 2021;"),
    ],
)
def test_the_banner_says_where_the_run_stood_when_frozen(world, tmp_path, frozen, says):
    app = archive_app(world, tmp_path)
    now = dt.datetime.fromisoformat(f"{frozen}T09:30:00+00:00")
    page = render.fetcher(app, render.plan(app, now=now))("/")
    text = " ".join(re.sub(r"<[^>]+>", "", page.body.decode()).split())
    assert says in text
    day = f"{now.day} {now:%B %Y}"
    assert f"this copy was frozen on {day} at 09:30 UTC and has not changed since." in text
    assert ("It ran from" in text) == (frozen == "2021-03-19")


def test_an_edition_preloads_no_font(world, tmp_path):
    app = archive_app(world, tmp_path)
    preload = b'<link rel="preload" href="/static/fonts/'
    assert preload in app.test_client().get("/").data
    page = render.fetcher(app, render.plan(app))("/")
    assert b'rel="preload"' not in page.body
