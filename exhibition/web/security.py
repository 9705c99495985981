"""The edge of the app: the methods it answers and the security headers of every response.

A WSGI layer outside every other (hashed static files, the page cache,
Flask), so a cached page, a file, an archived edition, an error, a 304 and a
refused method all carry the same headers. Each header is added only where
a response does not set it itself.

The Content-Security-Policy allows nothing by default and then only what the
site uses, from its own origin: its scripts are files (no inline script, no
eval), its styles are files (placeholder colours are classes, not style
attributes), and JSON-LD is a data block, which script-src does not govern
because it is never executed. The one inline thing is the <style> element
OpenSeadragon adds when the zoom viewer opens, allowed by its hash alone.
An archived edition's search page alone also allows `'wasm-unsafe-eval'`: its
Pagefind index is searched by WebAssembly (see `edition_search_policy`).

Every answer that is not a page (media, captions, transcripts, derivatives,
static and archived files, errors in plain text) gets a policy of its own
that allows nothing and adds `sandbox`: should a browser open such a file as
a document anyway, it runs no script and has no access to the site's origin.
"""

from __future__ import annotations

import base64
import hashlib
import re

from flask import Flask
from werkzeug.sansio.utils import host_is_trusted

from ..media.types import is_page
from . import layers

ALLOWED_METHODS = ("GET", "HEAD", "OPTIONS")
ALLOW = (("Allow", ", ".join(ALLOWED_METHODS)),)
METHOD_REFUSED = b"Method not allowed: this site only answers GET, HEAD and OPTIONS.\n"
PATH_REFUSED = b"Bad request: no page or file has an address like this one.\n"
HOST_REFUSED = b"Bad request: the Host header must name this site, as host or host:port.\n"
# Longer than any address of the site, shorter than gunicorn's limit_request_line.
MAX_PATH = 2048
# The one address a visitor may post to: an exhibit's answers, in any language.
ANSWERS_PATH = re.compile(r"(/[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)?/rooms/[^/]+/[^/]+/answers/?")
UNSAFE_CHARACTER = re.compile(r"[\x00-\x1f\x7f\\]")
# The text of the <style> element static/vendor/openseadragon/openseadragon.min.js adds;
# tests/test_security.py fails if a new version of the viewer adds another.
VIEWER_STYLE = (
    "@media (hover: none) {    .openseadragon-canvas:focus {        outline: none !important;    }}"
)
TWO_YEARS = 63_072_000
Headers = tuple[tuple[str, str], ...]
# Powerful features the exhibition never uses, turned off for it and anything it frames;
# full screen stays for its own video and zoom viewer.
PERMISSIONS = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=(), "
    "fullscreen=(self), picture-in-picture=(self)"
)


