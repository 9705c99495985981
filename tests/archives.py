"""Helpers for the archive's tests: an app that can freeze the test world, and a freeze."""

from __future__ import annotations

from pathlib import Path

from exhibition import create_app
from tests.conftest import EXHIBITION_YAML, World

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


def make_world(root: Path) -> World:
    """Write the test world of conftest's `world` fixture, for fixtures wider than a test."""
    world = World(root)
    world.write("exhibition.yaml", EXHIBITION_YAML)
    world.room("01-art")
    world.room("02-music")
    world.exhibit("01-art", "01-first")
    world.exhibit("01-art", "02-second")
    world.exhibit("02-music", "01-third")
    world.write("pages/about.md", "---\ntitle: About\n---\nAbout this exhibition.\n")
    return world


def built_and_frozen(folder: Path, **config):
    """Return an app serving the test world in folder, its images built, edition test-1 frozen."""
    app = archive_app(make_world(folder / "content"), folder, IMAGE_WIDTHS="320", **config)
    built = app.test_cli_runner().invoke(args=["build", "--strict"])
    assert built.exit_code == 0, built.output
    frozen = freeze(app)
    assert frozen.exit_code == 0, frozen.output
    return app
