"""Style sheets, scripts, fonts and icons under names that carry their content hash.

`asset_url("exhibition.css")` gives `/static/exhibition.3f9c0a1b2d4e.css`; that
name changes whenever the file does, so it is served as immutable for a year.
Style sheets' `url(...)` references are rewritten to hashed names too, so a
font a page preloads is the very file its style sheet asks for. Hashed files
are answered from memory in front of Flask, compressed once each; the plain
names still work through Flask's static route.
"""

from __future__ import annotations

import hashlib
import logging
import posixpath
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from flask import Flask, abort, current_app, send_from_directory, url_for

from ..media import types
from . import compression, layers
from .compression import not_modified

log = logging.getLogger(__name__)

PREFIX = "/static/"
IMMUTABLE = "public, max-age=31536000, immutable"
CSS_URL = re.compile(r"""url\(\s*(["']?)([^"')]+)\1\s*\)""")


@dataclass
class Asset:
    """One static file: its hashed name, type and bytes, and its compressed copies."""

    name: str  # as templates ask for it, e.g. "fonts/eb-garamond-regular.woff2"
    hashed: str  # e.g. "fonts/eb-garamond-regular.9a1f03c2b7de.woff2"
    digest: str  # the hash in that name
    content_type: str
    body: bytes
    _bodies: dict[str, bytes] | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def of(cls, name: str, body: bytes) -> Asset:
        """Return the asset of a file's bytes."""
        digest = hashlib.blake2b(body, digest_size=16).hexdigest()[:12]
        path = PurePosixPath(name)
        hashed = str(path.with_name(f"{path.stem}.{digest}{path.suffix}"))
        return cls(name, hashed, digest, content_type(name), body)

    @property
    def compressible(self) -> bool:
        """Return True if the file is worth sending compressed."""
        return compression.compressible(self.content_type, len(self.body))

    def bodies(self) -> dict[str, bytes]:
        """Return the file as it is ("") and in each coding that makes it smaller.

        Made the first time it is asked for, not at start-up: brotli at its
        best takes a while over the zoom viewer's script.
        """
        if self._bodies is None:
            with self._lock:
                if self._bodies is None:
                    coded = compression.compress(self.body) if self.compressible else {}
                    self._bodies = {"": self.body, **coded}
        return self._bodies


def content_type(name: str) -> str | None:
    """Return the media type of a static file; None if it is of no kind the site sends."""
    return types.media_type(name)


def collect(folder: Path) -> dict[str, Asset]:
    """Return every file of the static folder by name; style sheets' references hashed."""
    paths = sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and not p.name.startswith(".") and content_type(p.name)
    )
    assets: dict[str, Asset] = {}
    sheets = []
    for path in paths:
        name = path.relative_to(folder).as_posix()
        if path.suffix == ".css":
            sheets.append((name, path))
            continue
        assets[name] = Asset.of(name, path.read_bytes())
    for name, path in sheets:
        text = rewrite_css(name, path.read_text(encoding="utf-8"), assets)
        assets[name] = Asset.of(name, text.encode())
    return assets


def rewrite_css(name: str, text: str, assets: dict[str, Asset]) -> str:
    """Point a style sheet's relative url(...) references at the hashed names of their files."""
    folder = PurePosixPath(name).parent

    def hashed(match: re.Match) -> str:
        quote, target = match.groups()
        if target.startswith(("/", "data:", "#")) or "://" in target:
            return match.group(0)
        resolved = _normalise(folder / target.split("?")[0].split("#")[0])
        asset = assets.get(resolved)
        if asset is None:
            return match.group(0)
        relative = posixpath.relpath(asset.hashed, str(folder))
        return f"url({quote}{relative}{quote})"

    return CSS_URL.sub(hashed, text)


def _normalise(path: PurePosixPath) -> str:
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


class Assets:
    """The static files of the app, found by plain name or by hashed name."""

    def __init__(self, folder: Path, *, watch: bool = False):
        self.folder = folder
        self.watch = watch  # look for edited files on each use (preview only)
        self._stamp: tuple = ()
        self._load()

    def _load(self) -> None:
        self.by_name = collect(self.folder)
        self.by_hashed = {asset.hashed: asset for asset in self.by_name.values()}

    def current(self) -> Assets:
        """Return the assets, read again first if watching and any file changed."""
        if self.watch:
            stamp = tuple(
                (p.as_posix(), p.stat().st_mtime_ns) for p in sorted(self.folder.rglob("*"))
            )
            if stamp != self._stamp:
                self._stamp = stamp
                self._load()
        return self


class AssetServer:
    """Answer requests for hashed static files from memory, before Flask dispatches."""

    def __init__(self, wsgi_app, assets: Assets, *, compress: bool):
        self.wsgi_app = wsgi_app
        self.assets = assets
        self.compress = compress

    def __call__(self, environ, start_response):
        """Send a hashed file; pass anything else on."""
        path = environ.get("PATH_INFO", "")
        method = environ["REQUEST_METHOD"]
        asset = None
        if path.startswith(PREFIX) and method in ("GET", "HEAD"):
            asset = self.assets.current().by_hashed.get(path[len(PREFIX) :])
        if asset is None:
            return self.wsgi_app(environ, start_response)
        status, headers, body = self.answer(asset, environ)
        start_response(status, headers)
        return [b"" if method == "HEAD" else body]

    def answer(self, asset: Asset, environ) -> tuple[str, list, bytes]:
        """Return the status, headers and body of a hashed file for one request."""
        headers = [("Cache-Control", IMMUTABLE)]
        coding = ""
        if asset.compressible:
            headers.append(("Vary", "Accept-Encoding"))
            if self.compress:
                accept = environ.get("HTTP_ACCEPT_ENCODING", "")
                coding = compression.choose(accept, asset.bodies()) if accept else ""
        body = asset.bodies()[coding] if coding else asset.body
        etag = compression.etag(asset.digest, coding)
        headers.append(("ETag", etag))
        if not_modified(environ.get("HTTP_IF_NONE_MATCH", ""), etag):
            return "304 Not Modified", headers, b""
        headers += [("Content-Type", asset.content_type), ("Content-Length", str(len(body)))]
        if coding:
            headers.append(("Content-Encoding", coding))
        return "200 OK", headers, body


def asset_url(name: str) -> str:
    """Return the URL of a static file under its hashed name, for templates."""
    asset = current_app.extensions["assets"].current().by_name.get(name)
    if asset is None:
        log.warning("static/%s does not exist; its plain URL is used", name)
        return url_for("static", filename=name)
    return url_for("static", filename=asset.hashed)


def send_static_file(filename: str):
    """Send a static file by its plain name, typed by mediatypes.py; another kind is 404."""
    kind = content_type(filename)
    if kind is None:
        abort(404)
    max_age = current_app.get_send_file_max_age(filename)
    folder = current_app.static_folder
    response = send_from_directory(folder, filename, mimetype=kind, max_age=max_age)
    response.headers["Content-Type"] = kind  # as it is: send_file adds a second charset
    return response


def init_app(app: Flask) -> Assets:
    """Hash the static files, serve them in front of the app, and give templates asset_url."""
    assets = Assets(Path(app.static_folder), watch=app.config["PREVIEW"])
    app.extensions["assets"] = assets
    app.jinja_env.globals["asset_url"] = asset_url
    app.view_functions["static"] = send_static_file
    layers.add(app, "assets", AssetServer(app.wsgi_app, assets, compress=app.config["COMPRESS"]))
    return assets