def style_hash(text: str) -> str:
    """Return the CSP source that allows one inline style element with this text."""
    digest = hashlib.sha256(text.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def content_security_policy(frame_ancestors: str, https: bool, *, wasm: bool = False) -> str:
    """Return the Content-Security-Policy of every response; `wasm` for an edition's search."""
    directives = [
        "default-src 'none'",
        "script-src 'self' 'wasm-unsafe-eval'" if wasm else "script-src 'self'",
        f"style-src 'self' {style_hash(VIEWER_STYLE)}",
        "img-src 'self' blob:",  # blob: the 360° viewer's picture, read by Pannellum
        "font-src 'self'",
        "media-src 'self'",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        f"frame-ancestors {frame_ancestors}",
    ]
    if https:
        directives.append("upgrade-insecure-requests")
    return "; ".join(directives)


def edition_search_policy(config) -> str:
    """Return the policy of an archived edition's search page, whose Pagefind runs WebAssembly."""
    return content_security_policy(config["FRAME_ANCESTORS"], config["HTTPS"], wasm=True)


def file_policy(frame_ancestors: str) -> str:
    """Return the Content-Security-Policy of every response that is not a page."""
    directives = [
        "default-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        f"frame-ancestors {frame_ancestors}",
        "sandbox",
    ]
    return "; ".join(directives)


def security_headers(config, *, page: bool = True) -> Headers:
    """Return the headers every page, or every other response, carries, from the settings."""
    ancestors = config["FRAME_ANCESTORS"]
    if page:
        policy = content_security_policy(ancestors, config["HTTPS"])
    else:
        policy = file_policy(ancestors)
    headers = [
        ("Content-Security-Policy", policy),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("Permissions-Policy", PERMISSIONS),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Cross-Origin-Resource-Policy", "same-site"),
    ]
    # Browsers without frame-ancestors read X-Frame-Options, which has no list of sites.
    frame_options = {"'none'": "DENY", "'self'": "SAMEORIGIN"}.get(ancestors)
    if frame_options:
        headers.append(("X-Frame-Options", frame_options))
    if config["HTTPS"]:
        headers.append(("Strict-Transport-Security", f"max-age={TWO_YEARS}"))
    return tuple(headers)


class Edge:
    """Refuse requests the site has no use for, and add the security headers to every answer.

    Pages get `headers`; every other answer gets `file_headers` (by default the same).
    """

    def __init__(
        self,
        wsgi_app,
        headers: Headers,
        file_headers: Headers | None = None,
        trusted_hosts=None,
    ):
        self.wsgi_app = wsgi_app
        self.headers = headers
        self.file_headers = headers if file_headers is None else file_headers
        self.trusted_hosts = trusted_hosts  # None: any host name will do

    def __call__(self, environ, start_response):
        """Refuse what the site never serves, answer `OPTIONS *`, and pass the rest on.

        Other methods get 405; odd paths and a Host that is no host name, 400.
        """
        method, path = environ.get("REQUEST_METHOD"), environ.get("PATH_INFO", "")

        def start(status, headers, exc_info=None):
            present = {name.lower() for name, _ in headers}
            own = self.headers if answers_page(headers, path) else self.file_headers
            headers = [*headers, *(h for h in own if h[0].lower() not in present)]
            if status[0] in "45" and "cache-control" not in present:
                headers.append(("Cache-Control", "no-store"))  # an error is no page to keep
            return start_response(status, headers, exc_info)

        if method not in ALLOWED_METHODS and not posts_answer(method, path):
            return refuse(start, "405 Method Not Allowed", METHOD_REFUSED, ALLOW)
        if method == "OPTIONS" and path == "*":  # what the server as a whole allows
            start("200 OK", [*ALLOW, ("Content-Length", "0"), ("Cache-Control", "no-store")])
            return [b""]
        if malformed(path):
            return refuse(start, "400 Bad Request", PATH_REFUSED)
        if not acceptable_host(environ.get("HTTP_HOST"), self.trusted_hosts):
            return refuse(start, "400 Bad Request", HOST_REFUSED)
        return self.wsgi_app(environ, start)


def posts_answer(method: str, path: str) -> bool:
    """Tell whether a request sends a visitor's answer: the one POST the site takes."""
    return method == "POST" and ANSWERS_PATH.fullmatch(path) is not None


def answers_page(headers, path: str) -> bool:
    """Tell whether an answer is a page, which a browser runs as a document of the site.

    Its Content-Type says. A 304 has none, and then its address does: a
    page's ends in "/" or ".html". Anything else is a file, kept in a sandbox.
    """
    found = next((value for name, value in headers if name.lower() == "content-type"), None)
    if found is None:
        return path.endswith(("/", ".html"))
    return is_page(found)


def malformed(path: str) -> bool:
    """Tell whether a request's path is one no page, file or edition ever has.

    The path is as the server decoded it (%2f is already "/", %00 a NUL), one
    character per byte. Refused: a path that does not start with "/" (an
    `OPTIONS *` is answered before), control characters, backslashes, "." and
    ".." segments, empty segments ("//"), bytes that are not UTF-8 (overlong
    forms such as %c0%ae included) and paths over MAX_PATH characters. Routes
    check their own paths as well; this turns the tricks away before any does.
    """
    if len(path) > MAX_PATH or UNSAFE_CHARACTER.search(path):
        return True
    if path and not path.startswith("/"):  # `*`, or anything but an absolute path
        return True
    if any(segment in ("", ".", "..") for segment in path.split("/")[1:-1]):
        return True
    if path.endswith(("/.", "/..")):
        return True
    try:
        path.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return True
    return False


def acceptable_host(host: str | None, trusted_hosts=None) -> bool:
    """Tell whether a Host header is a host name or address with an optional port.

    Pages, their links and the page cache's keys are made from it, so a Host
    such as `museum.example/about` must never reach them. A request without
    one (HTTP/1.0) is answered under the server's own name. With a list of
    trusted hosts (from EXHIBITION_BASE_URL), only those are accepted.
    """
    if host is None:
        return True
    return host_is_trusted(host, trusted_hosts)


def refuse(start_response, status: str, body: bytes, headers=()) -> list[bytes]:
    """Answer a request the site will not serve with a short sentence, never cached."""
    start_response(
        status,
        [
            *headers,
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Length", str(len(body))),
            ("Cache-Control", "no-store"),
        ],
    )
    return [body]


def init_app(app: Flask) -> Edge:
    """Put the edge outside every other layer of the app, in any order of set-up; return it."""
    pages, files = security_headers(app.config), security_headers(app.config, page=False)
    edge = Edge(app.wsgi_app, pages, files, app.config["TRUSTED_HOSTS"])
    layers.add(app, "edge", edge)
    return edge
