"""gunicorn.conf.py: values gunicorn accepts, and a real gunicorn serving with them."""

import os
import runpy
import signal
import subprocess
import sys
import urllib.request

import pytest
from gunicorn.config import Config

from tests.conftest import ROOT
from tests.live import _free_port, _wait_until_up
from tests.test_store import Hammer, wait_for

CONF = ROOT / "gunicorn.conf.py"


def settings(monkeypatch, **env):
    for name in ("WEB_CONCURRENCY", "GUNICORN_THREADS", "GUNICORN_BIND", "PORT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return {k: v for k, v in runpy.run_path(str(CONF)).items() if not k.startswith("_")}


def test_every_name_is_a_gunicorn_setting(monkeypatch):
    config = Config()
    for name, value in settings(monkeypatch).items():
        if name in ("multiprocessing", "os"):
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
    assert values["bind"] == "0.0.0.0:8000"
    assert values["preload_app"] is False  # a HUP must load the content again


@pytest.mark.parametrize(
    ("env", "name", "value"),
    [
        ({"WEB_CONCURRENCY": "7"}, "workers", 7),
        ({"GUNICORN_THREADS": "16"}, "threads", 16),
        ({"PORT": "9000"}, "bind", "0.0.0.0:9000"),
        ({"GUNICORN_BIND": "unix:/run/exhibition.sock"}, "bind", "unix:/run/exhibition.sock"),
    ],
)
def test_the_usual_environment_variables_override(monkeypatch, env, name, value):
    assert settings(monkeypatch, **env)[name] == value


def test_a_hup_under_load_fails_no_request_and_every_request_is_logged(world, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("EXHIBITION_")}
    env.update(
        EXHIBITION_CONTENT_DIR=str(world.root),
        EXHIBITION_CACHE_DIR=str(tmp_path / "cache"),
        WEB_CONCURRENCY="2",
        GUNICORN_BIND=f"127.0.0.1:{_free_port()}",
    )
    log = tmp_path / "gunicorn.log"
    command = [sys.executable, "-m", "gunicorn", "-c", str(CONF)]
    with open(log, "wb") as output:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=output)
    base = "http://" + env["GUNICORN_BIND"]
    try:
        _wait_until_up(base + "/healthz", server, log)
        world.exhibit("02-music", "02-fresh")
        hammer = Hammer([base + "/", base + "/rooms/art/first/"])
        hammer.start()
        server.send_signal(signal.SIGHUP)

        def fresh():
            try:
                with urllib.request.urlopen(base + "/rooms/music/fresh/", timeout=10):
                    return True
            except OSError:
                return False

        assert wait_for(fresh, 20)
        statuses = hammer.stop()

        def hit():
            with urllib.request.urlopen(base + "/", timeout=10) as response:
                return response.headers["X-Cache"] == "HIT"

        assert wait_for(hit, 10)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert statuses and set(statuses) == {200}, sorted(set(map(str, statuses)))
    lines = log.read_text()
    assert '"GET /rooms/art/first/ HTTP/1.1" 200' in lines
    assert "cache=MISS" in lines and "cache=HIT" in lines
