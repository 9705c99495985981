"""Freeze the exhibition into a dated edition: every page and file, bagged, checked, in place.

Pure Python: the pages come from a `fetch(path)` function (render.py gives
one over the app's test client). `freeze()` yields its progress one file at
a time. It builds the edition in a temporary folder beside the archive's
editions and renames it into place only once the bag verifies, so an edition
is either whole or absent, however the run ends.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .. import forked
from . import bag, edition, links, offline, searchindex, sitemap
from .edition import ArchiveError

LOCK = ".lock"
TEMP = ".freeze-"
OLD = ".old-"
# The error page is asked for at an address no route answers, and kept as 404.html.
NOT_FOUND = "/404.html/no/such/page/"
NOT_FOUND_FILE = "404.html"
HASHED = re.compile(r"\.[0-9a-f]{6,}(?=\.[a-z0-9]+$)")  # a content hash in a file name


@dataclass(frozen=True)
class Answer:
    """What the site answered for one URL."""

    status: int
    mimetype: str
    body: bytes


Fetch = Callable[[str], Answer]


@dataclass(frozen=True)
class Plan:
    """What to freeze: the exhibition's pages and the facts bag-info.txt records."""

    edition: str
    title: str
    opens: dt.date
    closes: dt.date
    base_url: str
    pages: tuple[str, ...]  # URL paths, the lobby first
    frozen_at: dt.datetime
    organisation: str
    software: str  # "exhibition 0.1.0"
    commit: str
    runtime: dict[str, tuple[str, ...]] = field(default_factory=dict)  # script -> files it loads

    def bag_info(self, pages: int) -> dict[str, str]:
        """Return the edition's bag-info.txt fields."""
        return {
            "Source-Organization": self.organisation,
            "External-Identifier": f"{self.base_url}/archive/{self.edition}/",
            "External-Description": (
                f"Edition {self.edition} of the virtual exhibition {self.title}, "
                f"frozen as visitors saw it at {self.base_url}/"
            ),
            "Bagging-Date": self.frozen_at.date().isoformat(),
            "Bag-Software-Agent": f"{self.software} (commit {self.commit})",
            "Exhibition-Title": self.title,
            "Exhibition-Edition": self.edition,
            "Exhibition-Opens": self.opens.isoformat(),
            "Exhibition-Closes": self.closes.isoformat(),
            "Exhibition-URL": self.base_url,
            "Exhibition-Pages": str(pages),
            "Frozen-At": self.frozen_at.isoformat(timespec="seconds"),
            "App-Version": self.software,
            "App-Commit": self.commit,
        }

    def ended(self) -> str:
        """Return the sentence the frozen JSON-LD of the exhibition carries."""
        frozen = self.frozen_at.date().isoformat()
        if self.frozen_at.date() > self.closes:
            return (
                f"This exhibition ended on {self.closes.isoformat()}; this is its archived "
                f"edition {self.edition}, frozen on {frozen}."
            )
        return (
            f"This is the archived edition {self.edition} of this exhibition, frozen on {frozen}."
        )


@dataclass
class FreezeStep:
    """One step of a freeze: the phase, and the file or page it was about."""

    phase: str  # "pages", "files", "search", "bag", "verify" or "done"
    item: str = ""
    total: int = 0  # how many steps the phase has, where known


class FreezeError(ArchiveError):
    """The freeze found broken links or a bag that does not verify; nothing was kept."""

    def __init__(self, summary: str, lines: list[str]):
        self.lines = lines
        super().__init__(summary + "\n" + "\n".join(f"  {line}" for line in lines))


def freeze(
    plan: Plan, fetch: Fetch, archive: Path, *, replace: bool = False, processes: int = 1
) -> Iterator[FreezeStep]:
    """Freeze the site into `archive/<edition>/`, yielding progress; raise ArchiveError.

    An existing edition is kept unless `replace`, and then until the new one verifies.
    """
    edition.check_slug(plan.edition)
    archive.mkdir(parents=True, exist_ok=True)
    with _lock(archive):
        recover(archive)
        target = archive / plan.edition
        if target.exists() and not replace:
            raise ArchiveError(
                f"the edition '{plan.edition}' exists already in {archive}; editions are "
                "never overwritten: freeze under another --edition, or pass --replace"
            )
        temp = Path(tempfile.mkdtemp(prefix=f"{TEMP}{plan.edition}-", dir=archive))
        crawl = Crawl(plan, fetch, temp / "data")
        try:
            yield from crawl.run(processes)
            crawl.check()
            yield FreezeStep("search", searchindex.FOLDER)
            files = {**crawl.digests(), **searchindex.build(temp / "data")}
            yield FreezeStep("bag", plan.edition)
            bag.write(temp, files, plan.bag_info(crawl.pages))
            yield from _verify(temp, processes)
            edition.make_read_only(temp)
            _place(temp, target)
        except BaseException:
            crawl.hashing.shutdown(cancel_futures=True)
            edition.remove_tree(temp)
            raise
    when = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    edition.record_check(archive, plan.edition, {"checked": when, "by": "freeze", "ok": True})
    yield FreezeStep("done", plan.edition)


