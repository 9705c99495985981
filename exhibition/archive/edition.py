"""What an archive folder holds: its editions, what each says of itself, its fixity log.

An edition is a BagIt bag in `<archive>/<slug>/`; its `bag-info.txt` says
what it is. Names that start with a dot are the archive's own: `.fixity/`
(one JSON line per check of each edition), a freeze's temporary folder, the
lock. They are never editions.

The site lists and serves only editions as `freeze` leaves them: the site's
own (its user's or root's, and writable by no one else, like the archive
folder the app checks at start), and whole by their own tag manifest, which
names bagit.txt, bag-info.txt and the manifest with their SHA-256. A tag
manifest proves a bag whole, not who made it: who made it is proved by who
can write the archive folder, which is why it must be the site's alone.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path

from ..folders import trusted

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
FIXITY = ".fixity"
BAG_INFO = "bag-info.txt"
MANIFEST = "manifest-sha256.txt"
TAG_MANIFEST = "tagmanifest-sha256.txt"
# The tag files every edition's tag manifest must name: freeze's list them all.
TAGGED = ("bagit.txt", BAG_INFO, MANIFEST)


class ArchiveError(Exception):
    """The archive cannot do what was asked; the message says why and what to do."""


def archive_dir(config) -> Path:
    """Return the archive folder an app's settings name: by default instance/archive."""
    return Path(config["ARCHIVE_DIR"]).resolve()


def check_slug(slug: str) -> str:
    """Return an edition's name if it is a slug; raise ArchiveError otherwise."""
    if not SLUG.fullmatch(slug or ""):
        raise ArchiveError(
            f"'{slug}' is not a valid edition name: use lower-case letters, digits and "
            "single hyphens, such as 2020-21"
        )
    return slug


def read_tags(path: Path) -> dict[str, str]:
    """Read a BagIt tag file: `Label: value` lines, continued on indented lines."""
    tags: dict[str, str] = {}
    label = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line[:1] in (" ", "\t") and label:
            tags[label] += " " + line.strip()
        elif ":" in line:
            label, _, value = line.partition(":")
            label = label.strip()
            tags.setdefault(label, value.strip())
    return tags


def read_manifest(path: Path, sha256: str = "") -> dict[str, str]:
    """Read a BagIt manifest: return {path under data/: checksum}.

    Given the SHA-256 the tag manifest records, return {} if the file is not that one.
    """
    body = path.read_bytes()
    if sha256 and hashlib.sha256(body).hexdigest() != sha256:
        return {}
    files = {}
    for line in body.decode("utf-8").splitlines():
        checksum, _, name = line.partition(" ")
        name = name.lstrip(" *")
        if name.startswith("data/"):
            files[_decode(name[5:])] = checksum.lower()
    return files


def _decode(name: str) -> str:
    """Undo the percent-encoding RFC 8493 asks for in manifest file names."""
    return name.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


@dataclass(frozen=True)
class Edition:
    """One frozen edition, as its bag-info.txt describes it."""

    slug: str
    folder: Path
    title: str
    opens: dt.date
    closes: dt.date
    frozen_at: dt.datetime
    base_url: str
    pages: int
    files: int
    size: int  # bytes of the site, from the Payload-Oxum
    manifest_sha256: str = ""  # as the tag manifest records it, once checked

    @classmethod
    def read(cls, folder: Path) -> Edition:
        """Read an edition's description; raise ArchiveError if it has none."""
        try:
            tags = read_tags(folder / BAG_INFO)
            size, _, files = tags.get("Payload-Oxum", "0.0").partition(".")
            return cls(
                slug=folder.name,
                folder=folder,
                title=tags.get("Exhibition-Title", folder.name),
                opens=dt.date.fromisoformat(tags["Exhibition-Opens"]),
                closes=dt.date.fromisoformat(tags["Exhibition-Closes"]),
                frozen_at=dt.datetime.fromisoformat(tags["Frozen-At"]),
                base_url=tags.get("Exhibition-URL", "").rstrip("/"),
                pages=int(tags.get("Exhibition-Pages", "0")),
                files=int(files or 0),
                size=int(size or 0),
            )
        except (OSError, KeyError, ValueError) as error:
            raise ArchiveError(f"{folder} is not a frozen edition: {error}") from None

    def live_url(self, file: str) -> str:
        """Return the live URL a file of the edition was frozen from."""
        from .links import url_of

        return self.base_url + url_of(file)

    def last_check(self) -> dict | None:
        """Return the last fixity check recorded for this edition, or None."""
        return last_check(self.folder.parent, self.slug)


