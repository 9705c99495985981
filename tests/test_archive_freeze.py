"""Freezing the test world: the edition, its links, its banner, its atomicity and independence."""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import bagit
import click
import pytest

from exhibition.archive import bag, edition, freeze, links
from exhibition.web.answers import answers_store
from tests.support import ROOT
from tests.support.archives import (
    BASE,
    archive_app,
    command_environment,
    freeze_again_and_check,
    freeze_error,
    tree,
)
from tests.support.archives import freeze as run_freeze
from tests.support.kills import FLASK, Work, kill_during, kill_points, span
from tests.support.pages import PageLinks
from tests.support.waiting import wait_for
from tests.support.world import in_three_languages, make_world


@pytest.fixture
def app(world, tmp_path):
    return archive_app(world, tmp_path)


@pytest.fixture
def frozen(app, tmp_path) -> Path:
    result = run_freeze(app)
    assert result.exit_code == 0, result.output
    return tmp_path / "archive" / "test-1"


# The browse page and each facet value's own page: two rooms, and the one value of every
# other facet the three exhibits share (never a combination of values).
BROWSE_PAGES = (
    "browse/decade/2010/index.html",
    "browse/index.html",
    "browse/kind/image/index.html",
    "browse/role/tool/index.html",
    "browse/room/art/index.html",
    "browse/room/music/index.html",
    "browse/source/trainedAlgorithmicMedia/index.html",
)


