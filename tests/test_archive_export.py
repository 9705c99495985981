"""Exports of an edition: a zip of its site, and a WACZ that py-wacz validates."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import zipfile

import pytest
from warcio.archiveiterator import ArchiveIterator

from exhibition.archive import edition, export
from tests.support.archives import BASE, archive_app, freeze, tree
from tests.support.world import in_three_languages, make_world


@pytest.fixture(scope="module")
def frozen(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("export")
    world = make_world(tmp_path / "content")
    app = archive_app(world, tmp_path)
    assert freeze(app).exit_code == 0
    return app, edition.find(tmp_path / "archive", "test-1"), tmp_path


# Every page of the test world's edition but the lobby, in each language: the browse page
# and each facet value's page are frozen too, never a combination of values.
PAGES = ["about/", "rooms/art/", "rooms/art/first/", "rooms/art/second/", "rooms/music/"]
PAGES += ["rooms/music/third/", "privacy/", "search/", "tags/", "timeline/", "browse/"]
PAGES += ["browse/room/art/", "browse/room/music/", "browse/role/tool/", "browse/kind/image/"]
PAGES += ["browse/source/trainedAlgorithmicMedia/", "browse/decade/2010/"]


def export_with(app, *args):
    return app.test_cli_runner().invoke(args=["export", *args])


def test_the_zip_holds_the_site_under_the_edition_name(frozen):
    app, found, tmp_path = frozen
    output = tmp_path / "out/site.zip"
    result = export_with(app, "test-1", "--output", str(output))
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(output) as archive:
        names = archive.namelist()
        assert "test-1/index.html" in names and "test-1/404.html" in names
        assert {n.removeprefix("test-1/") for n in names} == set(tree(found.folder / "data"))
        assert archive.read("test-1/index.html") == (found.folder / "data/index.html").read_bytes()
        assert archive.testzip() is None


def test_the_same_edition_always_zips_to_the_same_bytes(frozen):
    app, found, tmp_path = frozen
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    list(export.export_zip(found, first))
    list(export.export_zip(found, second))
    assert first.read_bytes() == second.read_bytes()


def test_the_wacz_validates_and_lists_every_page_by_its_canonical_url(frozen):
    app, found, tmp_path = frozen
    output = tmp_path / "test-1.wacz"
    result = export_with(app, "test-1", "--format", "wacz", "-o", str(output))
    assert result.exit_code == 0, result.output
    assert "it validates" in result.output
    wacz = [sys.executable, "-m", "wacz", "validate", "-f", str(output)]
    done = subprocess.run(wacz, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Validation succeeded" in done.stdout
    with zipfile.ZipFile(output) as archive:
        lines = archive.read("pages/pages.jsonl").decode().splitlines()
        package = json.loads(archive.read("datapackage.json"))
    pages = [json.loads(line) for line in lines[1:]]
    assert pages[0]["url"] == f"{BASE}/"
    assert sorted(p["url"] for p in pages) == sorted(
        f"{BASE}{path}" for path in ["/"] + [f"/{page}" for page in PAGES]
    )
    assert all(p["ts"] == found.frozen_at.strftime("%Y-%m-%dT%H:%M:%SZ") for p in pages)
    assert pages[0]["title"] == "Machines that make"
    assert package["mainPageURL"] == f"{BASE}/"


@pytest.fixture(scope="module")
def frozen3(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("export3")
    app = archive_app(in_three_languages(make_world(tmp_path / "content")), tmp_path)
    assert freeze(app).exit_code == 0
    return app, tmp_path


LANGUAGE_PAGES = [f"{prefix}{path}" for prefix in ("", "fr/", "ar/") for path in ["", *PAGES]]


def test_the_zip_holds_every_language_s_pages(frozen3):
    app, tmp_path = frozen3
    output = tmp_path / "site.zip"
    assert export_with(app, "test-1", "--output", str(output)).exit_code == 0
    with zipfile.ZipFile(output) as archive:
        names = {n for n in archive.namelist() if n.endswith(".html")}
    assert names == {f"test-1/{page}index.html" for page in LANGUAGE_PAGES} | {"test-1/404.html"}


def test_the_wacz_lists_every_language_s_pages(frozen3):
    app, tmp_path = frozen3
    output = tmp_path / "test-1.wacz"
    result = export_with(app, "test-1", "--format", "wacz", "-o", str(output))
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(output) as archive:
        lines = archive.read("pages/pages.jsonl").decode().splitlines()
    pages = {json.loads(line)["url"]: json.loads(line)["title"] for line in lines[1:]}
    assert sorted(pages) == sorted(f"{BASE}/{page}" for page in LANGUAGE_PAGES)
    assert pages[f"{BASE}/fr/"] == "Des machines qui créent"
    assert pages[f"{BASE}/ar/rooms/art/first/"].startswith("الأول")


def test_the_warc_answers_every_file_at_the_url_it_was_frozen_from(frozen, tmp_path):
    app, found, _ = frozen
    with open(tmp_path / "t.warc.gz", "wb") as stream:
        list(export.write_warc(found, stream, export.site_files(found)))
    records = {}
    with gzip.open(tmp_path / "t.warc.gz") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type == "response":
                uri = record.rec_headers.get_header("WARC-Target-URI")
                records[uri] = (
                    record.http_headers.get_header("Content-Type"),
                    record.raw_stream.read(),
                )
    lobby = (found.folder / "data/index.html").read_bytes()
    assert records[f"{BASE}/"] == ("text/html; charset=utf-8", lobby)
    assert records[f"{BASE}/index.html"][1] == lobby
    assert records[f"{BASE}/rooms/art/first/"][0].startswith("text/html")
    assert records[f"{BASE}/media/rooms/01-art/01-first/work.png"][0] == "image/png"


def test_a_changed_edition_is_not_exported(frozen, tmp_path):
    app, found, _ = frozen
    path = found.folder / "data/about/index.html"
    original = path.read_bytes()
    os.chmod(path, 0o644)
    path.write_bytes(b"tampered")
    try:
        result = export_with(app, "test-1", "-o", str(tmp_path / "x.zip"))
    finally:
        path.write_bytes(original)
        os.chmod(path, 0o444)
    assert result.exit_code == 1
    assert "does not verify, so it is not exported" in result.output
    assert not (tmp_path / "x.zip").exists()
