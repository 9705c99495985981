"""Security headers on every response, the Observatory's grade of each page type, the settings."""

from __future__ import annotations

import re

import pytest

from exhibition import create_app, settings
from exhibition.web import security
from tests.support import ROOT, observatory
from tests.support.archives import BASE, archive_app, built_and_frozen

HEADERS = (
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Permissions-Policy",
    "Cross-Origin-Opener-Policy",
    "Cross-Origin-Resource-Policy",
    "X-Frame-Options",
    "Strict-Transport-Security",
)
EXHIBIT = "/rooms/art/first/"
# Every kind of answer, by name: (path, request headers, status it must have).
KINDS = {
    "lobby": ("/", {}, 200),
    "room": ("/rooms/art/", {}, 200),
    "exhibit": (EXHIBIT, {}, 200),
    "page": ("/about/", {}, 200),
    "sitemap": ("/sitemap.xml", {}, 200),
    "not-found": ("/no/such/page", {}, 404),
    "slash-redirect": ("/about", {}, 308),
    "media": ("/media/rooms/01-art/01-first/work.png", {}, 200),
    "media-range": ("/media/rooms/01-art/01-first/work.png", {"Range": "bytes=0-9"}, 206),
    "static-hashed": (None, {}, 200),
    "static-plain": ("/static/zoom.js", {}, 200),
    "health": ("/healthz", {}, 200),
    "ready": ("/readyz", {}, 200),
    "archive-list": ("/archive/", {}, 200),
    "archive-page": ("/archive/test-1/rooms/art/first/", {}, 200),
    "archive-missing": ("/archive/test-1/no-such-page/", {}, 404),
    "archive-file": ("/archive/test-1/media/rooms/01-art/01-first/work.png", {}, 200),
}
# The kinds that are pages, run as documents of the site; every other answer is a file.
PAGES = {
    "lobby",
    "room",
    "exhibit",
    "page",
    "not-found",
    "slash-redirect",
    "archive-list",
    "archive-page",
    "archive-missing",
}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """Return an app over HTTPS serving the test world, its images built and an edition frozen."""
    return built_and_frozen(tmp_path_factory.mktemp("secure"), HTTPS=True)


def get(app, path: str, headers=None):
    """Return a response of the app to a GET over https, its body read."""
    response = app.test_client().get(path, base_url=BASE, headers=headers or {})
    response.get_data()
    response.close()
    return response


def a_derivative(app) -> str:
    """Return the address of an image derivative the exhibit page links to."""
    found = re.search(r'/derivatives/[^" ,]+', get(app, EXHIBIT).get_data(as_text=True))
    assert found, "the exhibit links to no derivative: did build run?"
    return found.group(0)


def a_hashed_asset(app) -> str:
    """Return the hashed address of the site's style sheet."""
    found = re.search(r"/static/exhibition\.[0-9a-f]{12}\.css", get(app, "/").get_data(True))
    assert found
    return found.group(0)


def assert_secured(response) -> None:
    """Fail unless a response carries every security header, each once."""
    for name in HEADERS:
        assert response.headers.getlist(name), f"{name} is missing"
        assert len(response.headers.getlist(name)) == 1, f"{name} is sent twice"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_of_answer_carries_the_security_headers(app, kind):
    path, headers, status = KINDS[kind]
    path = path or a_hashed_asset(app)
    response = get(app, path, headers)
    assert response.status_code == status
    assert_secured(response)


def assert_sandboxed(response) -> None:
    """Fail unless a response's policy allows nothing and sandboxes it, nosniff beside it."""
    policy = csp(response)
    assert "sandbox" in policy, response.headers["Content-Security-Policy"]
    assert policy["default-src"] == {"'none'"} and "script-src" not in policy
    assert policy["frame-ancestors"] == {"'none'"}
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("kind", KINDS)
def test_files_run_in_a_sandbox_and_pages_keep_their_policy(app, kind):
    path, headers, status = KINDS[kind]
    response = get(app, path or a_hashed_asset(app), headers)
    assert response.status_code == status
    if kind in PAGES:
        policy = csp(response)
        assert "sandbox" not in policy and policy["script-src"] == {"'self'"}
    else:
        assert_sandboxed(response)