def pages_of(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html"))


def test_the_edition_is_a_bag_of_every_page(frozen):
    data = frozen / "data"
    assert pages_of(data) == [
        "404.html",
        "about/index.html",
        *BROWSE_PAGES,
        "index.html",
        "privacy/index.html",
        "rooms/art/first/index.html",
        "rooms/art/index.html",
        "rooms/art/second/index.html",
        "rooms/music/index.html",
        "rooms/music/third/index.html",
        "search/index.html",
        "tags/index.html",
        "timeline/index.html",
    ]
    assert (data / "sitemap.xml").is_file() and (data / "answers.json").is_file()
    assert (data / "media/rooms/01-art/01-first/work.png").is_file()
    # Whatever names the live site gives its style sheets and fonts, the edition has them.
    assert list((data / "static").glob("exhibition*.css"))
    assert list((data / "static/fonts").glob("eb-garamond-regular*.woff2"))
    names = {p.name for p in frozen.iterdir()}
    assert names == {
        "data",
        "bagit.txt",
        "bag-info.txt",
        "manifest-sha256.txt",
        "manifest-sha512.txt",
        "tagmanifest-sha256.txt",
        "tagmanifest-sha512.txt",
    }
    assert (frozen / "bagit.txt").read_text().startswith("BagIt-Version: 1.0\n")
    report = bag.BagCheck()
    list(bag.verify(frozen, report))
    assert report.ok, report.lines()
    found = bagit.Bag(str(frozen))  # the Library of Congress's own reading of it
    assert found.version_info == (1, 0) and set(found.algorithms) == {"sha256", "sha512"}
    found.validate(processes=1)


def test_bag_info_says_what_the_edition_is(frozen):
    info = edition.read_tags(frozen / "bag-info.txt")
    assert info["Exhibition-Edition"] == "test-1"
    assert info["Exhibition-Title"] == "Machines that make"
    assert (info["Exhibition-Opens"], info["Exhibition-Closes"]) == ("2020-09-21", "2021-03-18")
    assert info["Source-Organization"] == "Test Museum"
    assert info["Exhibition-URL"] == BASE
    assert info["Exhibition-Pages"] == "18"  # privacy, tags, timeline, search and browse
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", info["Bagging-Date"])
    assert info["Frozen-At"].startswith(info["Bagging-Date"] + "T")
    assert info["App-Version"] == "exhibition 0.1.0"
    assert re.fullmatch(r"[0-9a-f]{40}(-dirty)?|unknown", info["App-Commit"])
    assert info["Payload-Oxum"].split(".")[1] == str(len(tree(frozen / "data")))


def assert_links_stay_in_the_edition(data: Path, live: tuple[str, ...]) -> None:
    """Check every link of every page is relative and leads to a file of the edition."""
    for page in pages_of(data):
        found = PageLinks((data / page).read_text())
        for url in found.urls:
            if url in live:
                continue  # the banner's links to the live site
            if url.startswith(("https://", "http://", "mailto:", "#")):
                assert not url.startswith(BASE), (page, url)
                continue
            target = links.resolve(page, url.split("#")[0] or page)
            assert target and (data / target).is_file(), f"{page}: {url}"


def test_every_link_is_relative_and_leads_to_a_file_of_the_edition(frozen):
    assert_links_stay_in_the_edition(frozen / "data", (f"{BASE}/", f"{BASE}/archive/"))


def test_nothing_leads_to_the_live_site_but_the_banner(frozen):
    for page in pages_of(frozen / "data"):
        text = (frozen / "data" / page).read_text()
        assert text.count(BASE) == 2, page  # the live exhibition and the list of editions
        assert f'<a data-live href="{BASE}/archive/">' in text


def test_an_edition_carries_no_trace_of_preview(frozen):
    files = sorted(p for p in (frozen / "data").rglob("*") if p.is_file())
    assert not [p for p in files if p.name.startswith("preview.")]
    for page in pages_of(frozen / "data"):
        text = (frozen / "data" / page).read_text()
        for trace in ("preview.", "exhibition-preview", "_curator", "page-problems"):
            assert trace not in text, (page, trace)


def test_each_page_carries_the_banner_and_the_lobby_says_the_run_ended(frozen):
    lobby = (frozen / "data/index.html").read_text()
    assert "Archived edition test-1" in lobby
    assert "21 September 2020" in lobby and "18 March 2021" in lobby
    assert "this copy was frozen on" in lobby
    data = json.loads(re.search(r'ld\+json">(.*?)</script>', lobby, re.S)[1])
    assert data["endDate"] == "2021-03-18"
    assert data["disambiguatingDescription"].startswith("This exhibition ended on 2021-03-18")
    exhibit = (frozen / "data/rooms/art/first/index.html").read_text()
    assert 'class="archive-banner"' in exhibit
    not_found = (frozen / "data/404.html").read_text()
    assert '<link rel="canonical" href="404.html">' in not_found
    assert 'href="rooms/art/index.html"' in not_found


@pytest.fixture
def frozen3(world, tmp_path) -> Path:
    app = archive_app(in_three_languages(world), tmp_path)
    result = run_freeze(app)
    assert result.exit_code == 0, result.output
    return tmp_path / "archive" / "test-1" / "data"


def test_every_language_has_its_pages_in_the_edition(frozen3):
    pages = pages_of(frozen3)
    english = [p for p in pages if not p.startswith(("fr/", "ar/")) and p != "404.html"]
    assert len(english) == 18  # with privacy, the tags, the timeline, search and browse
    for language in ("fr", "ar"):
        assert sorted(p for p in pages if p.startswith(f"{language}/")) == [
            f"{language}/{p}" for p in english
        ]


def test_links_of_every_language_are_relative_and_lead_to_files_of_the_edition(frozen3):
    live = tuple(f"{BASE}/{prefix}" for prefix in ("", "fr/", "ar/", "archive/"))
    assert_links_stay_in_the_edition(frozen3, live)


def test_a_french_page_leads_to_french_pages_and_its_other_languages(frozen3):
    page = "fr/rooms/art/first/index.html"
    html = (frozen3 / page).read_text()
    assert '<html lang="fr" dir="ltr">' in html
    found = PageLinks(html)
    pages = {links.resolve(page, u.split("#")[0]) for u in found.urls if not u.startswith("#")}
    pages = {p for p in pages if p and p.endswith(".html")}
    assert pages == {
        "fr/index.html",
        "fr/about/index.html",
        "fr/privacy/index.html",
        "fr/rooms/art/index.html",
        "fr/rooms/art/first/index.html",
        "fr/rooms/art/second/index.html",
        "fr/rooms/music/index.html",  # the floor plan's
        "fr/tags/index.html",  # the footer's
        "fr/timeline/index.html",
        "fr/browse/index.html",
        "rooms/art/first/index.html",  # the same exhibit in English and in Arabic
        "ar/rooms/art/first/index.html",
    }
    # The header's search form searches the edition in the page's language.
    assert 'action="../../../search/index.html"' in html


def test_the_switcher_and_alternates_lead_to_each_language_s_file(frozen3):
    page = "ar/rooms/art/first/index.html"
    html = (frozen3 / page).read_text()
    assert '<html lang="ar" dir="rtl">' in html
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S)[0]
    chosen = dict(re.findall(r'<a href="([^"]+)" lang="([^"]+)"', switcher))
    expected = {"en": "rooms/art/first/index.html", "fr": "fr/rooms/art/first/index.html"}
    expected["ar"] = page
    assert {tag: links.resolve(page, url) for tag, url in alternates.items()} == {
        **expected,
        "x-default": expected["en"],
    }
    assert {tag: links.resolve(page, url) for url, tag in chosen.items()} == expected
    assert all((frozen3 / file).is_file() for file in expected.values())


