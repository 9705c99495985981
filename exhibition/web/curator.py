"""The curator's view, in preview only: every problem, with links to the exhibits."""

from __future__ import annotations

from itertools import groupby
from operator import attrgetter

from flask import Blueprint, render_template

from .helpers import store

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
