"""Render curators' Markdown to HTML that cannot carry markup of its own."""

from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt

_markdown = MarkdownIt("commonmark", {"html": False, "typographer": True}).enable(
    ["replacements", "smartquotes", "table", "strikethrough"]
)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def render(text: str, top: int = 2) -> str:
    """Return HTML for Markdown text; raw HTML in the text is shown as text.

    The text's highest heading becomes level `top` (`<h2>` by default) and
    the others follow it, so text placed under a page's own title never adds
    a second `<h1>` nor skips a level, whether its author began with `#` or `##`.
    """
    tokens = _markdown.parse(text)
    headings = [t for t in tokens if t.type in ("heading_open", "heading_close")]
    if headings:
        shift = top - min(int(t.tag[1]) for t in headings)
        for token in headings:
            token.tag = f"h{min(6, int(token.tag[1]) + shift)}"
    return _markdown.renderer.render(tokens, _markdown.options, {})


def plain_text(markup: str) -> str:
    """Return the words of rendered HTML, for descriptions and counts."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", markup))).strip()


def summarise(text: str, limit: int = 160) -> str:
    """Return at most `limit` characters of text, cut at a word."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",.;:") + "…"


def escape(text: str) -> str:
    """Return text with HTML's special characters escaped."""
    return html.escape(text, quote=True)
