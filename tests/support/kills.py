"""Kill a command with SIGKILL at seeded points of its work, timed from the first file it writes.

A kill point is an offset after the command's first file appears, a fraction
of the span from that file to the work being complete (a manifest written, an
edition in place), measured beforehand. Start-up (imports, loading the
content) is left out, so the points fall where the command writes. A kill
that lands once the work is complete fails the test: it would prove nothing.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from exhibition.archive import edition
from tests.support import ROOT

FLASK = [sys.executable, "-m", "flask", "--app", "exhibition"]
SEED = 20261124  # the kill points below follow from it, so a failing one comes back
POINTS = 20
POLL = 0.001  # seconds between two looks at the command's files
TRIES = 3
SHRINK = 0.8  # of a span, at each try after a kill that came too late


def kill_points(name: str) -> list[float]:
    """Return POINTS fractions of a span, one drawn at random in each twentieth of it."""
    rng = random.Random(f"{SEED}-{name}")
    return [(number + rng.random()) / POINTS for number in range(POINTS)]


@dataclass(frozen=True)
class Work:
    """A command, and how its files tell that it has started writing and that it is done."""

    args: tuple[str, ...]
    env: dict
    writing: Callable[[], bool]  # its first file is there
    done: Callable[[], bool]  # its work is complete
    clear: Path  # removed before each run, so each starts from nothing

    def start(self) -> tuple[subprocess.Popen, float]:
        """Start the command in its own process group; return it once it writes its first file."""
        edition.remove_tree(self.clear)  # an edition is read-only
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        command = [*FLASK, *self.args]
        process = subprocess.Popen(command, cwd=ROOT, env=self.env, start_new_session=True, **quiet)
        deadline = time.monotonic() + 120
        while not _looks(self.writing):
            if process.poll() is not None or time.monotonic() > deadline:
                _kill(process)
                pytest.fail(f"{' '.join(self.args)} ended ({process.returncode}) writing nothing")
            time.sleep(POLL)
        return process, time.monotonic()


def _looks(condition: Callable[[], bool]) -> bool:
    """Look at a running command's files; one it renamed or removed meanwhile is not there."""
    try:
        return condition()
    except FileNotFoundError:
        return False


def _kill(process: subprocess.Popen) -> None:
    """SIGKILL a command and every worker it forked, and reap it."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def span(work: Work) -> float:
    """Run the work to its end three times; return the median seconds from first file to done."""
    spans = []
    for _ in range(TRIES):
        process, writing = work.start()
        while not _looks(work.done) and process.poll() is None:
            time.sleep(POLL)
        finished = time.monotonic()
        assert process.wait(timeout=120) == 0, f"{work.args} failed"
        assert work.done(), f"{work.args} ended without finishing its work"
        spans.append(finished - writing)
    return sorted(spans)[1]


def kill_during(work: Work, fraction: float, seconds: float) -> None:
    """SIGKILL the work at a fraction of its span after its first file; fail if never mid-work.

    A run faster than the one measured (the machine got less busy) that is
    done before its point is run again, killed at that fraction of its own span,
    shortened by SHRINK at each try: how busy the machine is changes from run to run.
    """
    for _ in range(TRIES):
        process, writing = work.start()
        kill_at = writing + fraction * seconds
        while time.monotonic() < kill_at and not _looks(work.done) and process.poll() is None:
            time.sleep(POLL)
        finished = time.monotonic()
        _kill(process)
        if not work.done():
            assert process.returncode == -signal.SIGKILL, f"{work.args} ended by itself"
            return
        seconds = min(seconds, finished - writing) * SHRINK
    pytest.fail(
        f"{' '.join(work.args)} was done before {fraction:.0%} of its span in {TRIES} runs: "
        "the kill came after the work, and proves nothing"
    )
