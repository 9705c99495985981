"""The archive on the web: the list of editions, and each edition's frozen bytes.

`/archive/` lists the editions; `/archive/<edition>/...` serves only files the
edition's manifest lists, exactly as frozen, cached for good, with Memento
headers that name when and from where. With EXHIBITION_MODE=archive the app
serves nothing else, and the live addresses lead into the latest edition.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from werkzeug.http import http_date

from ..archive import edition as editions
from ..archive.links import file_at, media_type
from ..archive.stamp import STAMP
from .responses import send
from .security import edition_search_policy

bp = Blueprint("archive", __name__, url_prefix="/archive")
# Each language's search page, and the worker it starts: they search the index in WebAssembly.
SEARCHING = re.compile(r"([^/]+/)?search/index\.html|pagefind/pagefind-worker\.js")


class Shelf:
    """The editions of an archive folder, and their manifests, read once per change of it.

    Only editions as freeze left them are on it (see archive/edition.py): the
    site's own, each tag file as its tag manifest records it, and the manifest
    the one it records.

    Editions are only ever added, replaced or removed by renaming folders in
    the archive folder, which changes its time: one stat a request says
    whether to read them again. Frozen files are read-only, so a manifest
    read once stays true.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._stamp: tuple = ()
        self._editions: list[editions.Edition] = []
        self._files: dict[str, dict[str, str]] = {}

    def editions(self, archive: Path) -> list[editions.Edition]:
        """Return the editions, the latest run first."""
        try:
            stat = archive.stat()
            stamp = (str(archive), stat.st_ino, stat.st_mtime_ns)
        except OSError:
            stamp = (str(archive),)
        with self._lock:
            if stamp != self._stamp:
                self._editions, self._files = editions.editions(archive), {}
                self._stamp = stamp
            return self._editions

    def find(self, archive: Path, slug: str) -> editions.Edition | None:
        """Return the edition of this name, or None."""
        return next((found for found in self.editions(archive) if found.slug == slug), None)

    def files(self, found: editions.Edition) -> dict[str, str]:
        """Return {file under data/: its SHA-256} for an edition; {} if it has none."""
        with self._lock:
            if found.slug not in self._files:
                try:
                    self._files[found.slug] = editions.read_manifest(
                        found.folder / editions.MANIFEST, found.manifest_sha256
                    )
                except (OSError, UnicodeDecodeError):
                    return {}
            return self._files[found.slug]


def archive_folder() -> Path:
    """Return the folder the editions live in."""
    return editions.archive_dir(current_app.config)


def shelf() -> Shelf:
    """Return the app's shelf of editions."""
    return current_app.extensions["archive"]


@bp.get("/")
def index():
    """List the editions: title, run, when frozen, pages, size, and their last check."""
    return render_template("archive.html", editions=shelf().editions(archive_folder()))


@bp.get("/<edition>/", defaults={"path": ""})
@bp.get("/<edition>/<path:path>")
def frozen(edition: str, path: str):
    """Send a file of an edition as frozen, if its manifest lists it and its kind is sent."""
    found = shelf().find(archive_folder(), edition)
    if found is None:
        abort(404)
    files = shelf().files(found)
    file = file_at("/" + path)
    if file not in files:
        if f"{file}/index.html" in files:
            return redirect(url_for("archive.frozen", edition=edition, path=f"{path}/"), 308)
        abort(404)
    kind = media_type(file)
    if kind is None:  # an edition frozen before its kind was refused
        abort(404)
    data = found.folder / "data" / file
    response = send(data, kind, immutable=True, etag=files[file])
    response.headers["Memento-Datetime"] = http_date(found.frozen_at)
    response.headers["Link"] = f'<{found.live_url(file)}>; rel="original"'
    if SEARCHING.fullmatch(file):
        response.headers["Content-Security-Policy"] = edition_search_policy(current_app.config)
    return response


def latest():
    """Lead to the latest edition, or to the list if there is none."""
    found = shelf().editions(archive_folder())
    if not found:
        return redirect(url_for("archive.index"))
    return redirect(url_for("archive.frozen", edition=found[0].slug, path=""))


def retired(path: str):
    """Lead a live address to the same page in the latest edition, if it has one."""
    found = shelf().editions(archive_folder())
    if found and file_at("/" + path) in shelf().files(found[0]):
        return redirect(url_for("archive.frozen", edition=found[0].slug, path=path))
    abort(404)


def not_found(error):
    """Say, in the archive's own page, that nothing is at this address."""
    found = shelf().editions(archive_folder())
    return render_template("archive.html", editions=found, missing=request.path), 404


def init_app(app: Flask) -> None:
    """Serve the archive; in archive mode, serve only it."""
    app.extensions["archive"] = Shelf()
    app.register_blueprint(bp)

    @app.context_processor
    def archive_context():
        return {"archived": request.environ.get(STAMP)}

    if app.config["MODE"] == "archive":
        app.add_url_rule("/", "latest", latest)
        app.add_url_rule("/<path:path>", "retired", retired)
        app.register_error_handler(404, not_found)
