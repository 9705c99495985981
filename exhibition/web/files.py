"""Serve the content files pages use: media, captions, transcripts, resized images."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, current_app, request, send_file

from ..media import resized_copy
from ..model import media_kind
from .helpers import IMAGE_WIDTHS, current_exhibition, store

bp = Blueprint("files", __name__)

YEAR = 31_536_000
HOUR = 3_600


def _content_file(path: str) -> Path:
    """Return a file a page links to, or abort with 404; never anything else."""
    if path not in current_exhibition().files:
        abort(404)
    return store().root / path


def _send(path: Path, mimetype: str | None = None):
    """Send a file with conditional and range support; a vanished file is 404."""
    immutable = bool(request.args.get("v"))
    try:
        response = send_file(
            path, mimetype=mimetype, conditional=True, max_age=YEAR if immutable else HOUR
        )
    except (FileNotFoundError, IsADirectoryError, PermissionError):
        abort(404)
    if immutable:
        response.cache_control.immutable = True
    response.cache_control.public = True
    return response


@bp.get("/media/<path:path>")
def media(path: str):
    """Send a media file, captions or transcript that an exhibit names."""
    mimetype = "text/vtt" if path.endswith(".vtt") else None
    return _send(_content_file(path), mimetype)


@bp.get("/images/<int:width>/<path:path>")
def image(width: int, path: str):
    """Send an image resized to one of the widths pages ask for."""
    if width not in IMAGE_WIDTHS or media_kind(path) != "image":
        abort(404)
    source = _content_file(path)
    target = (
        Path(current_app.config["CACHE_DIR"]).resolve() / "images" / str(width) / f"{path}.webp"
    )
    try:
        if not target.is_file() or target.stat().st_mtime < source.stat().st_mtime:
            resized_copy(source, target, width)
    except OSError:
        current_app.logger.exception("could not resize %s", path)
        return _send(source)
    return _send(target, "image/webp")
