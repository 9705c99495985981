"""Audit every pinned dependency for known vulnerabilities with pip-audit: `make audit`.

Exits 1 when a pinned release has a known vulnerability, naming it and the
releases that fix it. When no advisory service can be reached (no network, or
an index without PyPI's vulnerability feed), it says so plainly and exits 0: a
build must not fail for being offline, and must not pass for a clean audit
either. Services are tried in turn (OSV, then PyPI) until one answers.

Environment: AUDIT_SERVICES (default "osv,pypi"), AUDIT_OSV_URL (an OSV
mirror), AUDIT_TIMEOUT (seconds per request, default 15).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS = ("requirements.txt", "requirements-dev.txt", "requirements-bench.txt")
# What pip-audit's traceback says when it could not get an answer from the service.
UNREACHABLE = (
    "ConnectionError",
    "ConnectTimeout",
    "ReadTimeout",
    "ProxyError",
    "SSLError",
    "NameResolutionError",
    "ServiceError",
)


def pip_audit(service: str) -> subprocess.CompletedProcess:
    """Run pip-audit on the pinned requirement files against one service; JSON on stdout."""
    command = [sys.executable, "-m", "pip_audit", "--no-deps", "--disable-pip"]
    for name in REQUIREMENTS:
        command += ["-r", str(ROOT / name)]
    command += ["--format", "json", "--progress-spinner", "off", "--vulnerability-service", service]
    command += ["--timeout", os.environ.get("AUDIT_TIMEOUT", "15")]
    if service == "osv" and os.environ.get("AUDIT_OSV_URL"):
        command += ["--osv-url", os.environ["AUDIT_OSV_URL"]]
    with tempfile.TemporaryDirectory() as cache:
        command += ["--cache-dir", cache]
        return subprocess.run(command, capture_output=True, text=True, timeout=600)


def read_report(stdout: str) -> dict | None:
    """Return pip-audit's JSON report, or None if it wrote none (it stopped early)."""
    try:
        report = json.loads(stdout)
    except ValueError:
        return None
    return report if isinstance(report, dict) and "dependencies" in report else None


def vulnerabilities(report: dict) -> list[str]:
    """Return one line per known vulnerability of a pinned release."""
    lines = []
    for dependency in report["dependencies"]:
        for vuln in dependency.get("vulns", []):
            fixed = ", ".join(vuln.get("fix_versions", [])) or "no fixed release yet"
            name = f"{dependency['name']}=={dependency.get('version', '?')}"
            lines.append(f"  {name}: {vuln['id']} (fixed in {fixed})")
    return lines


def judge(service: str, done: subprocess.CompletedProcess) -> tuple[int | None, str]:
    """Return the exit code an audit run calls for (None: try another service) and why."""
    report = read_report(done.stdout)
    if report is None:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        if any(word in done.stderr for word in UNREACHABLE):
            return None, f"{service}: could not reach the advisory service ({last[:200]})"
        return 1, f"pip-audit failed against {service}:\n{done.stderr[-2000:]}"
    found = vulnerabilities(report)
    if found:
        return 1, f"known vulnerabilities in pinned releases ({service}):\n" + "\n".join(found)
    dependencies = report["dependencies"]
    skipped = [d for d in dependencies if "skip_reason" in d]
    if len(skipped) == len(dependencies):
        reason = skipped[0]["skip_reason"] if skipped else "no dependencies"
        return None, f"{service}: it could check none of the {len(skipped)} releases ({reason})"
    note = f"; {len(skipped)} could not be checked" if skipped else ""
    checked = len(dependencies) - len(skipped)
    return 0, f"no known vulnerability in {checked} pinned releases ({service}){note}"


def main() -> int:
    """Audit against each service in turn; report the first answer, or that none answered."""
    reasons = []
    for service in os.environ.get("AUDIT_SERVICES", "osv,pypi").split(","):
        code, message = judge(service.strip(), pip_audit(service.strip()))
        if code is not None:
            print(f"make audit: {message}")
            return code
        reasons.append(message)
    print(
        "make audit: NOT AUDITED: no advisory service could be reached, so no release was checked."
    )
    for reason in reasons:
        print(f"  {reason}")
    print("  The build goes on; run `make audit` where the network reaches OSV or PyPI.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
