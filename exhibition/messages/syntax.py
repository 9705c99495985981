"""Say what the YAML parser could not read, and what is wrong with front matter.

libyaml's wording is put in the words of someone who edits text files,
with the fix.
"""

from __future__ import annotations

import re

from .values import curly_quotes
from .words import is_curly

# Key and value of a YAML line such as "  - name: Obvious", for saying which key is meant.
_KEY_VALUE = re.compile(r"\s*(?:-\s+)?([^\s:#'\"][^:#]*?)\s*:(?:\s+(.*))?$")

NO_FRONT_MATTER = "the file must start with front matter: a line '---', fields, '---'"
FRONT_MATTER_NOT_CLOSED = "the front matter is not closed: add a line '---' after the fields"
ALIAS = "YAML aliases (*name) are not allowed in content files; write the value out"


def too_deep(max_depth: int) -> str:
    """Say that lists and keys are nested deeper than a content file needs."""
    return f"YAML nested more than {max_depth} levels deep; content files need a few"


def yaml_error(error) -> str:
    """Say an error of the parser that has no place in the text."""
    return f"YAML error: {error}"


# YAML the parser cannot read: libyaml's wording, put in curators' words.

TAB = "this line is indented with a tab; use spaces instead"
INDENTATION = (
    "this line is not lined up with the lines above it; "
    "indent keys of the same level by the same number of spaces"
)
UNCLOSED_QUOTE = (
    "the quote that opens the value on this line is never closed; add the closing quote"
)
NO_COLON = "this line has no ':' after its key; write 'key: value', or join it to the line above"
LIST_ON_KEY_LINE = "a list cannot start on the line of its key; put each '- ' item on a line below"


def colon_in_value(key: str) -> str:
    """Say that a value holds ': ', which YAML reads as a new key."""
    return f"the value of '{key}' holds ': '; put the whole value in double quotes (\"…\")"


def apostrophe_in_quotes(key: str) -> str:
    """Say that an apostrophe ended a single-quoted value early."""
    return (
        f"the apostrophe in '{key}' ends its single quotes early; "
        'put the value in double quotes ("…") instead'
    )


def text_after_quote(key: str) -> str:
    """Say that a quoted value goes on after its closing quote."""
    return f"the value of '{key}' goes on after its closing quote; put the whole value in quotes"


def reserved_start(key: str, char: str) -> str:
    """Say that a value starts with a character YAML keeps for itself."""
    return f"the value of '{key}' starts with '{char}', which YAML reserves; put it in quotes"


def unclosed_bracket(bracket: str) -> str:
    """Say that a bracket is never closed."""
    closing = {"[": "]", "{": "}"}[bracket]
    return (
        f"the '{bracket}' on this line is never closed; add '{closing}', "
        "or put the value in quotes if the brackets belong to the text"
    )


def backslash(key: str) -> str:
    """Say that a backslash in double quotes starts an escape."""
    return f"'{key}' holds a backslash (\\) inside double quotes; use single quotes instead"


def yaml_syntax(error, text: str) -> tuple[str, int | None]:
    """Return what a libyaml error means for a curator, and its 1-based line in `text`."""
    lines = text.splitlines()
    problem, context = error.problem or "", error.context or ""
    mark = error.problem_mark or error.context_mark
    opened = error.context_mark or mark
    if mark is None:
        return f"YAML syntax error: {problem or context or 'invalid YAML'}", None
    here = lines[mark.line] if mark.line < len(lines) else ""
    start = lines[opened.line] if opened.line < len(lines) else ""
    explained = _explain(problem, context, here, mark.column, start)
    if explained is None:
        return f"YAML syntax error: {problem or context}", mark.line + 1
    message, at_start = explained
    return message, (opened if at_start else mark).line + 1


def _explain(problem: str, context: str, here: str, column: int, start: str):
    """Return (message, True if it belongs to the line where the construct opened), or None."""
    key, value = _key_value(here)
    char = here[column : column + 1]
    if char == "\t" or "tab character" in problem:
        return TAB, False
    if problem.startswith("mapping values are not allowed"):
        if column == here.find(":"):  # the key's own colon: the line is indented too far
            return INDENTATION, False
        return (curly_quotes(key) if is_curly(value) else colon_in_value(key)), False
    if problem == "did not find expected key" and value[:1] in ("'", '"'):
        return (apostrophe_in_quotes(key) if value[0] == "'" else text_after_quote(key)), False
    if problem in ("did not find expected key", "did not find expected '-' indicator"):
        return INDENTATION, False
    if problem.startswith("expected <block end>"):
        return INDENTATION, False
    if "quoted scalar" in context and "end of stream" in problem:
        return UNCLOSED_QUOTE, True
    if "quoted scalar" in context:
        return backslash(_key_value(start)[0]), True
    if problem.startswith("could not find expected ':'"):
        return NO_COLON, True
    if problem.startswith("block sequence entries are not allowed"):
        return LIST_ON_KEY_LINE, False
    if problem.startswith(("did not find expected ',' or ']'", "did not find expected ',' or '}'")):
        return unclosed_bracket("[" if problem.endswith("']'") else "{"), True
    if context in ("while scanning an alias", "while scanning an anchor"):
        start_key, start_value = _key_value(start)
        return reserved_start(start_key, start_value[:1] or "*"), True
    if problem == "found character that cannot start any token" and char:
        return reserved_start(key, char), False
    if problem.startswith("could not determine a constructor for the tag"):
        return reserved_start(key, "!"), False
    if problem == "did not find expected comment or line break" and value[:1] in ("|", ">"):
        return reserved_start(key, value[0]), False
    return None


def _key_value(line: str) -> tuple[str, str]:
    match = _KEY_VALUE.match(line)
    if not match:
        return "this line", line.strip()
    return match[1], (match[2] or "").strip()
