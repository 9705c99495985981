"""Start the real servers tests and benchmarks need, the one way: `Service` and its makers.

Each server runs in its own process group on a free loopback port, with its
output in a log file. Starting returns once it answers; if it never does, or
exits first, `ServerError` says so with the log's tail. Stopping sends TERM,
waits, then kills whatever is left of the group (a master's workers too).

This module imports no pytest: `bench/` starts its servers with it as well.
A new kind of server gets its maker here, beside `redis` and `postgres`.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from tests.support import ROOT
from tests.support.waiting import wait_for

GUNICORN_CONF = ROOT / "gunicorn.conf.py"
REDIS_SERVER = Path("/usr/bin/redis-server")
NGINX = Path("/usr/sbin/nginx")


class ServerError(RuntimeError):
    """A server that exited or never answered; the message ends with its log's tail."""


def free_port() -> int:
    """Return a loopback port no one listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(url: str, seconds: float = 2) -> bool:
    """Tell whether a URL answers 200 within a few seconds."""
    try:
        with urllib.request.urlopen(url, timeout=seconds) as response:
            return response.status == 200
    except OSError:
        return False


class Service:
    """A server process: started by `start` or `with`, ready once `ready()` is true."""

    def __init__(self, name: str, command: list[str], log: Path, ready: Callable[[], bool], **how):
        self.name, self.command, self.log, self.ready = name, command, log, ready
        self.port: int | None = how.pop("port", None)
        self.seconds: float = how.pop("seconds", 30)
        self.how = how  # cwd and env for Popen
        self.process: subprocess.Popen | None = None
        self.started_in = 0.0  # seconds from launch to the first good answer

    @property
    def base(self) -> str:
        """Return the server's base URL."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        """Return the process id of the server (gunicorn's master)."""
        return self.process.pid

    def send_signal(self, number: int) -> None:
        """Send the server (gunicorn's master) a signal, such as SIGHUP."""
        self.process.send_signal(number)

    def start(self) -> Service:
        """Launch the server and return once it answers; raise ServerError if it never does."""
        self.log.parent.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        with open(self.log, "ab") as output:
            self.process = subprocess.Popen(
                self.command, stdout=output, stderr=output, start_new_session=True, **self.how
            )
        up = lambda: self.process.poll() is not None or self.ready()  # noqa: E731
        if not wait_for(up, self.seconds, interval=0.02):  # fine enough to time a start
            self.stop()
            raise ServerError(self.said(f"did not answer within {self.seconds} s"))
        if self.process.poll() is not None:
            self.stop()
            raise ServerError(self.said(f"exited with code {self.process.returncode}"))
        self.started_in = time.monotonic() - started
        return self

    def said(self, what: str) -> str:
        """Return a sentence about the server followed by the tail of its log."""
        tail = self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""
        return f"{self.name} {what} ({' '.join(self.command)}); its log ends:\n{tail}"

    def stop(self, seconds: float = 60) -> None:
        """Stop the server and anything it started; return once they are gone."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=seconds)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        with suppress(ProcessLookupError):  # its workers, if the master left any
            os.killpg(self.process.pid, signal.SIGKILL)
        wait_for(lambda: not group_members(self.process.pid), 10)  # a killed process takes time

    def __enter__(self) -> Service:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def alive(pid: int) -> bool:
    """Tell whether a process runs (a zombie waiting to be reaped does not)."""
    try:
        return "\nState:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False


def group_members(group: int) -> list[int]:
    """Return the running processes of a process group (a zombie does not run)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with suppress(OSError, IndexError):
            state, _, pgrp = stat.read_text().rsplit(")", 1)[1].split()[:3]
            if int(pgrp) == group and state != "Z":
                found.append(int(stat.parent.name))
    return found


def server_environment(settings: dict | None = None, **env: str) -> dict[str, str]:
    """Return our environment less EXHIBITION_* and GUNICORN*, plus the app's settings and env.

    Two settings are the tests' own unless given: the 360° pictures' widths the run set,
    and, beside a cache folder, the answers' database, so no command or server opens one
    in the checkout's instance/.
    """
    own = ("EXHIBITION_", "GUNICORN", "WEB_CONCURRENCY", "PORT")
    result = {key: value for key, value in os.environ.items() if not key.startswith(own)}
    settings = dict(settings or {})
    if "EXHIBITION_PANORAMA_WIDTHS" in os.environ:
        settings.setdefault("PANORAMA_WIDTHS", os.environ["EXHIBITION_PANORAMA_WIDTHS"])
    if "CACHE_DIR" in settings:
        answers = Path(settings["CACHE_DIR"]).parent / "answers.sqlite3"
        settings.setdefault("DATABASE_URL", f"sqlite:///{answers}")
    result.update({f"EXHIBITION_{key}": str(value) for key, value in settings.items()})
    result.update(env)
    return result


def gunicorn(
    folder: Path,
    settings: dict | None = None,
    *,
    app: str | None = None,
    workers: int | None = 2,
    ready: str = "/readyz",
    name: str = "gunicorn",
    env: dict | None = None,
    seconds: float = 30,
) -> Service:
    """Return gunicorn serving the app with the shipped gunicorn.conf.py, ready when `ready` is.

    settings are the app's, without their EXHIBITION_ prefix; its cache and archive
    folders, its answers' database and its form key default to folder, never the
    checkout's instance/. The log is folder/NAME.log;
    app names another WSGI app; workers=None keeps the config's one per core.
    """
    settings = {
        "CACHE_DIR": folder / "cache",
        "ARCHIVE_DIR": folder / "archive",
        "DATABASE_URL": f"sqlite:///{folder / 'answers.sqlite3'}",
        "SECRET_KEY": f"the key of the server in {folder}",
        **(settings or {}),
    }
    port = free_port()
    extra = {"PORT": str(port), **({"WEB_CONCURRENCY": str(workers)} if workers else {})}
    command = [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONF), *([app] if app else [])]
    url = f"http://127.0.0.1:{port}{ready}"
    environment = server_environment(settings, **extra, **(env or {}))
    log = folder / f"{name}.log"
    how = {"port": port, "cwd": ROOT, "env": environment, "seconds": seconds}
    return Service(name, command, log, lambda: answers(url), **how)


