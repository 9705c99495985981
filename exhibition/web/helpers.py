"""Template helpers: URLs of pages and images, and durations for <time>."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, abort, current_app, g, request, send_file, url_for

from .. import derivatives, imaging, jsonld, model
from .placeholders import placeholder_class

SHARED_WIDTH = 1200  # the width link previews (Open Graph) ask for
YEAR = 31_536_000  # how long a file whose URL changes with its bytes is cached
HOUR = 3_600  # how long any other file is


def store():
    """Return the app's content store."""
    return current_app.extensions["exhibition"]


def current_exhibition() -> model.Exhibition:
    """Return the exhibition being served in the page's language, the same for a whole request.

    `g.exhibition` keeps the snapshot in its primary language: the page cache
    files the page under it.
    """
    if "exhibition" not in g:
        if store().loaded is None:
            abort(503)
        g.exhibition = store().exhibition
    return store().in_language(g.exhibition, g.get("language"))


def absolute_url(endpoint: str, **values) -> str:
    """Return the public, absolute URL of an endpoint."""
    base = current_app.config["BASE_URL"]
    if base:
        return base + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


def send(path: Path, mimetype: str, *, immutable: bool, etag: str | bool = True):
    """Send a file with conditional and range support, cached publicly; a missing file is 404.

    It goes as `mimetype` exactly, a type of mediatypes.py, never one guessed.
    `immutable` files (their URL changes with their bytes) are cached for a year.
    """
    try:
        max_age = YEAR if immutable else HOUR
        response = send_file(path, mimetype=mimetype, conditional=True, etag=etag, max_age=max_age)
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
        abort(404)
    response.headers["Content-Type"] = mimetype  # as it is: send_file adds a second charset
    response.cache_control.public = True
    if immutable:
        response.cache_control.immutable = True
    return response


def derivatives_folder() -> Path:
    """Return the folder `build` writes the published exhibits' image derivatives into."""
    return current_app.extensions["derivatives"].out


def catalogues() -> tuple[tuple[derivatives.Catalogue, Path], ...]:
    """Return the catalogues of the last build with their folders, read again when they change.

    The site's alone, or in preview the drafts' after it.
    """
    if "catalogues" not in g:
        found = [current_app.extensions["derivatives"]]
        if current_app.config["PREVIEW"]:
            found.append(current_app.extensions["draft derivatives"])
        g.catalogues = tuple((each.current(), each.out) for each in found)
    return g.catalogues


def derivatives_of(image: model.Image) -> derivatives.Entry | None:
    """Return an image's derivatives; if there are none, log it once and return None."""
    entry = next(filter(None, (catalogue.find(image) for catalogue, _ in catalogues())), None)
    if entry is None:
        current_app.extensions["derivatives"].missing(image, current_app.logger)
    return entry


def derivative_file(name: str) -> Path | None:
    """Return the file of a derivative an image of the exhibition as loaded has, or None.

    `name` must be one `derivatives.safe_name` accepts. The catalogue lists what
    the last build made, the exhibition what may be shown now: an exhibit made a
    draft loses its images at once, before the next build takes them away.
    """
    shown = current_exhibition().files
    for catalogue, folder in catalogues():
        if any(entry.path in shown for entry in catalogue.owners(name)):
            return folder / name
    return None


def image_url(image: model.Image, width: int | None = None, kind: str = "jpeg") -> str:
    """Return the URL of an image at least `width` wide (default: the largest made).

    The one place image URLs are built: a derivative's, or the original's
    when the build has not made one yet; "" then for a file browsers cannot
    show (a TIFF, a HEIC, a sound's waveform), which pages never link.
    """
    entry = derivatives_of(image)
    if entry is None:
        return url_for("files.media", path=image.path, v=image.version) if image.shown_as_is else ""
    chosen = next((w for w in entry.widths if width is not None and w >= width), entry.widths[-1])
    return url_for("files.derivative", name=imaging.name(entry.key, chosen, kind))


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
    url = absolute_url("files.derivative", name=imaging.name(entry.key, width, "jpeg"))
    return url, width, max(1, round(image.height * width / image.width))


def image_srcset(image: model.Image, kind: str = "jpeg") -> str:
    """Return a srcset, with w descriptors, of an image's derivatives of one kind."""
    entry = derivatives_of(image)
    if entry is None:
        return f"{image_url(image)} {image.width}w" if image.shown_as_is else ""
    return ", ".join(
        f"{url_for('files.derivative', name=imaging.name(entry.key, w, kind))} {w}w"
        for w in entry.widths
    )


def image_sources(image: model.Image) -> list[tuple[str, str]]:
    """Return (type, srcset) for each modern format of an image, best first."""
    if derivatives_of(image) is None:
        return []
    return [(imaging.MIME_TYPES[kind], image_srcset(image, kind)) for kind in ("avif", "webp")]


def zoom_url(image: model.Image) -> str:
    """Return the URL of an image's Deep Zoom descriptor, or "" if it has none."""
    entry = derivatives_of(image)
    if entry is None or not entry.zoom:
        return ""
    return url_for("files.derivative", name=imaging.dzi_name(entry.key))


def media_url(path: str) -> str:
    """Return the URL of a content file a page uses."""
    return url_for("files.media", path=path)


def exhibit_url(exhibit: model.Exhibit, **values) -> str:
    """Return the URL of an exhibit's page."""
    return url_for("gallery.exhibit", room=exhibit.room_slug, exhibit=exhibit.slug, **values)


def whole_seconds(seconds: float | None) -> int:
    """Return the whole seconds a media player shows for a duration: 8.52 s is 0:08.

    Browsers' own controls drop the fraction (Chromium's FormatTime casts to
    int), so the page says what the player beside it says; at least 1 s, so a
    short sound never reads as lasting nothing.
    """
    return max(1, int(seconds or 0))


def iso_duration(seconds: float | None) -> str:
    """Return a duration in ISO 8601, for a <time datetime>: PT3M5S."""
    hours, rest = divmod(whole_seconds(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return "PT" + "".join(
        f"{n}{unit}" for n, unit in ((hours, "H"), (minutes, "M"), (secs, "S")) if n
    )


def canonical_url() -> str:
    """Return the canonical URL of the page being rendered."""
    if request.endpoint is None:  # a URL no route matched: the 404 page
        return (current_app.config["BASE_URL"] or request.host_url.rstrip("/")) + request.path
    values = dict(request.view_args or {})
    return absolute_url(request.endpoint, **values)


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
    )
    app.extensions["derivatives"] = derivatives.Catalogues(derivatives.folder(app.config))
    drafts = derivatives.folder(app.config, drafts=True)
    app.extensions["draft derivatives"] = derivatives.Catalogues(drafts)
    app.jinja_env.tests["zoomable"] = lambda image: bool(image and zoom_url(image))
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    @app.context_processor
    def exhibition_context():
        return {"exhibition": current_exhibition() if store().loaded else None}
