"""Helpers for the archive's tests: an app that can freeze the test world, and a freeze."""

from __future__ import annotations

import subprocess
from functools import partial
from pathlib import Path

from exhibition import create_app
from exhibition.archive import edition, render
from exhibition.archive import freeze as freezing
from tests.support import ROOT
from tests.support.servers import server_environment
from tests.support.world import make_world

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


def freeze_error(app, archive: Path, forge, processes: int = 1) -> str:
    """Freeze an app into archive, every answer passed through forge; return the error it says.

    forge(path, real) returns the answer for path; real(path) is the answer the app gives.
    """
    with app.app_context():
        plan = render.plan(app)
        real = render.fetcher(app, plan)
        try:
            list(freezing.freeze(plan, partial(forge, real=real), archive, processes=processes))
        except freezing.FreezeError as error:
            return str(error)
    raise AssertionError("the freeze did not fail")


def tree(folder: Path) -> dict[str, bytes]:
    """Return every file under a folder by its relative path, with its bytes."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def built_and_frozen(folder: Path, **config):
    """Return an app serving the test world in folder, its images built, edition test-1 frozen."""
    app = archive_app(make_world(folder / "content"), folder, IMAGE_WIDTHS="320", **config)
    built = app.test_cli_runner().invoke(args=["build", "--strict"])
    assert built.exit_code == 0, built.output
    frozen = freeze(app)
    assert frozen.exit_code == 0, frozen.output
    return app


def command_environment(world, folder: Path) -> dict[str, str]:
    """Return the environment of a command run on the test world, its folders in folder."""
    settings = {"CONTENT_DIR": world.root, "CACHE_DIR": folder / "cache"}
    return server_environment({**settings, "ARCHIVE_DIR": folder / "archive", "BASE_URL": BASE})


def freeze_again_and_check(archive: Path, env: dict, command: list[str]) -> None:
    """Freeze again after a killed freeze; check the archive holds the one whole edition."""
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in archive.iterdir()) == [".fixity", ".lock", "test-1"]
    assert edition.find(archive, "test-1").pages == 18  # privacy, tags, timeline, search, browse
