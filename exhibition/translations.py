"""Read the translations of each source beside it, check them, and give the model their texts.

A translation is its source's sibling named with a language tag
(`exhibit.fr.md`, `room.ar.md`, `clip.fr.vtt`). It holds text only; what
it leaves out is shown from the source, and `check` lists it as still to
translate. A translation with an error is left out: its language shows the
source's text until it is fixed. A folder whose exhibition.yaml lists no
`languages` has no translations: files named like them are ignored.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

from . import markup, model, sourcetext, todo
from . import translationschemas as schemas
from .fields import FileProblems, check_fields
from .languages import split_name
from .media.probe import MediaProblem, check_webvtt
from .messages import files
from .messages import translations as said
from .messages.words import closest
from .yamltext import YAMLProblem, load_yaml, read_text, split_front_matter

TRANSLATED_FROM = re.compile(r"^(?:NOTE[ \t]+)?translated_from:[ \t]*(.*?)[ \t]*$", re.M)


class Read(NamedTuple):
    """A translation file as read: its checked fields, its body, and its report."""

    fields: dict
    body: str
    body_line: int | None
    report: FileProblems
    written: str | None  # its translated_from, as written


class Translator:
    """Finds and checks the translations of one content folder, for its walker."""

    def __init__(self, walker, settings: dict | None):
        self.walker = walker
        settings = settings or {}
        self.primary = settings.get("language", "en")
        listed = settings.get("languages")
        # None: no languages listed (or exhibition.yaml broken), so no translations.
        others = None if listed is None else dict.fromkeys(t for t in listed if t != self.primary)
        self.others = None if others is None else tuple(others)
        if settings:  # the model's Exhibition gets every language, the primary first
            settings["languages"] = (self.primary, *(self.others or ()))

    def read(self, source: Path, tag: str, schema) -> Read | None:
        """Return a translation file as read, or None if it is missing or unreadable (reported).

        One with a wrong field is returned, for the rest to be checked too; its
        report then has errors, and its language shows the source's text.
        """
        found = self.sibling(source, tag)
        if found is None:
            return None
        path, report = found
        try:
            text = read_text(path)
            if source.suffix == ".yaml":
                fields, body, body_line = load_yaml(text), "", 0
            else:
                front = split_front_matter(text)
                fields, body, body_line = front.fields or {}, front.body, front.body_line
        except YAMLProblem as problem:
            report.error(problem.line, problem.message)
            return None
        todo.scan(body, body_line, report)
        checked = check_fields(fields, schema, report, line=1)
        if checked is None:
            return None
        written = TRANSLATED_FROM.search(text)
        return Read(checked, body, body_line, report, written and written[1].strip("'\""))

    def sibling(self, source: Path, tag: str) -> tuple[Path, object] | None:
        """Return a source's translation into tag and its report; None, reported, if missing."""
        path = source.with_name(f"{source.stem}.{tag}{source.suffix}")
        if not path.is_file():
            message = said.missing_translation(tag, path.name, self.walker.rel(source))
            self.walker.report(source).warning(None, message)
            return None
        return path, self.walker.report(path)

    def finish(self, read: Read, texts: dict, values: dict, lines: dict, source: str):
        """Check a translation's `translated_from` and what it leaves untranslated."""
        report, written = read.report, read.written
        if written is None:
            report.warning(1, said.no_translated_from(source, sourcetext.digest(texts)))
        changed = None if written is None else sourcetext.changed(written, texts)
        if changed is not None:
            message = said.stale(source, changed, sourcetext.digest(texts))
            report.warning(lines.get("translated_from", 1), message)
        missing = frozenset(name for name in texts if name not in values)
        for name in texts:
            if name in missing:
                report.warning(lines.get(name), said.to_translate(name, source))
        return missing, changed is not None

    def undeclared(self, sources: list[Path]) -> None:
        """Report each file named as a translation of a source into a language not listed."""
        if self.others is None:
            return
        by_folder: dict[Path, set[tuple[str, str]]] = {}
        for source in sources:
            by_folder.setdefault(source.parent, set()).add((source.stem, source.suffix))
        for folder, names in by_folder.items():  # names alone: a room has hundreds
            for name in sorted(os.listdir(folder)) if folder.is_dir() else ():
                for stem, suffix in names:
                    found = split_name(name, suffix)
                    if found and found[0] == stem and found[1] not in self.others:
                        message = said.not_declared(name, found[1])
                        self.walker.report(folder / name).error(None, message)

    def simple(self, source: Path, obj, texts: dict, schema, body_name: str):
        """Return a room, page or the exhibition with its translations: title, summary, body."""
        if self.others is None:
            return replace(obj, language=self.primary)
        self.undeclared([source])
        found = []
        for tag in self.others:
            read = self.read(source, tag, schema)
            if read is None or read.report.has_errors:
                found.append(model.Translation(tag, missing=frozenset(texts)))
                continue
            fields, body, body_line = read.fields, read.body, read.body_line
            values = {k: v for k, v in fields.items() if k != "translated_from"}
            if body.strip():
                values[body_name] = markup.render(body)
            lines = {**fields.key_lines, **({body_name: body_line} if body_line else {})}
            if body_name == "description" and "description" in values:  # exhibition.yaml's
                values["description"] = markup.render(values["description"])
            missing, stale = self.finish(read, texts, values, lines, source.name)
            found.append(_translation(tag, values, missing, stale, _SIMPLE[body_name]))
        return replace(obj, language=self.primary, translations=tuple(found))

    def room(self, folder: Path, room: model.Room) -> model.Room:
        """Return a room with its translations."""
        texts = sourcetext.room_texts(room)
        return self.simple(folder / "room.md", room, texts, schemas.ROOM, "introduction")

    def page(self, path: Path, page: model.FreePage) -> model.FreePage:
        """Return a free page with its translations."""
        return self.simple(path, page, sourcetext.page_texts(page), schemas.PAGE, "text")

    def exhibition(self, exhibition: model.Exhibition) -> model.Exhibition:
        """Return the exhibition with the translations of exhibition.yaml."""
        texts = sourcetext.exhibition_texts(exhibition)
        source = self.walker.root / "exhibition.yaml"
        return self.simple(source, exhibition, texts, schemas.EXHIBITION, "description")


