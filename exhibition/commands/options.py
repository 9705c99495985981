"""Options several commands share."""

from __future__ import annotations

import os

import click


def jobs(help: str):
    """Return the `--jobs`/`-j` option: how many things to do at once, the cores by default."""
    return click.option(
        "--jobs",
        "-j",
        type=click.IntRange(1),
        default=lambda: os.cpu_count() or 1,
        show_default="the number of cores",
        help=help,
    )
