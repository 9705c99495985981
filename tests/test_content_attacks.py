"""Content-borne attacks: markup in every field a curator writes is shown as text, never run.

A hostile content folder puts raw HTML, <script>, event handlers and
javascript: links in every text the site shows (titles, alt text, captions,
credits, transcripts, captions files, labels, link titles and addresses,
page text, exhibition.yaml). Every page, live and frozen, is read with an
HTML parser for any element or attribute the content brought in, and opened
in Chromium, with and without the Content-Security-Policy, where no injected
script may ever set window.__pwned. Files that would hang or exhaust the
loader (alias and nesting bombs, huge files) are refused with a problem, in a
process whose memory is capped.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from PIL import Image

from exhibition.loader import load
from tests.support import DEMO, ROOT
from tests.support.archives import BASE, archive_app, freeze
from tests.support.live import sitemap_paths
from tests.support.servers import gunicorn
from tests.support.world import LABEL, World, write_image

FORBIDDEN_TAGS = {
    *("iframe", "frame", "frameset", "object", "embed", "applet", "base", "style"),
    *("form", "input", "textarea", "button", "select", "svg", "math", "template"),
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "xlink:href", "srcset"}
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
OUR_SCRIPT = re.compile(
    r"(?:^|/)static/(?:exhibition|zoom|panorama|answers|search)\.[0-9a-f]{12}\.js$"
)
# The site's own forms, pictures and buttons, by the class their templates give them: the
# search form, the answer form, the floor plan, the timeline and the 360° room. Inside one,
# its own tags are allowed; every attribute is still checked.
OURS = {"site-search", "answer-form", "plan", "timeline-picture", "room-360"}
TAG_PAYLOAD = "<svg onload=__pwned=1>"


def evil(where: str) -> str:
    """Return markup that would run a script naming where it came from, if it were markup."""
    return (
        f"\"'></script><script>__pwned='{where}'</script>"
        f"<img src=x onerror=__pwned='{where}'><a href=javascript:__pwned='{where}'>x</a>"
    )


def evil_markdown(where: str) -> str:
    """Return Markdown text that tries every way to bring markup or script into a page."""
    return textwrap.dedent(
        f"""\
        <script>__pwned='{where}'</script>

        <img src=x onerror="__pwned='{where}-img'"> <iframe src="javascript:__pwned=1"></iframe>

        [a link](javascript:__pwned='{where}-link') [data](data:text/html;base64,PHNjcmlwdD4=)
        [vb](vbscript:msgbox) <javascript:__pwned='{where}-autolink'>
        ![an image](javascript:__pwned='{where}-image') [x](JaVaScRiPt:__pwned=1)

        <div onmouseover="__pwned='{where}-div'">{evil(where + "-inline")}</div>

        {LABEL}
        """
    )


def front_matter(fields: dict, body: str) -> str:
    """Return a content file: YAML front matter written by a YAML library, then the body."""
    return "---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False) + "---\n" + body


def hostile_exhibit(title: str) -> dict:
    """Return the fields of an exhibit whose every text is hostile."""
    return {
        "title": evil(title),
        "year": 2018,
        "creators": [{"name": evil("creator"), "role": evil("role")}],
        "medium": evil("medium"),
        "ai": {"system": evil("system"), "role": "tool", "source_type": "trainedAlgorithmicMedia"},
        "media": [
            {"file": "work.png", "alt": evil("alt"), "credit": evil("credit")},
        ],
        "rights": {
            "holder": evil("holder"),
            "notice": evil("notice"),
            "licence": "https://example.org/\"><script>__pwned='licence'</script>",
        },
        "ip_question": evil("ip-question"),
        "links": [
            {"title": evil("link-title"), "url": 'https://example.org/"><script>__pwned=1</script>'}
        ],
        "tags": [TAG_PAYLOAD, "<script>__pwned=1</script>"],
    }


def write_media_exhibits(world: World) -> None:
    """Write a sound exhibit and a film exhibit whose transcript, captions and texts are hostile."""
    sound = world.root / "rooms/02-music/01-sound"
    sound.mkdir(parents=True)
    shutil.copy(DEMO / "rooms/02-music/01-illiac-suite/excerpt.mp3", sound / "excerpt.mp3")
    fields = hostile_exhibit("sound")
    fields["media"] = [
        {"file": "work.png", "alt": evil("sound-alt"), "credit": evil("sound-image-credit")},
        {
            "file": "excerpt.mp3",
            "credit": evil("sound-credit"),
            "transcript": "transcript.md",
            "caption": evil("sound-caption"),
        },
    ]
    world.write("rooms/02-music/01-sound/transcript.md", evil_markdown("transcript"))
    world.write("rooms/02-music/01-sound/exhibit.md", front_matter(fields, evil_markdown("label")))
    write_image(sound / "work.png")
    film = world.root / "rooms/02-music/02-film"
    film.mkdir(parents=True)
    shutil.copy(DEMO / "rooms/03-entertainment/01-sunspring/clip.webm", film / "clip.webm")
    world.write(
        "rooms/02-music/02-film/clip.vtt",
        "WEBVTT\n\n00:00:00.000 --> 00:00:05.000\n<script>__pwned='vtt'</script><b>bold</b>\n",
    )
    Image.new("RGB", (1280, 720), "navy").save(film / "poster.jpg")
    fields = hostile_exhibit("film")
    fields["media"] = [
        {
            "file": "clip.webm",
            "credit": evil("film-credit"),
            "captions": "clip.vtt",
            "poster": "poster.jpg",
            "alt": evil("poster-alt"),
            "caption": evil("film-caption"),
        }
    ]
    world.write("rooms/02-music/02-film/exhibit.md", front_matter(fields, evil_markdown("film")))


def write_hostile_world(root: Path) -> World:
    """Write an exhibition whose every text tries to bring in markup or script."""
    world = World(root)
    exhibition = {
        "title": evil("exhibition-title"),
        "subtitle": evil("subtitle"),
        "edition": "test-1",
        "opens": "2020-09-21",
        "closes": "2021-03-18",
        "organiser": evil("organiser"),
        "licence": "https://example.org/\"onmouseover=\"__pwned='licence'",
        "description": evil_markdown("description"),
    }
    world.write("exhibition.yaml", yaml.safe_dump(exhibition, allow_unicode=True, sort_keys=False))
    for folder in ("01-art", "02-music"):
        room = {"title": evil(f"room-{folder}"), "summary": evil("summary")}
        world.write(f"rooms/{folder}/room.md", front_matter(room, evil_markdown(folder)))
    fields = hostile_exhibit("exhibit")
    world.write("rooms/01-art/01-first/exhibit.md", front_matter(fields, evil_markdown("label")))
    write_image(world.root / "rooms/01-art/01-first/work.png")
    # Refused (javascript: is no http(s) address): reported, and the exhibit left out.
    fields = {**hostile_exhibit("refused"), "links": [{"title": "x", "url": "javascript:alert(1)"}]}
    world.write("rooms/01-art/02-refused/exhibit.md", front_matter(fields, LABEL))
    write_image(world.root / "rooms/01-art/02-refused/work.png")
    odd = "x\" onerror=\"__pwned='file-name'.png"
    fields = {**hostile_exhibit("file"), "media": [{"file": odd, "alt": "x" * 30, "credit": "x"}]}
    world.write("rooms/01-art/03-file/exhibit.md", front_matter(fields, LABEL))
    write_image(world.root / "rooms/01-art/03-file" / odd, fmt="PNG")
    write_media_exhibits(world)
    page = {"title": evil("page-title"), "summary": evil("page-summary")}
    world.write("pages/about.md", front_matter(page, evil_markdown("page")))
    return world


class Inspector(HTMLParser):
    """Read a page and note every element or attribute that content could have brought in."""

    def __init__(self, where: str):
        super().__init__(convert_charrefs=True)
        self.where = where
        self.problems: list[str] = []
        self._script: dict | None = None
        self._ours: list[str] = []  # the tag of the site's own block we are in, and its nesting

    def note(self, problem: str) -> None:
        """Keep a problem, with the page it is on."""
        self.problems.append(f"{self.where}: {problem}")

    def handle_starttag(self, tag, attrs):
        """Check a tag and its attributes."""
        attributes = dict(attrs)
        if self._ours and tag == self._ours[0]:
            self._ours.append(tag)
        elif not self._ours and OURS & set((attributes.get("class") or "").split()):
            self._ours.append(tag)
        if tag in FORBIDDEN_TAGS and not self._ours:
            self.note(f"<{tag}> {attrs}")
        if tag == "script":
            self._check_script(attributes)
        if tag == "meta" and "http-equiv" in attributes:
            self.note(f"<meta http-equiv> {attrs}")
        for name, value in attrs:
            self._check_attribute(tag, name, value or "")

    def handle_endtag(self, tag):
        """Leave the site's own block at its end."""
        if self._ours and tag == self._ours[0]:
            self._ours.pop()

    def handle_startendtag(self, tag, attrs):
        """Check an element written as <tag/>."""
        self.handle_starttag(tag, attrs)

    def _check_script(self, attributes: dict) -> None:
        src = attributes.get("src")
        if src is None and attributes.get("type") == "application/ld+json":
            self._script = attributes
        elif src is None or not OUR_SCRIPT.search(urlsplit(src).path):
            self.note(f"a script that is not ours: {attributes}")

    def _check_attribute(self, tag: str, name: str, value: str) -> None:
        compact = re.sub(r"[\s\x00-\x1f]", "", value).lower()
        if name.startswith("on") or name in ("style", "srcdoc", "formaction"):
            self.note(f"<{tag} {name}={value!r}>")
        if name in URL_ATTRIBUTES and compact.startswith(DANGEROUS_SCHEMES):
            self.note(f"<{tag} {name}={value!r}>")

    def handle_data(self, data):
        """Check that a JSON-LD block is JSON, whatever the content put in it."""
        if self._script is not None:
            json.loads(data)
            self._script = None


