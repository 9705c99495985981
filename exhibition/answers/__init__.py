"""Visitors' answers to each exhibit's question, kept in a database (no Flask here)."""

from __future__ import annotations

from .store import AnswerStore, AnswersUnavailable


def question_key(room: str, exhibit: str) -> str:
    """Return the key a question is stored under: its room's slug and its exhibit's."""
    return f"{room}/{exhibit}"


__all__ = ["AnswerStore", "AnswersUnavailable", "question_key"]
