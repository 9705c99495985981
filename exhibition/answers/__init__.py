"""Visitors' answers to each exhibit's question, kept in a database (no Flask here)."""

from __future__ import annotations

from ..questions import question_key
from .store import AnswerStore, AnswersUnavailable

__all__ = ["AnswerStore", "AnswersUnavailable", "question_key"]
