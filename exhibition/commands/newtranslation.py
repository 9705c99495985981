"""`new translation`: start the translation files of sources, each source's text commented in.

A scaffold holds the source's translatable fields left blank, each under a
comment giving the source's text, and `translated_from` set to the source's
digest; `check` lists what is still to translate, and says when the source
changes afterwards. An existing translation is never written over.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..loader import load
from ..problems import ContentError
from ..sourcetext import digest, exhibit_texts, exhibition_texts, file_texts, page_texts, room_texts
from ..yamltext import load_yaml, read_text, split_front_matter
from . import options
from .wording import many

# The translatable keys of each kind of file: a text, a group of texts, or a list's items
# named by their key in the source.
EXHIBIT_KEYS = (
    "title",
    "medium",
    ("ai", None, ("system",)),
    ("creators", "name", ("role",)),
    ("media", "file", ("alt", "caption", "credit")),
    ("rights", None, ("notice",)),
    "ip_question",
    ("links", "url", ("title",)),
)
KEYS = {
    "exhibit": EXHIBIT_KEYS,
    "room": ("title", "summary"),
    "page": ("title", "summary"),
    "exhibition": ("title", "subtitle", "organiser", "description"),
}
BODY = {"exhibit": "label text", "room": "room's introduction", "page": "page's text"}
TO_DO = {
    ".md": "To do: translate the text below into {tag}, then delete this line.\n\n",
    ".txt": "To do: translate the text below into {tag}, then delete this line.\n\n",
    ".vtt": "NOTE To do: translate each caption below into {tag}, keeping its times; "
    "then delete this note.\n\n",
}


class TranslationError(click.ClickException):
    """The translations cannot be started; the message says why."""


@click.command("translation")
@options.with_app
@click.argument("language")
@click.argument("paths", nargs=-1)
def command(app, language: str, paths: tuple[str, ...]) -> None:
    """Start translations into LANGUAGE of the files named (default: all without one)."""
    root = Path(app.config["CONTENT_DIR"]).resolve()
    try:
        exhibition = load(root, drafts=True).exhibition
    except ContentError as error:
        raise TranslationError(
            "exhibition.yaml has an error; fix it first (exhibition check says what)"
        ) from error
    if language not in exhibition.languages[1:]:
        raise TranslationError(
            f"'{language}' is not among the languages exhibition.yaml lists for translation "
            f"({', '.join(exhibition.languages[1:]) or 'none'}); add it to 'languages' first"
        )
    sources = _chosen(sources_of(exhibition, root), [_named(root, p) for p in paths])
    written = 0
    for source, (kind, texts) in sources.items():
        target = source.with_name(f"{source.stem}.{language}{source.suffix}")
        if target.exists():
            if paths:
                click.echo(f"Kept {target.relative_to(root)}: it exists already.")
            continue
        target.write_text(scaffold(source, kind, texts, language), encoding="utf-8")
        click.echo(f"Created {target.relative_to(root)}")
        written += 1
    click.echo(f"{many(written, 'translation')} to fill in; `exhibition check` lists what is left.")


def sources_of(exhibition, root: Path) -> dict[Path, tuple[str, dict[str, str]]]:
    """Return every file that has translations, with its kind and translatable texts."""
    sources = {root / "exhibition.yaml": ("exhibition", exhibition_texts(exhibition))}
    for room in exhibition.rooms:
        sources[root / room.folder / "room.md"] = ("room", room_texts(room))
        for exhibit in room.exhibits:
            sources[root / exhibit.folder / "exhibit.md"] = ("exhibit", exhibit_texts(exhibit))
            for item in exhibit.media:
                for path in (item.transcript_path, item.captions):
                    if path:
                        sources[root / path] = ("file", file_texts(root / path))
    for page in exhibition.pages:
        sources[root / page.path] = ("page", page_texts(page))
    return sources


def _named(root: Path, name: str) -> Path:
    """Return the file or folder a PATH names: from here, or from the exhibition's folder."""
    for path in (Path(name).expanduser().absolute(), root / name):
        if path.exists():
            return path.resolve()
    raise TranslationError(f"there is no file or folder {name}")


def _chosen(sources: dict, named: list[Path]) -> dict:
    """Return the sources named, or inside a folder named; all of them if none is."""
    if not named:
        return sources
    chosen = {}
    for path in named:
        found = {s: t for s, t in sources.items() if s == path or path in s.parents}
        if not found:
            raise TranslationError(f"{path.name} is not a file that has translations")
        chosen.update(found)
    return chosen


def scaffold(source: Path, kind: str, texts: dict[str, str], language: str) -> str:
    """Return the text of a new translation of `source`, a file of this kind."""
    start = f"translated_from: {digest(texts)}\n"
    text = read_text(source)
    if kind == "exhibition":
        return start + _fields(load_yaml(text), KEYS[kind], "")
    if kind == "file":
        to_do = TO_DO[source.suffix.lower()].format(tag=language)
        if source.suffix.lower() == ".vtt":  # the WEBVTT line first, then notes
            head, _, rest = text.partition("\n")
            return f"{head}\n\nNOTE {start}\n{to_do}{rest.lstrip()}"
        return f"{start}\n{to_do}{text}"
    front = split_front_matter(text)
    said = f"# The {BODY[kind]}, to translate below the closing ---:\n#\n"
    return (
        f"---\n{start}{_fields(front.fields, KEYS[kind], '')}{said}{_comment(front.body, '')}---\n"
    )


def _comment(text, indent: str) -> str:
    """Return a text as YAML comment lines."""
    lines = str(text).strip("\n").splitlines() or [""]
    return "".join(f"{indent}# {line}".rstrip() + "\n" for line in lines)


def _fields(raw: dict, keys, indent: str) -> str:
    """Return the translatable fields of `raw`, each blank under its source text."""
    out = ""
    for key in keys:
        if isinstance(key, str):
            if raw.get(key) not in (None, ""):
                out += _comment(raw[key], indent) + f"{indent}{key}:\n"
            continue
        name, named_by, inner = key
        value = raw.get(name)
        if named_by is None and isinstance(value, dict):
            fields = _fields(value, inner, indent + "  ")
            out += f"{indent}{name}:\n{fields}" if fields else ""
        elif named_by and isinstance(value, list) and value:
            out += f"{indent}{name}:\n" + "".join(_item(i, named_by, inner, indent) for i in value)
    return out


def _item(item, named_by: str, inner, indent: str) -> str:
    """Return a list item named by its key in the source, its texts blank under the source's."""
    if not isinstance(item, dict):
        return ""
    key = json.dumps(str(item.get(named_by, "")), ensure_ascii=False)
    return f"{indent}  - {named_by}: {key}\n" + _fields(item, inner, indent + "    ")
