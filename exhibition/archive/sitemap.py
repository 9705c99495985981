"""The sitemap: the address the site serves it at, and the pages it lists.

The web layer serves it at `PATH`; a freeze reads it there for the pages of
an edition and checks that each page it lists is in the edition.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

PATH = "/sitemap.xml"


def paths(body: bytes) -> list[str]:
    """Return the URL paths a sitemap lists."""
    try:
        root = ET.fromstring(body)
    except ET.ParseError:
        return []
    return [
        urlsplit((loc.text or "").strip()).path for loc in root.iter() if loc.tag.endswith("loc")
    ]
