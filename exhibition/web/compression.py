"""HTTP content coding: which coding a browser accepts, and the compressed copies of a body.

Brotli is used when its package is installed, gzip always. Bodies are
compressed once, when a page is cached or an asset first read, never on a
cache hit.
"""

from __future__ import annotations

import gzip
from functools import lru_cache

try:
    import brotli
except ImportError:  # brotli is optional: gzip alone still works
    brotli = None

# The codings made, best first; a browser's q-values can reorder them.
CODINGS = ("br", "gzip") if brotli else ("gzip",)
COMPRESSIBLE = frozenset(
    {
        "text/html",
        "text/css",
        "text/plain",
        "text/xml",
        "text/javascript",
        "application/javascript",
        "application/json",
        "application/ld+json",
        "application/xml",
        "image/svg+xml",
    }
)
SMALLEST = 512  # bytes; below this the headers weigh more than the saving
BROTLI_QUALITY = 5  # near brotli 11's size at a twentieth of its time (docs/benchmarks.md)


def compressible(mimetype: str | None, size: int) -> bool:
    """Return True if a body of this type and size is worth compressing."""
    return bool(mimetype) and mimetype.split(";")[0].strip() in COMPRESSIBLE and size >= SMALLEST


def compress(body: bytes, codings=CODINGS) -> dict[str, bytes]:
    """Return the body in each coding that makes it smaller, by coding name."""
    made = {}
    for coding in codings:
        if coding == "br":
            packed = brotli.compress(body, quality=BROTLI_QUALITY)
        else:
            packed = gzip.compress(body, compresslevel=6, mtime=0)
        if len(packed) < len(body):
            made[coding] = packed
    return made


@lru_cache(maxsize=256)
def preferences(accept_encoding: str) -> tuple[str, ...]:
    """Return the codings we make that an Accept-Encoding header accepts, best first."""
    weights: dict[str, float] = {}
    for part in accept_encoding.lower().split(","):
        name, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        weights[name.strip()] = quality
    wildcard = weights.get("*", 0.0)
    ranked = [(weights.get(coding, wildcard), -rank, coding) for rank, coding in enumerate(CODINGS)]
    return tuple(coding for quality, _, coding in sorted(ranked, reverse=True) if quality > 0)


def choose(accept_encoding: str, available) -> str:
    """Return the best coding both sides have, or "" for the body as it is."""
    if not accept_encoding:
        return ""
    return next((c for c in preferences(accept_encoding) if c in available), "")


def etag(digest: str, coding: str = "") -> str:
    """Return the strong ETag of a body in one coding: each coding is its own representation."""
    return f'"{digest}-{coding}"' if coding else f'"{digest}"'


def not_modified(if_none_match: str, etag: str) -> bool:
    """Return True if an If-None-Match header names this ETag (weak comparison, RFC 9110)."""
    if not if_none_match:
        return False
    if if_none_match.strip() == "*":
        return True
    return any(tag.strip().removeprefix("W/") == etag for tag in if_none_match.split(","))


def compress_response(environ, status: str, headers: list, body: bytes) -> tuple[list, bytes]:
    """Return the headers and body of a response that is not a page, compressed if accepted."""
    names = {name.lower(): value for name, value in headers}
    if (
        status[:3] in ("204", "206", "304")
        or "content-encoding" in names
        or not compressible(names.get("content-type"), len(body))
    ):
        return headers, body
    headers = [(n, v) for n, v in headers if n.lower() not in ("content-length", "vary")]
    vary = [v for v in (names.get("vary"), "Accept-Encoding") if v]
    headers.append(("Vary", ", ".join(vary)))
    coding = choose(environ.get("HTTP_ACCEPT_ENCODING", ""), CODINGS)
    packed = compress(body, (coding,)).get(coding) if coding else None
    if packed is not None:
        body = packed
        headers.append(("Content-Encoding", coding))
    headers.append(("Content-Length", str(len(body))))
    return headers, body
