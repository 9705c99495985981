"""Make an edition a BagIt bag (RFC 8493), and check one against its manifests.

A bag is the site under `data/`, SHA-256 and SHA-512 manifests of every
file, `bagit.txt`, `bag-info.txt`, and tag manifests of those. `write()`
writes the tag files from checksums taken as each file was written, so no
file is read twice; `verify()` then reads the bag with the `bagit` library
(the Library of Congress's) and checks every file against every manifest,
reporting every changed, missing and extra file at once, where the library
stops at the first kind. `make()` bags a folder with the library itself.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import bagit

ALGORITHMS = ("sha256", "sha512")
BAGIT_TXT = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
CHUNK = 1 << 20
# The tag files the tag manifests list; verify() reads them besides the payload.
TAG_FILES = ("bagit.txt", "bag-info.txt", *(f"manifest-{name}.txt" for name in ALGORITHMS))


def make(folder: Path, info: dict[str, str], *, processes: int = 1) -> None:
    """Turn a folder into a bag with the bagit library: its files move under data/."""
    bag = bagit.make_bag(
        str(folder), bag_info=dict(info), processes=processes, checksums=ALGORITHMS
    )
    (folder / "bagit.txt").write_text(BAGIT_TXT, encoding="utf-8")
    bag.save(processes=processes)  # bagit writes version 0.97; RFC 8493's 1.0 is the same


def digests(body: bytes) -> dict[str, str]:
    """Return the checksums of a file's bytes, in every algorithm of the bag."""
    return {name: hashlib.new(name, body).hexdigest() for name in ALGORITHMS}


def write(folder: Path, files: dict[str, dict[str, str]], info: dict[str, str]) -> None:
    """Write the tag files of a bag whose site is already in folder/data.

    `files` gives each file under data/ with its checksums; bag-info.txt gets
    the Payload-Oxum (bytes and files) besides `info`.
    """
    size = sum((folder / "data" / name).stat().st_size for name in files)
    tags = {**info, "Payload-Oxum": f"{size}.{len(files)}"}
    (folder / "bagit.txt").write_text(BAGIT_TXT, encoding="utf-8")
    lines = [f"{label}: {' '.join(str(value).split())}\n" for label, value in sorted(tags.items())]
    (folder / "bag-info.txt").write_text("".join(lines), encoding="utf-8")
    for name in ALGORITHMS:
        rows = [f"{files[file][name]}  data/{_encode(file)}\n" for file in sorted(files)]
        (folder / f"manifest-{name}.txt").write_text("".join(rows), encoding="utf-8")
    for name in ALGORITHMS:
        rows = [f"{file_hashes(folder / tag, [name])[name]}  {tag}\n" for tag in TAG_FILES]
        (folder / f"tagmanifest-{name}.txt").write_text("".join(rows), encoding="utf-8")


def _encode(name: str) -> str:
    """Percent-encode what RFC 8493 asks of file names in manifests: %, CR and LF."""
    return name.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


@dataclass
class BagCheck:
    """What a check of an edition found."""

    files: int = 0
    changed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    broken: str = ""  # the bag itself cannot be read: no bagit.txt, a bad manifest

    @property
    def ok(self) -> bool:
        """Return True if every file is present and as the manifests record it."""
        return not (self.changed or self.missing or self.extra or self.broken)

    def lines(self) -> list[str]:
        """Return the problems, one a line: `changed: data/index.html`."""
        if self.broken:
            return [f"unreadable: {self.broken}"]
        return [
            f"{kind}: {path}"
            for kind, paths in (
                ("changed", self.changed),
                ("missing", self.missing),
                ("extra", self.extra),
            )
            for path in sorted(paths)
        ]

    def as_dict(self) -> dict:
        """Return the report as plain data, for the fixity log."""
        return {
            "ok": self.ok,
            "files": self.files,
            "changed": sorted(self.changed),
            "missing": sorted(self.missing),
            "extra": sorted(self.extra),
            "broken": self.broken,
        }


def file_hashes(path: Path, algorithms=ALGORITHMS) -> dict[str, str]:
    """Return a file's checksums, reading it once."""
    hashers = {name: hashlib.new(name) for name in algorithms}
    with open(path, "rb") as file:
        while chunk := file.read(CHUNK):
            for hasher in hashers.values():
                hasher.update(chunk)
    return {name: hasher.hexdigest() for name, hasher in hashers.items()}


def verify(folder: Path, report: BagCheck, *, threads: int = 1) -> Iterator[str]:
    """Check every file of a bag against every manifest, yielding each path as it is read.

    Fills in `report`: changed, missing and extra files, payload and tag files
    alike; a bag that cannot be read at all is `broken`.
    """
    try:
        bag = bagit.Bag(str(folder))
    except bagit.BagError as error:
        report.broken = str(error)
        return
    missing, extra = bag.compare_manifests_with_fs()
    report.missing += missing
    report.extra += extra + _extra_tag_files(folder, bag)
    present = [
        (path, hashes)
        for path, hashes in sorted(bag.entries.items())
        if (folder / path).is_file() and path not in missing
    ]
    report.missing += [p for p, _ in sorted(bag.entries.items()) if not (folder / p).exists()]
    report.missing = sorted(set(report.missing))
    report.files = len(present)
    with ThreadPoolExecutor(max(1, threads)) as pool:
        found = pool.map(lambda item: file_hashes(folder / item[0], item[1].keys()), present)
        for (path, hashes), actual in zip(present, found, strict=True):
            if any(actual[name] != value.lower() for name, value in hashes.items()):
                report.changed.append(path)
            yield path


def _extra_tag_files(folder: Path, bag: bagit.Bag) -> list[str]:
    """Return files beside data/ that no tag manifest lists and the bag did not write."""
    known = set(bag.entries) | {"bagit.txt"}
    known |= {f"tagmanifest-{name}.txt" for name in bag.algorithms}
    extra = []
    for root, dirs, files in os.walk(folder):
        relative = os.path.relpath(root, folder)
        if relative == ".":
            dirs[:] = [name for name in dirs if name != "data"]
        for name in files:
            path = os.path.normpath(os.path.join(relative, name))
            if path not in known:
                extra.append(path)
    return extra
