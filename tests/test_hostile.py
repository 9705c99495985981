"""Hostile requests: tricks with paths and methods, through Flask's client and raw to gunicorn.

Every route that takes a path gets the same corpus of traversal and odd
paths. Each must answer 400 or 404 (or the slash redirect every address
without its final slash gets, which then answers 400 or 404), never a 500,
and never a byte of a file outside its root: a secret file is planted beside
the content folder, and the content files themselves (exhibit.md,
exhibition.yaml) and the edition's manifests are never served either.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from tests.support.archives import built_and_frozen
from tests.support.servers import gunicorn

SECRET = b"the-secret-beside-the-content-6b1f"
# Bytes that would show a file from outside a route's root, or one it must never send.
LEAKS = (
    SECRET,
    b"root:x:0:",
    b"[tool.ruff]",
    b"ip_question:",
    b"organiser: Test Museum",
    b"  data/",
)
ROUTES = {
    "media": "/media/",
    "media in an exhibit": "/media/rooms/01-art/01-first/",
    "derivatives": "/derivatives/",
    "zoom tiles": "/derivatives/0123456789abcdef0123_files/9/",
    "static": "/static/",
    "static vendor": "/static/vendor/openseadragon/",
    "archive": "/archive/",
    "archive edition": "/archive/test-1/",
    "archive page": "/archive/test-1/rooms/art/",
    "rooms": "/rooms/",
    "exhibits": "/rooms/art/",
    "pages": "/",
}
CORPUS = [
    *(("../" * depth) + "secret.txt" for depth in range(1, 8)),
    "../../../../../../../../../../etc/passwd",
    "..%2f..%2f..%2fsecret.txt",
    "..%2F..%2F..%2F..%2F..%2F..%2Fsecret.txt",
    "%2e%2e/%2e%2e/%2e%2e/secret.txt",
    "%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fsecret.txt",
    "%2E%2E%2F%2E%2E%2Fsecret.txt",
    "%252e%252e%252f%252e%252e%252fsecret.txt",
    "%252e%252e/%252e%252e/secret.txt",
    "..\\..\\..\\secret.txt",
    "..%5c..%5c..%5csecret.txt",
    "%5c..%5c..%5csecret.txt",
    "secret.txt%00.png",
    "work.png%00",
    "%00/../../secret.txt",
    "%c0%ae%c0%ae/%c0%ae%c0%ae/%c0%ae%c0%ae/secret.txt",
    "%c0%ae%c0%ae%c0%af%c0%ae%c0%ae%c0%afsecret.txt",
    "%e0%80%ae%e0%80%ae/secret.txt",
    "/etc/passwd",
    "%2fetc%2fpasswd",
    "{secret}",
    "a" * 5000,
    "%ef%bc%8e%ef%bc%8e/%ef%bc%8e%ef%bc%8e/secret.txt",
    "%ef%bc%8e%ef%bc%8e%ef%bc%8f%ef%bc%8e%ef%bc%8e%ef%bc%8fsecret.txt",
    "%e2%80%a4%e2%80%a4/%e2%80%a4%e2%80%a4/secret.txt",
    "%e2%80%a5/%e2%80%a5/secret.txt",
    "exhibition.yaml",
    "rooms/01-art/01-first/exhibit.md",
    "../exhibition.yaml",
    "../../exhibit.md",
    "../manifest-sha256.txt",
    "../bag-info.txt",
    ".",
    "..",
    "%2e",
    "%2e%2e",
    "./work.png",
    ".%2e/secret.txt",
    "%20../secret.txt",
]
# Addresses of real things, in the wrong case: each is another address, so 404.
SLUG_CASES = [
    "/rooms/ART/",
    "/rooms/Art/First/",
    "/rooms/art/FIRST/",
    "/ABOUT/",
    "/media/ROOMS/01-art/01-first/work.png",
    "/media/rooms/01-ART/01-first/work.png",
    "/media/rooms/01-art/01-first/WORK.PNG",
    "/archive/TEST-1/",
    "/archive/test-1/ABOUT/",
    "/static/EXHIBITION.CSS",
]
METHODS = ["POST", "PUT", "DELETE", "PATCH", "TRACE", "BREW"]
METHOD_PATHS = [
    "/",
    "/rooms/art/first/",
    "/about/",
    "/media/rooms/01-art/01-first/work.png",
    "/static/zoom.js",
    "/archive/",
    "/archive/test-1/",
    "/no/such/page",
    "/healthz",
]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """Return the app of a built, frozen test world with a secret file beside its content."""
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "secret.txt").write_bytes(SECRET)
    (folder / "cache").mkdir()
    (folder / "cache" / "secret.txt").write_bytes(SECRET)
    return built_and_frozen(folder)


@pytest.fixture(scope="module")
def server(app, tmp_path_factory) -> Iterator[str]:
    """Serve the same app with a real gunicorn and gunicorn.conf.py; yield its base URL."""
    keys = ("CONTENT_DIR", "CACHE_DIR", "ARCHIVE_DIR", "BASE_URL", "IMAGE_WIDTHS")
    settings = {key: app.config[key] for key in keys}
    settings["IMAGE_WIDTHS"] = ",".join(map(str, settings["IMAGE_WIDTHS"]))
    folder = tmp_path_factory.mktemp("hostile-server")
    with gunicorn(folder, settings) as running:
        yield running.base
    log = (folder / "gunicorn.log").read_text()
    assert "Traceback" not in log and "Error handling request" not in log, log[-3000:]


def targets(app, prefix: str) -> list[str]:
    """Return every address of the corpus under a route's prefix."""
    secret = str(app.config["CONTENT_DIR"]).removesuffix("content") + "secret.txt"
    return [prefix + trick.replace("{secret}", secret) for trick in CORPUS]


