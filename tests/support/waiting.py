"""Wait for a condition with a deadline: the one polling loop of the tests and benchmarks."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def wait_for(condition: Callable[[], T], seconds: float = 10, interval: float = 0.05) -> T | bool:
    """Return the condition's first true value, asking every interval; False at the deadline.

    Callers assert on the result, so a condition never met fails where it was awaited.
    """
    deadline = time.monotonic() + seconds
    while True:
        found = condition()
        if found:
            return found
        if time.monotonic() >= deadline:
            return False
        time.sleep(interval)
