"""The curator's view, in preview only: every problem, each page's own, and live reloading.

Nothing here is registered outside preview, so no public page or frozen
edition carries the problems panel or static/preview.js.
"""

from __future__ import annotations

from itertools import groupby
from operator import attrgetter

from flask import Blueprint, Response, current_app, render_template, url_for

from .. import answers as stored_answers
from ..answers import AnswersUnavailable
from ..answers.results import results_of
from .current import store

by_path = attrgetter("path")

bp = Blueprint("curator", __name__, url_prefix="/_curator")


@bp.get("/")
def problems():
    """List every problem in the content, grouped by file."""
    content = store()
    exhibits = {}
    if content.loaded:
        exhibits = {f"{e.folder}/exhibit.md": e for e in content.exhibition.tour}
    groups = [
        (path, exhibits.get(path), list(items))
        for path, items in groupby(sorted(content.problems, key=by_path), key=by_path)
    ]
    return render_template("curator.html", groups=groups, version=content.version)


@bp.get("/answers/")
def answers():
    """Show every question's results with their bars, in total and day by day."""
    answer_store = current_app.extensions.get("curator_answers")
    if answer_store is None:
        answer_store = stored_answers.AnswerStore.from_settings(current_app.config)
        current_app.extensions["curator_answers"] = answer_store
        answer_store.migrate()
    try:
        results = results_of(store().exhibition, answer_store.tallies())
        days = {r["question"]: answer_store.daily(r["question"]) for r in results}
    except AnswersUnavailable as error:
        return render_template("curator_answers.html", results=[], days={}, down=str(error)), 503
    response = Response(render_template("curator_answers.html", results=results, days=days))
    response.cache_control.no_store = True
    return response


@bp.get("/version")
def version():
    """Answer the fingerprint of the content as now on disk, reloading it first if it changed.

    static/preview.js asks a few times a second and reloads its page when
    the answer differs from the one the page was made with. Every worker
    answers the same for the same files.
    """
    content = store()
    content.reload_if_changed()
    response = Response(content.fingerprint, mimetype="text/plain")
    response.cache_control.no_store = True
    return response


def problems_in(folder: str) -> list:
    """Return the problems of the files in a folder of the content, for its page's panel."""
    prefix = folder.rstrip("/") + "/"
    return sorted((p for p in store().problems if p.path.startswith(prefix)), key=by_path)


@bp.app_context_processor
def preview_context() -> dict:
    """Give every page, in preview only, what the reloading script and problem panels need."""
    return {
        "preview": {"version": store().fingerprint, "url": url_for("curator.version")},
        "problems_in": problems_in,
    }
