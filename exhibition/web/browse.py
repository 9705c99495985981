"""Ways into the exhibition besides the tour: its tags and its timeline."""

from __future__ import annotations

from flask import Blueprint, abort, g, render_template

from .. import tags, timeline
from .current import current_exhibition
from .localised import direction

bp = Blueprint("browse", __name__)
bp.add_app_template_global(tags.slug, "tag_slug")


@bp.get("/tags/")
@bp.get("/<lang:lang>/tags/")
def every_tag():
    """List every tag with how many exhibits carry it."""
    return render_template("tags.html", tags=tags.every_tag(current_exhibition()))


@bp.get("/tags/<tag>/")
@bp.get("/<lang:lang>/tags/<tag>/")
def tag(tag: str):
    """Show the exhibits that carry a tag, as cards in tour order."""
    found = tags.find(current_exhibition(), tag)
    if found is None:
        abort(404)
    return render_template("tag.html", tag=found)


@bp.get("/timeline/")
@bp.get("/<lang:lang>/timeline/")
def timeline_page():
    """Place every exhibit by its year: a picture, and the same as a list by decade."""
    exhibition = current_exhibition()
    right_to_left = direction(g.get("language") or exhibition.language) == "rtl"
    placed = timeline.place(exhibition, right_to_left)
    rooms = {room.slug: room for room in exhibition.rooms}
    return render_template("timeline.html", timeline=placed, rooms=rooms)
