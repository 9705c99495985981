"""The tests' support layer: servers fail loudly, stop whole, and bench can use them."""

import os
import signal
import subprocess
import sys

import pytest

from tests.support import ROOT, servers
from tests.support.waiting import wait_for

HANG = "print('loading the collection', flush=True); import time; time.sleep(60)"


def test_a_server_that_never_answers_fails_with_the_tail_of_its_log(tmp_path):
    hanging = [sys.executable, "-c", HANG]
    service = servers.Service("hanger", hanging, tmp_path / "hanger.log", lambda: False, seconds=1)
    with pytest.raises(servers.ServerError, match="hanger did not answer within 1 s") as raised:
        service.start()
    assert str(raised.value).endswith("its log ends:\nloading the collection\n")
    assert service.process.poll() is not None  # stopped, not left hanging


def test_a_gunicorn_that_cannot_load_the_app_says_why(tmp_path):
    # One worker: when two fail to boot at once, gunicorn 27 halts twice and exits 1, not 3.
    with pytest.raises(servers.ServerError, match="gunicorn exited with code 3") as raised:
        servers.gunicorn(tmp_path, app="no_such_module:app", workers=1).start()
    assert "ModuleNotFoundError: No module named 'no_such_module'" in str(raised.value)


def test_stopping_gunicorn_ends_its_workers_even_when_the_master_is_gone(world, tmp_path):
    with servers.gunicorn(tmp_path, {"CONTENT_DIR": world.root}) as server:
        assert wait_for(lambda: len(servers.workers_of(server.pid)) == 2)
        workers = servers.workers_of(server.pid)
        os.kill(server.pid, signal.SIGKILL)  # no master left to end them
    assert [pid for pid in workers if servers.alive(pid)] == []


def test_bench_starts_servers_without_importing_pytest():
    script = "import sys, bench.serve, bench.soak; print('pytest' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert done.stdout == "False\n", done.stderr
