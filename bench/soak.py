"""Soak the exhibition: wrk for minutes over every page type while content changes and HUPs land.

`make soak` runs this (SOAK_SECONDS, default 300; SOAK_CONNECTIONS, default
64). On a copy of the demo (its derivatives built, an edition frozen) served
by gunicorn with the shipped gunicorn.conf.py, wrk asks for the lobby, every
room, exhibit and free page, the sitemap, style sheet and script, derivative
images, a media file, archived pages and conditional requests that answer 304.
Meanwhile an exhibit's label is edited, an exhibit added and removed, one
change every 10 s, each checked to show on the site; gunicorn gets a HUP every
60 s; the workers' memory is read from /proc every 2 s. It writes its figures
into docs/resilience.md and exits 1 if any criterion fails: a 5xx, a failed
connection, an edit not seen, or a worker growing by 10 % or more.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.measure import BROWSER, fetch, process_memory  # noqa: E402
from bench.serve import exhibit_paths, flask_cli, gunicorn, machine  # noqa: E402
from bench.soak_report import criteria, memory_figures, write_section  # noqa: E402

SECONDS = int(os.environ.get("SOAK_SECONDS", "300"))
CONNECTIONS = int(os.environ.get("SOAK_CONNECTIONS", "64"))
EDIT_EVERY = 10  # seconds between content changes
HUP_EVERY = 60  # seconds between HUPs to gunicorn
SAMPLE_EVERY = 2  # seconds between readings of the workers' memory
WARM_SECONDS = 20  # how long a new generation of workers serves before it is measured
BASE_URL = "http://soak.example"
CHECK = {"User-Agent": "soak-check"}  # the edits' own checks, counted apart from wrk's load
EDITED = "04-technology/02-how-machine-learning-works"  # its label changes
ADDED = "04-technology/03-soak-visitor"  # an exhibit that comes and goes
LUA = """
local specs = {%s}
local requests, i = {}, 0
function init(args)
  for k, spec in ipairs(specs) do
    local headers = {["Accept-Encoding"] = "gzip, deflate, br"}
    if spec[2] ~= "" then headers["If-None-Match"] = spec[2] end
    requests[k] = wrk.format("GET", spec[1], headers)
  end
