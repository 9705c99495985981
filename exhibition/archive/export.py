"""Export an edition: a zip of its static site, or a WACZ web archive of it.

Pure Python. The zip holds the site under a folder named after the edition,
with every file dated at the freeze, so the same edition always gives the
same bytes. The WACZ holds a WARC of every file under the URL it was frozen
from, and a page list naming every page by its canonical URL, so
ReplayWeb.page replays the edition as the live site was.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .. import __version__, atomic
from .edition import Edition, read_manifest
from .links import media_type

STORED = frozenset({".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif", ".mp3", ".m4a", ".mp4"})
STORED |= {".webm", ".ogg", ".oga", ".opus", ".ogv", ".flac", ".woff2", ".zip"}
TITLE = re.compile(rb"<title>(.*?)</title>", re.S)
UNKNOWN = "application/octet-stream"  # a kind an edition frozen today would not hold


def site_files(found: Edition) -> list[str]:
    """Return the edition's files under data/, as its manifest lists them, sorted."""
    return sorted(read_manifest(found.folder / "manifest-sha256.txt"))


def export_zip(found: Edition, output: Path) -> Iterator[str]:
    """Write the edition's site as a zip, yielding each file as it goes in."""
    stamp = found.frozen_at.timetuple()[:6]
    with atomic.temporary(output) as temp, zipfile.ZipFile(temp, "w") as archive:
        for file in site_files(found):
            info = zipfile.ZipInfo(f"{found.slug}/{file}", stamp)
            info.external_attr = 0o444 << 16
            stored = os.path.splitext(file)[1].lower() in STORED
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            with open(found.folder / "data" / file, "rb") as source, archive.open(info, "w") as out:
                while chunk := source.read(1 << 20):
                    out.write(chunk)
            yield file


def page_urls(found: Edition, file: str) -> list[str]:
    """Return the URLs a file answered at: a page at its canonical URL and as index.html."""
    urls = [found.live_url(file)]
    if file.endswith("index.html"):
        urls.append(found.base_url + "/" + file)
    return urls


def write_warc(found: Edition, stream, files: list[str]) -> Iterator[str]:
    """Write a WARC of the edition: a response record for every URL of every file."""
    writer = WARCWriter(stream, gzip=True)
    date = found.frozen_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    info = {
        "software": f"exhibition {__version__}",
        "format": "WARC File Format 1.1",
        "description": f"Edition {found.slug} of {found.title}, frozen at {date}",
        "isPartOf": f"{found.base_url}/archive/{found.slug}/",
    }
    writer.write_record(writer.create_warcinfo_record(f"{found.slug}.warc.gz", info))
    for file in files:
        path = found.folder / "data" / file
        size = path.stat().st_size
        for url in page_urls(found, file):
            headers = StatusAndHeaders(
                "200 OK",
                [("Content-Type", media_type(file) or UNKNOWN), ("Content-Length", str(size))],
                protocol="HTTP/1.1",
            )
            with open(path, "rb") as payload:
                record = writer.create_warc_record(
                    url,
                    "response",
                    payload=payload,
                    length=size,
                    http_headers=headers,
                    warc_headers_dict={"WARC-Date": date},
                )
                writer.write_record(record)
        yield file


def page_list(found: Edition, files: list[str]) -> str:
    """Return pages.jsonl: every page of the edition under its canonical URL, the lobby first."""
    date = found.frozen_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    pages = [f for f in files if f.endswith("index.html")]
    pages.sort(key=lambda f: (f != "index.html", f))
    lines = [{"format": "json-pages-1.0", "id": "pages", "title": f"{found.title}: pages"}]
    for file in pages:
        head = (found.folder / "data" / file).read_bytes()[:4096]
        title = TITLE.search(head)
        entry = {"url": found.live_url(file), "ts": date, "seed": file == "index.html"}
        if title:
            entry["title"] = title[1].decode("utf-8", "replace").strip()
        lines.append(entry)
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)


def export_wacz(found: Edition, output: Path) -> Iterator[str]:
    """Write the edition as a WACZ, yielding each file as its records are written."""
    from wacz.main import main as wacz_main

    files = sorted(site_files(found), key=lambda f: (f != "index.html", not f.endswith(".html"), f))
    with tempfile.TemporaryDirectory() as work, atomic.temporary(output) as temp:
        warc = Path(work) / f"{found.slug}.warc.gz"
        with open(warc, "wb") as stream:
            yield from write_warc(found, stream, files)
        pages = Path(work) / "pages.jsonl"
        pages.write_text(page_list(found, files), encoding="utf-8")
        arguments = ["create", "-o", str(temp), str(warc), "-p", str(pages)]
        arguments += ["--url", found.live_url("index.html"), "--title", found.title]
        arguments += ["--desc", f"Archived edition {found.slug}, frozen {found.frozen_at:%Y-%m-%d}"]
        arguments += ["--date", found.frozen_at.strftime("%Y-%m-%dT%H:%M:%SZ")]
        with contextlib.redirect_stdout(io.StringIO()) as said:
            failed = wacz_main(arguments)
        if failed:
            raise RuntimeError(f"py-wacz could not write the WACZ:\n{said.getvalue()}")


def validate_wacz(path: Path) -> tuple[bool, str]:
    """Run `wacz validate` on a WACZ, in its own process; return (passed, what it said).

    Its own process, because the validator leaves files open.
    """
    command = [sys.executable, "-m", "wacz", "validate", "-f", str(path)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=3600)
    said = (done.stdout + done.stderr).strip()
    return done.returncode == 0 and "Validation succeeded" in said, said