def workers_of(master: int) -> list[int]:
    """Return the process ids of a gunicorn master's workers."""
    return [int(pid) for pid in Path(f"/proc/{master}/task/{master}/children").read_text().split()]


def _pong(port: int) -> bool:
    """Tell whether a Redis server on a port answers PING."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(64).startswith(b"+PONG")
    except OSError:
        return False


def redis(folder: Path) -> Service:
    """Return Debian's redis-server on a free port, keeping nothing on disk; `.url` is its URL."""
    port = free_port()
    command = [str(REDIS_SERVER), "--port", str(port), "--bind", "127.0.0.1"]
    command += ["--save", "", "--appendonly", "no", "--dir", str(folder)]
    service = Service("redis-server", command, folder / "redis.log", lambda: _pong(port), port=port)
    service.url = f"redis://127.0.0.1:{port}/0"
    return service


def nginx(conf: Path, port: int, ready: str = "/", log: Path | None = None) -> Service:
    """Return Debian's nginx running conf (which listens on port), ready when `ready` answers."""
    folder = conf.parent
    log = log or folder / "error.log"
    command = [str(NGINX), "-p", str(folder), "-c", str(conf), "-e", str(log)]
    url = f"http://127.0.0.1:{port}{ready}"
    return Service("nginx", command, log, lambda: answers(url), port=port)


def static_files(root: Path, log: Path) -> Service:
    """Return Python's plain static file server serving a folder."""
    port = free_port()
    command = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"]
    command += ["--directory", str(root)]
    url = f"http://127.0.0.1:{port}/"
    return Service("http.server", command, log, lambda: answers(url), port=port)


POSTGRES_BIN = max(Path("/usr/lib/postgresql").glob("*/bin"), default=Path("/nonexistent"))


def as_postgres_user(command: list[str]) -> list[str]:
    """Return the command run as the postgres user when we are root, which PostgreSQL refuses."""
    if os.geteuid() != 0:
        return command
    return ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", *command]


def postgres(folder: Path) -> Service:
    """Return Debian's PostgreSQL, a new cluster in folder, on a free port and a socket in folder.

    folder must be one the postgres user may write when we are root (see `postgres_folder`).
    `.url` is its `postgres` database's URL; `.database(name)` makes a new one and returns its URL.
    """
    data = folder / "data"
    if not data.exists():
        initdb = [str(POSTGRES_BIN / "initdb"), "-D", str(data), "-U", "exhibition"]
        subprocess.run(
            as_postgres_user([*initdb, "--auth=trust", "-E", "UTF8"]),
            check=True,
            capture_output=True,
        )
    port = free_port()
    command = [str(POSTGRES_BIN / "postgres"), "-D", str(data), "-p", str(port), "-k", str(folder)]
    command += ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"]
    ready = [str(POSTGRES_BIN / "pg_isready"), "-q", "-h", "127.0.0.1", "-p", str(port)]
    check = lambda: subprocess.run(ready).returncode == 0  # noqa: E731
    service = Service(
        "postgres", as_postgres_user(command), folder / "postgres.log", check, port=port
    )
    service.url = f"postgresql+psycopg://exhibition@127.0.0.1:{port}/postgres"
    service.database = lambda name: _new_database(port, name)
    return service


def postgres_folder() -> Path:
    """Return a new temporary folder the postgres user owns (ours when we are not root)."""
    folder = Path(tempfile.mkdtemp(prefix="exhibition-postgres-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    return folder


def _new_database(port: int, name: str) -> str:
    """Make an empty database on the server and return its URL."""
    import psycopg

    with psycopg.connect(
        host="127.0.0.1", port=port, user="exhibition", dbname="postgres", autocommit=True
    ) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"postgresql+psycopg://exhibition@127.0.0.1:{port}/{name}"
