"""Free pages, the sitemap, robots.txt and the error pages."""

from __future__ import annotations

from flask import Blueprint, Flask, Response, abort, current_app, render_template

from .. import facets, tags, timeline
from ..archive.sitemap import PATH as SITEMAP
from ..media import types
from ..model import page_count
from .current import current_exhibition, store
from .search import facets_of
from .urls import absolute_url

bp = Blueprint("pages", __name__)


@bp.get("/<page>/")
@bp.get("/<lang:lang>/<page>/")
def page(page: str):
    """Show a free page from content/pages/."""
    found = current_exhibition().page(page)
    if found is None:
        abort(404)
    return render_template("page.html", page=found)


@bp.get("/privacy/")
@bp.get("/<lang:lang>/privacy/")
def privacy():
    """Say what the site keeps about visitors: content/pages/privacy.md if curators wrote one."""
    found = current_exhibition().page("privacy")
    if found is not None:
        return render_template("page.html", page=found)
    return render_template("privacy.html")


@bp.get(SITEMAP)
def sitemap():
    """List every page in every language, with its versions, for search engines."""
    exhibition = current_exhibition()
    pages = [("gallery.lobby", {})]
    for room in exhibition.rooms:
        pages.append(("gallery.room", {"room": room.slug}))
        pages += [("gallery.room_page", {"room": room.slug, "number": n}) for n in _later(room)]
        pages += [
            ("gallery.exhibit", {"room": room.slug, "exhibit": e.slug}) for e in room.exhibits
        ]
    pages += [("pages.page", {"page": p.slug}) for p in exhibition.pages if p.slug != "privacy"]
    pages.append(("pages.privacy", {}))
    pages += _tags_and_timeline(exhibition)
    pages += _browse_pages(exhibition)
    languages = exhibition.languages if len(exhibition.languages) > 1 else (exhibition.language,)
    entries = []
    for endpoint, values in pages:
        versions = [
            (
                tag,
                absolute_url(endpoint, lang=None if tag == exhibition.language else tag, **values),
            )
            for tag in languages
        ]
        entries += [(url, versions if len(versions) > 1 else []) for _, url in versions]
    xml = render_template("sitemap.xml", entries=entries)
    return Response(xml, mimetype=types.TYPES[".xml"])


def _later(listing) -> range:
    """Return the numbers of a room's or a tag's pages after the first."""
    return range(2, listing.page_count + 1)


def _tags_and_timeline(exhibition) -> list[tuple[str, dict]]:
    """Return the tag index, each page of each tag, and each page of the timeline."""
    pages = [("browse.every_tag", {}), ("browse.timeline_page", {})]
    later = range(2, timeline.pages(exhibition) + 1)
    pages += [("browse.timeline_later_page", {"number": n}) for n in later]
    for tag in tags.every_tag(exhibition):
        pages.append(("browse.tag", {"tag": tag.slug}))
        pages += [("browse.tag_page", {"tag": tag.slug, "number": n}) for n in _later(tag)]
    return pages


def _browse_pages(exhibition) -> list[tuple[str, dict]]:
    """Return each page of the browse page and of each facet value's; never a combination."""
    table = facets_of(exhibition)
    pages = [("search.browse", {})]
    pages += [("search.browse_page", {"number": n}) for n in _after_first(table.every)]
    for facet in facets.FACETS:
        for value, rows in sorted(table.sets[facet].items()):
            where = {"facet": facet, "value": value}
            pages.append(("search.facet", where))
            pages += [("search.facet_page", {**where, "number": n}) for n in _after_first(rows)]
    return pages


def _after_first(rows: int) -> range:
    """Return the numbers of the pages after the first of a browse page listing these rows."""
    return range(2, page_count(rows.bit_count()) + 1)


@bp.get("/robots.txt")
def robots():
    """Tell crawlers they are welcome, and where the sitemap is."""
    text = f"User-agent: *\nAllow: /\nSitemap: {absolute_url('pages.sitemap')}\n"
    return Response(text, mimetype="text/plain")


def init_errors(app: Flask) -> None:
    """Show errors in the site's own look."""

    @app.errorhandler(404)
    def not_found(error):
        return render_template("404.html"), 404

    @app.errorhandler(503)
    def unavailable(error):
        lines = ["The exhibition cannot be shown: its exhibition.yaml has errors."]
        if current_app.config["PREVIEW"]:
            lines += [str(p) for p in store().problems]
        return Response("\n".join(lines) + "\n", 503, mimetype="text/plain")
