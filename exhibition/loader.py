"""Read a content folder into an Exhibition, collecting every problem on the way.

Pure Python: no Flask here. `load(root)` is the one entry point.
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from . import curatorpanorama, markup, model, readahead, reuse, schemas, translations
from .exhibits import read_markdown
from .fields import FileProblems, check_fields
from .media.prefetch import prefetch
from .media.probe import DEFAULT_LIMITS, Limits
from .media.probecache import ProbeCache
from .messages import content, files, words
from .problems import BLOCKING, ContentError, Problem
from .reuse import Loaded  # noqa: F401 - where the loader's callers have always found it
from .yamltext import YAMLProblem, load_yaml, read_text

FOLDER_NAME = re.compile(r"(?:(\d+)-)?([a-z0-9]+(?:-[a-z0-9]+)*)")
RESERVED_PAGES = frozenset({"rooms", "archive", "media", "static", "assets", "healthz", "readyz"})


@dataclass(frozen=True)
class FolderEntry:
    """A numbered or plain folder (or file) of the content tree."""

    path: Path
    number: int | None
    slug: str


class Walker:
    """Walks one content folder; knows its root and collects problems."""

    def __init__(
        self,
        root: Path,
        previous: model.Exhibition | None = None,
        limits: Limits = DEFAULT_LIMITS,
        probes: ProbeCache | None = None,
        memo: reuse.Memo | None = None,
    ):
        self.root = root.resolve()
        self.prefix = str(self.root).rstrip("/") + "/"
        self.limits = limits
        self.probes = probes or ProbeCache()
        self.previous = {e.folder: e for e in previous.tour} if previous else {}
        self.reports: list[FileProblems] = []
        self.translator = translations.Translator(self, None)
        self.memo = memo or reuse.Memo()  # the last load's: read, never changed
        self.kept = reuse.Memo()  # this load's, for the next
        self.versions: list[str] = []  # digests of the rooms and exhibits served, in order
        self.listings: reuse.Listings = {}  # folders just listed by the content's walk

    def rel(self, path: Path) -> str:
        """Return a path relative to the content folder, as curators see it."""
        text = str(path)
        if text.startswith(self.prefix):  # what the walk joined to the root: no parsing
            return text[len(self.prefix) :]
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def report(self, path: Path) -> FileProblems:
        """Start a report for one file; its problems join the walk's."""
        report = FileProblems(self.rel(path))
        self.reports.append(report)
        return report

    def inside(self, path: Path) -> bool:
        """Return True if a path, links followed, stays within the content folder."""
        try:
            path.resolve().relative_to(self.root)
        except (ValueError, OSError, RuntimeError):
            return False
        return True

    def render(self, text: str) -> str:
        """Return the HTML of Markdown text, rendered once while the text stays the same."""
        html = self.memo.texts.get(text)
        if html is None:
            html = markup.render(text)
        self.kept.texts[text] = html
        return html

    def entries(self, folder: Path, *, dirs: bool, suffix: str = "") -> list[FolderEntry]:
        """List a folder's rooms, exhibits or pages in order; report bad names.

        The folder's own path is resolved once: what is in it and is no link
        is inside the content folder if the folder is.
        """
        found = []
        report = self.report(folder)
        folder_inside = self.inside(folder)
        for item in sorted(os.scandir(folder), key=lambda item: item.name):
            path = folder / item.name
            if item.name.startswith((".", "_")) or item.is_dir() != dirs:
                continue
            if not (folder_inside and not item.is_symlink()) and not self.inside(path):
                report.error(None, files.link_leaves_content(path.name))
                continue
            stem = path.name.removesuffix(suffix) if suffix else path.name
            if suffix and (not path.name.endswith(suffix) or "." in stem):
                continue  # not a page, or a translation (exhibit.fr.md) kept for later
            match = FOLDER_NAME.fullmatch(stem)
            if not match:
                report.error(None, files.bad_folder_name(path.name, _renamed(path.name, suffix)))
                continue
            number = int(match[1]) if match[1] is not None else None
            found.append(FolderEntry(path, number, match[2]))
        found.sort(key=lambda e: (e.number is None, e.number or 0, e.slug))
        return self.unique(found)

    def unique(self, entries: list[FolderEntry]) -> list[FolderEntry]:
        """Drop entries whose slug an earlier one has, reporting each."""
        seen: dict[str, FolderEntry] = {}
        for entry in entries:
            if entry.slug in seen:
                other = self.rel(seen[entry.slug].path)
                self.report(entry.path).error(None, files.slug_taken(entry.slug, other))
            else:
                seen[entry.slug] = entry
        return list(seen.values())


