"""The app's own folders: outside the content for a server, the site's alone, made if missing."""

from __future__ import annotations

import os
import stat

import click
import pytest

from exhibition import create_app, folders
from exhibition.settings import SettingError

NOBODY = 65534  # tests run as root, so can hand a folder to another user


def settings(world, tmp_path, **config):
    return {
        "TESTING": True,
        "CONTENT_DIR": str(world.root),
        "CACHE_DIR": str(tmp_path / "cache"),
        "ARCHIVE_DIR": str(tmp_path / "archive"),
        **config,
    }


def as_command(config):
    """Create the app as `flask` does for a command such as `check`: inside a click context."""
    with click.Context(click.Command("flask"), info_name="flask"):
        return create_app(config)


@pytest.mark.parametrize(
    ("config", "variable"),
    [
        ({"CACHE_DIR": "{content}/cache"}, "EXHIBITION_CACHE_DIR"),
        ({"ARCHIVE_DIR": "{content}/archive"}, "EXHIBITION_ARCHIVE_DIR"),
        ({"ARCHIVE_DIR": "{content}"}, "EXHIBITION_ARCHIVE_DIR"),
        (
            {"CACHE_TYPE": "FileSystemCache", "PAGE_CACHE_DIR": "{content}/rooms/pages"},
            "EXHIBITION_PAGE_CACHE_DIR",
        ),
        ({"MODE": "archive", "ARCHIVE_DIR": "{content}/archive"}, "EXHIBITION_ARCHIVE_DIR"),
        ({"ARCHIVE_DIR": "{tmp}/linked/archive"}, "EXHIBITION_ARCHIVE_DIR"),
    ],
    ids=["cache", "archive", "archive-is-content", "page-cache", "archive-mode", "linked"],
)
def test_a_server_refuses_its_folders_inside_the_content_folder(world, tmp_path, config, variable):
    (tmp_path / "linked").symlink_to(world.root)
    config = {k: v.format(content=world.root, tmp=tmp_path) for k, v in config.items()}
    with pytest.raises(SettingError) as raised:
        create_app(settings(world, tmp_path, **config))
    message = str(raised.value)
    assert message.startswith(f"{variable} (")
    assert f"is inside the content folder ({world.root})" in message
    assert "; set it to a folder outside it, such as instance/" in message


def test_a_command_starts_with_a_folder_inside_the_content_folder(world, tmp_path):
    app = as_command(settings(world, tmp_path, CACHE_DIR=str(world.root / "cache")))
    assert app.extensions["exhibition"].exhibition.title == "Machines that make"  # it loaded


@pytest.mark.parametrize(
    ("config", "variable", "folder"),
    [
        ({}, "EXHIBITION_CACHE_DIR", "cache"),
        ({}, "EXHIBITION_ARCHIVE_DIR", "archive"),
        ({"CACHE_TYPE": "FileSystemCache"}, "EXHIBITION_PAGE_CACHE_DIR", "cache/pages"),
        (
            {"CACHE_TYPE": "FileSystemCache", "PAGE_CACHE_DIR": "{tmp}/pages"},
            "EXHIBITION_PAGE_CACHE_DIR",
            "pages",
        ),
    ],
)
@pytest.mark.parametrize("start", [create_app, as_command], ids=["server", "command"])
@pytest.mark.parametrize("foreign", ["another-users", "others-may-write"])
def test_a_folder_another_user_could_write_stops_the_app(
    world, tmp_path, config, variable, folder, start, foreign
):
    (tmp_path / folder).mkdir(parents=True)
    if foreign == "another-users":
        os.chown(tmp_path / folder, NOBODY, NOBODY)
        said = f"belongs to uid {NOBODY}, not to the user the site runs as"
    else:
        os.chmod(tmp_path / folder, 0o1777)  # as /tmp is: anyone could make files in it
        said = "can be written by other users (mode 1777)"
    config = {k: v.format(tmp=tmp_path) for k, v in config.items()}
    with pytest.raises(SettingError) as raised:
        start(settings(world, tmp_path, **config))
    assert str(raised.value).startswith(f"{variable} ({tmp_path / folder}) {said}")


def test_folders_of_root_serve_an_app_running_as_another_user(world, tmp_path, monkeypatch):
    # As in the Docker image: the build, as root, made the cache; the app runs as uid 10001.
    monkeypatch.setattr(os, "geteuid", lambda: 10001)
    (tmp_path / "cache").mkdir()
    assert folders.trusted(os.stat(tmp_path / "cache"))
    create_app(settings(world, tmp_path))
    os.chown(tmp_path / "cache", NOBODY, NOBODY)
    with pytest.raises(
        SettingError, match="belongs to uid 65534, not to the user the site runs as"
    ):
        create_app(settings(world, tmp_path))


def test_missing_folders_are_made_writable_by_the_site_alone(world, tmp_path):
    mask = os.umask(0o002)  # a umask that would let the group write new folders
    try:
        create_app(settings(world, tmp_path, CACHE_TYPE="FileSystemCache"))
    finally:
        os.umask(mask)
    modes = {
        name: stat.S_IMODE(os.stat(tmp_path / name).st_mode)
        for name in ("cache", "cache/pages", "archive")
    }
    assert modes == {"cache": 0o755, "cache/pages": 0o700, "archive": 0o755}


def test_a_folder_that_cannot_be_made_is_left_to_whoever_writes_it(world, tmp_path):
    config = settings(world, tmp_path, CACHE_DIR="/proc/exhibition/cache")  # never writable
    folders.check({**config, "MODE": "live", "CACHE_TYPE": ""}, server=True)
    assert not os.path.exists("/proc/exhibition")
