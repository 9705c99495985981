"""Frozen dataclasses with slots that come out of a pickle quickly: the model's many objects.

Pure Python, no Flask.
"""

from __future__ import annotations

from dataclasses import fields
from operator import attrgetter


def pickled_quickly(cls):
    """Give a frozen dataclass with slots a quicker way into and out of a pickle.

    dataclasses' own __getstate__ and __setstate__ look the fields up again
    for every object, and a snapshot of 5,000 exhibits holds 150,000 of them:
    these know their names, and set each slot through its own descriptor
    (0.15 s less to read the snapshot). The state is the fields' values, in order.
    """
    names = tuple(f.name for f in fields(cls))
    setters = tuple(getattr(cls, name).__set__ for name in names)
    values = attrgetter(*names) if len(names) > 1 else lambda obj: (getattr(obj, names[0]),)

    def __getstate__(self) -> tuple:
        return values(self)

    def __setstate__(self, state) -> None:
        for put, value in zip(setters, state, strict=True):
            put(self, value)

    cls.__getstate__, cls.__setstate__ = __getstate__, __setstate__
    return cls
