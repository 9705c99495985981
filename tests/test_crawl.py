"""Crawl the demo from the lobby: every link and resource answers, the tour is whole, no cookie."""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import pytest

from exhibition.app import create_app
from tests.support.live import exhibit_paths, sitemap_paths
from tests.support.pages import PageLinks

SITE = "http://localhost/"  # where the test client's pages live
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")


def same_site(page: str, url: str) -> str | None:
    """Return url, found on page, as a path and query on this site; None if it leads away."""
    parts = urlsplit(urljoin(SITE + page.lstrip("/"), url))
    if parts.scheme not in ("http", "https") or parts.netloc != urlsplit(SITE).netloc:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


@dataclass
class Crawl:
    statuses: dict[str, int] = field(default_factory=dict)
    referrers: dict[str, str] = field(default_factory=dict)
    pages: dict[str, PageLinks] = field(default_factory=dict)
    cookies: dict[str, list[str]] = field(default_factory=dict)  # Set-Cookie, by URL


def crawl(client, start: str = "/", within: str = "/") -> Crawl:
    """Fetch every same-site URL reachable from start: pages, links and their resources.

    Pages are followed through their links, media, scripts and stylesheets, and
    stylesheets through their url()s; pages outside `within` (another language's)
    are fetched, not followed, and so, as by search engines, are links marked
    rel="nofollow" (the facets' combinations, whose number grows with every facet).
    """
    found = Crawl(referrers={start: "(start)"})
    queue = deque([start])
    while queue:
        url = queue.popleft()
        response = client.get(url)
        found.statuses[url] = response.status_code
        if response.headers.getlist("Set-Cookie"):
            found.cookies[url] = response.headers.getlist("Set-Cookie")
        urls = []
        page = response.mimetype == "text/html" and url.startswith(within)
        if response.status_code == 200 and page:
            found.pages[url] = PageLinks(response.get_data(as_text=True))
            unfollowed = {
                link["href"] for link in found.pages[url].links if "nofollow" in link["rel"]
            }
            urls = [u for u in found.pages[url].urls if u not in unfollowed]
        elif response.status_code == 200 and response.mimetype == "text/css":
            urls = CSS_URL.findall(response.get_data(as_text=True))  # fonts, images
        response.close()
        for target in filter(None, (same_site(url, u) for u in urls)):
            if target not in found.referrers:
                found.referrers[target] = url
                queue.append(target)
    return found


@pytest.fixture(scope="module")
def demo_client(demo_app):
    """Return a test client of the demo exhibition."""
    return demo_app.test_client()


@pytest.fixture(scope="module")
def crawled(demo_client) -> Crawl:
    """Return the crawl of the demo from its lobby."""
    return crawl(demo_client)


@pytest.fixture(scope="module")
def exhibits(demo_client) -> list[str]:
    """Return the paths of the exhibits the sitemap lists."""
    found = exhibit_paths(sitemap_paths(demo_client.get("/sitemap.xml").data))
    assert found, "the sitemap lists no exhibit: run `make demo-media`"
    return found


@pytest.fixture(scope="module", params=["fr", "ar"])
def crawled_in(request, demo_client) -> tuple[str, Crawl]:
    """Return a language and the crawl of the demo from its lobby in it, staying in it."""
    return request.param, crawl(demo_client, f"/{request.param}/", within=f"/{request.param}/")


def test_every_link_and_resource_answers_200(crawled):
    broken = [
        f"{status} {url} (linked from {crawled.referrers[url]})"
        for url, status in crawled.statuses.items()
        if status != 200
    ]
    assert not broken, "broken links:\n" + "\n".join(broken)
    kinds = {url.split("/")[1] for url in crawled.statuses}
    assert {"rooms", "media", "static"} <= kinds, f"the crawl missed resources: {kinds}"


def test_crawl_reaches_every_exhibit_of_the_sitemap(crawled, exhibits):
    assert [path for path in exhibits if path not in crawled.pages] == []


