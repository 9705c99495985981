"""The baselines the serving benchmark compares with: the same bytes, served with less.

Both read the body and headers that bench/serve.py saved from the app's own
cached page, so each answers byte for byte what the exhibition answers:

    gunicorn -c gunicorn.conf.py 'bench.baselines:flask_app()'
    gunicorn -c gunicorn.conf.py 'bench.baselines:wsgi_app()'
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from flask import Flask


def _saved() -> tuple[bytes, list[tuple[str, str]]]:
    folder = Path(os.environ["BENCH_RESPONSE"])
    headers = json.loads((folder / "headers.json").read_text())
    return (folder / "body").read_bytes(), [tuple(pair) for pair in headers]


def flask_app() -> Flask:
    """Return a minimal Flask app whose one view returns the saved response."""
    body, headers = _saved()
    app = Flask(__name__)

    @app.get("/<path:path>")
    @app.get("/")
    def page(path=""):
        return body, 200, headers

    return app


def wsgi_app():
    """Return a bare WSGI callable that returns the saved response."""
    body, headers = _saved()
    headers = [*headers, ("Content-Length", str(len(body)))]

    def app(environ, start_response):
        start_response("200 OK", headers)
        return [body]

    return app
