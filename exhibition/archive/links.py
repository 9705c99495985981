"""Find the URLs a page or style sheet uses, and rewrite them relative to the edition.

A frozen edition mirrors the site's URLs as files: `/rooms/art/` is
`rooms/art/index.html`, `/static/exhibition.css` is `static/exhibition.css`.
Every URL of the site in a frozen page becomes a relative link to the file
that stands for it, so the folder works at any path, under any server, and
from a zip unpacked on a desk.
"""

from __future__ import annotations

import functools
import html
import json
import math
import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import quote, unquote, urljoin, urlsplit
from xml.etree import ElementTree

from .. import jsonld
from ..media import types

URL_ATTRIBUTES = frozenset(
    {"href", "src", "poster", "data-zoom", "data-panorama", "action", "cite"}
)
META_URLS = frozenset({"og:url", "og:image", "og:image:url", "og:image:secure_url"})
KEEP = "data-live"  # an element whose links lead to the live site, left as they are
ATTRIBUTE = re.compile(r"""(\s)([^\s"'>/=]+)(\s*=\s*)("[^"]*"|'[^']*'|[^\s"'=<>`]+)""")
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
# The kinds each folder of an edition may hold: what its live route sends. Elsewhere are
# the site's own files (pages, style sheets, scripts, fonts), by the whole table.
FOLDER_KINDS = {
    "media": types.CONTENT,
    "derivatives": types.DERIVATIVES,
    "pagefind": types.SEARCH_FILES,
}


def media_type(path: str) -> str | None:
    """Return the type a frozen file is sent with, or None if an edition never holds its kind."""
    kinds = FOLDER_KINDS.get(path.split("/", 1)[0]) if "/" in path else None
    return types.media_type(path, kinds)


def file_of(path: str) -> str:
    """Return the edition's file for a URL path: `/rooms/art/` is `rooms/art/index.html`."""
    return file_at(unquote(path))


def file_at(path: str) -> str:
    """Return the edition's file for a path already decoded, as a server's router gives it."""
    return path.lstrip("/") + "index.html" if path.endswith("/") else path.lstrip("/")


def url_of(file: str) -> str:
    """Return the URL path a file of the edition stands for: the reverse of file_of."""
    if file == "index.html" or file.endswith("/index.html"):
        file = file.removesuffix("index.html")
    return "/" + quote(file)


def relative(from_file: str, to_file: str, fragment: str = "") -> str:
    """Return a link from one file of the edition to another, with its fragment."""
    link = _relative(to_file, posixpath.dirname(from_file) or ".")
    return link + (f"#{fragment}" if fragment else "")


@functools.lru_cache(maxsize=65536)
def _relative(to_file: str, folder: str) -> str:
    return quote(posixpath.relpath(to_file, folder))


def resolve(from_file: str, link: str) -> str | None:
    """Return the edition file a relative link leads to; None if it leaves the edition."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith("/"):
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(from_file), unquote(parts.path)))
    return None if joined.startswith("..") or joined == "." else joined


@dataclass
class Rewritten:
    """A page or style sheet with its site URLs made relative, and the files they name."""

    body: bytes
    targets: dict[str, str] = field(default_factory=dict)  # URL path -> its file
    links: list[str] = field(default_factory=list)  # every relative link written


class Site:
    """The live site a page came from: its origin, and where its page's file is."""

    def __init__(self, origin: str, aliases: dict[str, str] | None = None):
        self.origin = origin.rstrip("/")
        self.aliases = aliases or {}  # URL path -> the file that stands for it, if not its own

    def internal(self, page_url: str, link: str) -> tuple[str, str] | None:
        """Return (path, fragment) of a link that leads into the site; None otherwise."""
        if not link or link.startswith(("#", "data:", "mailto:", "javascript:")):
            return None
        link = link.strip()
        if link.startswith(self.origin + "/"):
            link = link[len(self.origin) :]
        if link.startswith("/") and not link.startswith("//"):  # the common case, made quick
            path, _, fragment = link.partition("#")
            return path.partition("?")[0], fragment
        parts = urlsplit(urljoin(self.origin + page_url, link))
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            return None
        return parts.path or "/", parts.fragment

    def rewrite(self, page_url: str, link: str, out: Rewritten) -> str:
        """Return a link made relative to the page's file; a link elsewhere is kept."""
        found = self.internal(page_url, link)
        if found is None:
            return link
        path, fragment = found
        target = self.aliases.get(path) or file_of(path)
        out.targets[path] = target
        new = relative(self.aliases.get(page_url) or file_of(page_url), target, fragment)
        out.links.append(new)
        return new

    def srcset(self, page_url: str, value: str, out: Rewritten) -> str:
        """Rewrite each URL of a srcset, keeping its width or density."""
        candidates = []
        for candidate in value.split(","):
            url, _, descriptor = candidate.strip().partition(" ")
            if url:
                new = self.rewrite(page_url, url, out)
                candidates.append(f"{new} {descriptor}".strip())
        return ", ".join(candidates)