def inspect(where: str, html: str) -> list[str]:
    """Return the problems an HTML page has."""
    inspector = Inspector(where)
    inspector.feed(html)
    inspector.close()
    return inspector.problems


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """Return the app of the hostile world, its images built."""
    folder = tmp_path_factory.mktemp("hostile-content")
    world = write_hostile_world(folder / "content")
    app = archive_app(world, folder, IMAGE_WIDTHS="320")
    built = app.test_cli_runner().invoke(args=["build"])
    assert built.exit_code == 0, built.output
    return app


@pytest.fixture(scope="module")
def frozen(hostile):
    """Return the app of the hostile world once it is frozen as edition test-1."""
    result = freeze(hostile)
    assert result.exit_code == 0, result.output
    return hostile


def live_pages(app) -> dict[str, str]:
    """Return every live page of an app by path: the sitemap's, and the 404 page."""
    client = app.test_client()
    paths = sitemap_paths(client.get("/sitemap.xml", base_url=BASE).get_data())
    pages = {}
    for path in [*paths, "/no/such/page"]:
        response = client.get(path, base_url=BASE)
        assert response.status_code == (404 if path == "/no/such/page" else 200), path
        pages[path] = response.get_data(as_text=True)
    return pages


def frozen_pages(app) -> dict[str, str]:
    """Return every page of the frozen edition by its file under data/."""
    data = Path(app.config["ARCHIVE_DIR"]) / "test-1" / "data"
    return {p.relative_to(data).as_posix(): p.read_text() for p in sorted(data.rglob("*.html"))}