def test_the_crawl_in_each_language_reaches_every_page_of_it_and_nothing_is_broken(
    crawled_in, demo_client
):
    language, found = crawled_in
    broken = [
        f"{s} {url} (from {found.referrers[url]})" for url, s in found.statuses.items() if s != 200
    ]
    assert not broken, "broken links:\n" + "\n".join(broken)
    listed = sitemap_paths(demo_client.get("/sitemap.xml").data)
    mine = {path for path in listed if path.startswith(f"/{language}/")}
    # Each exhibit's results view is linked from its page, not listed: it changes every answer.
    pages = {p for p in found.pages if p.startswith(f"/{language}/") and "/answers/" not in p}
    assert len(mine) > 30 and mine == pages
    # Visitors stay in their language: every page's links but the switcher's keep it.
    for url, page in found.pages.items():
        leaving = [
            link["href"]
            for link in page.links
            if link["href"].startswith("/")
            and not link["href"].startswith((f"/{language}/", "/media/", "/static/"))
        ]
        assert len(leaving) <= 2, (url, leaving)  # the switcher's other languages


def test_rel_next_visits_every_exhibit_once_and_returns_to_the_lobby(demo_client, exhibits):
    start = PageLinks(demo_client.get("/").get_data(as_text=True)).link(text="Start the tour")
    assert start, "the lobby has no 'Start the tour' link"
    path = same_site("/", start)
    visited = []
    while path != "/" and len(visited) <= len(exhibits):
        visited.append(path)
        response = demo_client.get(path)
        assert response.status_code == 200, path
        path = same_site(path, PageLinks(response.get_data(as_text=True)).link(rel="next") or "/")
    assert path == "/", f"rel=next did not lead back to the lobby: {visited}"
    assert [p for p in set(visited) if visited.count(p) > 1] == [], "exhibits seen twice"
    assert sorted(visited) == sorted(exhibits)


@pytest.fixture(scope="module")
def answering_client(demo_settings, tmp_path_factory):
    """Return a test client of the demo whose visitors' answers go to a file of the test's own."""
    database = tmp_path_factory.mktemp("demo-answers") / "answers.sqlite3"
    settings = {"TESTING": True, **demo_settings, "DATABASE_URL": f"sqlite:///{database}"}
    return create_app(settings).test_client()


def visits_and_answers(client, exhibits: list[str]) -> dict[str, object]:
    """Return the responses to each exhibit's results in every language, answers and errors."""
    browser = {"User-Agent": "Firefox", "Sec-Fetch-Site": "same-origin"}
    found = {}
    for path in exhibits:
        for language in ("", "/fr", "/ar"):
            found[language + path + "answers/"] = client.get(language + path + "answers/")
    page = client.get(exhibits[0]).get_data(as_text=True)
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    posts = {"answer": {"answer": "yes", "token": token}, "unknown answer": {"answer": "x"}}
    for name, data in posts.items():
        found[name] = client.post(exhibits[0] + "answers/", data=data, headers=browser)
    found["results after answering"] = client.get(exhibits[0] + "answers/", headers=browser)
    elsewhere = {**browser, "Sec-Fetch-Site": "cross-site"}
    found["cross-site"] = client.post(
        exhibits[0] + "answers/", data=posts["answer"], headers=elsewhere
    )
    for path in ("/no-such-page/", "/rooms/nowhere/none/answers/", "/fr/no-such-page/"):
        found[path] = client.get(path)
    return found


def test_no_page_of_the_crawl_in_any_language_sets_a_cookie(crawled, crawled_in):
    language, found = crawled_in
    assert crawled.cookies == {} and found.cookies == {}, (language, crawled.cookies, found.cookies)


def test_no_results_view_answer_or_error_sets_a_cookie(answering_client, exhibits):
    responses = visits_and_answers(answering_client, exhibits)
    statuses = {name: response.status_code for name, response in responses.items()}
    assert statuses["answer"] == 303 and statuses["results after answering"] == 200, statuses
    assert statuses["unknown answer"] == 400 and statuses["cross-site"] == 403, statuses
    assert {statuses[path] for path in responses if path.endswith("/answers/")} == {200, 404}
    cookies = {name: r.headers.getlist("Set-Cookie") for name, r in responses.items()}
    assert {name: c for name, c in cookies.items() if c} == {}