# A page read as a stream of comments, scripts (whole) and start tags; the rest is kept as it is.
TOKENS = re.compile(
    r"<!--.*?-->"
    r"|(<script\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>)(.*?)(</script\s*>)"
    r"|<[a-zA-Z][^\s/>]*(?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
    re.S | re.I,
)
LIKELY = re.compile(
    r"\s(?:href|src|srcset|imagesrcset|poster|data-zoom|data-panorama|action|cite|content)\s*=",
    re.I,
)
KEPT = re.compile(rf"\s{KEEP}(?=[\s=/>])", re.I)
JSONLD = re.compile(r"""\stype\s*=\s*["']?application/ld\+json""", re.I)
PROPERTY = re.compile(r"""\sproperty\s*=\s*["']?([^"'\s>]+)""", re.I)


def rewrite_html(site: Site, page_url: str, body: bytes, *, ended: str = "") -> Rewritten:
    """Make every URL of the site in a page relative to the page's file.

    With `ended`, a sentence, an ExhibitionEvent in the page's JSON-LD says
    it has ended. schema.org has no status for that: its `EventScheduled`
    means "has taken place as scheduled", and stays; `endDate` is in the past.
    """
    out = Rewritten(b"")

    def token(match: re.Match) -> str:
        if match[1] is not None:  # a script: its tag, and its JSON-LD if it is that
            tag = _rewrite_tag(site, page_url, match[1], out)
            data = match[2]
            if JSONLD.search(match[1]):
                data = _rewrite_jsonld(site, page_url, data, out, ended)
            return tag + data + match[3]
        raw = match[0]
        if raw.startswith("<!--"):
            return raw
        return _rewrite_tag(site, page_url, raw, out)

    out.body = TOKENS.sub(token, body.decode("utf-8")).encode("utf-8")
    return out


def _rewrite_tag(site: Site, page_url: str, raw: str, out: Rewritten) -> str:
    """Rewrite the URLs of one start tag; a tag marked data-live is kept as it is."""
    if not LIKELY.search(raw) or KEPT.search(raw):
        return raw
    found = PROPERTY.search(raw)
    is_url_meta = bool(found) and found[1] in META_URLS

    def replace(match: re.Match) -> str:
        name = match[2].lower()
        quoted = match[4]
        value = html.unescape(quoted[1:-1] if quoted[0] in "\"'" else quoted)
        if name in URL_ATTRIBUTES or (name == "content" and is_url_meta):
            new = site.rewrite(page_url, value, out)
        elif name in ("srcset", "imagesrcset"):
            new = site.srcset(page_url, value, out)
        else:
            return match[0]
        if new == value:
            return match[0]
        return f'{match[1]}{match[2]}{match[3]}"{html.escape(new, quote=True)}"'

    return ATTRIBUTE.sub(replace, raw)


def _rewrite_jsonld(site: Site, page_url: str, data: str, out: Rewritten, ended: str) -> str:
    try:
        parsed = json.loads(data)
    except ValueError:
        return data

    def walk(value):
        if isinstance(value, dict):
            value = {key: walk(item) for key, item in value.items()}
            if ended and value.get("@type") == "ExhibitionEvent":
                value["disambiguatingDescription"] = ended
            return value
        if isinstance(value, list):
            return [walk(item) for item in value]
        if isinstance(value, str) and value.startswith(site.origin + "/"):
            return site.rewrite(page_url, value, out)
        return value

    new = walk(parsed)
    return data if new == parsed else jsonld.dumps(new)


def rewrite_css(site: Site, sheet_url: str, body: bytes) -> Rewritten:
    """Make the site's URLs in a style sheet relative; note every file it uses."""
    out = Rewritten(b"")

    def replace(match: re.Match) -> str:
        link = match[2] or match[4]
        if link.startswith("data:"):
            return match[0]
        new = site.rewrite(sheet_url, link, out)
        return match[0].replace(link, new, 1)

    text = CSS_URL.sub(replace, body.decode("utf-8"))
    out.body = text.encode("utf-8")
    return out


def dzi_tiles(dzi_url: str, body: bytes) -> list[str]:
    """Return the URL of every tile a Deep Zoom descriptor leads a viewer to load."""
    try:
        image = ElementTree.fromstring(body)
        size = next(e for e in image.iter() if e.tag.rsplit("}", 1)[-1] == "Size")
        width, height = int(size.get("Width")), int(size.get("Height"))
        tile, kind = int(image.get("TileSize")), image.get("Format")
    except (ElementTree.ParseError, StopIteration, TypeError, ValueError):
        return []
    folder = dzi_url.removesuffix(".dzi") + "_files"
    top = math.ceil(math.log2(max(width, height, 1)))
    tiles = []
    for level in range(top + 1):
        scale = 2 ** (top - level)
        columns = math.ceil(math.ceil(width / scale) / tile)
        rows = math.ceil(math.ceil(height / scale) / tile)
        tiles += [f"{folder}/{level}/{c}_{r}.{kind}" for c in range(columns) for r in range(rows)]
    return tiles