@pytest.mark.parametrize(
    ("page", "says", "live"),
    [
        ("index.html", "Archived edition test-1.", f"{BASE}/"),
        ("fr/index.html", "Édition archivée test-1.", f"{BASE}/fr/"),
        ("ar/rooms/music/third/index.html", "الإصدار المؤرشف test-1.", f"{BASE}/ar/"),
    ],
)
def test_the_banner_speaks_the_page_s_language_and_leads_to_its_live_lobby(
    frozen3, page, says, live
):
    banner = re.search(
        r'<aside class="archive-banner".*?</aside>', (frozen3 / page).read_text(), re.S
    )
    assert f"<strong>{says}</strong>" in banner[0]
    assert f'<a data-live href="{live}">' in banner[0]


def test_the_live_site_shows_no_banner(app):
    assert b"archive-banner" not in app.test_client().get("/").data


def test_frozen_files_are_read_only(frozen):
    assert not os.stat(frozen / "data/index.html").st_mode & 0o222
    assert not os.stat(frozen / "data").st_mode & 0o222


def test_freeze_is_independent_of_everything_live_after_it(frozen, world, tmp_path):
    before = tree(frozen)
    world.write("rooms/01-art/01-first/exhibit.md", "---\ntitle: broken\n---\n")
    (world.root / "rooms/01-art/02-second/work.png").unlink()
    yaml = (world.root / "exhibition.yaml").read_text()
    world.write("exhibition.yaml", yaml.replace("Machines", "Engines"))
    changed = tmp_path / "changed"
    (changed / "templates").mkdir(parents=True)
    (changed / "static").mkdir()
    (changed / "static/exhibition.css").write_text("body { color: red }")
    later = archive_app(world, tmp_path, IMAGE_WIDTHS="100", MODE="live")
    later.template_folder = str(changed / "templates")
    later.static_folder = str(changed / "static")
    client = later.test_client()
    for file, body in tree(frozen / "data").items():
        response = client.get(f"/archive/test-1/{file}")
        assert response.get_data() == body, file
        response.close()
    assert later.test_cli_runner().invoke(args=["verify", "test-1"]).exit_code == 0
    assert tree(frozen) == before


def test_an_edition_is_never_overwritten(app, frozen):
    before = tree(frozen)
    result = run_freeze(app)
    assert result.exit_code == 1
    assert "exists already" in result.output and "--replace" in result.output
    assert tree(frozen) == before


def test_replace_makes_a_new_edition_in_place(app, frozen, world):
    world.write("pages/about.md", "---\ntitle: About\n---\nA new word.\n")
    app.extensions["exhibition"].load()
    result = run_freeze(app, "--replace")
    assert result.exit_code == 0, result.output
    assert "A new word." in (frozen / "data/about/index.html").read_text()
    assert sorted(p.name for p in frozen.parent.iterdir()) == [".fixity", ".lock", "test-1"]


def test_another_edition_name(app, tmp_path):
    result = run_freeze(app, "--edition", "final")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "archive/final/data/index.html").is_file()
    assert "Archived edition final" in (tmp_path / "archive/final/data/index.html").read_text()