def leaked(data: bytes) -> list[bytes]:
    """Return the bytes of files that must never be served, found in a response."""
    return [leak for leak in LEAKS if leak in data]


def judge(target: str, status: int, data: bytes, location: str | None) -> str | None:
    """Return what is wrong with an answer to a hostile request, or None if nothing is."""
    if leaked(data):
        return f"{target[:80]}: sent {leaked(data)}"
    if status in (400, 404):
        return None
    return f"{target[:80]}: answered {status}" + (f", to {location}" if location else "")


def client_get(app, target: str) -> tuple[int, bytes, str | None]:
    """Return the status, body and Location of the app's answer through Flask's test client."""
    response = app.test_client().get(target)
    data = response.get_data()
    response.close()
    return response.status_code, data, response.headers.get("Location")


def raw(
    base: str,
    target: bytes,
    method: bytes = b"GET",
    extra: bytes = b"",
    host: bytes = b"museum.example",
) -> bytes:
    """Send one request to a server exactly as given, bytes and all; return the whole answer."""
    where = urlsplit(base)
    with socket.create_connection((where.hostname, where.port), timeout=20) as sock:
        sock.sendall(
            method + b" " + target + b" HTTP/1.1\r\nHost: " + host + b"\r\n"
            b"Connection: close\r\n" + extra + b"\r\n"
        )
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def status_of(answer: bytes) -> int:
    """Return the status code of a raw HTTP answer."""
    return int(answer.split(b" ", 2)[1])


def location_of(answer: bytes) -> str | None:
    """Return the Location header of a raw HTTP answer, if it has one."""
    for line in answer.split(b"\r\n\r\n", 1)[0].split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"location":
            return value.strip().decode("latin-1")
    return None


@pytest.mark.parametrize("route", ROUTES)
def test_the_corpus_gets_400_or_404_from_the_app(app, route):
    problems = []
    for target in targets(app, ROUTES[route]):
        status, data, location = client_get(app, target)
        problems.append(judge(target, status, data, location))
    assert [p for p in problems if p] == []


@pytest.mark.parametrize("route", ROUTES)
def test_the_corpus_gets_400_or_404_from_gunicorn_over_a_raw_socket(app, server, route):
    problems = []
    for target in targets(app, ROUTES[route]):
        answer = raw(server, target.encode("utf-8"))
        status = status_of(answer)
        if status == 414 or (status == 400 and len(target) > 4000):
            continue  # gunicorn's own limit on the request line
        problems.append(judge(target, status, answer, location_of(answer)))
    assert [p for p in problems if p] == []


