"""Image URLs for pages: the derivatives the build made of an image, or the original until then."""

from __future__ import annotations

import functools
from pathlib import Path

from flask import Flask, current_app, g, request, url_for

from .. import model
from ..media import copies, manifest, roompanoramas
from .current import current_exhibition
from .urls import absolute_url

SHARED_WIDTH = 1200  # the width link previews (Open Graph) ask for
REMEMBERED = 100_000  # image URLs kept at most between two builds; a preview makes new ones


def derivatives_folder() -> Path:
    """Return the folder `build` writes the published exhibits' image derivatives into."""
    return current_app.extensions["derivatives"].out


def catalogues() -> tuple[tuple[manifest.Catalogue, Path], ...]:
    """Return the catalogues of the last build with their folders, read again when they change.

    The site's alone, or in preview the drafts' after it.
    """
    if "catalogues" not in g:
        found = [current_app.extensions["derivatives"]]
        if current_app.config["PREVIEW"]:
            found.append(current_app.extensions["draft derivatives"])
        g.catalogues = tuple((each.current(), each.out) for each in found)
    return g.catalogues


def derivatives_of(image: model.Image) -> manifest.ManifestEntry | None:
    """Return an image's derivatives; if there are none, log it once and return None."""
    entry = next(filter(None, (catalogue.find(image) for catalogue, _ in catalogues())), None)
    if entry is None:
        current_app.extensions["derivatives"].missing(image, current_app.logger)
    return entry


def derivative_file(name: str) -> Path | None:
    """Return the file of a derivative an image of the exhibition as loaded has, or None.

    `name` must be one `manifest.safe_name` accepts. The catalogue lists what
    the last build made, the exhibition what may be shown now: an exhibit made a
    draft loses its images at once, before the next build takes them away.
    """
    shown = current_exhibition().files
    for catalogue, folder in catalogues():
        if any(entry.path in shown for entry in catalogue.owners(name)):
            return folder / name
    return None


def _remembered() -> dict:
    """Return the image URLs worked out since the catalogues last changed, or a new dict.

    The catalogues are compared by identity: `Catalogues.current` gives the
    same object until the build writes a new manifest. The script root is in
    the key too, since every URL starts with it.
    """
    found = current_app.extensions.get("image urls")
    current = (tuple(c for c, _ in catalogues()), request.script_root)
    if found is None or found[0] != current or len(found[1]) > REMEMBERED:
        found = (current, {})
        current_app.extensions["image urls"] = found
    return found[1]


def remembered(function):
    """Work out an image's URLs once per build, not with every card drawn.

    A room's card costs some twenty `url_for` calls; remembered, none.
    """

    @functools.wraps(function)
    def wrapper(image: model.Image, *args):
        urls = _remembered()
        key = (function.__name__, image.path, image.version, image.width, *args)
        if key not in urls:
            urls[key] = function(image, *args)
        return urls[key]

    return wrapper


@remembered
def image_url(image: model.Image, width: int | None = None, kind: str = "jpeg") -> str:
    """Return the URL of an image at least `width` wide (default: the largest made).

    Where image URLs are built (a room's cards put the same together from
    the routes' prefixes: cardmarkup.py): a derivative's, or the original's
    when the build has not made one yet; "" then for a file browsers cannot
    show (a TIFF, a HEIC, a sound's waveform), which pages never link.
    """
    entry = derivatives_of(image)
    if entry is None:
        return url_for("files.media", path=image.path, v=image.version) if image.shown_as_is else ""
    chosen = next((w for w in entry.widths if width is not None and w >= width), entry.widths[-1])
    return url_for("files.derivative", name=copies.copy_name(entry.key, chosen, kind))


def shared_image(image: model.Image) -> tuple[str, int, int]:
    """Return the absolute URL, width and height of the copy link previews show.

    A JPEG about 1200 px wide, as Open Graph readers expect, rather than the
    original, which may be a 50 MB TIFF; no URL ("") for a file browsers cannot show.
    """
    entry = derivatives_of(image)
    if entry is None:
        if not image.shown_as_is:
            return "", image.width, image.height
        url = absolute_url("files.media", path=image.path, v=image.version)
        return url, image.width, image.height
    width = next((w for w in entry.widths if w >= SHARED_WIDTH), entry.widths[-1])
    url = absolute_url("files.derivative", name=copies.copy_name(entry.key, width, "jpeg"))
    return url, width, max(1, round(image.height * width / image.width))


@remembered
def image_srcset(image: model.Image, kind: str = "jpeg") -> str:
    """Return a srcset, with w descriptors, of an image's derivatives of one kind."""
    entry = derivatives_of(image)
    if entry is None:
        return f"{image_url(image)} {image.width}w" if image.shown_as_is else ""
    return ", ".join(
        f"{url_for('files.derivative', name=copies.copy_name(entry.key, w, kind))} {w}w"
        for w in entry.widths
    )


@remembered
def image_sources(image: model.Image) -> tuple[tuple[str, str], ...]:
    """Return (type, srcset) for each modern format of an image, best first."""
    if derivatives_of(image) is None:
        return ()
    return tuple((copies.MIME_TYPES[kind], image_srcset(image, kind)) for kind in ("avif", "webp"))


@remembered
def zoom_url(image: model.Image) -> str:
    """Return the URL of an image's Deep Zoom descriptor, or "" if it has none."""
    entry = derivatives_of(image)
    if entry is None or not entry.zoom:
        return ""
    return url_for("files.derivative", name=copies.dzi_name(entry.key))


def init_catalogues(app: Flask) -> None:
    """Give the app the catalogues of the image build and its rooms in 360°, once, for pages
    and the page cache."""
    if "derivatives" not in app.extensions:
        app.extensions["derivatives"] = manifest.Catalogues(manifest.folder(app.config))
        drafts = manifest.folder(app.config, drafts=True)
        app.extensions["draft derivatives"] = manifest.Catalogues(drafts)
        app.extensions["panoramas"] = roompanoramas.listed(manifest.folder(app.config))