def test_a_304_carries_the_policy_of_what_it_stands_for(app):
    served = create_app(dict(app.config))  # a server's app, with its page cache
    for path in ("/media/rooms/01-art/01-first/work.png", a_derivative(app), "/rooms/art/"):
        first = get(served, path)
        unchanged = get(served, path, {"If-None-Match": first.headers["ETag"]})
        assert unchanged.status_code == 304
        assert "Content-Type" not in unchanged.headers  # so the address decides
        if path.endswith("/"):
            assert "sandbox" not in csp(unchanged)
        else:
            assert_sandboxed(unchanged)


def test_derivatives_and_refused_answers_run_in_a_sandbox(app):
    assert_sandboxed(get(app, a_derivative(app)))
    assert_sandboxed(app.test_client().post("/", base_url=BASE))
    assert_sandboxed(get(app, "/media/rooms/01-art/01-first/%00work.png"))  # 400, plain text


def test_cached_pages_and_304s_carry_them_too(app):
    app = create_app(dict(app.config))  # a server's app: freeze turned the cache off in its own
    first = get(app, "/rooms/art/")
    again = get(app, "/rooms/art/")
    assert again.headers["X-Cache"] == "HIT"
    unchanged = get(app, "/rooms/art/", {"If-None-Match": first.headers["ETag"]})
    assert unchanged.status_code == 304
    for response in (again, unchanged):
        assert_secured(response)


def test_derivatives_and_refused_methods_carry_them_too(app):
    derivative = get(app, a_derivative(app))
    assert derivative.status_code == 200
    assert_secured(derivative)
    refused = app.test_client().post("/", base_url=BASE)
    assert refused.status_code == 405
    assert_secured(refused)


def test_a_retired_exhibition_serves_its_archive_with_them(app):
    retired = create_app({**app.config, "MODE": "archive"})
    for path, status in (("/", 302), ("/archive/test-1/", 200), ("/rooms/art/", 302)):
        response = get(retired, path)
        assert response.status_code == status
        assert_secured(response)


def csp(response) -> dict[str, set[str]]:
    """Return the Content-Security-Policy of a response, by directive."""
    return observatory.parse_csp(response.headers.getlist("Content-Security-Policy"))


def test_the_policy_runs_no_inline_script_and_no_eval(app):
    policy = csp(get(app, EXHIBIT))
    assert policy["default-src"] == {"'none'"}
    assert policy["script-src"] == {"'self'"}
    assert not policy["style-src"] & {"'unsafe-inline'", "'unsafe-eval'", "data:", "*"}
    assert policy["frame-ancestors"] == {"'none'"}
    assert policy["base-uri"] == {"'none'"}
    assert policy["form-action"] == {"'self'"}  # the answer forms post to the site alone


def test_the_one_inline_style_allowed_is_the_zoom_viewers(app):
    viewer = (ROOT / "static/vendor/openseadragon/openseadragon.min.js").read_text()
    added = re.findall(r'createElement\("style"\)[^;]*;[^;]*;\w+\.textContent="([^"]*)"', viewer)
    assert added == [security.VIEWER_STYLE]
    styles = csp(get(app, "/"))["style-src"]
    assert styles == {"'self'", security.style_hash(security.VIEWER_STYLE)}


def test_pages_have_no_inline_script_or_style(app):
    for path in ("/", "/rooms/art/", EXHIBIT, "/about/", "/archive/test-1/rooms/art/first/"):
        html = get(app, path).get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\b(?:src=|type=\"application/ld\+json\"))", html)
        assert not re.search(r"<style|\sstyle=|\son[a-z]+=", html), path


@pytest.mark.parametrize(
    ("value", "ancestors", "frame_options"),
    [
        ("'none'", "'none'", "DENY"),
        ("'self'", "'self'", "SAMEORIGIN"),
        (
            "https://museum.example  https://*.museum.example:8443/exhibitions/",
            "https://museum.example https://*.museum.example:8443/exhibitions/",
            None,
        ),
    ],
)
def test_museums_choose_who_may_frame_the_exhibition(
    world, tmp_path, value, ancestors, frame_options
):
    app = archive_app(world, tmp_path, FRAME_ANCESTORS=value)
    response = get(app, "/")
    assert f"frame-ancestors {ancestors}" in response.headers["Content-Security-Policy"]
    assert response.headers.get("X-Frame-Options") == frame_options


