"""Render the exhibition through the app's test client, for a freeze.

The one part of the archive that works on the Flask app, given one: it plans
a freeze from the app (its settings, its sitemap, its static files) and
fetches each URL as a visitor would get it, with a stamp in the request that
makes the templates show the archive banner. Importing it loads no Flask.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .. import PROJECT_ROOT, __version__
from . import sitemap
from .edition import ArchiveError
from .freeze import Answer, Fetch, Plan
from .stamp import STAMP, Stamp, run_when

if TYPE_CHECKING:
    from flask import Flask
    from werkzeug.test import Client

# Scripts that load files of their own as they run, and where those files are.
RUNTIME = {"zoom.js": "vendor/openseadragon", "panorama.js": "vendor/pannellum"}
ANSWERS_JSON = "/answers.json"
TAGS_PAGE = re.compile(r"(/[^/]+)?/tags/")  # each language's list of tags


def plan(app: Flask, slug: str | None = None, now: dt.datetime | None = None) -> Plan:
    """Return the plan of a freeze of the app's exhibition, as it stands."""
    base = app.config["BASE_URL"]
    if not base:
        raise ArchiveError(
            "EXHIBITION_BASE_URL is not set: a frozen edition names the live exhibition "
            "it came from; set it to the public address, e.g. https://exhibition.example.org"
        )
    exhibition = app.extensions["exhibition"].exhibition
    frozen_at = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    pages = _pages(app, base)
    return Plan(
        edition=slug or exhibition.edition,
        title=exhibition.title,
        opens=exhibition.opens,
        closes=exhibition.closes,
        base_url=base,
        pages=tuple(pages),
        frozen_at=frozen_at,
        organisation=exhibition.organiser or urlsplit(base).netloc,
        software=f"exhibition {__version__}",
        commit=commit(),
        runtime=_runtime(Path(app.static_folder)),
    )


def client(app: Flask) -> Client:
    """Return a client of the whole app, as visitors reach it.

    A frozen page never comes from, nor goes into, a cache of live pages: the
    page cache lets every request that carries STAMP through to Flask.
    """
    from werkzeug.test import Client

    return Client(app, app.response_class)


def _pages(app: Flask, base: str) -> list[str]:
    """Return every page the sitemap lists, the lobby first, and the answers' results."""
    response = client(app).get(sitemap.PATH, base_url=base)
    paths = sitemap.paths(response.get_data()) if response.status_code == 200 else []
    response.close()
    # Each language's search page, which searches the edition's own index (searchindex.py).
    # The sitemap lists the browse page and each facet value's page, never a combination.
    searches = [f"{m[1] or ''}/search/" for m in map(TAGS_PAGE.fullmatch, paths) if m]
    # Each question's final results, machine-readable, covered by the bag's manifest.
    return ["/"] + [path for path in paths if path != "/"] + searches + [ANSWERS_JSON]


def _runtime(static: Path) -> dict[str, tuple[str, ...]]:
    """Return, for each script that loads files as it runs, those files beside it."""
    found = {}
    for script, folder in RUNTIME.items():
        files = sorted(p for p in (static / folder).rglob("*") if p.is_file())
        found[script] = tuple(p.relative_to(static).as_posix() for p in files)
    return found


def commit() -> str:
    """Return the app's git commit, marked -dirty if the tree has changes; else unknown."""
    try:
        done = subprocess.run(
            ["git", "describe", "--always", "--dirty", "--abbrev=40", "--exclude=*"],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else "unknown"


def fetcher(app: Flask, plan: Plan) -> Fetch:
    """Return a function that gets one URL of the app as the frozen edition shows it."""
    renderer = client(app)
    stamp = Stamp(
        edition=plan.edition,
        frozen_at=plan.frozen_at,
        live_url=f"{plan.base_url}/",
        editions_url=f"{plan.base_url}/archive/",
        run=run_when(plan.frozen_at.date(), plan.opens, plan.closes),
    )

    def fetch(path: str) -> Answer:
        response = renderer.get(path, base_url=plan.base_url, environ_overrides={STAMP: stamp})
        try:
            return Answer(response.status_code, response.mimetype or "", response.get_data())
        finally:
            response.close()

    return fetch