def test_the_hostile_world_is_shown_whole_but_the_refused_link(hostile):
    loaded = load(Path(hostile.config["CONTENT_DIR"]))
    shown = {exhibit.folder.split("/", 1)[1] for exhibit in loaded.exhibition.tour}
    assert shown == {"01-art/01-first", "01-art/03-file", "02-music/01-sound", "02-music/02-film"}
    refused = [str(p) for p in loaded.problems if "02-refused" in str(p.path)]
    assert any("must be an http(s) URL" in p for p in refused), refused


def test_no_live_page_has_markup_the_content_brought(hostile):
    pages = live_pages(hostile)
    assert len(pages) >= 9
    assert [p for path, html in pages.items() for p in inspect(path, html)] == []
    exhibit = pages["/rooms/art/first/"]
    assert "&lt;script&gt;__pwned=&#39;exhibit&#39;&lt;/script&gt;" in exhibit  # shown as text


def test_no_frozen_page_has_markup_the_content_brought(frozen):
    pages = frozen_pages(frozen)
    assert len(pages) >= 9
    assert [p for path, html in pages.items() for p in inspect(path, html)] == []


def test_the_inspector_finds_what_it_looks_for():
    planted = (
        '<script>x</script><p onclick="x">a</p><a href=" JavaScript:x">b</a><iframe></iframe>'
        '<script src="/static/exhibition.0123456789ab.js"></script><div style="x"></div>'
    )
    assert len(inspect("planted", planted)) == 5