@pytest.mark.parametrize(
    "value",
    [
        "",
        "*",
        "'none' https://museum.example",
        "https://museum.example; script-src *",
        "https://museum.example, https://other.example",
        "'unsafe-inline'",
        "javascript:",
        "https://museum.example\r\nSet-Cookie: x=1",
    ],
)
def test_a_frame_ancestors_that_is_no_source_list_stops_start_up(world, value):
    with pytest.raises(settings.SettingError, match="EXHIBITION_FRAME_ANCESTORS="):
        create_app({"CONTENT_DIR": str(world.root), "FRAME_ANCESTORS": value})


def test_hsts_only_when_the_site_says_it_is_on_https(world, tmp_path):
    plain = get(archive_app(world, tmp_path), "/")
    assert "Strict-Transport-Security" not in plain.headers
    assert "upgrade-insecure-requests" not in plain.headers["Content-Security-Policy"]
    secure = get(archive_app(world, tmp_path, HTTPS="1"), "/")
    assert secure.headers["Strict-Transport-Security"] == "max-age=63072000"
    assert "upgrade-insecure-requests" in secure.headers["Content-Security-Policy"]


def test_a_header_a_response_sets_itself_is_kept():
    def inner(environ, start_response):
        start_response(
            "200 OK", [("Content-Type", "text/plain"), ("Referrer-Policy", "no-referrer")]
        )
        return [b"ok"]

    answered = {}
    edge = security.Edge(inner, (("Referrer-Policy", "strict-origin"), ("X-Test", "1")))
    edge(
        {"REQUEST_METHOD": "GET"}, lambda status, headers, exc_info=None: answered.update(h=headers)
    )
    assert answered["h"].count(("Referrer-Policy", "no-referrer")) == 1
    assert ("Referrer-Policy", "strict-origin") not in answered["h"]
    assert ("X-Test", "1") in answered["h"]


# The page types the Observatory grades; each must get A+ (100 or more).
GRADED = {
    "lobby": "/",
    "room": "/rooms/art/",
    "exhibit": EXHIBIT,
    "page": "/about/",
    "404": "/no/such/page",
    "archive page": "/archive/test-1/rooms/art/first/",
    "media": "/media/rooms/01-art/01-first/work.png",
}


def observed(app, path: str) -> dict[str, str]:
    """Return the Observatory's results for a page, with a CORS request from another site."""
    response = get(app, path)
    origin = "https://elsewhere.example"
    cors = get(app, path, {"Origin": origin})
    return observatory.results(
        observatory.Response(BASE + path, response.headers.items(), response.get_data()),
        observatory.Response(BASE + path, cors.headers.items()),
        origin,
    )


@pytest.mark.parametrize("kind", GRADED)
def test_the_observatory_grades_every_page_type_a_plus(app, kind):
    found = observed(app, GRADED[kind])
    total = observatory.score(found)
    penalties = {test: r for test, r in found.items() if observatory.MODIFIERS[r] < 0}
    assert penalties == {}
    assert observatory.grade(total) == "A+", f"{kind}: {total} {found}"
    assert total >= 125, f"{kind}: {total} {found}"


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ([], 30),  # no CSP -25, no HSTS -20, no nosniff -5, no XFO -20
        (
            [("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline'")],
            35,
        ),
        (
            [
                ("Content-Security-Policy", "frame-ancestors 'none'"),
                ("X-Content-Type-Options", "nosniff"),
            ],
            60,
        ),
        ([("Strict-Transport-Security", "max-age=300"), ("X-Frame-Options", "DENY")], 60),
    ],
)
def test_the_observatory_scoring_takes_off_what_the_table_says(headers, expected):
    response = observatory.Response(BASE + "/", headers, b"<p>no scripts</p>")
    found = observatory.results(response, observatory.Response(BASE + "/", []), "https://x.example")
    assert observatory.score(found) == expected, found
