"""Refuse folders and files another user could have written, before anything is read from them.

The cache folder holds pickles (the content snapshot, and the pages of
FileSystemCache), and reading a pickle can run code; the archive folder holds
editions the site serves as they are. So each must be the site's own: owned
by the user the app runs as (or by root, as in an image built before the app
runs) and writable by no one else. A server also refuses them inside the
content folder, which curators write: whatever they put there must stay
content. Missing folders are made, private where only the app reads them.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .settings import SettingError

SHARED = 0o755  # the cache (nginx reads derivatives) and the archive (nginx reads editions)
PRIVATE = 0o700  # the page cache: only the app reads it


def trusted(info: os.stat_result) -> bool:
    """Return True if a file or folder is the site's user's or root's, and only theirs to write."""
    return info.st_uid in (os.geteuid(), 0) and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def used(config) -> list[tuple[str, Path, int]]:
    """Return the folders the app keeps its own files in: setting, folder, mode to make it with."""
    found = [("EXHIBITION_ARCHIVE_DIR", Path(config["ARCHIVE_DIR"]).resolve(), SHARED)]
    if config["MODE"] == "live":
        cache = Path(config["CACHE_DIR"]).resolve()
        found.append(("EXHIBITION_CACHE_DIR", cache, SHARED))
        if config["CACHE_TYPE"] == "FileSystemCache":
            pages = Path(config["PAGE_CACHE_DIR"] or cache / "pages").resolve()
            found.append(("EXHIBITION_PAGE_CACHE_DIR", pages, PRIVATE))
    return found


def check(config, *, server: bool) -> None:
    """Make the app's folders if missing; raise SettingError for any another user could write.

    A server also refuses them inside the content folder; a command such as
    `check` must still start, to report what is wrong with the content.
    """
    for variable, folder, mode in used(config):
        if server:
            refuse_inside_content(config, variable, folder)
        try:
            folder.mkdir(mode=mode, parents=True, exist_ok=True)
        except OSError:
            continue  # a read-only disk: nothing there for anyone to have written
        refuse_foreign(variable, folder)


def refuse_inside_content(config, variable: str, folder: Path) -> None:
    """Raise SettingError if a folder is the content folder or inside it, links resolved."""
    content = Path(config["CONTENT_DIR"]).resolve()
    if folder.resolve().is_relative_to(content):
        raise SettingError(
            f"{variable} ({folder}) is inside the content folder ({content}), where whoever "
            "writes content could plant what the site trusts; set it to a folder outside it, "
            "such as instance/" + ("archive" if "ARCHIVE" in variable else "cache") + "."
        )


def refuse_foreign(variable: str, folder: Path) -> None:
    """Raise SettingError if a folder belongs to another user or others may write it."""
    info = folder.stat()
    if info.st_uid not in (os.geteuid(), 0):
        raise SettingError(
            f"{variable} ({folder}) belongs to uid {info.st_uid}, not to the user the site "
            f"runs as (uid {os.geteuid()}), who could plant files the site trusts; use a folder "
            "of the site's own, or chown it to the site's user."
        )
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise SettingError(
            f"{variable} ({folder}) can be written by other users (mode "
            f"{stat.S_IMODE(info.st_mode):o}), who could plant files the site trusts; "
            f"run `chmod go-w {folder}`, or use a folder of the site's own."
        )