def _verify(folder: Path, processes: int) -> Iterator[FreezeStep]:
    report = bag.BagCheck()
    for path in bag.verify(folder, report, threads=processes):
        yield FreezeStep("verify", path)
    if not report.ok:
        raise FreezeError("the new edition does not verify; nothing was kept:", report.lines())


@contextmanager
def _lock(archive: Path):
    """Hold the archive's lock: one freeze at a time; the system drops it if we die."""
    with open(archive / LOCK, "a+") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ArchiveError(
                f"another freeze is writing into {archive}; wait for it to finish"
            ) from None
        yield


def recover(archive: Path) -> None:
    """Clear what a stopped freeze left behind; call it holding the lock.

    A temporary folder is removed. The previous version of a replaced edition
    is removed if the new one is in place, and put back if it is not.
    """
    for path in archive.iterdir():
        if path.name.startswith(TEMP):
            edition.remove_tree(path)
        elif path.name.startswith(OLD):
            current = archive / path.name.removeprefix(OLD)
            if current.exists():
                edition.remove_tree(path)
            else:
                os.rename(path, current)


def _place(temp: Path, target: Path) -> None:
    """Rename the new edition into place; a replaced one goes only once the new is there."""
    if target.exists():
        old = target.with_name(OLD + target.name)
        os.rename(target, old)
        os.rename(temp, target)
        edition.remove_tree(old)
    else:
        os.rename(temp, target)


@dataclass
class Taken:
    """What fetching one URL gave: its file, the URLs it uses, the links it holds."""

    path: str
    status: int
    file: str = ""
    targets: list[str] = field(default_factory=list)
    links: list[str] | None = None  # the relative links of a page or style sheet
    page: bool = False
    sitemap: list[str] | None = None
    digests: Future | dict[str, str] | None = None  # the file's checksums, or their making
    refused: str = ""  # why a file the site sent is not kept: its kind

    @property
    def ok(self) -> bool:
        """Return True if the URL answered as it should."""
        return bool(self.file)


