"""The archive on the web: the list of editions, frozen bytes with their headers, archive mode."""

from __future__ import annotations

import hashlib
import os

import pytest
from werkzeug.http import parse_date

from exhibition import create_app
from exhibition.archive import edition
from tests.support.archives import BASE, archive_app, freeze, tree
from tests.support.world import in_three_languages


@pytest.fixture
def app(world, tmp_path):
    app = archive_app(world, tmp_path)
    result = freeze(app)
    assert result.exit_code == 0, result.output
    return app


@pytest.fixture
def folder(tmp_path):
    return tmp_path / "archive" / "test-1"


def get(client, url, **options):
    response = client.get(url, **options)
    response.get_data()
    response.close()
    return response


def test_the_list_shows_each_edition(app):
    response = get(app.test_client(), "/archive/")
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'href="/archive/test-1/"' in text
    assert "Machines that make" in text
    assert "21 September 2020 – 18 March 2021" in text
    assert "<td>9</td>"  # with the tags and the timeline in text
    assert "Verified" in text


def test_every_language_of_an_edition_is_served(world, tmp_path):
    app = archive_app(in_three_languages(world), tmp_path)
    assert freeze(app).exit_code == 0
    client = app.test_client()
    assert b'href="/archive/test-1/"' in get(client, "/archive/").data
    french = get(client, "/archive/test-1/fr/")
    assert french.status_code == 200 and '<html lang="fr" dir="ltr">' in french.text
    arabic = get(client, "/archive/test-1/ar/rooms/art/first/")
    assert arabic.status_code == 200 and '<html lang="ar" dir="rtl">' in arabic.text
    assert "الأول" in arabic.text


def test_the_list_says_when_an_edition_failed_its_last_check(app, folder):
    os.chmod(folder / "data/about/index.html", 0o644)
    (folder / "data/about/index.html").write_text("tampered")
    assert app.test_cli_runner().invoke(args=["verify", "--all"]).exit_code == 1
    assert "Failed" in get(app.test_client(), "/archive/").get_data(as_text=True)


def test_frozen_bytes_are_served_with_archive_headers(app, folder):
    client = app.test_client()
    response = get(client, "/archive/test-1/rooms/art/first/")
    assert response.get_data() == (folder / "data/rooms/art/first/index.html").read_bytes()
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"  # one charset
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    sha = edition.read_manifest(folder / "manifest-sha256.txt")["rooms/art/first/index.html"]
    assert response.headers["ETag"] == f'"{sha}"'
    frozen = edition.find(folder.parent, "test-1").frozen_at
    assert parse_date(response.headers["Memento-Datetime"]) == frozen
    assert response.headers["Link"] == f'<{BASE}/rooms/art/first/>; rel="original"'
    again = get(client, "/archive/test-1/rooms/art/first/", headers={"If-None-Match": f'"{sha}"'})
    assert again.status_code == 304


@pytest.mark.parametrize(
    "url, status",
    [
        ("/archive/test-1/", 200),
        ("/archive/test-1/index.html", 200),
        ("/archive/test-1/404.html", 200),
        ("/archive/test-1/sitemap.xml", 200),
        ("/archive/test-1/media/rooms/01-art/01-first/work.png", 200),
        ("/archive/test-1/bag-info.txt", 404),
        ("/archive/test-1/manifest-sha256.txt", 404),
        ("/archive/test-1/../test-1/index.html", 400),
        ("/archive/test-1/%2e%2e/bag-info.txt", 400),
        ("/archive/test-1/no/such/page/", 404),
        ("/archive/test-2/", 404),
        ("/archive/.fixity/test-1.jsonl", 404),
    ],
)
def test_only_files_the_manifest_lists_are_served(app, url, status):
    assert get(app.test_client(), url).status_code == status


def test_a_file_added_to_an_edition_is_never_served(app, folder):
    os.chmod(folder / "data", 0o755)
    (folder / "data/added.html").write_text("not frozen")
    assert get(app.test_client(), "/archive/test-1/added.html").status_code == 404


def test_a_listed_file_of_a_kind_never_sent_is_not_served(app, folder):
    # An edition frozen before captions had to be .vtt: a page under media/, in its manifest.
    clip = "media/rooms/01-art/01-first/clip.html"
    os.chmod(folder, 0o755)
    os.chmod(folder / "data/media/rooms/01-art/01-first", 0o755)
    os.chmod(folder / "manifest-sha256.txt", 0o644)
    (folder / "data" / clip).write_text("WEBVTT\n<script src=clip.js></script>\n")
    with open(folder / "manifest-sha256.txt", "a") as manifest:
        manifest.write(f"{'0' * 64}  data/{clip}\n")
    retag(folder)
    assert get(app.test_client(), f"/archive/test-1/{clip}").status_code == 404
    assert get(app.test_client(), "/archive/test-1/").status_code == 200


def retag(folder) -> None:
    """Write an edition's tag manifest anew, as if freeze had made its manifest as it is now."""
    tags = folder / "tagmanifest-sha256.txt"
    os.chmod(tags, 0o644)
    lines = []
    for line in tags.read_text().splitlines():
        name = line.split(maxsplit=1)[1]
        lines.append(f"{sha256((folder / name).read_bytes())}  {name}\n")
    tags.write_text("".join(lines))


