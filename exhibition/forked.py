"""Forked worker processes that end with the process that forked them.

Pure Python: no Flask here. A first load reads exhibit folders in them
(readahead.py) and a freeze renders its pages in them (archive/freeze.py);
Pagefind, which indexes an edition, ends with the freeze too (archive/searchindex.py).
A fork copies only the thread that forks: a lock another thread held then
stays held in the child for good, so a fork waits while a thread makes the
search indexes in SQLite (web/search.py), whose own locks are of that kind.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
from concurrent.futures import ProcessPoolExecutor


def cores() -> int:
    """Return how many processors this process may run on: how many workers to start."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Tell whether this system starts processes by forking."""
    return "fork" in multiprocessing.get_all_start_methods()


def pool(processes: int) -> ProcessPoolExecutor:
    """Return a pool of forked workers, each ended by the system if this process is."""
    context = multiprocessing.get_context("fork")
    return ProcessPoolExecutor(processes, context, initializer=die_with_parent)


def die_with_parent() -> None:
    """Ask Linux to end this worker if the process that started it is killed."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
