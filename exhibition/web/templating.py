"""What templates can call: the URL and image helpers, and the exhibition.

The words and formats of the page's language (dates, durations, sizes, the
plain words for codes) are given by locale.py, in every mode.
"""

from __future__ import annotations

from flask import Flask

from .. import floorplan, jsonld
from . import cards
from .current import current_exhibition, store
from .formats import iso_duration
from .images import image_sources, image_srcset, image_url, init_catalogues, shared_image, zoom_url
from .panoramas import room_view
from .placeholders import placeholder_class
from .urls import canonical_url, exhibit_url, media_url


def init_app(app: Flask) -> None:
    """Make the helpers available to every template."""
    app.jinja_env.globals.update(
        image_url=image_url,
        image_srcset=image_srcset,
        image_sources=image_sources,
        shared_image=shared_image,
        placeholder_class=placeholder_class,
        zoom_url=zoom_url,
        iso_duration=iso_duration,
        media_url=media_url,
        exhibit_url=exhibit_url,
        canonical_url=canonical_url,
        licence_url=jsonld.licence_url,
        plan_of=plan_of,
        room_view=room_view,
    )
    init_catalogues(app)
    cards.init_app(app)
    app.jinja_env.tests["zoomable"] = lambda image: bool(image and zoom_url(image))
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    @app.context_processor
    def exhibition_context():
        return {"exhibition": current_exhibition() if store().loaded else None}


def plan_of(exhibition):
    """Return the exhibition's floor plan, as floorplan.py lays it out."""
    return floorplan.layout(exhibition.rooms, exhibition.plan_columns)
