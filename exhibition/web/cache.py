"""The page cache: every page kept whole once rendered, and served before Flask dispatches.

A page is stored with its strong ETag and its compressed copies, under a key
made of everything it was made from: the app's code and templates, the
content snapshot, the image build, the address asked for (scheme and host
unless EXHIBITION_BASE_URL fixes them, and path: never the query string,
which no page reads) and any variant a feature adds (a language, later). A
reload changes the key, so no page is ever purged by hand and none outlives
the content it shows.

A hit is answered by a small WSGI layer in front of Flask: one cache read,
no routing, no request context. Only 200 responses are stored; errors never
are. If the cache backend fails (Redis stopped), pages are rendered as if
there were no cache, and the backend is tried again a few seconds later.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import re
import time
from typing import NamedTuple

from flask import Flask, Response, g, request
from flask_caching import Cache

from .. import PROJECT_ROOT, __version__
from ..archive.stamp import STAMP
from ..snapshot import code_version
from . import compression, images, layers
from .backends import backend_config
from .pagestore import NearRedis, own_pages

log = logging.getLogger(__name__)

PAGE_TYPES = frozenset({"text/html", "application/xml", "text/plain"})
# Paths that are never pages: files with their own caching, probes, curator tools.
NOT_PAGES = ("/static/", "/media/", "/derivatives/", "/archive/", "/healthz", "/readyz", "/_")
# Pages that read the query string: never stored, so distinct queries cannot fill the cache.
READS_QUERY = re.compile(r"^(/[a-z]{2,3}(-[A-Za-z0-9]{2,8})*)?/(search|browse)/?$")
RETRY_SECONDS = 5.0  # after a backend failure, how long pages go uncached before a retry
SNAPSHOT = "exhibition.snapshot"  # environ key: the content and image build a page used
# Headers this layer writes itself, and headers that make a response unfit to share.
MANAGED = frozenset(
    {"content-type", "content-length", "etag", "cache-control", "vary", "x-cache", "date"}
)
UNCACHEABLE_IF = frozenset({"set-cookie", "content-encoding", "content-range"})


class CachedPage(NamedTuple):
    """A rendered page as cached: its body in every coding made, and its validator.

    Nearly every request takes a compressed body, so the body as rendered (several
    times their size) is kept only when gzip made none; the rare client that takes
    no coding gets it unpacked from gzip (a tenth of a millisecond an exhibit page).
    """

    digest: str  # of the uncompressed body; the strong ETag of each coding derives from it
    content_type: str
    bodies: dict[str, bytes]  # by coding; "" (the body as rendered) only when gzip made none
    headers: tuple[tuple[str, str], ...] = ()  # any others the app sent, kept as they were

    @classmethod
    def of(
        cls, body: bytes, content_type: str, codings=compression.CODINGS, headers=()
    ) -> CachedPage:
        """Return a page for a body, compressed in each coding given that makes it smaller."""
        digest = hashlib.blake2b(body, digest_size=16).hexdigest()
        bodies = {"": body}
        if codings and compression.compressible(content_type, len(body)):
            bodies.update(compression.compress(body, codings))
        if "gzip" in bodies:
            del bodies[""]
        return cls(digest, content_type, bodies, tuple(headers))

    @classmethod
    def of_response(cls, status: str, headers: list, body: bytes, codings) -> CachedPage | None:
        """Return the page a response carries, or None if it is not a public 200 page.

        `codings`: those to compress it in; every one for a page that will be
        stored, only the one the visitor asked for otherwise.
        """
        if not status.startswith("200"):
            return None
        kept, content_type = [], ""
        for name, value in headers:
            lower = name.lower()
            if lower == "content-type":
                content_type = value
            elif lower in UNCACHEABLE_IF or (lower == "vary" and value != "Accept-Encoding"):
                return None
            elif lower == "cache-control" and ("private" in value or "no-store" in value):
                return None
            elif lower not in MANAGED:
                kept.append((name, value))
        if content_type.split(";")[0] not in PAGE_TYPES:
            return None
        return cls.of(body, content_type, codings, kept)

    def etag(self, coding: str) -> str:
        """Return the strong ETag of the page in one coding."""
        return compression.etag(self.digest, coding)

    @property
    def codings(self) -> tuple[str, ...]:
        """Return every coding the page can be sent in, "" (as rendered) among them."""
        return (*self.bodies, "") if "" not in self.bodies else tuple(self.bodies)

    def body(self, coding: str) -> bytes:
        """Return the page's body in one of its codings, unpacking the rendered one if need be."""
        found = self.bodies.get(coding)
        return gzip.decompress(self.bodies["gzip"]) if found is None else found


