"""An exhibit's card drawn in Python, byte for byte as the exhibit_card macro draws it.

A room or tag page draws up to 48 cards each time it is rendered. Through the
macro each card cost a Jinja module of its own, some eight `url_for` calls
for its links and <picture>, and a few dozen lookups: about 0.3 ms, 12 ms a
page. Here the routes' prefixes are worked out once for the page, and each
URL is put together from them and the image build's catalogue entry. Tag
pages draw their cards here too. The macro stays the reference:
tests/test_cardmarkup.py compares the two, so change both together.
"""

from __future__ import annotations

from urllib.parse import quote

from flask import url_for
from flask_babel import gettext
from markupsafe import Markup, escape

from .. import model
from ..media import copies
from .assets import asset_url
from .formats import year_in_words
from .images import derivatives_of, image_srcset, image_url
from .localised import original
from .placeholders import placeholder_class

SIZES = "(min-width: 76rem) 23rem, (min-width: 60rem) 30vw, (min-width: 36rem) 45vw, 100vw"
SAFE = "!$&'()*+,/:;=@"  # what a route leaves as it is in a path segment, as werkzeug quotes
LARGE = 960  # the width of the copy an <img> shows where srcset is not read
MODERN = ("avif", "webp")  # offered before the JPEG, best first


class Links:
    """The addresses a page's cards link to, in its language under its mount point."""

    def __init__(self):
        self.derivatives = url_for("files.derivative", name="")
        self.rooms: dict[str, str] = {}

    def exhibit(self, exhibit: model.Exhibit) -> str:
        """Return the URL of an exhibit's page: its room's, then its own slug."""
        room = self.rooms.get(exhibit.room_slug)
        if room is None:
            room = url_for("gallery.room", room=exhibit.room_slug)
            self.rooms[exhibit.room_slug] = room
        return f"{room}{quote(exhibit.slug, safe=SAFE)}/"

    def srcset(self, entry, kind: str) -> str:
        """Return the srcset, with w descriptors, of an image's derivatives of one kind."""
        prefix, key = self.derivatives, entry.key
        return ", ".join(f"{prefix}{copies.copy_name(key, w, kind)} {w}w" for w in entry.widths)

    def large(self, entry) -> str:
        """Return the URL of the JPEG an <img> falls back to: the first at least LARGE wide."""
        chosen = next((w for w in entry.widths if w >= LARGE), entry.widths[-1])
        return self.derivatives + copies.copy_name(entry.key, chosen, "jpeg")


def card(exhibit: model.Exhibit, number: int | None, links: Links) -> Markup:
    """Return an exhibit's card, as `exhibit_card(exhibit, number=number)` draws it."""
    numbered = f'<p class="card-number" aria-hidden="true">{escape(number)}</p>' if number else ""
    badge = f'<p class="badge">{Markup(gettext("Draft"))}</p>' if exhibit.draft else ""
    image = exhibit.main_image
    frame = f'<div class="card-frame">{picture(image, links)}</div>' if image else ""
    href, year = escape(links.exhibit(exhibit)), escape(year_in_words(exhibit.year))
    title = f'dir="auto"{original(exhibit, "title", auto=True)}>{escape(exhibit.title)}</a>'
    return Markup(
        f'<article class="card exhibit-card">\n  <div class="card-body">\n{numbered}'
        f'    <h3 class="card-title"><a class="card-link" href="{href}" {title}</h3>\n'
        f'    <p class="card-meta">{creators(exhibit)} · {year}</p>\n'
        f"{badge}  </div>\n{frame}</article>"
    )


def creators(exhibit: model.Exhibit) -> str:
    """Return the exhibit's creators, each isolated in its own direction, joined by commas."""
    return ", ".join(f"<bdi>{escape(creator.name)}</bdi>" for creator in exhibit.creators)


def picture(image: model.Image, links: Links) -> str:
    """Return a card's image: AVIF, WebP, then the JPEG <img>, as the picture macro draws it.

    Before the build has made its derivatives, the original (one width, no
    modern formats), or an empty frame of its shape for a file browsers
    cannot show.
    """
    classes = " ".join(filter(None, ("card-image", placeholder_class(image.colour))))
    entry = derivatives_of(image)
    if entry is None and not image.shown_as_is:
        return pending(image, classes)
    if entry is None:
        url = escape(image_url(image))
        return _picture("", url, escape(image_srcset(image)), image, classes)
    jpeg = escape(links.srcset(entry, "jpeg"))
    sources = "".join(source(copies.MIME_TYPES[kind], links.srcset(entry, kind)) for kind in MODERN)
    if image.animated:  # held still for visitors who ask for less motion
        still = '<source media="(prefers-reduced-motion: reduce)" type="image/jpeg"'
        sources = f'{still} srcset="{jpeg}" sizes="{SIZES}">{sources}'
    return _picture(sources, escape(links.large(entry)), jpeg, image, classes)


def source(mime: str, srcset: str) -> str:
    """Return the <source> of one modern format."""
    return f'<source type="{escape(mime)}" srcset="{escape(srcset)}" sizes="{SIZES}">'


def _picture(sources: str, src: str, srcset: str, image: model.Image, classes: str) -> str:
    """Return the <picture>: its <source>s, then the <img> of the JPEG or the original."""
    return (
        f'<picture>{sources}<img class="{escape(classes)}" src="{src}" srcset="{srcset}" '
        f'sizes="{SIZES}"\n     width="{escape(image.width)}" height="{escape(image.height)}" '
        f'alt="{escape(image.alt)}" loading="lazy" decoding="async"></picture>'
    )


def pending(image: model.Image, classes: str) -> str:
    """Return the empty frame, of the image's shape and colour, that stands for it until built."""
    return (
        f'<img class="{escape(classes)} image-pending" src="{escape(asset_url("pending.svg"))}" '
        f'width="{escape(image.width)}" height="{escape(image.height)}" alt="{escape(image.alt)}">'
    )
