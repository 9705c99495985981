"""What an attacker would plant in the site's own folders, for the tests that refuse it."""

from __future__ import annotations

import pickle
from pathlib import Path


class _Plant:
    """An object whose unpickling touches a file: code run by whoever loads the pickle."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def planted_pickle(marker: Path) -> bytes:
    """Return a pickle that makes the file `marker` when read: code an attacker would plant."""
    return pickle.dumps(_Plant(marker))