@pytest.fixture(scope="module")
def hostile_server(frozen, tmp_path_factory) -> Iterator[str]:
    """Serve the hostile world and its frozen edition with a real gunicorn."""
    keys = ("CONTENT_DIR", "CACHE_DIR", "ARCHIVE_DIR", "BASE_URL")
    settings = {key: frozen.config[key] for key in keys}
    with gunicorn(tmp_path_factory.mktemp("g"), settings) as server:
        yield server.base


@pytest.mark.browser
@pytest.mark.parametrize("policy", ["with the policy", "without it"])
def test_no_injected_script_runs_in_chromium(hostile, hostile_server, open_page, policy):
    page = open_page(bypass_csp=policy == "without it")
    paths = [*live_pages(hostile), *(f"/archive/test-1/{f}" for f in frozen_pages(hostile))]
    ran = {}
    for path in paths:
        page.goto(hostile_server + path.removesuffix("index.html"))
        page.wait_for_load_state("load")
        page.mouse.move(400, 300)
        marker = page.evaluate("window.__pwned")
        if marker is not None:
            ran[path] = marker
    assert ran == {}


# Run the loader in a process of its own with its memory capped; print the problems as JSON.
LOADER = """
import json, resource, sys
limit = int(sys.argv[2]) * 2**20
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from exhibition.loader import load
from exhibition.problems import ContentError
try:
    problems = load(sys.argv[1]).problems
except ContentError as error:
    problems = error.problems
print(json.dumps([str(p) for p in problems]))
"""
MEMORY_MB = 1024
DEEP = b"---\ntitle: x\ntags: " + b"[" * 200_000 + b"]" * 200_000 + b"\n---\nLabel\n"
ALIAS_BOMB = "---\ntitle: x\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n" for i in range(1, 30)
)


def load_capped(root: Path) -> list[str]:
    """Return the problems the loader finds in a content folder, in a capped process."""
    done = subprocess.run(
        [sys.executable, "-c", LOADER, str(root), str(MEMORY_MB)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,  # a hang, not a slow machine: the loads below take about a second
    )
    assert done.returncode == 0, f"the loader died ({done.returncode}): {done.stderr[-2000:]}"
    return json.loads(done.stdout)


def test_bombs_and_huge_files_are_refused_with_a_problem_in_bounded_memory(world):
    world.write("rooms/01-art/01-first/exhibit.md", ALIAS_BOMB + "---\nLabel\n")
    (world.root / "rooms/01-art/02-second/exhibit.md").write_bytes(DEEP)
    with open(world.root / "rooms/02-music/01-third/exhibit.md", "wb") as huge:
        huge.truncate(8 * 2**30)  # 8 GB of nothing, sparse on disk
    problems = load_capped(world.root)
    expected = {
        "rooms/01-art/01-first/exhibit.md:4: error: YAML aliases",
        "rooms/01-art/02-second/exhibit.md:3: error: YAML nested more than 32 levels deep",
        "rooms/02-music/01-third/exhibit.md: error: the file is larger than 1,000,000 bytes",
    }
    assert {e for e in expected if any(p.startswith(e) for p in problems)} == expected, problems


def test_a_huge_exhibition_yaml_is_refused_in_bounded_memory(world):
    with open(world.root / "exhibition.yaml", "wb") as huge:
        huge.truncate(8 * 2**30)
    problems = load_capped(world.root)
    assert problems == ["exhibition.yaml: error: the file is larger than 1,000,000 bytes"]
