"""Say what is wrong with a translation, or what is left to translate."""

from __future__ import annotations

from .words import did_you_mean


def unknown_language(name: str, value: str, meant: str | None) -> str:
    """Say that a language tag is well formed but names no known language."""
    return (
        f"'{name}' is {value!r}, which is not a known language; "
        f"write a BCP 47 tag like fr or pt-BR{did_you_mean(meant)}"
    )


def not_declared(name: str, tag: str) -> str:
    """Say that a file translates into a language exhibition.yaml does not list."""
    return (
        f"{name} is a translation into '{tag}', which 'languages' in exhibition.yaml "
        f"does not list; add '{tag}' there, or rename the file"
    )


def from_source(name: str, source: str) -> str:
    """Say that a translation repeats a fact, which only its source may give."""
    return f"'{name}' comes from {source}, not from its translations; remove it here"


def not_in_source(name: str, value: str, source: str, meant: str | None) -> str:
    """Say that a translated item names a file, link or creator its source does not have."""
    return (
        f"'{name}' names {value!r}, which {source} does not have; "
        f"name the item as {source} does{did_you_mean(meant)}"
    )


def to_translate(name: str, source: str) -> str:
    """Say that a field its source has is not translated yet."""
    return f"'{name}' is still to translate; until then visitors read it from {source}"


def stale(source: str, changed: list[str], digest: str) -> str:
    """Say which fields of the source changed since the translation was made from it."""
    fields = ", ".join(f"'{name}'" for name in changed) if changed else "its text"
    return (
        f"{source} has changed since this was translated ({fields}); bring the translation "
        f"up to date, then write translated_from: {digest}"
    )


def no_translated_from(source: str, digest: str) -> str:
    """Say that a translation does not say which text of its source it was made from."""
    return (
        f"no 'translated_from': once this matches {source}, add translated_from: {digest} "
        f"so that check says when {source} changes"
    )


def missing_translation(tag: str, name: str, path: str) -> str:
    """Say that a source has no translation into a declared language."""
    return (
        f"no '{tag}' translation yet: write {name} beside it, or start it with "
        f"'exhibition new translation {tag} {path}'"
    )
