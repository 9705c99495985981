"""gunicorn.conf.py: values gunicorn accepts, and a real gunicorn serving with them."""

import os
import runpy
import signal
import socket
import subprocess
import sys
import urllib.request

import pytest
from gunicorn.config import Config

from tests.support.load import Hammer, status
from tests.support.servers import GUNICORN_CONF as CONF
from tests.support.servers import Service, gunicorn
from tests.support.waiting import wait_for


def settings(monkeypatch, **env):
    for name in ("WEB_CONCURRENCY", "GUNICORN_THREADS", "GUNICORN_BIND", "PORT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return {k: v for k, v in runpy.run_path(str(CONF)).items() if not k.startswith("_")}


def test_every_name_is_a_gunicorn_setting(monkeypatch):
    config = Config()
    for name, value in settings(monkeypatch).items():
        if name in ("ctypes", "multiprocessing", "os"):
            continue
        config.set(name, value)  # an unknown name or a bad value raises


def test_workers_follow_the_cores_and_keep_connections_alive(monkeypatch):
    values = settings(monkeypatch)
    assert values["workers"] == os.cpu_count()
    assert (values["worker_class"], values["threads"]) == ("gthread", 4)
    assert values["keepalive"] >= 2
    assert values["worker_tmp_dir"] == "/dev/shm"
    assert values["timeout"] == values["graceful_timeout"] == 30
    assert values["accesslog"] == "-"
    assert values["preload_app"] is False  # a HUP must load the content again


def test_it_listens_on_loopback_for_a_proxy_and_takes_no_forwarded_path(monkeypatch):
    values = settings(monkeypatch)
    assert values["bind"] == "127.0.0.1:8000"  # slow clients are the buffering proxy's
    assert Config().settings["forwarder_headers"].validator(values["forwarder_headers"]) == []


@pytest.mark.parametrize(
    ("env", "name", "value"),
    [
        ({"WEB_CONCURRENCY": "7"}, "workers", 7),
        ({"GUNICORN_THREADS": "16"}, "threads", 16),
        ({"PORT": "9000"}, "bind", "127.0.0.1:9000"),
        ({"GUNICORN_BIND": "0.0.0.0:8000"}, "bind", "0.0.0.0:8000"),
        ({"GUNICORN_BIND": "unix:/run/exhibition.sock"}, "bind", "unix:/run/exhibition.sock"),
    ],
)
def test_the_usual_environment_variables_override(monkeypatch, env, name, value):
    assert settings(monkeypatch, **env)[name] == value


ARENAS = """
import ctypes, runpy, sys, threading
hooks = runpy.run_path(sys.argv[1])
if sys.argv[2] == "limited":
    assert hooks["_limit_malloc_arenas"](hooks["_MALLOC_ARENAS"])
def allocate():
    kept = [bytearray(64 * 1024) for _ in range(8)]
    done.wait()
done = threading.Event()
threads = [threading.Thread(target=allocate) for _ in range(6)]
for thread in threads:
    thread.start()
ctypes.CDLL(None).malloc_stats()  # a few lines per arena, to stderr
done.set()
"""


def without_arena_setting() -> dict[str, str]:
    return {name: value for name, value in os.environ.items() if name != "MALLOC_ARENA_MAX"}


@pytest.mark.parametrize(("how", "most"), [("limited", 2), ("as glibc starts", 7)])
def test_a_worker_makes_at_most_two_malloc_arenas_for_its_threads(how, most):
    run = subprocess.run([sys.executable, "-c", ARENAS, str(CONF), how], capture_output=True,
                         text=True, check=True, env=without_arena_setting())  # fmt: skip
    arenas = run.stderr.count("Arena ")
    assert 1 <= arenas <= most if how == "limited" else arenas == most  # the main thread's too


def shipped_gunicorn(world, tmp_path, **settings) -> Service:
    """Return gunicorn serving a world with gunicorn.conf.py as shipped, two workers."""
    return gunicorn(tmp_path, {"CONTENT_DIR": world.root, **settings}, ready="/healthz")


def test_a_hup_loads_new_content_under_load_fails_no_request_and_logs_every_one(world, tmp_path):
    with shipped_gunicorn(world, tmp_path) as server:
        base, log = server.base, server.log
        fresh = base + "/rooms/music/fresh/"
        world.exhibit("02-music", "02-fresh")
        assert status(fresh) == 404  # no polling: the new content waits for the signal
        hammer = Hammer([base + "/", base + "/rooms/art/first/"])
        hammer.start()
        server.send_signal(signal.SIGHUP)
        # every worker, new and old alike, serves the new exhibit
        assert wait_for(lambda: all(status(fresh) == 200 for _ in range(6)), 20)
        statuses = hammer.stop()

        asked = []

        def hit():
            with urllib.request.urlopen(base + "/", timeout=10) as response:
                asked.append(response.status)
                return response.headers["X-Cache"] == "HIT"

        assert wait_for(hit, 10)
    assert statuses and set(statuses) == {200}, sorted(set(map(str, statuses)))
    lines = log.read_text()
    logged = [lines.count(f'"GET {path} HTTP/1.1" 200') for path in ("/", "/rooms/art/first/")]
    assert sum(logged) == len(statuses) + len(asked)  # every request, on old workers and new
    assert "cache=MISS" in lines and "cache=HIT" in lines
    assert "EXHIBITION_BASE_URL is not set: pages will name whatever host" in lines


def raw(base: str, request: str) -> bytes:
    """Send a request as written, byte for byte, and return the whole answer."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(request.encode("latin-1"))
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return answer


def test_no_request_header_can_store_a_page_at_another_address(world, tmp_path):
    pages = str(tmp_path / "pages")  # shared by both workers, as Redis would be
    with shipped_gunicorn(
        world, tmp_path, CACHE_TYPE="FileSystemCache", PAGE_CACHE_DIR=pages
    ) as server:
        base = server.base
        ask = "GET {} HTTP/1.1\r\nHost: {}\r\n{}Connection: close\r\n\r\n"
        raw(base, ask.format("/about/", "museum.example", "SCRIPT_NAME: /about\r\n"))
        about = raw(base, ask.format("/about/", "museum.example", ""))
        assert b"<title>About" in about, about[:300]
        poisoned = raw(base, ask.format("/", "museum.example/about", ""))
        assert poisoned.startswith(b"HTTP/1.1 400 ")
        about = raw(base, ask.format("/about/", "museum.example", ""))
        assert b"<title>About" in about, about[:300]


def test_a_site_with_its_address_set_answers_only_to_its_own_host(world, tmp_path):
    settings = {"BASE_URL": "https://museum.example"}
    with shipped_gunicorn(world, tmp_path, **settings) as server:
        base, log = server.base, server.log
        ask = "GET / HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n"
        assert raw(base, ask.format("museum.example")).startswith(b"HTTP/1.1 200 ")
        assert raw(base, ask.format("127.0.0.1")).startswith(b"HTTP/1.1 200 ")  # health checks
        assert raw(base, ask.format("elsewhere.example")).startswith(b"HTTP/1.1 400 ")
    assert "EXHIBITION_BASE_URL is not set" not in log.read_text()