@pytest.mark.parametrize("name", ["Final", "a/b", "..", "-x", "a--b"])
def test_a_bad_edition_name_is_refused(app, name, tmp_path):
    result = run_freeze(app, "--edition", name)
    assert result.exit_code == 1
    assert f"Error: '{name}' is not a valid edition name: use lower-case letters" in result.output
    assert list((tmp_path / "archive").iterdir()) == []


def test_a_broken_link_fails_the_freeze_with_the_list(app, tmp_path):
    def forge(path, real):
        answer = real(path)
        if path == "/about/":
            body = answer.body.replace(b"</main>", b'<a href="/nowhere/">x</a></main>')
            return freeze.Answer(200, "text/html", body)
        return answer

    archive = tmp_path / "archive"
    said = freeze_error(app, archive, forge)
    assert "about/index.html: /nowhere/ answered 404" in said
    assert sorted(p.name for p in archive.iterdir()) == [".lock"]


def test_a_file_of_a_kind_an_edition_never_holds_fails_the_freeze(app, tmp_path):
    folder = "/media/rooms/01-art/01-first"
    odd = {
        f"{folder}/clip.html": freeze.Answer(200, "text/html", b"<script src=clip.js></script>"),
        "/static/tool.php": freeze.Answer(200, "application/x-httpd-php", b"<?php ?>"),
        f"{folder}/work.png": freeze.Answer(200, "text/html", b"<script>alert(1)</script>"),
    }

    def forge(path, real):
        if path in odd:
            return odd[path]
        answer = real(path)
        if path == "/about/":
            uses = "".join(f'<a href="{url}">x</a>' for url in odd)
            return freeze.Answer(200, "text/html", answer.body.replace(b"</main>", uses.encode()))
        return answer

    archive = tmp_path / "archive"
    said = freeze_error(app, archive, forge)
    assert (
        f"about/index.html: {folder}/clip.html is of a kind an edition never holds "
        "(sent as text/html)" in said
    )
    assert "/static/tool.php is of a kind an edition never holds" in said
    assert f"{folder}/work.png was sent as text/html, not as image/png" in said
    assert sorted(p.name for p in archive.iterdir()) == [".lock"]


def test_a_replacement_that_fails_keeps_the_old_edition(app, frozen, world):
    before = tree(frozen)
    (world.root / "rooms/01-art/01-first/work.png").unlink()  # the page now names a missing file
    app.extensions["exhibition"].load()
    result = run_freeze(app, "--replace")
    assert result.exit_code == 1
    assert "broken links" in result.output
    assert tree(frozen) == before


@pytest.mark.parametrize(
    "config, message",
    [
        ({"BASE_URL": ""}, "EXHIBITION_BASE_URL is not set"),
        ({"PREVIEW": True}, "EXHIBITION_PREVIEW is on"),
    ],
)
def test_freeze_refuses_what_would_make_a_wrong_edition(world, tmp_path, config, message):
    result = run_freeze(archive_app(world, tmp_path, **config))
    assert result.exit_code == 1
    assert message in result.output


def test_freeze_refuses_to_write_into_the_content_folder(world, tmp_path):
    with click.Context(click.Command("flask"), info_name="flask"):  # as `flask freeze` starts
        app = archive_app(world, tmp_path, ARCHIVE_DIR=str(world.root / "archive"))
    result = run_freeze(app)
    assert result.exit_code == 1
    assert f"EXHIBITION_ARCHIVE_DIR ({world.root / 'archive'}) is inside the content" in (
        result.output
    )
    assert not any((world.root / "archive").iterdir())


def test_freeze_warns_of_images_without_derivatives(app):
    result = run_freeze(app)
    assert "3 images have no derivatives" in result.output
    assert "run `exhibition build` first" in result.output


