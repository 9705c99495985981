"""What an attacker would plant in the site's own folders, for the tests that refuse it."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

NOBODY = 65534  # tests run as root, so can hand a file to another user

# The two ways a file comes to be one another user could have written: theirs, or anyone's.
FOREIGN = [
    pytest.param(lambda path: os.chown(path, NOBODY, NOBODY), id="another-users"),
    pytest.param(lambda path: os.chmod(path, 0o666), id="others-may-write"),
]


class _Plant:
    """An object whose unpickling touches a file: code run by whoever loads the pickle."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def planted_pickle(marker: Path) -> bytes:
    """Return a pickle that makes the file `marker` when read: code an attacker would plant."""
    return pickle.dumps(_Plant(marker))
