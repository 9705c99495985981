"""Fixtures: small exhibitions written into tmp_path, the app, its client and runner."""

from __future__ import annotations

import os

import pytest

from exhibition import create_app
from tests.support import DEMO, ROOT
from tests.support.world import World, make_world


def _instance_files() -> set[str]:
    return (
        {str(p) for p in (ROOT / "instance").rglob("*")} if (ROOT / "instance").exists() else set()
    )


@pytest.fixture(scope="session", autouse=True)
def _checkout_instance_untouched(tmp_path_factory):
    """Run wider fixtures away from the checkout; fail the run if anything wrote its instance/.

    Each test then runs in its own folder (below); a server or command a
    test starts in the checkout must be given its folders.
    """
    before, started_in = _instance_files(), os.getcwd()
    os.chdir(tmp_path_factory.mktemp("cwd"))
    yield
    os.chdir(started_in)
    added = sorted(_instance_files() - before)
    assert not added, f"tests wrote into the checkout's instance/ folder: {added[:5]}"


@pytest.fixture(autouse=True)
def _away_from_the_checkout(tmp_path, monkeypatch):
    """Run every test in its own folder, so no default folder (instance/...) is the checkout's."""
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def world(tmp_path) -> World:
    """Return a valid exhibition of two rooms and three exhibits, ready to change."""
    return make_world(tmp_path / "content")


@pytest.fixture
def app(world, tmp_path):
    """Return the app serving the test world."""
    return create_app(
        {"TESTING": True, "CONTENT_DIR": str(world.root), "CACHE_DIR": str(tmp_path / "cache")}
    )


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
    cache = tmp_path_factory.mktemp("demo-cache")
    settings = {"CONTENT_DIR": str(DEMO), "CACHE_DIR": str(cache), "IMAGE_WIDTHS": "320,640"}
    result = create_app({"TESTING": True, **settings}).test_cli_runner().invoke(args=["build"])
    assert result.exit_code == 0, result.output
    return settings


@pytest.fixture(scope="session")
def demo_app(demo_settings):
    """Return the app serving the demo exhibition, its images built."""
    return create_app({"TESTING": True, **demo_settings})
