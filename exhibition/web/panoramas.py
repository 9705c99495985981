"""Each room's 360° view for its page: the picture's URL and a hotspot per work, with its link."""

from __future__ import annotations

import re

from flask import current_app, url_for

from .. import model
from ..media import roompanoramas
from .images import derivatives_folder
from .urls import exhibit_url

NAME = re.compile(r"[0-9a-f]{20}-\d+\.(avif|webp|jpg)")


def room_view(room: model.Room, page: int = 1) -> dict | None:
    """Return what the viewer needs on a page of a room, or None if the build has not drawn it.

    Every work is hung, but each page of a large room points the view only to
    its own works, the ones it lists: a page's size stays that of its cards.
    """
    view = listed().get(room.slug)
    if view is None:
        return None
    width = max(view.widths)
    name = f"{view.key}-{width}.jpg"
    shown = {exhibit.slug for exhibit in room.page(page)}
    return {"url": url_for("files.panorama", name=name), "hotspots": works(room, view, shown)}


def works(room: model.Room, view: roompanoramas.RoomView, shown: set[str]) -> list[dict]:
    """Return the published works shown, in tour order, each with its hotspot if it has one.

    A drawn room hangs them all; a curator's own picture may show only some.
    """
    spots = {spot["exhibit"]: spot for spot in view.hotspots}
    published = [e for e in room.exhibits if not e.draft]
    found = []
    for number, exhibit in enumerate(published, start=1):
        if exhibit.slug in shown:
            spot = spots.get(exhibit.slug, {"exhibit": exhibit.slug, "number": number})
            found.append(dict(spot, title=exhibit.title, url=exhibit_url(exhibit)))
    return found


def panorama_file(name: str):
    """Return the file of a room's panorama the last build listed, or None."""
    if not NAME.fullmatch(name):
        return None
    if any(name in view.files() for view in listed().values()):
        return roompanoramas.folder(derivatives_folder()) / name
    return None


def listed() -> dict[str, roompanoramas.RoomView]:
    """Return the rooms' panoramas the last build listed, read again only when it lists anew."""
    return current_app.extensions["panoramas"].current()