class Crawl:
    """Fetch every page and every file they use, write them into a folder, relative."""

    def __init__(self, plan: Plan, fetch: Fetch, out: Path):
        self.plan, self.fetch, self.out = plan, offline.with_scripts(fetch), out
        self.site = links.Site(plan.base_url, {NOT_FOUND: NOT_FOUND_FILE})
        self.referrers: dict[str, str] = {}  # URL path -> the file that first used it
        self.links: dict[str, list[str]] = {}  # file -> the relative links it holds
        self.written: set[str] = set()
        self.broken: list[str] = []
        self.sitemap: list[str] = []
        self.pages = 0
        self.checksums: dict[str, Future | dict[str, str]] = {}  # file -> its checksums
        # Checksums are taken in threads (hashlib lets go of the GIL) while pages render.
        self.hashing = ThreadPoolExecutor(2, thread_name_prefix="checksums")

    def run(self, processes: int = 1) -> Iterator[FreezeStep]:
        """Fetch the pages, then what they use, level by level; yield each as it is written."""
        seeds = [*self.plan.pages, NOT_FOUND, sitemap.PATH]
        self.referrers.update((path, "(the exhibition's pages)") for path in seeds)
        batch, phase = seeds, "pages"
        with _mapper(self, processes) as each:
            while batch:
                following = []
                for taken in each(batch):
                    following += self._merge(taken)
                    total = len(seeds) if phase == "pages" else len(self.referrers)
                    yield FreezeStep(phase, taken.path, total)
                batch, phase = following, "files"

    def digests(self) -> dict[str, dict[str, str]]:
        """Return the checksums of every file written, waiting for those still being taken."""
        found = {
            file: value.result() if isinstance(value, Future) else value
            for file, value in self.checksums.items()
        }
        self.hashing.shutdown()
        return found

    def take(self, path: str, *, in_worker: bool = False) -> Taken:
        """Fetch one URL and write its file; change nothing else (it may run in a worker)."""
        answer = self.fetch(path)
        if answer.status != (404 if path == NOT_FOUND else 200):
            return Taken(path, answer.status)
        file = NOT_FOUND_FILE if path == NOT_FOUND else links.file_of(path)
        refused = _refused(file, answer.mimetype)
        if refused:
            return Taken(path, answer.status, refused=refused)
        taken = Taken(path, answer.status, file)
        body = self._transform(taken, answer)
        destination = self.out / file
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(body)
        # A forked worker has no threads of its own to spare: it takes them itself.
        taken.digests = bag.digests(body) if in_worker else self.hashing.submit(bag.digests, body)
        return taken

    def _merge(self, taken: Taken) -> list[str]:
        """Record what one URL gave; return the URLs it uses that no one used before."""
        if not taken.ok:
            referrer = self.referrers[taken.path]
            reason = taken.refused or f"answered {taken.status}"
            self.broken.append(f"{referrer}: {taken.path} {reason}")
            return []
        self.written.add(taken.file)
        self.checksums[taken.file] = taken.digests
        self.pages += taken.page
        if taken.links is not None:
            self.links[taken.file] = taken.links
        if taken.sitemap is not None:
            self.sitemap = taken.sitemap
        new = [target for target in dict.fromkeys(taken.targets) if target not in self.referrers]
        self.referrers.update((target, taken.file) for target in new)
        return new

    def _transform(self, taken: Taken, answer: Answer) -> bytes:
        path = taken.path
        if answer.mimetype == "text/html":
            taken.page = path != NOT_FOUND
            ended = self.plan.ended() if path == self.plan.pages[0] else ""
            done = links.rewrite_html(self.site, path, answer.body, ended=ended)
        elif answer.mimetype == "text/css":
            done = links.rewrite_css(self.site, path, answer.body)
        else:
            if path.endswith(".dzi"):
                taken.targets = links.dzi_tiles(path, answer.body)
            elif path == sitemap.PATH:
                taken.sitemap = sitemap.paths(answer.body)
            else:
                taken.targets = self._runtime(path) + offline.scripts_of(path)
            return answer.body
        taken.links, taken.targets = done.links, list(done.targets)
        return done.body

    def _runtime(self, path: str) -> list[str]:
        """Return the files a script loads as it runs, beside it: a viewer's own files."""
        folder, _, name = path.rpartition("/")
        wanted = self.plan.runtime.get(HASHED.sub("", name), ())
        return [f"{folder}/{relative}" for relative in wanted]

    def check(self) -> None:
        """Follow every link of every frozen page; raise FreezeError listing the broken."""
        broken = list(self.broken)
        for file, written in sorted(self.links.items()):
            for link in written:
                target = links.resolve(file, link)
                if target is None or target not in self.written:
                    broken.append(f"{file}: {link} leads to no file of the edition")
        for path in self.sitemap:
            if links.file_of(path) not in self.written:
                broken.append(f"sitemap.xml: {path} is not in the edition")
        if broken:
            raise FreezeError(
                f"{len(broken)} broken links; the edition was not made:", sorted(set(broken))
            )


def _refused(file: str, mimetype: str) -> str:
    """Return why an edition cannot hold a file: not of a kind it holds, or sent as another."""
    kind = links.media_type(file)
    if kind is None:
        return f"is of a kind an edition never holds (sent as {mimetype or 'nothing known'})"
    expected = kind.split(";", 1)[0]
    if mimetype != expected:
        return f"was sent as {mimetype or 'nothing known'}, not as {expected}"
    return ""


_WORKING: Crawl | None = None  # the crawl a forked worker takes URLs for


def _take_in_worker(path: str) -> Taken:
    return _WORKING.take(path, in_worker=True)


@contextmanager
def _mapper(crawl: Crawl, processes: int):
    """Yield a function that takes a batch of URLs: in forked workers, or here."""
    global _WORKING
    if processes < 2 or not forked.can_fork():
        yield lambda batch: map(crawl.take, batch)
        return
    _WORKING = crawl  # forked workers find it here, with the app and its test client
    try:
        with forked.pool(processes) as pool:
            yield lambda batch: _taken_by(pool, batch, processes)
    finally:
        _WORKING = None


def _taken_by(pool: ProcessPoolExecutor, batch: list[str], processes: int) -> Iterator[Taken]:
    """Take a batch of URLs in the workers; a worker that dies ends the freeze, not hangs it."""
    chunks = max(1, len(batch) // (processes * 8))
    try:
        yield from pool.map(_take_in_worker, batch, chunksize=chunks)
    except BrokenProcessPool as error:
        raise FreezeError(
            "a worker of the freeze ended before its pages were written; nothing was kept:",
            [str(error)],
        ) from error