# Where each name of a simple translation goes in the model.
_SIMPLE = {
    "introduction": {"introduction": "intro_html"},
    "text": {"text": "body_html"},
    "description": {"description": "description_html"},
}


def _translation(tag, values, missing, stale, renamed) -> model.Translation:
    texts = tuple((renamed.get(name, name), value) for name, value in values.items())
    if "body_html" in dict(texts) and "summary" not in values:
        texts += (("summary", markup.summarise(markup.plain_text(dict(texts)["body_html"]))),)
    return model.Translation(tag, texts, True, missing, stale)


def media_file(translator: Translator, source: Path, tag: str, kind: str):
    """Return a translated transcript's (path, HTML) or captions' path, or None.

    None when there is none, it has an error, or a `To do:` line says it is
    not translated yet (each reported): visitors then get the source's.
    """
    found = translator.sibling(source, tag)
    if found is None:
        return None
    path, report = found
    try:
        texts, text = sourcetext.file_texts(source), read_text(path)
        if kind == "captions":
            check_webvtt(path)
    except YAMLProblem as problem:
        report.error(problem.line, files.in_file(path.name, problem.message))
        return None
    except MediaProblem as problem:
        report.error(None, files.in_file(path.name, problem))
        return None
    written = TRANSLATED_FROM.search(text)
    line = written and text.count("\n", 0, written.start()) + 1
    read = Read({}, text, 1, report, written and written[1].strip("'\""))
    values = {} if todo.MARKER.search(text) else {"text": text}
    missing, _ = translator.finish(read, texts, values, {"translated_from": line}, source.name)
    if missing:
        return None
    if kind == "captions":
        return path
    body = TRANSLATED_FROM.sub("", text, count=1).strip()
    if path.suffix.lower() == ".txt":
        return path, "".join(f"<p>{markup.escape(p)}</p>" for p in body.split("\n\n") if p.strip())
    return path, markup.render(body)


def nearest(value, choices) -> str | None:
    """Return the source's key a translated item most likely meant."""
    return closest(value, [str(c) for c in choices])


def exhibit(translator: Translator, folder: Path, source: model.Exhibit) -> model.Exhibit:
    """Return an exhibit with its translations, transcripts and captions included."""
    if translator.others is None:
        return replace(source, language=translator.primary)
    root = translator.walker.root
    named = [root / p for m in source.media for p in (m.transcript_path, m.captions) if p]
    translator.undeclared([folder / "exhibit.md", *named])
    texts = sourcetext.exhibit_texts(source)
    found = tuple(_exhibit_in(translator, folder, source, texts, tag) for tag in translator.others)
    return replace(source, language=translator.primary, translations=found)


def _exhibit_in(translator, folder: Path, source, texts: dict, tag: str) -> model.Translation:
    """Return an exhibit's translation into one language, its media files' included."""
    read = translator.read(folder / "exhibit.md", tag, schemas.EXHIBIT)
    values, missing, stale = {}, frozenset(texts), False
    if read is not None:
        values, lines = _exhibit_values(source, read)
        if read.report.has_errors:  # an item that names what the source does not have
            read, values = None, {}
        else:
            missing, stale = translator.finish(read, texts, values, lines, "exhibit.md")
    changes = _exhibit_changes(source, values)
    changes["media"] = tuple(
        _media_in(translator, item, tag, values, number)
        for number, item in enumerate(source.media, start=1)
    )
    return model.Translation(tag, tuple(changes.items()), read is not None, missing, stale)


