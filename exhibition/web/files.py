"""Serve the files pages use: media, captions and transcripts, and image derivatives.

Nothing here encodes an image: derivatives are made ahead of time by
`flask --app exhibition build`, and a page whose image has none yet links
to the original instead.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, request

from ..media import types
from ..media.manifest import safe_name
from .current import current_exhibition, store
from .images import derivative_file
from .panoramas import panorama_file
from .responses import send

bp = Blueprint("files", __name__)


def _content_file(path: str) -> Path:
    """Return a file a page links to, or abort with 404; never anything else."""
    if path not in current_exhibition().files:
        abort(404)
    return store().root / path


def content_type(path: str) -> str | None:
    """Return the media type of a content file, or None if it is of no kind the format allows."""
    return types.media_type(path, types.CONTENT)


@bp.get("/media/<path:path>")
def media(path: str):
    """Send a media file, captions or transcript that an exhibit names.

    With a `?v=` version in the URL the file is cached for a year: a changed
    file gets a new version, so a new URL. A file of a kind the content
    format does not allow is never sent, whatever an exhibit says.
    """
    kind = content_type(path)
    if kind is None:
        abort(404)
    return send(_content_file(path), kind, immutable=bool(request.args.get("v")))


@bp.get("/derivatives/<path:name>")
def derivative(name: str):
    """Send an image derivative or zoom tile, named by content hash, so cached for good.

    Only the files of images the exhibition shows now (and in preview, its drafts').
    """
    kind = types.media_type(name, types.DERIVATIVES)
    path = derivative_file(name) if safe_name(name) and kind else None
    if path is None:
        abort(404)
    return send(path, kind, immutable=True)


@bp.get("/panoramas/<name>")
def panorama(name: str):
    """Send a room's 360° picture, named by content hash, so cached for good."""
    kind = types.media_type(name, types.DERIVATIVES)
    path = panorama_file(name) if kind else None
    if path is None:
        abort(404)
    return send(path, kind, immutable=True)
