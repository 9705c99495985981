"""What a content problem says to a curator: the wording of the checks, in one place.

Each message says what is wrong and what to do, in the words of someone who
edits text files, not of the YAML parser or of Python. `docs/curators.md`
lists every one of them.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata

CURLY_OPEN = "“‘„‚"  # how word processors open quotes, in English and German
CURLY_CLOSE = "”’“‘"

# Key and value of a YAML line such as "  - name: Obvious", for saying which key is meant.
_KEY_VALUE = re.compile(r"\s*(?:-\s+)?([^\s:#'\"][^:#]*?)\s*:(?:\s+(.*))?$")


def describe(value) -> str:
    """Return a value as a curator would name it: 'a list', 'the number 3', "'text'"."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        text = repr(value)
        return text if len(text) <= 40 else text[:37] + "..."
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of keys"
    return "something else"


def did_you_mean(word: str | None) -> str:
    """Return the suggestion that ends a message, or nothing."""
    return f" (did you mean '{word}'?)" if word else ""


def closest(word, choices) -> str | None:
    """Return the choice spelt most like `word`, if one is close."""
    if not isinstance(word, str):
        return None
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


# Fields


def empty(name: str) -> str:
    """Say that a required field was left blank."""
    return f"'{name}' is empty: fill it in"


def empty_item(name: str) -> str:
    """Say that an item of a list was left blank."""
    return f"'{name}' is empty: fill it in or delete the line"


def curly_quotes(name: str) -> str:
    """Say that a value is wrapped in a word processor's quotes."""
    return (
        f"'{name}' is in curly quotes (“…”), as a word processor types them; "
        'write straight quotes ("…") or none'
    )


def impossible_date(name: str, value: str) -> str:
    """Say that a date has a day or month that does not exist."""
    return f"'{name}' is {value}, a day that does not exist; check the day and the month"


def is_curly(value) -> bool:
    """Return True for text wrapped in curly quotes, as Word writes “this”."""
    return (
        isinstance(value, str)
        and len(value) > 1
        and value[0] in CURLY_OPEN
        and value[-1] in CURLY_CLOSE
    )


# Folders and files


def slug_for(name: str) -> str:
    """Return the slug a folder or file name most likely meant: 'Café Müller' -> 'cafe-muller'."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", plain.lower()))


def bad_folder_name(name: str, suggestion: str) -> str:
    """Say that a folder or page is not named NN-slug or slug, and what to call it."""
    message = (
        f"'{name}' is not named NN-slug or slug "
        "(lower-case letters, digits and single hyphens); rename it"
    )
    return f"{message} to '{suggestion}'" if suggestion and suggestion != name else message


def missing_file(key: str, name: str, folder: str, suggestion: str | None) -> str:
    """Say that a file a field names is not in the folder, with the closest one that is."""
    return f"'{key}' names {name!r}, which is not in {folder}{did_you_mean(suggestion)}"


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