# The lists whose items a translation names by a key: (list, key, the texts of an item).
_LISTS = (("creators", "name", ("role",)), ("media", "file", ("alt", "caption", "credit")))
_LISTS += (("links", "url", ("title",)),)


def _keys(source: model.Exhibit, listed: str) -> list[str]:
    """Return the keys of a list's items in the source, in order."""
    if listed == "creators":
        return [creator.name for creator in source.creators]
    if listed == "links":
        return [link.url for link in source.links]
    return [item.path.removeprefix(source.folder + "/") for item in source.media]


def _exhibit_values(source: model.Exhibit, read: Read) -> tuple[dict, dict]:
    """Return a translated exhibit's texts and their lines, by the names the source's have."""
    fields, values = read.fields, {}
    lines = {"translated_from": fields.key_lines.get("translated_from"), "label": read.body_line}
    for name in ("title", "medium", "ip_question"):
        _put(values, lines, name, fields, name, None)
    _question_values(values, lines)
    for group, key in (("ai", "system"), ("rights", "notice")):
        if group in fields:
            _put(values, lines, f"{group}.{key}", fields[group], key, fields[group].line)
    for listed, key, texts in _LISTS:
        keys = _keys(source, listed)
        for number, item in enumerate(fields.get(listed, ()), start=1):
            if item[key] not in keys:
                name, meant = f"{listed}[{number}].{key}", nearest(item[key], keys)
                read.report.error(
                    item.line_of(key),
                    said.not_in_source(name, item[key], "exhibit.md", meant),
                )
                continue
            at = keys.index(item[key]) + 1
            for text in texts:
                _put(values, lines, f"{listed}[{at}].{text}", item, text, item.line)
    if read.body.strip():
        values["label"] = markup.render(read.body)
    return values, lines


def _question_values(values: dict, lines: dict) -> None:
    """Split a translated question written with its answers into its text and each answer."""
    asked = values.get("ip_question")
    if not isinstance(asked, dict):
        return
    values["ip_question"] = asked["text"]
    line = getattr(asked, "line_of", lambda key: None)("answers") or lines["ip_question"]
    for number, answer in enumerate(asked["answers"], start=1):
        values[f"ip_question.answers[{number}]"] = answer
        lines[f"ip_question.answers[{number}]"] = line


def _question_in(source: model.Question | None, get) -> model.Question | None:
    """Return the source's question in a language: its text and answers, keys unchanged."""
    if source is None:
        return None
    answers = tuple(
        replace(answer, text=get(f"ip_question.answers[{n}]", answer.text))
        for n, answer in enumerate(source.answers, start=1)
    )
    return replace(source, text=get("ip_question", source.text), answers=answers)


def _put(values: dict, lines: dict, name: str, mapping, key: str, line) -> None:
    """Note a translated text and its line (a blank key's too, so check can point at it)."""
    lines[name] = mapping.key_lines.get(key) or line
    if key in mapping:
        values[name] = mapping[key]


def _exhibit_changes(source: model.Exhibit, values: dict) -> dict:
    """Return the exhibit's fields in a language: the translated texts, the source's elsewhere."""
    get = values.get
    label_html = get("label", source.label_html)
    summary = markup.summarise(markup.plain_text(label_html)) if "label" in values else None
    return {
        "title": get("title", source.title),
        "medium": get("medium", source.medium),
        "ip_question": get("ip_question", source.ip_question),
        "question": _question_in(source.question, get),
        "ai": replace(source.ai, system=get("ai.system", source.ai.system)),
        "rights": replace(source.rights, notice=get("rights.notice", source.rights.notice)),
        "creators": tuple(
            replace(creator, role=get(f"creators[{n}].role", creator.role))
            for n, creator in enumerate(source.creators, start=1)
        ),
        "links": tuple(
            replace(link, title=get(f"links[{n}].title", link.title))
            for n, link in enumerate(source.links, start=1)
        ),
        "label_html": label_html,
        "summary": summary or source.summary,
    }


def _media_in(translator, item: model.Media, tag: str, values: dict, number: int) -> model.Media:
    """Return a media item in a language: its texts, its transcript and captions."""
    name = f"media[{number}]."
    alt = values.get(name + "alt", item.alt)
    image = item.image
    if image and item.alt and image.alt == item.alt:  # not a waveform's own words
        image = replace(image, alt=alt)
    changes = {
        "alt": alt,
        "caption": values.get(name + "caption", item.caption),
        "credit": values.get(name + "credit", item.credit),
        "image": image,
    }
    root, rel = translator.walker.root, translator.walker.rel
    if item.transcript_path:
        found = media_file(translator, root / item.transcript_path, tag, "transcript")
        if found:
            changes.update(transcript_path=rel(found[0]), transcript_html=found[1])
    if item.captions:
        found = media_file(translator, root / item.captions, tag, "captions")
        if found:
            changes["captions"] = rel(found)
    return replace(item, **changes)
