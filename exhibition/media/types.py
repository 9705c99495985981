"""The one table of the kinds of file the site sends, and the media type each is sent as.

A file is sent only if its name ends in an extension of this table, and
always with the table's type, never one guessed from the name or the bytes:
a curator's `clip.html` is no caption and no page, and is never sent as one.
Each route narrows the table to what it serves: `/media/` the kinds the
content format allows, `/derivatives/` what the image build writes, a frozen
edition those and the site's own pages, style sheets, scripts and fonts.
"""

from __future__ import annotations

from pathlib import PurePosixPath

IMAGES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".gif": "image/gif",
    ".avif": "image/avif",
    ".tif": "image/tiff",
    ".tiff": "image/tiff",
    ".heic": "image/heic",
    ".heif": "image/heif",
}
# The images every browser shows as they are; pages show the others (a TIFF, a phone's
# HEIC) only through their derivatives.
BROWSER_IMAGES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif"})
AUDIO = {
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".ogg": "audio/ogg",
    ".oga": "audio/ogg",
    ".opus": "audio/ogg",
    ".wav": "audio/wav",
    ".flac": "audio/flac",
}
VIDEO = {".mp4": "video/mp4", ".webm": "video/webm", ".ogv": "video/ogg"}
CAPTIONS = {".vtt": "text/vtt; charset=utf-8"}
TRANSCRIPTS = {
    ".md": "text/markdown; charset=utf-8",
    ".markdown": "text/markdown; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}
# What the site itself adds around the content: pages, the sitemap, style, script, fonts,
# icons, the zoom viewer's descriptors, and the results of visitors' answers.
SITE = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml",
    ".json": "application/json",
    ".dzi": "application/xml",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".woff2": "font/woff2",
    ".svg": "image/svg+xml",
}
# A frozen edition's search index (Pagefind's own compressed files), in its pagefind/ alone.
SEARCH_INDEX = {
    ".pf_meta": "application/octet-stream",
    ".pf_index": "application/octet-stream",
    ".pf_fragment": "application/octet-stream",
    ".pagefind": "application/octet-stream",
}
TYPES = {**IMAGES, **AUDIO, **VIDEO, **CAPTIONS, **TRANSCRIPTS, **SITE, **SEARCH_INDEX}

CONTENT = frozenset({*IMAGES, *AUDIO, *VIDEO, *CAPTIONS, *TRANSCRIPTS})  # /media/
DERIVATIVES = frozenset({".avif", ".webp", ".jpg", ".png", ".dzi"})  # /derivatives/
SEARCH_FILES = frozenset({*SEARCH_INDEX, ".js", ".json"})  # an edition's pagefind/
PAGE = "text/html"


def media_type(name: str, kinds: frozenset[str] | None = None) -> str | None:
    """Return the type a file is sent with, or None if it is not of the kinds sent.

    `kinds` narrows the table to some extensions; without it, the whole table.
    """
    suffix = PurePosixPath(name).suffix.lower()
    if kinds is not None and suffix not in kinds:
        return None
    return TYPES.get(suffix)


def is_page(content_type: str) -> bool:
    """Return True if a Content-Type is a page's: HTML, which a browser runs as a document."""
    return content_type.split(";", 1)[0].strip().lower() == PAGE
