"""The stamp a frozen page is rendered with: the request key, and what the banner says.

The archive puts a `Stamp` in the request environ under `STAMP` when it
renders a page for an edition; the web layer reads it there to show the
archive banner and to keep the page out of the live page cache.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

STAMP = "exhibition.archive"  # the request environ key a frozen page is rendered with


@dataclass(frozen=True)
class Stamp:
    """What the banner of a frozen page says: which edition, when, and where the live site is."""

    edition: str
    frozen_at: dt.datetime
    live_url: str
    editions_url: str
    run: str = "ended"  # where the run stood when frozen: "not yet opened", "running", "ended"


def run_when(day: dt.date, opens: dt.date, closes: dt.date) -> str:
    """Say where a run from `opens` to `closes` stands on `day`."""
    if day < opens:
        return "not yet opened"
    return "running" if day <= closes else "ended"
