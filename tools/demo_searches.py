"""Search a frozen edition of the demo as a visitor would, in each language: a table of results.

    python tools/demo_searches.py ARCHIVE/demo

serves the edition's files from Python's plain static server, opens its search
page in each language in headless Chromium, types each of the demo's known
searches into the header's search box, waits for the edition's Pagefind index
to answer, and prints, for each language and words, how many exhibits were
found and shown, and the first one's title and link. A row is `ok` when the
exhibit it should find comes first, `MISS` when not, `-` where the words are
not expected to find anything in that language. Last, it opens the search page
from the edition's folder as file:// and says what it shows there.
Exits 1 if any expected search misses.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
LANGUAGES = {"en": "", "fr": "fr/", "ar": "ar/"}
NARUTO = "rooms/ip-and-policy/naruto-v-slater/"
# The words, the exhibit they must find first, and the languages they must find it in.
SEARCHES = [
    ("monkey", NARUTO, {"en"}),
    ("singe", NARUTO, {"fr"}),
    ("Naruto", NARUTO, {"en", "fr", "ar"}),
    ("rembrandt", "rooms/art/the-next-rembrandt/", {"en", "fr", "ar"}),
    ("القرد", NARUTO, {"ar"}),
    ("بيلامي", "rooms/art/edmond-de-belamy/", {"ar"}),
    ("ألفاغو", "rooms/entertainment/alphago/", {"ar"}),
]
WAIT_MS = 15_000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def static_server(folder: Path):
    """Serve a folder with `python -m http.server` on a free port; yield its address."""
    port = free_port()
    command = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"]
    server = subprocess.Popen(
        [*command, "--directory", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url, timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        server.wait()


def search(page, site: str, prefix: str, words: str) -> dict:
    """Type words into the search box of a language's search page; return what it shows."""
    page.goto(f"{site}{prefix}search/")
    page.fill("#site-search-q", words)
    page.press("#site-search-q", "Enter")
    page.wait_for_url(lambda url: "q=" in url)  # the form sends search/index.html?q=
    status = page.locator("#edition-search-status")
    page.wait_for_function(
        "() => document.getElementById('edition-search-status').textContent.trim()",
        timeout=WAIT_MS,
    )
    links = page.locator("#edition-search-results li h3 a")
    first = links.first if links.count() else None
    return {
        "status": status.inner_text().strip(),
        "shown": links.count(),
        "title": first.inner_text() if first else "",
        "link": first.get_attribute("href").removeprefix(site) if first else "",
    }


def verdict(found: dict, expected: str, language: str, languages: set[str]) -> str:
    if language not in languages:
        return "-"
    return "ok" if found["link"] == LANGUAGES[language] + expected else "MISS"


def table(page, site: str) -> int:
    """Print every search in every language; return how many expected searches missed."""
    misses = 0
    print("lang | query | found (status) | shown | first title | first link | check")
    for language, prefix in LANGUAGES.items():
        for words, expected, languages in SEARCHES:
            found = search(page, site, prefix, words)
            check = verdict(found, expected, language, languages)
            misses += check == "MISS"
            cells = [language, words, found["status"], found["shown"]]
            print(" | ".join(map(str, [*cells, found["title"], found["link"], check])))
    return misses


def from_folder(page, data: Path) -> None:
    """Open the search page as file:// and say what it shows."""
    page.goto((data / "search/index.html").as_uri() + "?q=monkey")
    page.wait_for_load_state("load")
    note = page.locator("#edition-search-without")
    shown = page.locator("#edition-search-results li").count()
    print(f"\nfile://{data}/search/index.html?q=monkey: {shown} results shown")
    if note.is_visible():
        print("the page says: " + " ".join(note.inner_text().split()))


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    edition = Path(argv[0]).resolve()
    data = edition / "data" if (edition / "data").is_dir() else edition
    with sync_playwright() as playwright, static_server(data) as site:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        print(f"The edition in {data}, served at {site}\n")
        misses = table(page, site)
        from_folder(page, data)
        browser.close()
    print(f"\n{misses} expected searches missed" if misses else "\nevery expected search found")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