def hand_made(archive, slug: str, *, tagged: bool, owner: int = 0):
    """Drop a bag freeze never wrote into the archive: its own page, listed in its manifest."""
    folder = archive / slug
    (folder / "data").mkdir(parents=True)
    page = b"<!doctype html><title>Forged</title><script src=evil.js></script>"
    (folder / "data/index.html").write_bytes(page)
    (folder / "bagit.txt").write_text("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n")
    (folder / "bag-info.txt").write_text(
        "Exhibition-Title: Forged\nExhibition-Opens: 2030-01-01\nExhibition-Closes: 2030-12-31\n"
        "Frozen-At: 2031-01-01T00:00:00+00:00\nPayload-Oxum: 63.1\n"
    )
    (folder / "manifest-sha256.txt").write_text(f"{sha256(page)}  data/index.html\n")
    names = ("bagit.txt", "bag-info.txt", "manifest-sha256.txt")
    if tagged:
        lines = [f"{sha256((folder / n).read_bytes())}  {n}\n" for n in names]
        (folder / "tagmanifest-sha256.txt").write_text("".join(lines))
    for path in (folder, *folder.rglob("*")):
        os.chown(path, owner, owner)


def sha256(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


@pytest.mark.parametrize(
    ("tagged", "owner"),
    [(False, 0), (True, 65534)],
    ids=["without-a-tag-manifest", "whole-but-another-users"],
)
def test_a_hand_made_edition_is_neither_listed_nor_served(app, folder, tagged, owner):
    hand_made(folder.parent, "forged", tagged=tagged, owner=owner)
    client = app.test_client()
    listing = get(client, "/archive/").get_data(as_text=True)
    assert "/archive/test-1/" in listing and "Forged" not in listing
    assert get(client, "/archive/forged/").status_code == 404
    assert get(client, "/archive/test-1/").status_code == 200


def test_a_manifest_changed_after_the_edition_was_listed_serves_nothing(app, folder):
    client = app.test_client()
    assert get(client, "/archive/").status_code == 200  # the shelf has read the editions
    os.chmod(folder, 0o755)
    os.chmod(folder / "data", 0o755)
    os.chmod(folder / "manifest-sha256.txt", 0o644)
    (folder / "data/added.html").write_text("not frozen")
    with open(folder / "manifest-sha256.txt", "a") as manifest:
        manifest.write(f"{sha256(b'not frozen')}  data/added.html\n")
    os.chmod(folder, 0o555)
    assert get(client, "/archive/test-1/added.html").status_code == 404
    assert get(client, "/archive/test-1/").status_code == 404


def test_a_folder_without_its_slash_is_redirected(app):
    response = get(app.test_client(), "/archive/test-1/rooms/art")
    assert response.status_code == 308
    assert response.headers["Location"].endswith("/archive/test-1/rooms/art/")


def test_media_can_be_sought(app):
    response = get(
        app.test_client(),
        "/archive/test-1/media/rooms/01-art/01-first/work.png",
        headers={"Range": "bytes=0-9"},
    )
    assert response.status_code == 206 and len(response.get_data()) == 10


@pytest.fixture
def retired(app, tmp_path):
    """Return the app in archive mode, with no content folder at all."""
    return create_app(
        {
            "TESTING": True,
            "MODE": "archive",
            "CONTENT_DIR": str(tmp_path / "gone"),
            "ARCHIVE_DIR": str(tmp_path / "archive"),
        }
    )


def test_archive_mode_leads_to_the_latest_edition(retired):
    response = get(retired.test_client(), "/")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/archive/test-1/")


def test_archive_mode_leads_old_addresses_to_the_same_frozen_page(retired):
    response = get(retired.test_client(), "/rooms/art/first/")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/archive/test-1/rooms/art/first/")


def test_archive_mode_serves_nothing_live(retired, folder):
    client = retired.test_client()
    media = get(client, "/media/rooms/01-art/01-first/work.png")  # a frozen file: led there
    assert media.headers["Location"].endswith(
        "/archive/test-1/media/rooms/01-art/01-first/work.png"
    )
    assert get(client, "/_curator/").status_code == 404
    response = get(client, "/no/such/page/")
    assert response.status_code == 404
    assert "Not in the archive" in response.get_data(as_text=True)
    frozen = get(client, "/archive/test-1/")
    assert frozen.get_data() == (folder / "data/index.html").read_bytes()


def test_archive_mode_without_editions_leads_to_the_empty_list(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "MODE": "archive",
            "CONTENT_DIR": str(tmp_path / "gone"),
            "ARCHIVE_DIR": str(tmp_path / "archive"),
        }
    )
    response = get(app.test_client(), "/")
    assert response.headers["Location"].endswith("/archive/")
    assert "No edition has been frozen yet." in get(app.test_client(), "/archive/").get_data(
        as_text=True
    )


def test_the_frozen_tree_is_unchanged_by_serving(app, folder):
    before = tree(folder)
    client = app.test_client()
    for file in tree(folder / "data"):
        get(client, f"/archive/test-1/{file}")
    assert tree(folder) == before