def test_freeze_keeps_the_derivatives_rooms_in_360_and_viewers_that_pages_use(world, tmp_path):
    from PIL import Image

    Image.new("RGB", (3200, 2400), "teal").save(world.root / "rooms/01-art/01-first/work.png")
    app = archive_app(world, tmp_path)
    assert app.test_cli_runner().invoke(args=["build"]).exit_code == 0
    assert run_freeze(app).exit_code == 0
    data = tmp_path / "archive/test-1/data"
    kinds = {p.suffix for p in (data / "derivatives").iterdir()}
    assert {".avif", ".webp", ".jpg", ".dzi"} <= kinds
    assert (data / "static/vendor/openseadragon/openseadragon.min.js").is_file()
    assert (data / "static/vendor/openseadragon/images/zoomin_rest.png").is_file()
    assert list((data / "derivatives").glob("*_files/*/0_0.*"))
    pictures = sorted((data / "panoramas").glob("*-512.jpg"))
    assert len(pictures) == 2  # a room in 360° each, at the tests' width
    for picture in pictures:  # each with its script, for the edition read from its folder
        script = picture.with_suffix(".js").read_text()
        assert base64.b64encode(picture.read_bytes()).decode() in script
    assert (data / "static/vendor/pannellum/pannellum.js").is_file()
    assert (data / "static/vendor/pannellum/LICENSE.txt").is_file()


# A freeze killed at any moment: run it in its own process and kill it at points of its work.
FREEZE = [*FLASK, "freeze", "--jobs", "1"]


def _writing(archive: Path) -> bool:
    """Tell whether a running freeze has written a file of its new edition."""
    return any(any((temp / "data").iterdir()) for temp in archive.glob(freeze.TEMP + "*"))


