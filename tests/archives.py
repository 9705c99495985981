"""Helpers for the archive's tests: an app that can freeze the test world, and a freeze."""

from __future__ import annotations

from pathlib import Path

from exhibition import create_app

BASE = "https://museum.example"


def archive_app(world, tmp_path: Path, **config):
    """Return an app serving the test world with a public address and an archive folder."""
    settings = {
        "TESTING": True,
        "CONTENT_DIR": str(world.root),
        "CACHE_DIR": str(tmp_path / "cache"),
        "BASE_URL": BASE,
        "ARCHIVE_DIR": str(tmp_path / "archive"),
    }
    return create_app({**settings, **config})


def freeze(app, *args: str):
    """Run `freeze` on an app; return the click result."""
    return app.test_cli_runner().invoke(args=["freeze", "--jobs", "1", *args])


def tree(folder: Path) -> dict[str, bytes]:
    """Return every file under a folder by its relative path, with its bytes."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