end
function request()
  i = i + 1
  return requests[(i %% #requests) + 1]
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('JSON {"requests": %%d, "seconds": %%f, "connect": %%d, "read": %%d, '
    .. '"write": %%d, "timeout": %%d, "status": %%d, "p50": %%d, "p90": %%d, "p95": %%d, '
    .. '"p99": %%d, "p999": %%d, "max": %%d}\\n', summary.requests, summary.duration / 1e6,
    e.connect, e.read, e.write, e.timeout, e.status, latency:percentile(50),
    latency:percentile(90), latency:percentile(95), latency:percentile(99),
    latency:percentile(99.9), latency.max))
end
"""


def prepare(folder: Path) -> dict:
    """Copy the demo, build its derivatives and freeze an edition; return the settings."""
    content = folder / "content"
    shutil.copytree(ROOT / "content", content, ignore=shutil.ignore_patterns("archive"))
    built = ROOT / "instance" / "cache" / "images"
    if built.is_dir():  # same originals, same times: the build keeps what `make build` made
        shutil.copytree(built, folder / "cache" / "images")
    settings = {"CONTENT_DIR": content, "CACHE_DIR": folder / "cache", "BASE_URL": BASE_URL}
    settings.update(ARCHIVE_DIR=folder / "archive", RELOAD_SECONDS=2)
    print(f"build: {flask_cli(settings, 'build'):.1f} s", flush=True)
    print(f"freeze: {flask_cli(settings, 'freeze', '--edition', 'soak'):.1f} s", flush=True)
    return settings


def mix(base: str) -> list[tuple[str, str]]:
    """Return the requests wrk cycles through: (path, ETag to send or "")."""
    sitemap = fetch(base + "/sitemap.xml", {})[2].decode()
    pages = [p for p in re.findall(r"<loc>https?://[^/]+(/[^<]*)</loc>", sitemap)]
    exhibits = exhibit_paths(base)
    html = fetch(base + exhibits[1], {})[2].decode()
    files = re.findall(r'(/(?:derivatives|static)/[^"\s,]+\.(?:avif|webp|jpg|css|js))', html)
    files += re.findall(r'(/media/[^"\s,]+\.(?:vtt|jpg|png))', html)[:1]
    archived = [f"/archive/soak{path}" for path in ("/", "/about/", exhibits[1], exhibits[-1])]
    requests = [(path, "") for path in [*pages, "/robots.txt", *dict.fromkeys(files), *archived]]
    image = next(path for path in files if path.startswith("/derivatives/"))
    for path in ("/about/", exhibits[1], image):  # untouched by the edits: they stay 304
        requests += [(path, fetch(base + path, BROWSER)[1]["ETag"])] * 3
    return requests


def wrk(base: str, requests: list[tuple[str, str]], seconds: int) -> dict:
    """Run wrk over the requests for a bounded time; return its counts and latencies in ms."""
    specs = ", ".join(f"{{{json.dumps(path)}, {json.dumps(etag)}}}" for path, etag in requests)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA % specs)
    command = ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s"]
    out = subprocess.run(
        [*command, "-s", script.name, base], capture_output=True, text=True, timeout=seconds + 120
    )
    os.unlink(script.name)
    line = next(line for line in out.stdout.splitlines() if line.startswith("JSON "))
    data = json.loads(line[5:])
    for key in ("p50", "p90", "p95", "p99", "p999", "max"):
        data[key] /= 1000
    return data


class Every(threading.Thread):
    """Call a function every so many seconds, on the clock, until stopped; keep what goes wrong."""

    def __init__(self, seconds: float, action):
        super().__init__(daemon=True)
        self.seconds, self.action = seconds, action
        self.stopping = threading.Event()
        self.errors: list[str] = []

    def run(self) -> None:
        started, calls = time.monotonic(), 0
        while True:
            calls += 1
            if self.stopping.wait(max(0.0, started + calls * self.seconds - time.monotonic())):
                return
            try:
                self.action()
            except Exception as error:  # reported at the end, never a stopped soak
                self.errors.append(f"{type(error).__name__}: {error}")

    def stop(self) -> list[str]:
        self.stopping.set()
        self.join(timeout=60)
        return self.errors


class Editor:
    """Change the content as a curator would, one change a call, and see each reach the site."""

    def __init__(self, base: str, content: Path):
        self.base, self.rooms = base, content / "rooms"
        edited = next(p for p in exhibit_paths(base) if p.endswith("/how-machine-learning-works/"))
        self.edited_url = base + edited
        self.added_url = base + edited.rsplit("/", 2)[0] + "/soak-visitor/"
        self.count, self.seen, self.unseen = 0, [], []

    def __call__(self) -> None:
        """Make the next change: a label, an added exhibit, a label, the exhibit removed."""
        self.count += 1
        step = self.count % 4
        if step in (1, 3):
            self.edit_label()
        elif step == 2:
            self.add()
        else:
            shutil.rmtree(self.rooms / ADDED)
            self.wait(self.added_url, lambda status, body: status == 404)

    def edit_label(self) -> None:
        """Add a sentence to an exhibit's label, as a curator saving a file would."""
        marker = f"Soak edit {self.count}."
        with open(self.rooms / EDITED / "exhibit.md", "a", encoding="utf-8") as label:
            label.write(f"\n{marker}\n")
        self.wait(self.edited_url, lambda status, body: marker.encode() in body)

    def add(self) -> None:
        """Add a copy of an exhibit under another name; it appears whole, by a rename."""
        staging = self.rooms / "04-technology" / ".soak-visitor"
        shutil.copytree(self.rooms / EDITED, staging)
        text = (staging / "exhibit.md").read_text(encoding="utf-8")
        text = text.replace("How machine", "A visiting copy of how machine")
        (staging / "exhibit.md").write_text(text, encoding="utf-8")
        os.rename(staging, self.rooms / ADDED)
        self.wait(self.added_url, lambda status, body: status == 200)

    def wait(self, url: str, shows, seconds: float = EDIT_EVERY - 1) -> None:
        """Record how long until four requests in a row show a change, or that none did."""
        started, streak = time.monotonic(), 0
        while time.monotonic() - started < seconds:
            status, _, body = fetch(url, CHECK)
            streak = streak + 1 if shows(status, body) else 0
            if streak == 4:
                self.seen.append(time.monotonic() - started)
                return
            time.sleep(0.1)
        self.unseen.append(f"change {self.count} not seen at {url} in {seconds} s")


class Sampler:
    """Read every worker's memory from /proc; note which generation (HUPs before) it is of."""

    def __init__(self, master: int):
        self.master, self.hups = master, [time.monotonic()]  # a generation starts at each
        self.samples: dict[int, list[tuple[float, float, float]]] = {}  # pid -> (t, rss, pss)
        self.generation: dict[int, int] = {}

    def __call__(self) -> None:
        now = time.monotonic()
        children = Path(f"/proc/{self.master}/task/{self.master}/children").read_text().split()
        for pid in map(int, children):
            with contextlib.suppress(OSError):  # a worker that just left
                rss, pss = process_memory(pid)
                self.generation.setdefault(pid, len(self.hups) - 1)
                self.samples.setdefault(pid, []).append((now, rss, pss))

    def hup(self) -> None:
        """Send gunicorn a HUP: a new generation of workers starts."""
        os.kill(self.master, signal.SIGHUP)
        self.hups.append(time.monotonic())


def access_counts(log: Path) -> dict[str, dict[str, int]]:
    """Count the responses in gunicorn's access log by status: wrk's, and the edits' checks."""
    counts: dict[str, dict[str, int]] = {"load": {}, "checks": {}}
    with open(log, encoding="utf-8", errors="replace") as lines:
        for line in lines:
            found = re.search(r'HTTP/[\d.]+" (\d{3}) ', line)
            if found:
                which = counts["checks" if CHECK["User-Agent"] in line else "load"]
                which[found.group(1)] = which.get(found.group(1), 0) + 1
    return counts


def soak(folder: Path, settings: dict) -> dict:
    """Serve, warm up, then load, edit, HUP and sample for SECONDS; return the findings."""
    served = folder / "serve"
    served.mkdir()
    with gunicorn(served, **settings) as (base, server, _):
        requests, editor = mix(base), Editor(base, settings["CONTENT_DIR"])
        # The edits start with the warm-up, so the first workers have reloaded the
        # content before they are measured, as every later generation has.
        edits = Every(EDIT_EVERY, editor)
        edits.start()
        print(f"warming up: {WARM_SECONDS} s over {len(requests)} requests", flush=True)
        wrk(base, requests, WARM_SECONDS)
        (served / "access.log").write_text("")  # count the soak alone
        sampler = Sampler(server.pid)
        load, errors = under_hups(base, requests, sampler)
        errors += edits.stop()
    return findings(served, load, len(requests), editor, sampler, errors)


def under_hups(base: str, requests: list, sampler: Sampler) -> tuple[dict, list[str]]:
    """Run wrk for SECONDS, reading memory and sending HUPs meanwhile; return its figures."""
    sampler()
    threads = [Every(SAMPLE_EVERY, sampler), Every(HUP_EVERY, sampler.hup)]
    for thread in threads:
        thread.start()
    print(f"soaking: {SECONDS} s at {CONNECTIONS} connections", flush=True)
    load = wrk(base, requests, SECONDS)
    sampler()
    return load, [error for thread in threads for error in thread.stop()]


def findings(served: Path, load: dict, mixed: int, editor, sampler, errors: list) -> dict:
    """Gather what the soak found: wrk's figures, statuses, edits, memory, the server's log."""
    log = (served / "gunicorn.log").read_text(errors="replace")
    return {
        "load": load,
        "statuses": access_counts(served / "access.log"),
        "requests_mixed": mixed,
        "edits": {"made": editor.count, "seen": editor.seen, "unseen": editor.unseen},
        "hups": len(sampler.hups) - 1,
        "memory": memory_figures(sampler.samples, sampler.generation, sampler.hups, WARM_SECONDS),
        "troubles": errors + [line for line in log.splitlines() if "Traceback" in line][:5],
        "worker_timeouts": log.count("WORKER TIMEOUT"),
    }


def main() -> None:
    """Soak, write the figures into docs/resilience.md, and exit 1 if a criterion failed."""
    with tempfile.TemporaryDirectory(prefix="soak-") as temp:
        folder = Path(temp)
        results = soak(folder, prepare(folder))
    results.update(seconds=SECONDS, connections=CONNECTIONS, machine=machine())
    results["load_average"] = os.getloadavg()
    checks = criteria(results)
    write_section(results, checks, ROOT / "docs" / "resilience.md")
    for what, measured, met in checks:
        print(f"{'ok  ' if met else 'FAIL'} {what}: {measured}")
    print("Wrote docs/resilience.md")
    sys.exit(0 if all(met for _, _, met in checks) else 1)


if __name__ == "__main__":
    main()
