import errno
import os
import signal
import subprocess
import sys
import time

from exhibition.media import workers
from tests.support import ROOT
from tests.support.servers import alive
from tests.support.waiting import wait_for


def square(number):
    return number * number


def misbehave(job):
    """Behave as a hostile file might make a decoder behave."""
    if job == "hang":
        time.sleep(60)
    if job == "crash":
        os.kill(os.getpid(), signal.SIGSEGV)
    if job == "greedy":
        return len(bytearray(2_000_000_000))
    if job == "raise":
        raise ValueError("the image cannot be read")
    return job


def outcomes(function, jobs, **options):
    return {o.job: (o.result, o.error) for o in workers.run(function, jobs, **options)}


def test_runs_every_job_in_workers():
    assert outcomes(square, range(6), workers=2) == {n: (n * n, "") for n in range(6)}


def test_inline_runs_in_this_process():
    assert outcomes(misbehave, ["raise", "fine"], workers=0) == {
        "raise": (None, "the image cannot be read"),
        "fine": ("fine", ""),
    }


def test_one_bad_job_costs_only_itself():
    budget = workers.Budget(seconds=2, memory=1_000_000_000)
    jobs = ["a", "hang", "b", "crash", "c", "greedy", "d", "raise", "e"]
    started = time.monotonic()
    found = outcomes(misbehave, jobs, workers=2, budget=budget)
    assert time.monotonic() - started < 30
    assert {job: found[job] for job in "abcde"} == {job: (job, "") for job in "abcde"}
    assert found["hang"] == (None, "it took longer than 2 seconds")
    assert found["crash"] == (None, "the worker stopped (signal 11)")
    assert found["greedy"] == (None, "it needs more memory than one worker may use")
    assert found["raise"] == (None, "the image cannot be read")


def fill_the_disk(job):
    raise OSError(errno.ENOSPC, "No space left on device")


def test_an_os_error_comes_back_with_its_number():
    for count in (0, 1):
        (outcome,) = workers.run(fill_the_disk, ["job"], workers=count)
        assert (outcome.error, outcome.errno) == ("[Errno 28] No space left on device", 28)


# A parent that dies abruptly (no clean-up, as under SIGKILL) while its two workers wait.
DYING_PARENT = """
import multiprocessing, os, sys
from exhibition.media import workers
outcomes = workers.run(abs, [-1, -2, -3, -4], workers=2)
next(outcomes)
print(" ".join(str(child.pid) for child in multiprocessing.active_children()), flush=True)
os._exit(0)
"""


def test_workers_end_when_their_parent_dies(tmp_path):
    script = tmp_path / "parent.py"
    script.write_text(DYING_PARENT)
    parent = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, cwd=ROOT, timeout=20
    )
    pids = [int(pid) for pid in parent.stdout.split()]
    assert len(pids) == 2, parent.stderr
    wait_for(lambda: not any(alive(pid) for pid in pids), 15)
    assert not any(alive(pid) for pid in pids), "a worker outlived its parent"
