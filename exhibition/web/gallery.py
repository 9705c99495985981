"""The galleries: the lobby, the rooms and the exhibits on the guided tour."""

from __future__ import annotations

from flask import Blueprint, abort, render_template
from markupsafe import Markup

from .. import jsonld
from . import localised
from .current import current_exhibition
from .images import shared_image
from .paging import page_of
from .urls import absolute_url

bp = Blueprint("gallery", __name__)


def _original_url(image) -> str:
    """Return the absolute URL of an image for its JSON-LD: the versioned original's.

    A file browsers cannot show (a HEIC, a sound's waveform) gives its large
    JPEG instead, or "" before the build has made one.
    """
    if not image.shown_as_is:
        return shared_image(image)[0]
    return absolute_url("files.media", path=image.path, v=image.version)


@bp.get("/")
@bp.get("/<lang:lang>/")
def lobby():
    """Show the lobby: the exhibition, its dates and a card per room."""
    exhibition = current_exhibition()
    data = jsonld.exhibition_event(exhibition, absolute_url)
    return render_template("lobby.html", jsonld=Markup(jsonld.dumps(data)))


@bp.get("/rooms/<room>/")
@bp.get("/<lang:lang>/rooms/<room>/")
def room(room: str):
    """Show a room: its introduction and the first page of its exhibits in order."""
    return room_page(room, 1)


@bp.get("/rooms/<room>/page/<int:number>/")
@bp.get("/<lang:lang>/rooms/<room>/page/<int:number>/")
def room_page(room: str, number: int):
    """Show a page of a room's exhibits; page 1 is the room's own address."""
    found = current_exhibition().room(room)
    if found is None:
        abort(404)
    paging = page_of("gallery.room", "gallery.room_page", found.page_count, number, room=room)
    return render_template("room.html", room=found, page=number, paging=paging)


@bp.get("/rooms/<room>/<exhibit>/")
@bp.get("/<lang:lang>/rooms/<room>/<exhibit>/")
def exhibit(room: str, exhibit: str):
    """Show an exhibit: its media, label, IP question and place on the tour."""
    exhibition = current_exhibition()
    found_room = exhibition.room(room)
    found = found_room.exhibit(exhibit) if found_room else None
    if found is None:
        abort(404)
    versions = [(each["tag"], each["url"]) for each in localised.alternates()]
    data = jsonld.work(found, absolute_url, _original_url, versions, localised.primary())
    return render_template(
        "exhibit.html",
        room=found_room,
        exhibit=found,
        stop=exhibition.stop(found),
        jsonld=Markup(jsonld.dumps(data)),
    )
