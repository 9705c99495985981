"""Search and browse: the exhibits a visitor's words and facets find, with no JavaScript.

The indexes (exhibition/search.py) are made for each language's snapshot off the
request path, by a thread started when the app starts and each time the content
loads anew; a request that comes before one is ready waits for it. Search pages
read the query string, so the page cache never stores them (cache.READS_QUERY):
a flood of distinct queries costs renders, never cache space.
"""

from __future__ import annotations

import hashlib
import os
import threading
import weakref
from functools import partial
from pathlib import Path

from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from markupsafe import Markup, escape

from .. import facets, model
from ..archive.stamp import STAMP
from ..search import MARK, SearchIndex, sweep
from ..snapshot import code_version
from .current import current_exhibition, store
from .paging import asked, page_of, query_page_of

bp = Blueprint("search", __name__)
BROWSER_SECONDS = 300  # how long a browser may keep a search page


class Indexes:
    """The search index and facets of each language of the snapshot being served, made once.

    Browse pages read only the facets, which need no SQLite. A fork waits for an
    index being made (SQLite's own locks, held by a thread the child lacks, would
    never be let go there), and the child starts with none: it makes its own.
    """

    def __init__(self, folder: Path | None = None):
        self.folder = folder  # where each snapshot's indexes are kept, for every worker to read
        self._forget()
        mine = weakref.ref(self)
        os.register_at_fork(
            before=lambda: (found := mine()) and found._lock.acquire(),
            after_in_parent=lambda: (found := mine()) and found._lock.release(),
            after_in_child=lambda: (found := mine()) and found._forget(),
        )

    def _forget(self) -> None:
        self._lock = threading.Lock()
        self._source: object = None
        self._built: dict[str, SearchIndex] = {}
        self._tables: dict[str, facets.Table] = {}

    def of(self, primary, exhibition) -> SearchIndex:
        """Return the index of an exhibition in a language, made now if it is not yet."""
        with self._lock:
            self._follow(primary)
            if exhibition.language not in self._built:
                table = self._table(exhibition)
                file = self._file(exhibition)
                self._built[exhibition.language] = SearchIndex(exhibition, table, file)
                if file is not None:
                    sweep(self.folder, {file.name})
            return self._built[exhibition.language]

    def facets(self, primary, exhibition) -> facets.Table:
        """Return the facets of an exhibition in a language, made now if they are not yet."""
        with self._lock:
            self._follow(primary)
            return self._table(exhibition)

    def _file(self, exhibition) -> Path | None:
        """Return the file an exhibition's index is kept in: one per snapshot, language and code."""
        if self.folder is None or not exhibition.version:
            return None
        made_of = f"{code_version()} {exhibition.version} {exhibition.language}"
        return (
            self.folder / f"{hashlib.blake2b(made_of.encode(), digest_size=16).hexdigest()}.sqlite3"
        )

    def _follow(self, primary) -> None:
        """Forget what was made for another snapshot than the one being served."""
        if self._source is not primary:
            self._source, self._built, self._tables = primary, {}, {}

    def _table(self, exhibition) -> facets.Table:
        if exhibition.language not in self._tables:
            every = (exhibit for room in exhibition.rooms for exhibit in room.exhibits)
            self._tables[exhibition.language] = facets.Table(every, first=1)
        return self._tables[exhibition.language]

    def warm(self, content) -> None:
        """Make every language's index of the content loaded now, in a background thread.

        Each language's copy of the exhibition is made first, for all of them:
        every page in that language needs it, and its first visitor need not wait.
        """

        def run():
            primary = content.exhibition
            languages = primary.languages or (primary.language,)
            copies = [content.in_language(primary, language) for language in languages]
            for exhibition in copies:
                self.of(primary, exhibition)

        threading.Thread(target=run, name="search-index", daemon=True).start()


def marked(text: str) -> Markup:
    """Return a snippet as HTML: its text escaped, its matches in <mark>."""
    start, end = MARK
    html = str(escape(text)).replace(start, "<mark>").replace(end, "</mark>")
    return Markup(html)


def _index(exhibition) -> SearchIndex:
    primary = g.get("exhibition") or store().exhibition
    return current_app.extensions["search"].of(primary, exhibition)


def facets_of(exhibition) -> facets.Table:
    """Return the facets of the exhibition served, in a language: made once per snapshot."""
    primary = g.get("exhibition") or store().exhibition
    return current_app.extensions["search"].facets(primary, exhibition)


@bp.get("/search/")
@bp.get("/<lang:lang>/search/")
def search():
    """Show what a query finds, with facets; with no query, the browse page.

    An archived edition's search page is its own: static/search.js searches the
    edition's Pagefind index, since no server answers it.
    """
    if request.environ.get(STAMP):
        return _page("search_edition.html")
    text = request.args.get("q", "")
    if not text.strip():
        return browse()
    exhibition, state = current_exhibition(), facets.State.of(request.args)
    results = _index(exhibition).search(text, state)  # ranked, narrowed, counted in the index
    shown = [(hit, _exhibit(exhibition, (hit.room, hit.exhibit))) for hit in results.hits]
    return _page("search.html", results=results, shown=shown, state=state, counts=results.counts)


