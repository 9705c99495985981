"""What an attacker plants in the site's folders or types into it, for the tests that refuse it."""

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


# What a visitor may type into search: FTS5 syntax, punctuation, control characters, a
# thousand letters, mixed and reversed scripts, SQL. Each is searched as plain words.
HOSTILE = [
    '"', '""', '"unbalanced', "*", "monkey*", "NEAR(monkey portrait)", "monkey AND", "AND",
    "OR NOT", "(", ")", "^monkey", "title:monkey", "-monkey", "+", "!!!", "...", "\x00\x01\x1f",
    "a" * 1000, "monkey " * 200, "القرد monkey 猿 обезьяна", "\u202emonkey", "'; DROP TABLE x; --",
]  # fmt: skip