def freeze_work(env: dict, *args: str) -> Work:
    """Return the freeze of edition test-1: writing once its first page is written, done once
    the edition is in place."""
    archive = Path(env["EXHIBITION_ARCHIVE_DIR"])
    return Work(
        ("freeze", "--jobs", "1", *args),
        env,
        writing=lambda: _writing(archive),
        done=lambda: (archive / "test-1").exists(),
        clear=archive,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[dict, float]:
    """Build the test world once; return its environment and a freeze's seconds of work."""
    folder = tmp_path_factory.mktemp("built")
    env = command_environment(make_world(folder / "content"), folder)
    env["EXHIBITION_IMAGE_WIDTHS"] = "160,320"
    done = subprocess.run([*FLASK, "build"], cwd=ROOT, env=env, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return env, span(freeze_work({**env, "EXHIBITION_ARCHIVE_DIR": str(folder / "measure")}))


@pytest.mark.parametrize("fraction", kill_points("freeze"), ids=lambda f: f"{f:.0%}")
def test_a_freeze_killed_at_any_point_leaves_no_edition_and_the_next_one_succeeds(
    built, tmp_path, fraction
):
    archive = tmp_path / "archive"
    env, seconds = {**built[0], "EXHIBITION_ARCHIVE_DIR": str(archive)}, built[1]
    kill_during(freeze_work(env), fraction, seconds)
    assert [p.name for p in archive.glob("[!.]*")] == []  # no edition, whole or part
    assert len(list(archive.glob(freeze.TEMP + "test-1-*"))) == 1  # but the one it was writing
    freeze_again_and_check(archive, env, FREEZE)
    verified = subprocess.run([*FLASK, "verify", "test-1"], cwd=ROOT, env=env, timeout=120)
    assert verified.returncode == 0


# Made read-only, not yet renamed into place: the one moment of a freeze no timer reaches.
KILLED_BEFORE_PLACING = """
import os, signal, sys
from exhibition.archive import freeze
from flask.cli import main

freeze._place = lambda temp, target: os.kill(os.getpid(), signal.SIGKILL)
sys.argv = ["flask", "--app", "exhibition", "freeze", "--jobs", "1"]
main()
"""


def test_a_freeze_killed_before_placing_its_read_only_edition_leaves_none(world, tmp_path):
    archive, env = tmp_path / "archive", command_environment(world, tmp_path)
    command = [sys.executable, "-c", KILLED_BEFORE_PLACING]
    killed = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, timeout=120)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    (left,) = archive.glob(freeze.TEMP + "test-1-*")
    assert [p.name for p in archive.glob("[!.]*")] == []
    # Whole, verified and read-only: yet not an edition, for it never reached its place.
    assert [p for p in [left, *left.rglob("*")] if p.stat().st_mode & 0o222] == []
    report = bag.BagCheck()
    list(bag.verify(left, report))
    assert report.ok, report.lines()
    freeze_again_and_check(archive, env, FREEZE)


def test_a_replacement_killed_between_its_renames_is_put_back(frozen, app):
    old = frozen.with_name(freeze.OLD + frozen.name)
    os.rename(frozen, old)  # as if killed right after moving the old edition aside
    before = tree(old)
    freeze.recover(frozen.parent)
    assert tree(frozen) == before and not old.exists()


def test_a_second_freeze_at_once_is_refused(app, tmp_path):
    import fcntl

    archive = tmp_path / "archive"  # made by the app as it starts
    with open(archive / freeze.LOCK, "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        result = run_freeze(app)
    assert result.exit_code == 1
    assert "another freeze is writing" in result.output


def test_workers_make_the_same_edition_as_one_process(world, tmp_path):
    one = archive_app(world, tmp_path, ARCHIVE_DIR=str(tmp_path / "one"))
    two = archive_app(world, tmp_path, ARCHIVE_DIR=str(tmp_path / "two"))
    assert one.test_cli_runner().invoke(args=["freeze", "--jobs", "1"]).exit_code == 0
    result = two.test_cli_runner().invoke(args=["freeze", "--jobs", "2"])
    assert result.exit_code == 0, result.output

    def site(folder):  # the banner's freeze time differs by the second between the two
        return {
            name: re.sub(rb"frozen on [^<]*<|20\d\d-\d\d-\d\dT[\d:+]+", b"", body)
            for name, body in tree(folder / "test-1/data").items()
        }

    assert site(tmp_path / "one") == site(tmp_path / "two")


def test_a_worker_that_dies_fails_the_freeze_instead_of_hanging_it(app, tmp_path):
    parent, archive = os.getpid(), tmp_path / "archive"

    def dying(path, real):
        if os.getpid() != parent and path.startswith("/rooms/"):
            os._exit(3)  # as a worker killed by the system, its pages never sent back
        return real(path)

    error = freeze_error(app, archive, dying, processes=2)
    assert "a worker of the freeze ended before its pages were written" in error
    assert sorted(p.name for p in archive.iterdir()) == [".lock"]  # nothing kept


def test_a_killed_freeze_with_workers_leaves_no_worker_behind(world, tmp_path):
    archive = tmp_path / "archive"
    env = command_environment(world, tmp_path)
    work = freeze_work(env, "--jobs", "2")
    process, _ = work.start()
    process.kill()  # the freeze alone: its workers must end themselves
    process.wait()
    assert process.returncode == -signal.SIGKILL
    assert not work.done()  # killed with its pages being written
    assert wait_for(lambda: _freezers(archive) == [], 10), _freezers(archive)
    done = subprocess.run(FREEZE, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def _freezers(archive: Path) -> list[int]:
    """Return the live processes freezing into an archive: a freeze and its workers."""
    marker = f"EXHIBITION_ARCHIVE_DIR={archive}\0".encode()
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if marker in (entry / "environ").read_bytes():
                if ") Z " not in (entry / "stat").read_text():
                    found.append(int(entry.name))
        except OSError:
            continue
    return found


def test_the_edition_keeps_each_question_s_final_results_instead_of_the_form(app, tmp_path):
    answers_store(app).record("art/first", "no", "a visitor", dt.date(2021, 3, 1))
    result = run_freeze(app)
    assert result.exit_code == 0, result.output
    data = tmp_path / "archive" / "test-1" / "data"
    results = json.loads((data / "answers.json").read_text())
    first = results["questions"]["art/first"]
    assert first["total"] == 1 and [a["count"] for a in first["answers"]] == [0, 1, 0]
    manifest = (data.parent / "manifest-sha256.txt").read_text()
    assert "data/answers.json" in manifest
    html = (data / "rooms/art/first/index.html").read_text()
    assert "answer-form" not in html and "Voting closed on 18 March 2021." in html
    assert "100% · 1" in html
