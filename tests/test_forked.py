"""Forked workers: they end with the process that forked them."""

import os
import signal
import subprocess
import sys

from exhibition import forked
from tests.support import ROOT
from tests.support.waiting import wait_for

PARENT = """
import os, sys, time
from exhibition import forked

def report_then_wait(path):
    with open(path, "w") as file:
        file.write(str(os.getpid()))
    time.sleep(600)

with forked.pool(1) as pool:
    pool.submit(report_then_wait, sys.argv[1])
    time.sleep(600)
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:  # a zombie has ended, waiting to be reaped
        return stat.read().split(") ", 1)[1][0] != "Z"


def test_a_worker_ends_when_its_parent_is_killed(tmp_path):
    told = tmp_path / "worker.pid"
    parent = subprocess.Popen([sys.executable, "-c", PARENT, str(told)], cwd=ROOT)
    try:
        assert wait_for(lambda: told.exists() and told.read_text(), 30)
        worker = int(told.read_text())
        assert _alive(worker)
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
    assert wait_for(lambda: not _alive(worker), 10)


def test_the_pool_forks_its_workers():
    assert forked.can_fork()
    with forked.pool(2) as pool:
        pids = set(pool.map(_pid, range(8)))
    assert os.getpid() not in pids and 1 <= len(pids) <= 2


def _pid(_) -> int:
    return os.getpid()
