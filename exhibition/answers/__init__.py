"""Visitors' answers to each exhibit's question, kept in a database (no Flask here).

The store brings SQLAlchemy, a fifth of a second to import: it is imported when
`AnswerStore` is first named, so a command or a worker that reads no answer
(`check`, `build`) never pays for it.
"""

from __future__ import annotations

from ..questions import question_key

__all__ = ["AnswerStore", "AnswersUnavailable", "question_key"]


class AnswersUnavailable(Exception):
    """The answers' database cannot be reached or stays locked: pages go on, answers wait."""


def __getattr__(name: str):
    if name == "AnswerStore":
        from .store import AnswerStore

        return AnswerStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
