import os
import struct
from pathlib import Path

import pytest

from exhibition import create_app
from exhibition.web.cache import CachedPage
from exhibition.web.pagefolder import PageFolder
from tests.support.attacks import FOREIGN, planted_pickle

LIMIT = 50


def folder_of(tmp_path) -> PageFolder:
    return PageFolder(str(tmp_path / "pages"), threshold=LIMIT, default_timeout=0)


def test_a_full_folder_keeps_at_most_its_limit_and_the_newest_pages(tmp_path):
    pages = folder_of(tmp_path)
    for n in range(200):
        pages.set(f"page:{n}", CachedPage.of(b"<p>%d</p>" % n, "text/html", codings=()))
    assert len(list(pages._list_dir())) <= LIMIT
    assert pages._file_count == len(list(pages._list_dir()))
    assert pages.get("page:199").body("") == b"<p>199</p>"
    assert pages.get("page:0") is None


def test_past_its_limit_a_store_does_not_read_the_whole_folder(tmp_path, monkeypatch):
    pages = folder_of(tmp_path)
    for n in range(LIMIT):
        pages.set(f"page:{n}", "a page")
    listings, opened = [], []
    listdir, stream = os.listdir, pages._safe_stream_open
    monkeypatch.setattr(os, "listdir", lambda path: listings.append(1) or listdir(path))
    monkeypatch.setattr(pages, "_safe_stream_open", lambda *a: opened.append(a) or stream(*a))
    stores = 500
    for n in range(LIMIT, LIMIT + stores):
        pages.set(f"page:{n}", "a page")
    # One listing per tenth of the limit's stores, and no page opened to prune.
    assert len(listings) <= stores / (LIMIT * 0.1) + 1
    assert len(opened) <= stores * 3  # the count of pages, read with each store


def planted(marker: Path) -> bytes:
    """Return a cache file that makes the file `marker` when read: code an attacker would plant."""
    return struct.pack("I", 0) + planted_pickle(marker)  # never expires, then the pickle


@pytest.mark.parametrize("foreign", FOREIGN)
def test_a_page_file_another_user_could_have_written_is_never_unpickled(
    world, tmp_path, caplog, foreign
):
    folder = tmp_path / "pages"
    app = create_app(
        {
            "TESTING": True,
            "CONTENT_DIR": str(world.root),
            "CACHE_DIR": str(tmp_path / "cache"),
            "CACHE_TYPE": "FileSystemCache",
            "PAGE_CACHE_DIR": str(folder),
        }
    )
    client = app.test_client()
    assert client.get("/rooms/art/").headers["X-Cache"] == "MISS"
    for path in folder.iterdir():
        path.write_bytes(planted(tmp_path / "ran"))
        foreign(path)
    response = client.get("/rooms/art/")
    assert (response.status_code, response.headers["X-Cache"]) == (200, "MISS")
    assert not (tmp_path / "ran").exists()
    assert "another user could have written it" in caplog.text
    assert client.get("/rooms/art/").headers["X-Cache"] == "HIT"  # written anew, the site's own