def editions(archive: Path, *, every: bool = False) -> list[Edition]:
    """Return the editions of an archive folder that are as freeze left them, latest run first.

    `every`: each bag with a bag-info.txt, whatever its tag manifest says, for
    `verify` to report what is wrong with it.
    """
    found = []
    if archive.is_dir():
        for folder in archive.iterdir():
            if SLUG.fullmatch(folder.name) and (folder / BAG_INFO).is_file():
                try:
                    found.append(Edition.read(folder) if every else checked(folder))
                except ArchiveError:
                    continue
    return sorted(found, key=lambda e: (e.closes, e.frozen_at, e.slug), reverse=True)


def checked(folder: Path) -> Edition:
    """Read an edition that is the site's own and whole by its tag manifest; else ArchiveError."""
    try:
        if not trusted(folder.stat()):
            raise ArchiveError(f"{folder} is not the site's own, or others may write it")
        tags = {}
        for line in (folder / TAG_MANIFEST).read_text(encoding="utf-8").split("\n"):
            checksum, _, name = line.strip().partition(" ")
            if checksum:
                tags[name.lstrip(" *")] = checksum.lower()
        for name in {*TAGGED, *tags}:
            if os.path.basename(name) != name or _sha256_of_own(folder / name) != tags.get(name):
                raise ArchiveError(f"{folder / name} is not as the tag manifest records it")
    except (OSError, UnicodeDecodeError) as error:
        raise ArchiveError(f"{folder} is not a frozen edition: {error}") from None
    return dataclasses.replace(Edition.read(folder), manifest_sha256=tags[MANIFEST])


def _sha256_of_own(path: Path) -> str:
    """Return a file's SHA-256, or "" if another user could have written it."""
    with open(path, "rb") as file:
        return hashlib.sha256(file.read()).hexdigest() if trusted(os.fstat(file.fileno())) else ""


def find(archive: Path, slug: str) -> Edition:
    """Return one edition; raise ArchiveError, naming the editions there are, if absent."""
    check_slug(slug)
    folder = archive / slug
    if not (folder / BAG_INFO).is_file():
        names = ", ".join(e.slug for e in editions(archive)) or "none yet"
        raise ArchiveError(f"there is no edition '{slug}' in {archive} (editions: {names})")
    return Edition.read(folder)


def record_check(archive: Path, slug: str, result: dict) -> bool:
    """Append a fixity check to the archive's log; return False if it cannot be written."""
    line = json.dumps({"edition": slug, **result}, sort_keys=True) + "\n"
    try:
        (archive / FIXITY).mkdir(exist_ok=True)
        with open(archive / FIXITY / f"{slug}.jsonl", "a", encoding="utf-8") as log:
            log.write(line)
    except OSError:
        return False
    return True


def last_check(archive: Path, slug: str) -> dict | None:
    """Return the newest fixity check of an edition, or None if it was never checked."""
    try:
        lines = (archive / FIXITY / f"{slug}.jsonl").read_text(encoding="utf-8").splitlines()
        return json.loads(lines[-1]) if lines else None
    except (OSError, ValueError):
        return None


def make_read_only(folder: Path) -> None:
    """Make every file and folder of a tree read-only, the top last."""
    for root, _dirs, files in os.walk(folder, topdown=False):
        for name in files:
            os.chmod(os.path.join(root, name), 0o444)
        os.chmod(root, 0o555)


def remove_tree(folder: Path) -> None:
    """Remove a tree, read-only parts included; a missing one is fine."""
    if not folder.exists():
        return
    for root, dirs, _files in os.walk(folder):
        os.chmod(root, stat.S_IRWXU)
        for name in dirs:
            path = os.path.join(root, name)
            if not os.path.islink(path):
                os.chmod(path, stat.S_IRWXU)
    shutil.rmtree(folder)