def _renamed(name: str, suffix: str) -> str:
    """Return the name a folder or page most likely meant: '02-Café' is '02-cafe'."""
    number, _, rest = name.partition("-")
    if not number.isdigit():
        number, rest = "", name
    slug = words.slug_for(rest.removesuffix(suffix) if suffix else rest)
    if not slug:
        return ""
    return f"{number}-{slug}{suffix}" if number else f"{slug}{suffix}"


def load(
    root: Path | str,
    *,
    drafts: bool = False,
    previous: model.Exhibition | None = None,
    limits: Limits = DEFAULT_LIMITS,
    probes: ProbeCache | None = None,
    memo: reuse.Memo | None = None,
    listings: reuse.Listings | None = None,
) -> Loaded:
    """Load the exhibition in `root`; raise ContentError if exhibition.yaml is broken.

    A broken exhibition.yaml hides nothing else: the rooms, exhibits and pages
    are still checked, and the ContentError carries every problem found.
    An exhibit that has an error now but loaded from `previous` keeps its
    previous version, so a mistake never takes down what visitors could see.
    With the `memo` of an earlier load of the same folder and settings, an
    exhibit folder whose files are unchanged is not read again (reuse.py):
    the result is the same as without it. Without one, the images the probe
    cache lacks are probed in parallel first (media/prefetch.py), then the
    exhibit folders are read in parallel (readahead.py). `listings`: the
    folders the content's walk has just listed, to compare with the memo.
    """
    walker = Walker(Path(root), previous, limits, probes, memo)
    walker.listings = listings or {}
    if memo is None:  # a first load: probe the new images on every core, not one by one
        prefetch(walker.probes, walker.root, limits)
    settings = _load_exhibition_yaml(walker)
    walker.translator = translations.Translator(walker, settings)
    if memo is None:  # and the exhibit folders on every core, for the walk to find read
        walker.memo = readahead.read_ahead(walker)
    rooms = _load_rooms(walker, drafts)
    pages = _load_pages(walker)
    problems = _problems(walker)
    if settings is None:
        blocking = [p for p in problems if p.path == "exhibition.yaml" and p.severity in BLOCKING]
        raise ContentError(problems, blocking)
    exhibition = model.Exhibition(rooms=tuple(rooms), pages=tuple(pages), **settings)
    exhibition = walker.translator.exhibition(exhibition)
    version = reuse.digest(settings, pages, walker.versions, exhibition.translations)
    return Loaded(replace(exhibition, version=version), _problems(walker), walker.kept)


def _problems(walker: Walker) -> list[Problem]:
    """Return every problem the walk reported, once each, in order."""
    problems = [p for report in walker.reports for p in report.problems]
    return sorted(set(problems), key=_problem_order)


def _problem_order(problem: Problem):
    return (problem.path, problem.line or 0, problem.severity, problem.message)


def _load_exhibition_yaml(walker: Walker) -> dict | None:
    """Return the exhibition's settings, or None if exhibition.yaml has an error (reported)."""
    path = walker.root / "exhibition.yaml"
    report = walker.report(path)
    fields = None
    if not walker.root.is_dir():
        report.error(None, content.no_content_folder(walker.root))
        raise ContentError(report.problems)
    if not path.is_file():
        report.error(None, content.NO_EXHIBITION_YAML)
    else:
        try:
            fields = check_fields(load_yaml(read_text(path)), schemas.EXHIBITION, report)
        except YAMLProblem as problem:
            report.error(problem.line, problem.message)
    if fields and fields["closes"] < fields["opens"]:
        report.error(fields.line_of("closes"), content.CLOSES_BEFORE_OPENS)
    if report.has_errors or fields is None:
        return None
    description = fields.pop("description", "")
    columns = fields.pop("plan", {}).get("columns", 0)
    html = walker.render(description) if description else ""
    return {**fields, "description_html": html, "plan_columns": columns}


