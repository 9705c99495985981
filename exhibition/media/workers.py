"""Run jobs in worker processes, each held to a time and memory limit.

A job that runs too long is stopped by killing its worker; a worker that
dies (out of memory, or a crash in a decoder) costs only the job it held.
A fresh worker takes its place, so one hostile file cannot stop the rest.
"""

from __future__ import annotations

import faulthandler
import multiprocessing
import resource
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import wait

from .. import settings


@dataclass(frozen=True)
class Outcome:
    """What came of one job: its result, or a sentence saying why there is none."""

    job: object
    result: object = None
    error: str = ""
    errno: int = 0  # the OSError's, if the job failed with one: a full disk stops a build


@dataclass(frozen=True)
class Budget:
    """What one job may use: seconds of wall time and bytes of address space."""

    seconds: float = settings.default("IMAGE_SECONDS")
    memory: int = settings.default("IMAGE_MEMORY_MB") * 1_000_000  # bytes; 0 for no limit

    @classmethod
    def from_settings(cls, config) -> Budget:
        """Return the budget an app's settings set."""
        return cls(config["IMAGE_SECONDS"], config["IMAGE_MEMORY_MB"] * 1_000_000)


DEFAULT_BUDGET = Budget()


def _serve(function: Callable, connection, memory: int, parents_ends: list) -> None:
    """Run jobs received on a connection until it closes; send back each outcome.

    `parents_ends`: the parent's ends of every worker's pipe, which the fork
    copied here; closed, so that when the parent dies (a preview stopped with
    Ctrl+C, a killed build) the connection closes too and this worker ends,
    instead of waiting for a job for ever.
    """
    for end in parents_ends:
        end.close()
    faulthandler.disable()  # a crash here is the parent's to report, in a sentence
    if memory:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    while True:
        try:
            job = connection.recv()
        except EOFError:
            return
        try:
            connection.send((function(job), "", 0))
        except MemoryError:
            connection.send((None, "it needs more memory than one worker may use", 0))
        except Exception as error:  # reported for this job; the worker goes on
            connection.send((None, str(error) or type(error).__name__, _errno(error)))


def _errno(error: Exception) -> int:
    """Return an OSError's number, or 0 for any other error."""
    return (error.errno or 0) if isinstance(error, OSError) else 0


class _Worker:
    """One worker process and the job it holds, if any."""

    def __init__(self, context, function: Callable, memory: int, others: list[_Worker]):
        self.connection, theirs = context.Pipe()
        ends = [self.connection, *(worker.connection for worker in others)]
        self.process = context.Process(
            target=_serve, args=(function, theirs, memory, ends), daemon=True
        )
        self.process.start()
        theirs.close()
        self.job, self.deadline = None, 0.0

    def give(self, job, seconds: float) -> None:
        self.job, self.deadline = job, time.monotonic() + seconds
        self.connection.send(job)

    def take(self) -> Outcome:
        job, self.job = self.job, None
        try:
            result, error, number = self.connection.recv()
        except (EOFError, OSError):
            self.stop()
            return Outcome(job, error=f"the worker stopped ({_exit_words(self.process)})")
        return Outcome(job, result, error, number)

    def stop(self) -> None:
        self.process.kill()
        self.process.join()
        self.connection.close()


def _exit_words(process) -> str:
    process.join(1)
    code = process.exitcode
    return f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"


def run(
    function: Callable, jobs: Iterable, *, workers: int, budget: Budget = DEFAULT_BUDGET
) -> Iterator[Outcome]:
    """Yield the outcome of `function(job)` for every job, as each finishes.

    With `workers=0` the jobs run in this process, without limits (for tests).
    """
    if workers == 0:
        yield from _inline(function, jobs)
        return
    context = multiprocessing.get_context("fork")  # workers need only this module and Pillow
    pending, pool = deque(jobs), []
    try:
        while pending or any(w.job is not None for w in pool):
            pool = [w for w in pool if w.process.is_alive() or w.job is not None]
            while len(pool) < workers and pending:
                pool.append(_Worker(context, function, budget.memory, pool))
            for worker in pool:
                if worker.job is None and pending:
                    worker.give(pending.popleft(), budget.seconds)
            busy = [w for w in pool if w.job is not None]
            timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
            ready = wait([w.connection for w in busy], timeout)
            for worker in busy:
                if worker.connection in ready:
                    yield worker.take()
                elif time.monotonic() >= worker.deadline:
                    job = worker.job
                    worker.stop()
                    worker.job = None
                    yield Outcome(job, error=f"it took longer than {budget.seconds:g} seconds")
    finally:
        for worker in pool:
            worker.stop()


def _inline(function: Callable, jobs: Iterable) -> Iterator[Outcome]:
    for job in jobs:
        try:
            yield Outcome(job, function(job))
        except Exception as error:
            yield Outcome(job, error=str(error) or type(error).__name__, errno=_errno(error))
