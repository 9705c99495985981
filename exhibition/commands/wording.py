"""How commands say a count: `1 problem`, `2 problems`."""

from __future__ import annotations

from ..problems import ERROR, TODO


def many(number: int, noun: str, plural: str | None = None) -> str:
    """Return the number and the noun, plural unless the number is one."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def left_out(problems) -> str:
    """Say what keeps exhibits out of the site: '2 errors and 1 thing to do', or '' if nothing."""
    errors = sum(p.severity == ERROR for p in problems)
    todos = sum(p.severity == TODO for p in problems)
    said = [many(errors, "error")] if errors else []
    if todos:
        said.append(many(todos, "thing") + " to do")
    return " and ".join(said)
