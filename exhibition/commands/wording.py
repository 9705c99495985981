"""How commands say a count: `1 problem`, `2 problems`."""

from __future__ import annotations


def many(number: int, noun: str, plural: str | None = None) -> str:
    """Return the number and the noun, plural unless the number is one."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"