def release_digest() -> str:
    """Return a hash of the code, templates and static files: a new release, new keys."""
    digest = hashlib.blake2b(f"{__version__} {code_version()}".encode(), digest_size=8)
    for folder, pattern in (("templates", "*"), ("static", "*")):
        for path in sorted((PROJECT_ROOT / folder).rglob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(PROJECT_ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


class Versions:
    """The hashes of the snapshots pages are made from, computed once per snapshot."""

    def __init__(self, app: Flask):
        self.store = app.extensions["exhibition"]
        self.catalogues = app.extensions["derivatives"]
        self._content: tuple[object, str] = (None, "")
        self._images: tuple[object, str] = (None, "")

    def content(self, exhibition) -> str:
        """Return a hash of an exhibition snapshot, the same in every process that loads it.

        The loader digests each exhibit once, as it reads it, and combines them:
        one not made by the loader (a test's) is hashed whole.
        """
        seen, digest = self._content
        if seen is not exhibition:
            digest = exhibition.version or _hash(repr(exhibition))
            self._content = (exhibition, digest)
        return digest

    def images(self, catalogue=None) -> str:
        """Return a hash of the image build pages link to (one stat when unchanged)."""
        catalogue = catalogue or self.catalogues.current()
        seen, digest = self._images
        if seen is not catalogue:
            digest = _hash(repr(sorted(catalogue.entries.items())))
            self._images = (catalogue, digest)
        return digest


def _hash(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


class PageCache:
    """Serve stored pages in front of Flask, and give every page Flask renders its ETag.

    Pages are rendered through Flask as usual; this layer reads what Flask
    sends (so headers added by any hook are kept with the page), adds the
    validator and codings, and stores it when the lookup missed.
    """

    def __init__(self, app: Flask, backend):
        config = app.config
        self.backend = backend  # a cachelib cache, or None when pages are not cached
        self.own = own_pages(backend)  # the pages it keeps in this worker's memory, if any
        self.wsgi_app = app.wsgi_app
        self.store = app.extensions["exhibition"]
        self.versions = Versions(app)
        self.release = release_digest()
        self.compress = config["COMPRESS"]
        self.fixed_host = bool(config["BASE_URL"])
        self.variants: list = []  # functions of the WSGI environ that also pick the page
        self.cache_control = (
            "no-cache"
            if config["PREVIEW"]
            else f"public, max-age={config['PAGE_MAX_AGE']}, "
            f"stale-while-revalidate={config['PAGE_STALE_SECONDS']}"
        )
        self._down_until = 0.0
        self._serving = None  # the exhibition a worker's own cache holds pages of

    def __call__(self, environ, start_response):
        """Answer from the cache if the page is there; otherwise let Flask render it."""
        method = environ["REQUEST_METHOD"]
        if (
            method not in ("GET", "HEAD")
            or environ.get("PATH_INFO", "").startswith(NOT_PAGES)
            or READS_QUERY.match(environ.get("PATH_INFO", ""))
            or STAMP in environ  # a page rendered for a frozen edition, with its banner
            or self.store.loaded is None
        ):
            return self.wsgi_app(environ, start_response)
        exhibition = self.store.loaded.exhibition
        if exhibition is not self._serving and self.own is not None:
            self._forget(exhibition)
        key = self.key(environ, exhibition) if self.backend else None
        page = self._get(key) if key else None
        state = "HIT"
        if page is None:
            status, headers, body = self._render(environ)
            page = CachedPage.of_response(status, headers, body, self._codings(environ, key))
            if page is None:
                return self._pass(environ, start_response, status, headers, body)
            state = self._keep(environ, key, page)
        status, headers, body = self.answer(page, environ, state)
        start_response(status, headers)
        return [body]

    def _codings(self, environ, key: str | None) -> tuple[str, ...]:
        """Return the codings to make of a page just rendered: all if it will be stored."""
        if not self.compress:
            return ()
        if key is not None and time.monotonic() >= self._down_until:
            return compression.CODINGS
        chosen = compression.choose(environ.get("HTTP_ACCEPT_ENCODING", ""), compression.CODINGS)
        return (chosen,) if chosen else ()

    def _forget(self, exhibition) -> None:
        """Drop the pages of the content before a reload from this worker's own cache.

        Their keys name the old content, so no request can find them again;
        kept, they would fill the worker's memory up to EXHIBITION_PAGE_CACHE_MB.
        """
        if self._serving is not None:
            self.own.report(", emptied of the pages of the content before a reload")
        self._serving = exhibition
        self.own.clear()

    def key(self, environ, exhibition, catalogue=None) -> str:
        """Return the key of the page a request asks for, from the snapshots given.

        Its parts are kept apart in a JSON list, so no Host, script name or
        path can run into the next. The query string is not among them: no
        page reads it, so `/?q=1` is the lobby, stored once (a page that
        reads a parameter adds it as a variant).
        """
        scheme, host = ("", "") if self.fixed_host else (environ["wsgi.url_scheme"], _host(environ))
        parts = [
            self.release,
            self.versions.content(exhibition),
            self.versions.images(catalogue),
            scheme,
            host,
            environ.get("SCRIPT_NAME", ""),
            environ.get("PATH_INFO", ""),
            *(variant(environ) for variant in self.variants),
        ]
        digest = hashlib.blake2b(json.dumps(parts).encode(), digest_size=20).hexdigest()
        return "page:" + digest

    def answer(self, page: CachedPage, environ, state: str) -> tuple[str, list, bytes]:
        """Return the status, headers and body of a page for one request."""
        accept = environ.get("HTTP_ACCEPT_ENCODING", "") if self.compress else ""
        coding = compression.choose(accept, page.codings)
        etag = page.etag(coding)
        headers = [*page.headers, ("ETag", etag), ("Cache-Control", self.cache_control)]
        headers.append(("X-Cache", state))
        if len(page.codings) > 1:
            headers.append(("Vary", "Accept-Encoding"))
        if compression.not_modified(environ.get("HTTP_IF_NONE_MATCH", ""), etag):
            return "304 Not Modified", headers, b""
        body = page.body(coding)
        headers += [("Content-Type", page.content_type), ("Content-Length", str(len(body)))]
        if coding:
            headers.append(("Content-Encoding", coding))
        return "200 OK", headers, b"" if environ["REQUEST_METHOD"] == "HEAD" else body

    def record(self, response: Response) -> Response:
        """Note which snapshots the page was made from, so it is stored under their key."""
        if "exhibition" in g:
            request.environ[SNAPSHOT] = (g.exhibition, g.get("catalogue"))
        return response

    def _render(self, environ) -> tuple[str, list, bytes]:
        """Run Flask for a request and return what it answered, body whole.

        A HEAD is rendered as a GET, so its page can be stored for the GETs after it.
        """
        answered: dict = {}
        chunks: list[bytes] = []

        def start_response(status, headers, exc_info=None):
            answered.update(status=status, headers=headers)
            return chunks.append

        inner = {**environ, "REQUEST_METHOD": "GET"}
        iterable = self.wsgi_app(inner, start_response)
        try:
            chunks.extend(iterable)
        finally:
            if hasattr(iterable, "close"):
                iterable.close()
        if SNAPSHOT in inner:
            environ[SNAPSHOT] = inner[SNAPSHOT]
        return answered["status"], answered["headers"], b"".join(chunks)

    def _pass(self, environ, start_response, status, headers, body):
        """Send a response that is not a page (an error, say) as Flask made it, compressed."""
        if self.compress:
            headers, body = compression.compress_response(environ, status, headers, body)
        if environ["REQUEST_METHOD"] == "HEAD":
            body = b""
        start_response(status, headers)
        return [body]

    def _keep(self, environ, key: str | None, page: CachedPage) -> str:
        """Store a page the lookup missed; return what the cache did: MISS or BYPASS."""
        if key is None:
            return "BYPASS"
        snapshot = environ.get(SNAPSHOT)
        if snapshot:
            key = self.key(environ, *snapshot)
        return "MISS" if self._set(key, page) else "BYPASS"

    def state(self) -> str:
        """Return what the cache is and whether it answers, for /readyz."""
        if self.backend is None:
            return "off"
        kind = type(self.backend).__name__
        kind = {"PageStore": "SimpleCache", "NearRedis": "RedisCache"}.get(kind, kind)
        if time.monotonic() < self._down_until:
            return f"{kind}: failing, pages are served uncached"
        return f"{kind}: ok"

    def _get(self, key: str) -> CachedPage | None:
        if time.monotonic() < self._down_until:
            return None
        try:
            return self.backend.get(key)
        except Exception as error:  # any backend failure: serve uncached, never a 500
            self._failed(error)
            return None

    def _set(self, key: str, page: CachedPage) -> bool:
        if time.monotonic() < self._down_until:
            return False
        try:
            self.backend.set(key, page)
        except Exception as error:  # any backend failure: serve uncached, never a 500
            self._failed(error)
            return False
        if self._down_until:
            self._down_until = 0.0
            log.warning("the page cache answers again; pages are cached")
        return True

    def _failed(self, error: Exception) -> None:
        self._down_until = time.monotonic() + RETRY_SECONDS
        log.warning(
            "the page cache failed (%s: %s); pages are rendered uncached, "
            "and the cache is tried again in %.0f s",
            type(error).__name__,
            error,
            RETRY_SECONDS,
        )


def _host(environ) -> str:
    host = environ.get("HTTP_HOST")
    if host:
        return host.lower()
    return f"{environ.get('SERVER_NAME', '')}:{environ.get('SERVER_PORT', '')}"


def init_app(app: Flask) -> PageCache:
    """Put the page cache in front of the app and return it."""
    images.init_catalogues(app)  # the image build a page was made from is part of its key
    cache = Cache()
    config = backend_config(app.config)
    cache.init_app(app, config=config)
    backend = None if config["CACHE_TYPE"] == "NullCache" else app.extensions["cache"][cache]
    pages = PageCache(app, backend)
    app.extensions["page_cache"] = pages
    app.after_request(pages.record)
    layers.add(app, "page cache", pages)
    if isinstance(backend, NearRedis):
        from .sync import share_content_changes

        share_content_changes(app, pages)
    return pages