def _exhibit(exhibition, place: tuple[str, str]):
    room, exhibit = place
    return exhibition.room(room).exhibit(exhibit)


@bp.get("/browse/")
@bp.get("/<lang:lang>/browse/")
def browse():
    """Show the first page of every exhibit, or of those the facets of the query string admit.

    Facets chosen in the query string (a combination, which crawlers are not led
    to and the page cache never stores) page with `?page=n` added to it. With
    none chosen, `?page=n` is sent, for good, to the page's own address.
    """
    exhibition, state = current_exhibition(), facets.State.of(request.args)
    if state.chosen:
        paged = partial(query_page_of, "search.browse", **dict(state.chosen))
        return _browsed(exhibition, state, paged)
    if "page" in request.args:
        number = asked(request.args)
        to = url_for("search.browse_page", number=number) if number > 1 else url_for(".browse")
        return redirect(to, 301)
    return browse_page(1)


@bp.get("/browse/page/<int:number>/")
@bp.get("/<lang:lang>/browse/page/<int:number>/")
def browse_page(number: int):
    """Show a page of every exhibit, PAGE_SIZE a page; page 1 is the browse page's own address."""
    paged = partial(page_of, "search.browse", "search.browse_page", number=number)
    return _browsed(current_exhibition(), facets.State(), paged)


@bp.get("/browse/<facet>/<value>/")
@bp.get("/<lang:lang>/browse/<facet>/<value>/")
def facet(facet: str, value: str):
    """Show the exhibits with one facet value: the page of `/browse/?facet=value`, at a path.

    A path needs no query string, so these pages are crawlable, cached and frozen.
    """
    return facet_page(facet, value, 1)


@bp.get("/browse/<facet>/<value>/page/<int:number>/")
@bp.get("/<lang:lang>/browse/<facet>/<value>/page/<int:number>/")
def facet_page(facet: str, value: str, number: int):
    """Show a page of the exhibits with one facet value; page 1 is the value's own address."""
    exhibition = current_exhibition()
    if value not in facets_of(exhibition).sets.get(facet, {}):
        abort(404)
    where = {"facet": facet, "value": value, "number": number}
    paged = partial(page_of, "search.facet", "search.facet_page", **where)
    return _browsed(exhibition, facets.State(((facet, value),)), paged)


def _browsed(exhibition, state: facets.State, paged):
    """Render the page `paged(count)` gives of the exhibits a state admits, as cards.

    The facets count the whole selection, whichever page is shown.
    """
    table = facets_of(exhibition)
    admitted = table.admitted(state)
    total = admitted.bit_count()
    paging = paged(count=model.page_count(total))
    rows = model.page_of(tuple(facets.numbers(admitted)), paging.number)
    shown = [exhibition.tour[n - 1] for n in rows]  # row n is the tour's n-th exhibit
    counts = table.counts(table.every, state)
    return _page("browse.html", shown=shown, total=total, paging=paging, state=state, counts=counts)


def facet_link(state: facets.State, facet: str, value: str) -> tuple[str | None, bool]:
    """Return where a facet value's link leads, and whether crawlers should follow it.

    A search keeps its words in the query string. Browsing, no choice is the browse
    page and one choice its own path; a combination is a query string, not followed,
    and in a frozen edition, where no server reads query strings, no link at all.
    Only a search page reads `q`: a browse page at a path is stored in the page
    cache whatever its query string, so its links must not depend on one.
    """
    args = state.toggled(facet, value)
    if request.endpoint == "search.search" and request.args.get("q"):
        return url_for("search.search", q=request.args["q"], **args), False
    if not args:
        return url_for("search.browse"), True
    if len(args) == 1:
        ((chosen, one),) = args.items()
        return url_for("search.facet", facet=chosen, value=one), True
    if request.environ.get(STAMP):
        return None, False
    return url_for("search.browse", **args), False


def _page(template: str, **values):
    response = current_app.make_response(
        render_template(
            template, marked=marked, facet_names=facets.FACETS, facet_link=facet_link, **values
        )
    )
    response.cache_control.public = True
    response.cache_control.max_age = BROWSER_SECONDS
    return response


def init_app(app: Flask) -> None:
    """Serve search and browse pages, and make the indexes as the content loads."""
    indexes = app.extensions["search"] = Indexes(Path(app.config["CACHE_DIR"]) / "search")
    app.register_blueprint(bp)
    content = app.extensions["exhibition"]
    content.loaded_anew.append(indexes.warm)  # each reload's indexes made off the request path
    if content.has_loaded:  # a command's store tells when it loads, if it ever does
        indexes.warm(content)
