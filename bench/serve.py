"""Benchmark serving: wrk against gunicorn, with the baselines measured in the same run.

`make bench` runs this and writes docs/benchmarks.md. On a generated exhibition
of 500 exhibits (derivatives built first) it measures, at 32 and 128
connections, a cached exhibit page, an uncached render, a 304, a derivative
image and an archived page; then the same bytes from a minimal Flask view and a
bare WSGI callable under the same gunicorn.conf.py, and from nginx. It also
measures start-up, worker memory, the demo's page weights and its Lighthouse
scores. Every server listens on loopback only; every wrk run is bounded in time.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402
from bench.measure import (  # noqa: E402
    BROWSER,
    fetch,
    page_weight,
    startup_seconds,
    worker_memory,
)
from exhibition.settings import own_cache_dir  # noqa: E402
from tests.support import servers  # noqa: E402 - imports no pytest, see its docstring

PYTHON = sys.executable
SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CONNECTIONS = (32, 128)
EXHIBITS = 500
BASE_URL = "http://bench.example"
LUA = """
local paths = {%s}
local i = 0
request = function()
  i = i + 1
  return wrk.format(nil, paths[(i %% #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('JSON {"requests": %%d, "seconds": %%f, "errors": %%d, "status": %%d, '
    .. '"p50": %%d, "p95": %%d, "p99": %%d}\\n', summary.requests, summary.duration / 1e6,
    e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def environment(**settings) -> dict[str, str]:
    """Return the environment of a server: ours, less EXHIBITION_*, plus settings."""
    return servers.server_environment(settings)


@contextlib.contextmanager
def gunicorn(folder: Path, app: str = "exhibition:create_app()", **settings):
    """Run gunicorn with gunicorn.conf.py, a worker per core; yield (URL, process, start-up s)."""
    env = {"GUNICORN_ACCESSLOG": str(folder / "access.log"), "GUNICORN_LOGLEVEL": "warning"}
    ready = "/readyz" if "exhibition" in app else "/"
    server = servers.gunicorn(
        folder, settings, app=app, workers=None, ready=ready, env=env, seconds=120
    )
    with server:
        yield server.base, server.process, server.started_in


def shipped_server(folder: Path, app: str, port: int) -> str:
    """Return deploy/nginx.conf before the app at base URL app, as tests/test_deploy.py runs it."""
    text = (ROOT / "deploy" / "nginx.conf").read_text()
    for old, new in {
        "server app:8000;": f"server {app.removeprefix('http://')};",
        "listen 80;": f"listen 127.0.0.1:{port};",
        "/var/cache/nginx/exhibition": str(folder / "page-cache"),
        "/etc/nginx/exhibition/": str(ROOT / "deploy") + "/",
        "/srv": str(folder / "srv"),
    }.items():
        text = text.replace(old, new)
    return text


@contextlib.contextmanager
def nginx(folder: Path, locations: str = "", app: str = ""):
    """Run Debian's nginx on loopback; yield its base URL.

    With `locations`, a server of those alone; with `app`, the shipped
    deploy/nginx.conf (page cache and all) in front of the app at that base URL.
    """
    port = servers.free_port()
    server = f"server {{ listen 127.0.0.1:{port}; {locations} }}"
    if app:
        server = shipped_server(folder, app, port)
    workers = os.cpu_count() or 1  # as many as gunicorn's workers
    temp = " ".join(f"{k}_temp_path {folder / k};" for k in ("client_body", "proxy", "fastcgi"))
    user = "user root;" if os.geteuid() == 0 else ""
    conf = folder / "nginx.conf"
    conf.write_text(
        f"{user} daemon off; worker_processes {workers}; pid {folder / 'nginx.pid'};\n"
        f"error_log {folder / 'nginx-error.log'};\nevents {{ worker_connections 1024; }}\n"
        f"http {{ access_log off; keepalive_requests 100000; {temp}\n"
        f"uwsgi_temp_path {folder / 'uwsgi'}; scgi_temp_path {folder / 'scgi'};\n"
        f"{server} }}\n"
    )
    with servers.nginx(conf, port, log=folder / "nginx-error.log") as server:
        yield server.base


def wrk(url: str, connections: int, paths: list[str], headers: dict, seconds: int = SECONDS):
    """Run wrk for a bounded time and return its figures: requests/s and latency in ms."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA % ", ".join(json.dumps(p) for p in paths))
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    command += ["-s", script.name]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    out = subprocess.run([*command, url], capture_output=True, text=True, timeout=seconds + 60)
    os.unlink(script.name)
    line = next(line for line in out.stdout.splitlines() if line.startswith("JSON "))
    data = json.loads(line[5:])
    return {
        "rps": data["requests"] / data["seconds"],
        "p50": data["p50"] / 1000,
        "p95": data["p95"] / 1000,
        "p99": data["p99"] / 1000,
        "errors": data["errors"] + data["status"],
    }


def measure(lines: list[tuple], rounds: int = ROUNDS) -> list[dict]:
    """Run every line's wrk runs round after round, interleaved, and keep each one's median.

    Interleaving spreads whatever else the machine does over every line alike,
    so the ratios between lines hold.
    """
    runs: dict[tuple[str, int], list[dict]] = {}
    for number in range(rounds):
        for name, base, paths, headers, connections in lines:
            for c in connections:
                figures = wrk(base, c, paths, headers)
                runs.setdefault((name, c), []).append(figures)
                said = f"{figures['rps']:9.0f} req/s  p95 {figures['p95']:6.2f} ms"
                print(f"round {number + 1}: {name:40} c={c:<4} {said}", flush=True)
    rows = []
    for (name, c), figures in runs.items():
        middle = sorted(figures, key=lambda f: f["rps"])[len(figures) // 2]
        errors = sum(f["errors"] for f in figures)
        rows.append({"what": name, "connections": c, **middle, "errors": errors})
    return rows


def save_response(base: str, path: str, folder: Path, headers: dict) -> Path:
    """Save the body and headers the app sends for a path, for the baselines to send."""
    status, answered, body = fetch(base + path, headers)
    assert status == 200, (path, status)
    wanted = ("content-type", "content-encoding")
    keep = [(k, v) for k, v in answered.items() if k.lower() in wanted]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "body").write_bytes(body)
    (folder / "headers.json").write_text(json.dumps(keep))
    return folder


def main() -> None:
    """Run every measure and write docs/benchmarks.md."""
    from bench.report import write_report

    results: dict = {"machine": machine(), "rounds": ROUNDS, "seconds": SECONDS}
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as temp:
        folder = Path(temp)
        content = generate(folder / "content", EXHIBITS)
        settings = {"CONTENT_DIR": content, "CACHE_DIR": folder / "cache", "BASE_URL": BASE_URL}
        settings["ARCHIVE_DIR"] = folder / "archive"
        prepare(folder, settings, results)
        with contextlib.ExitStack() as servers:
            lines = start_servers(servers, folder, settings, results)
            results["rows"] = measure(lines)
    results["demo"] = demo(Path(tempfile.mkdtemp(prefix="bench-demo-")))
    write_report(results, ROOT / "docs" / "benchmarks.md")
    print("Wrote docs/benchmarks.md")


def flask_cli(settings: dict, *args: str) -> float:
    """Run a flask command on the bench exhibition and return its seconds."""
    started = time.monotonic()
    command = [PYTHON, "-m", "flask", "--app", "exhibition", *args]
    subprocess.run(command, cwd=ROOT, env=environment(**settings), check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    return time.monotonic() - started


def prepare(folder: Path, settings: dict, results: dict) -> None:
    """Build the derivatives and freeze an edition; measure start-up of a fresh app."""
    results["build_seconds"] = flask_cli(settings, "build")
    try:
        results["freeze_seconds"] = flask_cli(settings, "freeze", "--edition", "bench")
    except subprocess.CalledProcessError as error:
        results["freeze_seconds"] = None
        print(f"freeze failed ({error}); the archived page is not measured", flush=True)
    results["create_app"] = startup_seconds(environment(**settings))
    starts = []
    for number in range(3):
        (folder / f"start-{number}").mkdir()
        with gunicorn(folder / f"start-{number}", **settings) as (_, _, seconds):
            starts.append(seconds)
    results["gunicorn_start"] = sorted(starts)[1]


def start_servers(servers, folder: Path, settings: dict, results: dict) -> list[tuple]:
    """Start the app, the uncached app and the baselines; return the lines to measure."""
    base, server, paths = start_app(servers, folder, settings, results)
    page = results["page"]
    etag = fetch(base + page, BROWSER)[1]["ETag"]
    image = results["image"] = derivative_path(base, page)
    both = CONNECTIONS
    lines = [
        ("(a) cached exhibit page", base, [page], BROWSER, both),
        through_nginx(servers, folder, base, page),
        ("(c) 304 Not Modified", base, [page], {**BROWSER, "If-None-Match": etag}, both),
        ("(d) derivative image (AVIF, 1280 px)", base, [image], BROWSER, both),
    ]
    archived = f"/archive/bench{page}"
    if results["freeze_seconds"] and fetch(base + archived, BROWSER)[0] == 200:
        lines.append(("(e) archived exhibit page", base, [archived], BROWSER, both))
    (folder / "nocache").mkdir()
    uncached = servers.enter_context(
        gunicorn(folder / "nocache", **settings, CACHE_TYPE="NullCache")
    )
    for path in paths[:20]:
        fetch(uncached[0] + path, BROWSER)  # load templates and code in both workers
    lines.append(("(b) uncached render (500 exhibits)", uncached[0], paths, BROWSER, (1, *both)))
    return lines + baselines(servers, folder, page, image)


def start_app(servers, folder: Path, settings: dict, results: dict):
    """Start the app, warm its cache and save the page measured; return base, server, paths."""
    (folder / "app").mkdir()
    base, server, _ = servers.enter_context(gunicorn(folder / "app", **settings))
    results["memory_started"] = worker_memory(server.pid)
    paths = exhibit_paths(base)
    results["memory_warm"] = warm(base, paths, server.pid)
    page = results["page"] = paths[len(paths) // 2]
    save_response(base, page, folder / "response", BROWSER)
    return base, server, paths


def through_nginx(servers, folder: Path, app: str, page: str) -> tuple:
    """Start the shipped nginx in front of the app; return the line of the page through it."""
    (folder / "nginx-cache").mkdir()
    base = servers.enter_context(nginx(folder / "nginx-cache", app=app))
    status, headers, _ = fetch(base + page, BROWSER)
    assert status == 200 and headers["X-Cache-Status"] == "MISS", headers  # stored now
    return ("(f) cached exhibit page through nginx's page cache", base, [page], BROWSER,
            CONNECTIONS)  # fmt: skip


def baselines(servers, folder: Path, page: str, image: str | None) -> list[tuple]:
    """Start the baselines that answer the saved page (and image); return their lines."""
    saved, both, lines = folder / "response", CONNECTIONS, []
    os.environ["BENCH_RESPONSE"] = str(saved)
    factories = {"minimal Flask view": "flask_app", "bare WSGI callable": "wsgi_app"}
    for name, factory in factories.items() if image else list(factories.items())[:1]:
        (folder / factory).mkdir()
        base = servers.enter_context(gunicorn(folder / factory, f"bench.baselines:{factory}()"))[0]
        lines.append((f"baseline: {name}, same bytes", base, [page], BROWSER, both))
    headers = dict(json.loads((saved / "headers.json").read_text()))
    locations = (
        f"location / {{ root {saved}; try_files /body =404; "
        f"default_type '{headers['Content-Type']}'; "
        f"add_header Content-Encoding {headers.get('Content-Encoding', 'identity')}; }}\n"
    )
    if image:
        image_file = folder / "cache" / "images" / image.rsplit("/", 1)[1]
        locations += (
            f"location = /image {{ root {image_file.parent}; "
            f"try_files /{image_file.name} =404; default_type image/avif; }}"
        )
    (folder / "nginx").mkdir()
    base = servers.enter_context(nginx(folder / "nginx", locations))
    lines.append(("baseline: nginx, same page bytes", base, [page], BROWSER, both))
    if image:
        lines.append(("baseline: nginx, same image file", base, ["/image"], BROWSER, both))
    return lines


def nginx_cache_only() -> None:
    """Measure the page through nginx's page cache, the app and two baselines; print the table.

    A shorter run than main(): no image build (pages show the originals), no
    uncached, 304, image or archive lines, no demo. `python bench/serve.py nginx`.
    """
    from bench.report import load_table

    results: dict = {}
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as temp:
        folder = Path(temp)
        content = generate(folder / "content", EXHIBITS)
        settings = {"CONTENT_DIR": content, "CACHE_DIR": folder / "cache", "BASE_URL": BASE_URL}
        settings["ARCHIVE_DIR"] = folder / "archive"
        with contextlib.ExitStack() as servers:
            base, _, _ = start_app(servers, folder, settings, results)
            page = results["page"]
            lines = [("(a) cached exhibit page", base, [page], BROWSER, CONNECTIONS)]
            lines.append(through_nginx(servers, folder, base, page))
            rows = measure(lines + baselines(servers, folder, page, None))
    print(f"{machine()}, page {page}, {ROUNDS} rounds of {SECONDS} s", *load_table(rows), sep="\n")


def exhibit_paths(base: str) -> list[str]:
    """Return the paths of every exhibit page the sitemap lists."""
    xml = fetch(base + "/sitemap.xml", {})[2].decode()
    paths = re.findall(r"<loc>https?://[^/]+(/[^<]*)</loc>", xml)
    return [p for p in paths if re.fullmatch(r"/rooms/[^/]+/[^/]+/", p)]


def warm(base: str, paths: list[str], master: int) -> dict:
    """Request every page enough times for each worker to cache it; return worker memory."""
    for _ in range(3):
        for path in ["/", *paths]:
            fetch(base + path, BROWSER)
    return worker_memory(master)


def derivative_path(base: str, page: str) -> str:
    """Return the path of the 1280 px AVIF of a page's main image."""
    html = fetch(base + page, {})[2].decode()
    return re.search(r"(/derivatives/[0-9a-f]+-1280\.avif)", html).group(1)


def demo(folder: Path) -> dict:
    """Measure the demo exhibition's page weights and Lighthouse scores (desktop)."""
    settings = {"CACHE_DIR": ROOT / own_cache_dir(ROOT / "content")}  # `make build` made it
    found: dict = {}
    with gunicorn(folder, **settings) as (base, _, _):
        paths = exhibit_paths(base)
        found["weights"] = {path: page_weight(base, path) for path in paths}
        rooms = re.findall(r'href="(/rooms/[^/"]+/)"', fetch(base + "/", {})[2].decode())
        pages = {"lobby": "/", "room": rooms[0], "exhibit": paths[0]}
        found["lighthouse"] = lighthouse({k: base + v for k, v in pages.items()})
        found["lighthouse_pages"] = pages
    shutil.rmtree(folder, ignore_errors=True)
    return found


def lighthouse(pages: dict[str, str]) -> dict:
    """Run Lighthouse's desktop preset on each page with tools/lighthouse/audit.py."""
    spec = importlib.util.spec_from_file_location("audit", ROOT / "tools/lighthouse/audit.py")
    audit = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(audit)
    audit.REPORTS.mkdir(parents=True, exist_ok=True)
    return {name: audit.audit(name, url, preset="desktop") for name, url in pages.items()}


def machine() -> dict:
    """Describe the machine the figures come from."""
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout
    nginx_version = subprocess.run(["/usr/sbin/nginx", "-v"], capture_output=True, text=True)
    return {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "system": platform.platform(),
        "wrk": wrk_version.split("[")[0].strip() or "wrk",
        "nginx": nginx_version.stderr.strip().split(":")[-1].strip(),
        "date": time.strftime("%Y-%m-%d"),
    }


if __name__ == "__main__":
    nginx_cache_only() if sys.argv[1:] == ["nginx"] else main()
