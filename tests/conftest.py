"""Fixtures: small exhibitions written into tmp_path, the app, its client and runner."""

from __future__ import annotations

import os
import subprocess

import pytest

from exhibition import create_app
from tests.support import DEMO, ROOT
from tests.support.world import World, make_world


def _instance_files() -> set[str]:
    return (
        {str(p) for p in (ROOT / "instance").rglob("*")} if (ROOT / "instance").exists() else set()
    )


def _checkout_changes() -> dict[str, tuple[str, int, int]] | None:
    """Return what `git status` shows changed in the checkout, with each path's size and time.

    None outside a git checkout. The size and time tell a further change to a
    file already changed before the tests ran.
    """
    try:
        done = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=all"],
            cwd=ROOT, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    except FileNotFoundError:
        return None
    if done.returncode != 0:
        return None
    found = {}
    for line in done.stdout.splitlines():
        path = line[3:].split(" -> ")[-1].strip('"')
        try:
            stat = (ROOT / path).stat()
            found[path] = (line[:2], stat.st_size, stat.st_mtime_ns)
        except FileNotFoundError:
            found[path] = (line[:2], -1, -1)
    return found


CHECKOUT = pytest.StashKey[tuple]()


def pytest_sessionstart(session):
    """Note what is changed in the checkout, and in its instance/, before any test runs."""
    session.config.stash[CHECKOUT] = (_checkout_changes(), _instance_files())


def pytest_sessionfinish(session, exitstatus):
    """Fail the run if the tests changed a file of the checkout; list the files."""
    (before, instance), after = session.config.stash[CHECKOUT], _checkout_changes()
    changed = sorted(_instance_files() - instance)
    if before is not None and after is not None:
        changed += sorted(
            path for path in before.keys() | after.keys() if before.get(path) != after.get(path)
        )
    if changed:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        said = "the tests changed files of the checkout; a test writes only into its tmp_path:"
        if reporter:
            reporter.ensure_newline()
            reporter.write_line("\n".join([said, *(f"  {path}" for path in changed)]), red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="session", autouse=True)
def _run_away_from_the_checkout(tmp_path_factory):
    """Run wider fixtures away from the checkout, so no default folder (instance/...) is its.

    Each test then runs in its own folder (below); a server or command a
    test starts in the checkout must be given its folders.
    """
    started_in = os.getcwd()
    os.chdir(tmp_path_factory.mktemp("cwd"))
    with pytest.MonkeyPatch.context() as patch:
        # Each room's 360° picture drawn small: the same layout and files, in a fraction of the
        # time. The commands and servers tests start read it from the environment too.
        patch.setenv("EXHIBITION_PANORAMA_WIDTHS", "512")
        yield
    os.chdir(started_in)


@pytest.fixture(autouse=True)
def _away_from_the_checkout(tmp_path, monkeypatch):
    """Run every test in its own folder; fail the test that wrote into the checkout's instance/.

    instance/ is ignored by git, so the run's check of `git status` cannot see it.
    """
    before = _instance_files()
    monkeypatch.chdir(tmp_path)
    yield
    added = sorted(_instance_files() - before)
    assert not added, f"the test wrote into the checkout's instance/ folder: {added[:5]}"


@pytest.fixture
def world(tmp_path) -> World:
    """Return a valid exhibition of two rooms and three exhibits, ready to change."""
    return make_world(tmp_path / "content")


@pytest.fixture
def app(world, tmp_path):
    """Return the app serving the test world, its cache and archive in tmp_path."""
    folders = {"CACHE_DIR": str(tmp_path / "cache"), "ARCHIVE_DIR": str(tmp_path / "archive")}
    return create_app({"TESTING": True, "CONTENT_DIR": str(world.root), **folders})


@pytest.fixture
def client(app):
    """Return a test client of the app."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """Return a CLI runner of the app."""
    return app.test_cli_runner()


@pytest.fixture(scope="session")
def demo_settings(tmp_path_factory) -> dict:
    """Return the demo's settings, its images built once as `make run` builds them.

    Two widths, not the whole ladder, keep the build to seconds; the pages
    have the same <picture>, srcset and zoom viewer markup either way.
    """
    cache, archive = tmp_path_factory.mktemp("demo-cache"), tmp_path_factory.mktemp("demo-archive")
    settings = {"CONTENT_DIR": str(DEMO), "CACHE_DIR": str(cache), "ARCHIVE_DIR": str(archive)}
    settings["IMAGE_WIDTHS"] = "320,640"
    result = create_app({"TESTING": True, **settings}).test_cli_runner().invoke(args=["build"])
    assert result.exit_code == 0, result.output
    return settings


@pytest.fixture(scope="session")
def demo_app(demo_settings):
    """Return the app serving the demo exhibition, its images built."""
    return create_app({"TESTING": True, **demo_settings})
