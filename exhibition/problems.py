"""Problems found in the content, and the error that stops start-up."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
TODO = "todo"  # left blank to fill in, as a scaffold leaves it; keeps the file out like an error
BLOCKING = frozenset({ERROR, TODO})
WORDS = {TODO: "to do"}


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a content file, where it is and how bad it is."""

    path: str  # relative to the content folder, POSIX
    line: int | None
    severity: str  # ERROR, WARNING or TODO
    message: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {WORDS.get(self.severity, self.severity)}: {self.message}"

    def as_dict(self) -> dict:
        """Return the problem as plain data, for JSON."""
        return {
            "path": self.path,
            "line": self.line,
            "severity": self.severity,
            "message": self.message,
        }


class ContentError(Exception):
    """The content cannot be served at all: exhibition.yaml is broken.

    `problems` is everything found in the content, so `check` shows it all;
    `blocking` (the message) is what stops the site from starting.
    """

    def __init__(self, problems: list[Problem], blocking: list[Problem] | None = None):
        self.problems = problems
        self.blocking = problems if blocking is None else blocking
        super().__init__("\n".join(str(p) for p in self.blocking))
