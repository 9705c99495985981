"""Serve the files pages use: media, captions and transcripts, and image derivatives.

Nothing here encodes an image: derivatives are made ahead of time by
`flask --app exhibition build`, and a page whose image has none yet links
to the original instead.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path, PurePosixPath

from flask import Blueprint, abort, request

from .. import imaging
from ..derivatives import safe_name
from ..model import MIME_TYPES
from .helpers import current_exhibition, derivative_file, send, store

bp = Blueprint("files", __name__)

TEXT_TYPES = {".md": "text/markdown; charset=utf-8", ".txt": "text/plain; charset=utf-8"}
DERIVATIVE_TYPES = {
    **{f".{ext}": imaging.MIME_TYPES[kind] for kind, ext in imaging.EXTENSIONS.items()},
    ".png": "image/png",
    ".dzi": "application/xml",
}


def _content_file(path: str) -> Path:
    """Return a file a page links to, or abort with 404; never anything else."""
    if path not in current_exhibition().files:
        abort(404)
    return store().root / path


def content_type(path: str) -> str | None:
    """Return the media type of a content file: media, captions or transcript."""
    suffix = PurePosixPath(path).suffix.lower()
    return MIME_TYPES.get(suffix) or TEXT_TYPES.get(suffix) or mimetypes.guess_type(path)[0]


@bp.get("/media/<path:path>")
def media(path: str):
    """Send a media file, captions or transcript that an exhibit names.

    With a `?v=` version in the URL the file is cached for a year: a changed
    file gets a new version, so a new URL.
    """
    return send(_content_file(path), content_type(path), immutable=bool(request.args.get("v")))


@bp.get("/derivatives/<path:name>")
def derivative(name: str):
    """Send an image derivative or zoom tile, named by content hash, so cached for good.

    Only the files of images the exhibition shows now (and in preview, its drafts').
    """
    path = derivative_file(name) if safe_name(name) else None
    if path is None:
        abort(404)
    return send(path, DERIVATIVE_TYPES[PurePosixPath(name).suffix], immutable=True)
