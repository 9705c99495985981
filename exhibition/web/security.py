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
"""

from __future__ import annotations

import base64
import hashlib

from flask import Flask

ALLOWED_METHODS = ("GET", "HEAD", "OPTIONS")
# The text of the <style> element static/vendor/openseadragon/openseadragon.min.js adds;
# tests/test_security.py fails if a new version of the viewer adds another.
VIEWER_STYLE = (
    "@media (hover: none) {    .openseadragon-canvas:focus {        outline: none !important;    }}"
)
TWO_YEARS = 63_072_000
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


def content_security_policy(frame_ancestors: str, https: bool) -> str:
    """Return the Content-Security-Policy of every response."""
    directives = [
        "default-src 'none'",
        "script-src 'self'",
        f"style-src 'self' {style_hash(VIEWER_STYLE)}",
        "img-src 'self'",
        "font-src 'self'",
        "media-src 'self'",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        f"frame-ancestors {frame_ancestors}",
    ]
    if https:
        directives.append("upgrade-insecure-requests")
    return "; ".join(directives)


def security_headers(config) -> tuple[tuple[str, str], ...]:
    """Return the headers every response carries, from the app's settings."""
    ancestors = config["FRAME_ANCESTORS"]
    headers = [
        ("Content-Security-Policy", content_security_policy(ancestors, config["HTTPS"])),
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
    """Refuse methods the site has no use for, and add the security headers to every answer."""

    def __init__(self, wsgi_app, headers: tuple[tuple[str, str], ...]):
        self.wsgi_app = wsgi_app
        self.headers = headers

    def __call__(self, environ, start_response):
        """Answer 405 to a method other than GET, HEAD or OPTIONS; pass anything else on."""

        def start(status, headers, exc_info=None):
            present = {name.lower() for name, _ in headers}
            headers = [*headers, *(h for h in self.headers if h[0].lower() not in present)]
            return start_response(status, headers, exc_info)

        if environ.get("REQUEST_METHOD") not in ALLOWED_METHODS:
            return refuse_method(start)
        return self.wsgi_app(environ, start)


def refuse_method(start_response) -> list[bytes]:
    """Answer 405 Method Not Allowed, naming the methods the site answers."""
    body = b"Method not allowed: this site only answers GET, HEAD and OPTIONS.\n"
    start_response(
        "405 Method Not Allowed",
        [
            ("Allow", ", ".join(ALLOWED_METHODS)),
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Length", str(len(body))),
            ("Cache-Control", "no-store"),
        ],
    )
    return [body]


def init_app(app: Flask) -> Edge:
    """Put the edge outside every other layer of the app and return it."""
    edge = Edge(app.wsgi_app, security_headers(app.config))
    app.wsgi_app = edge
    return edge
