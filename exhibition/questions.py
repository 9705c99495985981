"""An exhibit's question and the answers visitors choose from: the default three, or a curator's.

`ip_question` is text (visitors then choose Yes, No or It depends) or a mapping of
`text` and 2 to 5 short `answers`, each keyed by a slug of its source-language text.
"""

from __future__ import annotations

from .fields import Field, FileProblems, list_of, record, text
from .messages import values
from .messages.words import slug_for
from .model import Answer, Question
from .vocabulary import N_

FEWEST, MOST, LONGEST = 2, 5, 80
DEFAULT_ANSWERS = (
    Answer("yes", N_("Yes")),
    Answer("no", N_("No")),
    Answer("it-depends", N_("It depends")),
)
_MAPPING = record(
    {"text": Field(text(), required=True), "answers": Field(list_of(text(LONGEST)), required=True)}
)


def question_key(room: str, exhibit: str) -> str:
    """Return the key a question's answers are stored under: its room's slug and its exhibit's."""
    return f"{room}/{exhibit}"


def check(value, name, line, report: FileProblems):
    """Accept a question as text, or as a mapping of its text and its 2 to 5 answers."""
    if not isinstance(value, dict):
        return text()(value, name, line, report)
    checked = _MAPPING(value, name, line, report)
    if checked is None:
        return None
    at = getattr(value, "line_of", lambda key: None)("answers") or line
    answers = checked["answers"]
    if len(answers) < len(value["answers"]):  # an answer refused: list_of said why
        return None
    if not FEWEST <= len(answers) <= MOST:
        report.error(at, values.answers_count(f"{name}.answers", len(answers), FEWEST, MOST))
        return None
    seen = set()
    for answer in answers:
        if answer.casefold() in seen:
            report.error(at, values.answer_twice(f"{name}.answers", answer))
            return None
        seen.add(answer.casefold())
    return checked


def question_of(value, room: str, exhibit: str) -> Question | None:
    """Return the model's question for a checked ip_question, or None without one."""
    if not value:
        return None
    key = question_key(room, exhibit)
    if isinstance(value, str):
        return Question(key, value, DEFAULT_ANSWERS)
    keys: list[str] = []
    for number, answer in enumerate(value["answers"], start=1):
        slug = slug_for(answer) or f"answer-{number}"
        keys.append(slug if slug not in keys else f"{slug}-{number}")
    answers = tuple(Answer(k, t) for k, t in zip(keys, value["answers"], strict=True))
    return Question(key, value["text"], answers, curated=True)


def question_text(value) -> str:
    """Return the text of a checked ip_question, whichever way it is written."""
    if isinstance(value, dict):
        return value["text"]
    return value or ""
