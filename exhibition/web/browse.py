"""Ways into the exhibition besides the tour: its tags and its timeline."""

from __future__ import annotations

from flask import Blueprint, abort, g, render_template

from .. import tags, timeline
from .current import current_exhibition
from .localised import direction
from .paging import page_of

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
    """Show the first page of the exhibits that carry a tag, as cards in tour order."""
    return tag_page(tag, 1)


@bp.get("/tags/<tag>/page/<int:number>/")
@bp.get("/<lang:lang>/tags/<tag>/page/<int:number>/")
def tag_page(tag: str, number: int):
    """Show a page of a tag's exhibits, PAGE_SIZE a page; page 1 is the tag's own address."""
    found = tags.find(current_exhibition(), tag)
    if found is None:
        abort(404)
    paging = page_of("browse.tag", "browse.tag_page", found.page_count, number, tag=found.slug)
    return render_template("tag.html", tag=found, paging=paging)


@bp.get("/timeline/")
@bp.get("/<lang:lang>/timeline/")
def timeline_page():
    """Show the first page of the timeline: its exhibits placed by year, as a picture and a list."""
    return timeline_later_page(1)


@bp.get("/timeline/page/<int:number>/")
@bp.get("/<lang:lang>/timeline/page/<int:number>/")
def timeline_later_page(number: int):
    """Show a page of the timeline, oldest first; page 1 is the timeline's own address."""
    exhibition = current_exhibition()
    count = timeline.pages(exhibition)
    paging = page_of("browse.timeline_page", "browse.timeline_later_page", count, number)
    right_to_left = direction(g.get("language") or exhibition.language) == "rtl"
    placed = timeline.place(exhibition, right_to_left, number)
    rooms = {room.slug: room for room in exhibition.rooms}
    return render_template("timeline.html", timeline=placed, rooms=rooms, paging=paging)
