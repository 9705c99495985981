"""The archive on the web: the list of editions, and each edition's frozen bytes.

`/archive/` lists the editions; `/archive/<edition>/...` serves only files the
edition's manifest lists, exactly as frozen, cached for good, with Memento
headers that name when and from where. With EXHIBITION_MODE=archive the app
serves nothing else, and the live addresses lead into the latest edition.
"""

from __future__ import annotations

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
    send_file,
    url_for,
)
from werkzeug.http import http_date

from ..archive import edition as editions
from ..archive.links import file_of, media_type
from ..archive.render import STAMP
from .helpers import date_in_words, date_range

bp = Blueprint("archive", __name__, url_prefix="/archive")

YEAR = 31_536_000


class Manifests:
    """Each edition's manifest, read once and read again only if the edition is replaced."""

    def __init__(self):
        self._read: dict[Path, tuple[tuple, dict[str, str]]] = {}
        self._lock = threading.Lock()

    def files(self, folder: Path) -> dict[str, str]:
        """Return {file under data/: its SHA-256} for an edition; {} if it has none."""
        try:
            stat = (folder / editions.MANIFEST).stat()
        except OSError:
            return {}
        stamp = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        with self._lock:
            known = self._read.get(folder)
            if known is None or known[0] != stamp:
                known = (stamp, editions.read_manifest(folder / editions.MANIFEST))
                self._read[folder] = known
            return known[1]


def archive_folder() -> Path:
    """Return the folder the editions live in."""
    return editions.archive_dir(current_app.config)


def _edition(slug: str) -> editions.Edition:
    try:
        return editions.find(archive_folder(), slug)
    except editions.ArchiveError:
        abort(404)


@bp.get("/")
def index():
    """List the editions: title, run, when frozen, pages, size, and their last check."""
    return render_template("archive.html", editions=editions.editions(archive_folder()))


@bp.get("/<edition>/", defaults={"path": ""})
@bp.get("/<edition>/<path:path>")
def frozen(edition: str, path: str):
    """Send a file of an edition as frozen, if its manifest lists it; nothing else."""
    found = _edition(edition)
    files = current_app.extensions["archive"].files(found.folder)
    file = file_of("/" + path)
    if file not in files:
        if f"{file}/index.html" in files:
            return redirect(url_for("archive.frozen", edition=edition, path=f"{path}/"), 308)
        abort(404)
    try:
        response = send_file(
            found.folder / "data" / file,
            mimetype=media_type(file),
            conditional=True,
            etag=files[file],
            max_age=YEAR,
        )
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
        abort(404)
    response.cache_control.public = True
    response.cache_control.immutable = True
    response.headers["Memento-Datetime"] = http_date(found.frozen_at)
    response.headers["Link"] = f'<{found.live_url(file)}>; rel="original"'
    return response


@bp.app_template_filter("size")
def size_in_words(size: int) -> str:
    """Return a size in bytes as people read it: 12.4 MB."""
    for unit in ("bytes", "kB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1000
    return ""


def latest():
    """Lead to the latest edition, or to the list if there is none."""
    found = editions.editions(archive_folder())
    if not found:
        return redirect(url_for("archive.index"))
    return redirect(url_for("archive.frozen", edition=found[0].slug, path=""))


def retired(path: str):
    """Lead a live address to the same page in the latest edition, if it has one."""
    found = editions.editions(archive_folder())
    if found and file_of("/" + path) in current_app.extensions["archive"].files(found[0].folder):
        return redirect(url_for("archive.frozen", edition=found[0].slug, path=path))
    abort(404)


def not_found(error):
    """Say, in the archive's own page, that nothing is at this address."""
    found = editions.editions(archive_folder())
    return render_template("archive.html", editions=found, missing=request.path), 404


def init_app(app: Flask) -> None:
    """Serve the archive; in archive mode, serve only it."""
    app.extensions["archive"] = Manifests()
    app.register_blueprint(bp)
    app.jinja_env.filters.update(date_in_words=date_in_words, date_range=date_range)

    @app.context_processor
    def archive_context():
        return {"archived": request.environ.get(STAMP)}

    if app.config["MODE"] == "archive":
        app.add_url_rule("/", "latest", latest)
        app.add_url_rule("/<path:path>", "retired", retired)
        app.register_error_handler(404, not_found)