def _load_rooms(walker: Walker, drafts: bool) -> list[model.Room]:
    folder = walker.root / "rooms"
    if not folder.is_dir():
        walker.report(folder).error(None, content.NO_ROOMS_FOLDER)
        return []
    rooms = []
    for entry in walker.entries(folder, dirs=True):
        room = _load_room(walker, entry, len(rooms), drafts)
        if room:
            rooms.append(room)
    return rooms


def _load_room(walker: Walker, entry: FolderEntry, index: int, drafts: bool) -> model.Room | None:
    report = walker.report(entry.path / "room.md")
    fields, front = read_markdown(entry.path / "room.md", schemas.ROOM, report)
    exhibits, versions, slugs = [], [], []
    for exhibit_entry in walker.entries(entry.path, dirs=True):
        slugs.append(exhibit_entry.slug)
        exhibit, version = _exhibit(walker, exhibit_entry, entry.slug)
        if exhibit and (drafts or not exhibit.draft):
            exhibits.append(exhibit)
            versions.append(version)
    if fields is None or report.has_errors:
        return None
    panorama, hotspots = curatorpanorama.read(walker, entry.path, fields, slugs, report)
    room = model.Room(
        slug=entry.slug,
        folder=walker.rel(entry.path),
        title=fields["title"],
        summary=fields["summary"],
        intro_html=walker.render(front.body),
        exhibits=tuple(exhibits),
        cover=_cover(fields, exhibits, report),
        index=index,
        page_size=fields.get("page_size", model.PAGE_SIZE),
        panorama=panorama,
        hotspots=hotspots,
    )
    room = walker.translator.room(entry.path, room)
    # Every field of the room but its exhibits, whose digests follow: a new field counts too.
    own = [getattr(room, f.name) for f in dataclasses.fields(room) if f.name != "exhibits"]
    walker.versions += [reuse.digest(*own), *versions]
    return room


def _exhibit(walker: Walker, entry: FolderEntry, room_slug: str):
    """Return an exhibit, translated, and its digest, read again only if its folder changed.

    The folder's signature covers its translations (exhibit.fr.md) and their
    transcripts and captions; the languages listed are part of the key.
    """
    key = readahead.memo_key(walker, entry, room_slug)
    signature = reuse.signature_of(entry.path, walker.listings)
    kept = walker.memo.exhibits.get(key)
    if kept is None or kept.signature != signature:
        kept = readahead.read_exhibit(walker, entry, room_slug, signature)
        walker.kept.reads += 1
    walker.kept.exhibits[key] = kept
    walker.reports.extend(kept.reports)
    if kept.exhibit:
        return kept.exhibit, kept.version
    found = walker.previous.get(key[0])  # the last good version of an exhibit now in error
    if not found:
        return None, ""
    walker.report(entry.path / "exhibit.md").warning(None, content.LAST_GOOD_SERVED)
    # With its translations as they are now.
    found = translations.exhibit(walker.translator, entry.path, found)
    return found, reuse.digest(found)


def _cover(fields, exhibits: list[model.Exhibit], report: FileProblems) -> model.Image | None:
    """Return the room's cover: the one named, else the first exhibit's first image."""
    if "cover" in fields:
        folder, _, file = fields["cover"].partition("/")
        for exhibit in exhibits:
            if exhibit.folder.rsplit("/", 1)[-1] == folder:
                for item in exhibit.media:
                    if item.image and item.image.path == f"{exhibit.folder}/{file}":
                        return item.image
        report.error(fields.line_of("cover"), content.cover_not_an_image(fields["cover"]))
    return next((e.main_image for e in exhibits if e.main_image), None)


def _load_pages(walker: Walker) -> list[model.FreePage]:
    folder = walker.root / "pages"
    if not folder.is_dir():
        return []
    pages = []
    for entry in walker.entries(folder, dirs=False, suffix=".md"):
        report = walker.report(entry.path)
        if entry.slug in RESERVED_PAGES:
            report.error(None, files.page_name_taken(entry.slug))
            continue
        fields, front = read_markdown(entry.path, schemas.PAGE, report)
        if fields is None or report.has_errors:
            continue
        html = walker.render(front.body)
        summary = fields.get("summary") or markup.summarise(markup.plain_text(html))
        page = model.FreePage(entry.slug, walker.rel(entry.path), fields["title"], summary, html)
        pages.append(walker.translator.page(entry.path, page))
    return pages
