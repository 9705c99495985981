"""Read a page as a crawler does (the URLs it refers to, and its links), and check its HTML."""

from __future__ import annotations

import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

from tests.support.live import NODE_MODULES, require

VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"


class PageLinks(HTMLParser):
    """Collect the URLs a page refers to, and its links' rel and text."""

    def __init__(self, html: str):
        super().__init__()
        self.urls: list[str] = []
        self.links: list[dict] = []
        self._link: dict | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        self.urls += [attrs[name] for name in ("href", "src", "poster") if attrs.get(name)]
        srcset = attrs.get("srcset", "")
        self.urls += [candidate.split()[0] for candidate in srcset.split(",") if candidate.strip()]
        if tag == "meta" and attrs.get("property") == "og:image":
            self.urls.append(attrs.get("content", ""))
        if tag == "a":
            self._link = {"href": attrs.get("href", ""), "rel": attrs.get("rel", "").split()}
            self._link["text"] = ""
            self.links.append(self._link)

    def handle_endtag(self, tag):
        if tag == "a":
            self._link = None

    def handle_data(self, data):
        if self._link is not None:
            self._link["text"] += data

    def link(self, *, rel: str | None = None, text: str | None = None) -> str | None:
        """Return the href of the first link with a rel, or whose text starts with text."""
        for link in self.links:
            if (rel and rel in link["rel"]) or (text and link["text"].strip().startswith(text)):
                return link["href"]
        return None


def check_html(folder: Path) -> list[dict]:
    """Run the Nu Html Checker once on every HTML file in folder; return its errors."""
    vnu = require(VNU, "install the checkers with `npm ci` (`make test` does)")
    java = require(Path(shutil.which("java") or "/usr/bin/java"), "install a Java runtime")
    command = [java, "-jar", vnu, "--errors-only", "--skip-non-html", "--format", "json", folder]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    try:
        messages = json.loads(result.stderr)["messages"]
    except ValueError:
        raise AssertionError(f"vnu.jar failed ({result.returncode}): {result.stderr}") from None
    assert messages or result.returncode == 0, result.stderr
    return messages