@pytest.mark.parametrize(
    "target",
    [
        b"/media/\xef\xbc\x8e\xef\xbc\x8e/\xef\xbc\x8e\xef\xbc\x8e/secret.txt",
        b"/static/\xe2\x80\xa4\xe2\x80\xa4/\xe2\x80\xa4\xe2\x80\xa4/secret.txt",
        b"/media/\xc0\xae\xc0\xae/\xc0\xae\xc0\xae/secret.txt",
        b"/media/..\\..\\secret.txt",
        b"/archive/test-1/..\\..\\..\\secret.txt",
        b"/media/%2e%2e%2f%2e%2e%2fsecret.txt?v=1",
    ],
)
def test_raw_bytes_in_the_request_line_are_refused(server, target):
    answer = raw(server, target)
    assert status_of(answer) in (400, 404)
    assert leaked(answer) == []


@pytest.mark.parametrize("target", SLUG_CASES)
def test_an_address_in_another_case_is_not_found(app, server, target):
    assert client_get(app, target)[0] == 404
    assert status_of(raw(server, target.encode())) == 404


@pytest.mark.parametrize("method", METHODS)
def test_methods_other_than_get_head_and_options_get_405(app, server, method):
    for path in METHOD_PATHS:
        response = app.test_client().open(path, method=method)
        assert response.status_code == 405, (method, path)
        assert response.headers["Allow"] == "GET, HEAD, OPTIONS"
        answer = raw(server, path.encode(), method.encode())
        assert status_of(answer) == 405, (method, path, answer[:200])
        assert b"\r\nAllow: GET, HEAD, OPTIONS\r\n" in answer


def test_options_star_asks_about_the_server_and_is_answered_without_a_redirect(app, server):
    answer = raw(server, b"*", b"OPTIONS")
    assert status_of(answer) == 200 and location_of(answer) is None
    assert b"\r\nAllow: GET, HEAD, OPTIONS\r\n" in answer
    assert status_of(raw(server, b"*")) == 400  # a GET of no path at all


@pytest.mark.parametrize("path", ["/no/such/page", "/rooms/nothing/", "/archive/none/"])
def test_errors_are_never_kept_by_browsers_or_proxies(app, server, path):
    response = app.test_client().get(path)
    assert response.status_code == 404
    assert response.headers["Cache-Control"] == "no-store"
    assert b"\r\nCache-Control: no-store\r\n" in raw(server, path.encode())


def test_get_head_and_options_are_still_answered(server):
    assert status_of(raw(server, b"/")) == 200
    assert status_of(raw(server, b"/media/rooms/01-art/01-first/work.png", b"HEAD")) == 200
    assert status_of(raw(server, b"/rooms/art/first/", b"OPTIONS")) == 200


BAD_HOSTS = [
    "museum.example/about",
    "museum.example/",
    "museum.example?about",
    "museum.example#about",
    "visitor@museum.example",
    "museum example",
    "museum.example:99999",
    "museum.example:port",
    "museum.example%2fabout",
    "",
]


@pytest.mark.parametrize("host", BAD_HOSTS)
def test_a_host_that_is_no_host_name_gets_400_before_the_page_cache(app, server, host):
    response = app.test_client().get("/", headers={"Host": host})
    assert response.status_code == 400
    assert "X-Cache" not in response.headers
    answer = raw(server, b"/", host=host.encode())
    assert status_of(answer) == 400 and b"X-Cache" not in answer


@pytest.mark.parametrize("host", ["museum.example", "museum.example:8080", "127.0.0.1:8000"])
def test_host_names_with_or_without_a_port_are_served(server, host):
    assert status_of(raw(server, b"/", host=host.encode())) == 200


@pytest.mark.parametrize(
    ("what", "target", "extra", "statuses"),
    [
        ("a request line of 10,000 bytes", b"/" + b"a" * 10_000, b"", (400, 414)),
        (
            "60 header fields",
            b"/",
            b"".join(b"X-Field-%d: 1\r\n" % n for n in range(60)),
            (400, 431),
        ),
        ("a header field of 10,000 bytes", b"/", b"X-Big: " + b"a" * 10_000 + b"\r\n", (400, 431)),
    ],
)
def test_oversized_requests_are_refused_and_the_server_stays_up(
    server, what, target, extra, statuses
):
    assert status_of(raw(server, target, extra=extra)) in statuses, what
    assert status_of(raw(server, b"/")) == 200
