"""Read a content folder into an Exhibition, collecting every problem on the way.

Pure Python: no Flask here. `load(root)` is the one entry point.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import markup, model, schemas
from .exhibits import load_exhibit, read_markdown
from .fields import FileProblems, check_fields
from .media.probe import DEFAULT_LIMITS, Limits
from .media.probecache import ProbeCache
from .messages import content, files, words
from .problems import BLOCKING, ERROR, ContentError, Problem
from .yamltext import YAMLProblem, load_yaml, read_text

FOLDER_NAME = re.compile(r"(?:(\d+)-)?([a-z0-9]+(?:-[a-z0-9]+)*)")
RESERVED_PAGES = frozenset({"rooms", "archive", "media", "static", "assets", "healthz", "readyz"})


@dataclass
class Loaded:
    """What the loader found: the exhibition and every problem, sorted."""

    exhibition: model.Exhibition
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """Return the problems that are errors."""
        return [p for p in self.problems if p.severity == ERROR]


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
    ):
        self.root = root.resolve()
        self.limits = limits
        self.probes = probes or ProbeCache()
        self.previous = {e.folder: e for e in previous.tour} if previous else {}
        self.reports: list[FileProblems] = []

    def rel(self, path: Path) -> str:
        """Return a path relative to the content folder, as curators see it."""
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

    def entries(self, folder: Path, *, dirs: bool, suffix: str = "") -> list[FolderEntry]:
        """List a folder's rooms, exhibits or pages in order; report bad names."""
        found = []
        report = self.report(folder)
        for path in sorted(folder.iterdir()):
            if path.name.startswith((".", "_")) or path.is_dir() != dirs:
                continue
            if not self.inside(path):
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
) -> Loaded:
    """Load the exhibition in `root`; raise ContentError if exhibition.yaml is broken.

    A broken exhibition.yaml hides nothing else: the rooms, exhibits and pages
    are still checked, and the ContentError carries every problem found.
    An exhibit that has an error now but loaded from `previous` keeps its
    previous version, so a mistake never takes down what visitors could see.
    """
    walker = Walker(Path(root), previous, limits, probes)
    settings = _load_exhibition_yaml(walker)
    rooms = _load_rooms(walker, drafts)
    pages = _load_pages(walker)
    problems = [p for report in walker.reports for p in report.problems]
    problems = sorted(set(problems), key=_problem_order)
    if settings is None:
        blocking = [p for p in problems if p.path == "exhibition.yaml" and p.severity in BLOCKING]
        raise ContentError(problems, blocking)
    exhibition = model.Exhibition(rooms=tuple(rooms), pages=tuple(pages), **settings)
    return Loaded(exhibition, problems)


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
    return {**fields, "description_html": markup.render(description) if description else ""}


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
    exhibits = []
    for exhibit_entry in walker.entries(entry.path, dirs=True):
        exhibit = load_exhibit(walker, exhibit_entry, entry.slug) or _last_good(
            walker, exhibit_entry
        )
        if exhibit and (drafts or not exhibit.draft):
            exhibits.append(exhibit)
    if fields is None or report.has_errors:
        return None
    return model.Room(
        slug=entry.slug,
        folder=walker.rel(entry.path),
        title=fields["title"],
        summary=fields["summary"],
        intro_html=markup.render(front.body),
        exhibits=tuple(exhibits),
        cover=_cover(fields, exhibits, report),
        index=index,
        page_size=fields.get("page_size", model.PAGE_SIZE),
    )


def _last_good(walker: Walker, entry: FolderEntry) -> model.Exhibit | None:
    """Return the previous version of an exhibit that now has an error, if any."""
    found = walker.previous.get(walker.rel(entry.path))
    if found:
        walker.report(entry.path / "exhibit.md").warning(None, content.LAST_GOOD_SERVED)
    return found


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
        html = markup.render(front.body)
        summary = fields.get("summary") or markup.summarise(markup.plain_text(html))
        pages.append(
            model.FreePage(entry.slug, walker.rel(entry.path), fields["title"], summary, html)
        )
    return pages
