"""make audit: pinned dependencies, a real pip-audit against a local OSV service, and no network."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.support import ROOT
from tests.support.servers import free_port

AUDIT = [sys.executable, str(ROOT / "tools/audit_dependencies.py")]
FILES = ("requirements.txt", "requirements-dev.txt", "requirements-bench.txt")
PIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*==[0-9][A-Za-z0-9.+!-]*")


def pins() -> dict[str, str]:
    """Return every pinned release of the requirement files, by lower-case name."""
    found = {}
    for name in FILES:
        for line in (ROOT / name).read_text().splitlines():
            line = line.strip()
            if line and not line.startswith(("#", "-r ")):
                assert PIN.fullmatch(line), f"{name}: {line!r} is not pinned as name==version"
                package, version = line.split("==")
                found[package.lower().replace("_", "-").replace(".", "-")] = version
    return found


def test_every_dependency_is_pinned_and_pip_audit_is_one():
    found = pins()
    assert found["pip-audit"] == "2.10.1"
    assert len(found) > 80


class OSV(ThreadingHTTPServer):
    """An OSV query service on loopback that knows one vulnerability, or answers an error."""

    def __init__(self, vulnerable: str | None = None, status: int = 200):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.vulnerable = vulnerable
        self.status = status
        self.asked: list[str] = []

    @property
    def url(self) -> str:
        """Return the address pip-audit's --osv-url takes."""
        return f"http://127.0.0.1:{self.server_address[1]}/v1/query"


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 - the name http.server calls
        query = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        name = query["package"]["name"]
        self.server.asked.append(name)
        answer = {}
        if name == self.server.vulnerable:
            answer = {"vulns": [vulnerability(name, query["version"])]}
        body = json.dumps(answer).encode()
        self.send_response(self.server.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def vulnerability(name: str, version: str) -> dict:
    """Return an OSV record saying a release of a package is vulnerable, fixed in 99.0."""
    return {
        "id": "GHSA-test-0000-0001",
        "summary": "A test vulnerability",
        "affected": [
            {
                "package": {"name": name, "ecosystem": "PyPI"},
                "ranges": [
                    {"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "99.0"}]}
                ],
                "versions": [version],
            }
        ],
    }


@pytest.fixture
def osv(request) -> Iterator[OSV]:
    """Serve a local OSV service, as the test's parameters ask, for one test."""
    server = OSV(*getattr(request, "param", ()))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def audit(**env) -> subprocess.CompletedProcess:
    """Run make audit's script with extra environment variables; return what it did."""
    environment = {**os.environ, "AUDIT_TIMEOUT": "5", **env}
    return subprocess.run(AUDIT, cwd=ROOT, env=environment, capture_output=True, text=True)


@pytest.mark.parametrize("osv", [("flask",)], indirect=True)
def test_a_known_vulnerability_fails_the_audit(osv):
    done = audit(AUDIT_SERVICES="osv", AUDIT_OSV_URL=osv.url)
    assert done.returncode == 1, done.stdout + done.stderr
    flask = pins()["flask"]
    assert f"flask=={flask}: GHSA-test-0000-0001 (fixed in 99.0)" in done.stdout


def test_an_answer_with_no_vulnerability_passes_and_every_pin_was_asked(osv):
    done = audit(AUDIT_SERVICES="osv", AUDIT_OSV_URL=osv.url)
    assert done.returncode == 0, done.stdout + done.stderr
    assert set(osv.asked) == set(pins())
    assert f"no known vulnerability in {len(pins())} pinned releases (osv)" in done.stdout


def test_no_network_is_said_plainly_and_does_not_fail():
    closed = f"http://127.0.0.1:{free_port()}"
    done = audit(
        AUDIT_SERVICES="osv,pypi",
        AUDIT_OSV_URL=closed + "/v1/query",
        HTTPS_PROXY=closed,
        https_proxy=closed,
        NO_PROXY="",
        no_proxy="",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "NOT AUDITED: no advisory service could be reached" in done.stdout
    assert "osv: could not reach the advisory service" in done.stdout
    assert "pypi: could not reach the advisory service" in done.stdout


@pytest.mark.parametrize("osv", [(None, 503)], indirect=True)
def test_a_failing_service_is_not_an_audit(osv):
    done = audit(AUDIT_SERVICES="osv", AUDIT_OSV_URL=osv.url)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "NOT AUDITED" in done.stdout
