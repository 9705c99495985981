"""Files sent as responses: their exact type, ranges, validators and how long to cache them."""

from __future__ import annotations

from pathlib import Path

from flask import abort, send_file

YEAR = 31_536_000  # how long a file whose URL changes with its bytes is cached
HOUR = 3_600  # how long any other file is


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
