"""The page cache's folder backend: pages kept as files, none read that another user wrote."""

from __future__ import annotations

import os
import pickle
import struct
from pathlib import Path

import pytest

from exhibition import create_app

NOBODY = 65534  # tests run as root, so can hand a file to another user


def planted(marker: Path) -> bytes:
    """Return a cache file that makes the file `marker` when read: code an attacker would plant."""

    class Plant:
        def __reduce__(self):
            return (Path.touch, (marker,))

    return struct.pack("I", 0) + pickle.dumps(Plant())  # never expires, then the pickle


@pytest.mark.parametrize(
    "foreign",
    [lambda path: os.chown(path, NOBODY, NOBODY), lambda path: os.chmod(path, 0o666)],
    ids=["another-users", "others-may-write"],
)
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
