"""Read YAML and front matter, keeping the line of every mapping and key."""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from .messages import files, syntax, words

MAX_TEXT_BYTES = 1_000_000
MAX_DEPTH = 32  # levels of lists and mappings inside one another


class YAMLProblem(Exception):
    """The text is not YAML we accept; carries the 1-based line, if known."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


class Mapping(dict):
    """A dict that remembers the line it starts on and the line of each key."""

    line: int | None = None
    key_lines: dict
    curly: frozenset = frozenset()  # keys whose plain value Word wrapped in “curly quotes”

    def line_of(self, key) -> int | None:
        """Return the line of a key, or of the mapping itself."""
        return self.key_lines.get(key, self.line)


# libyaml's parser where the wheel has it: the pure-Python one is ten times slower.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):
    """A safe loader that records the line of every mapping and key."""

    line_offset = 0


def _refuse_aliases_and_depth(text: str, line_offset: int) -> None:
    """Raise YAMLProblem at the first alias, or where nesting goes deeper than MAX_DEPTH.

    Content files never need either. Refusing aliases outright keeps a
    "billion laughs" document from growing without bound when its values are
    walked; refusing deep nesting keeps libyaml's composer from recursing until
    the process runs out of stack ("[[[[...", a few hundred kilobytes, crashes it).
    """
    if _surely_shallow(text):
        return
    depth = 0
    for event in yaml.parse(text, Loader=_BaseLoader):
        if isinstance(event, yaml.AliasEvent):
            raise YAMLProblem(syntax.ALIAS, event.start_mark.line + 1 + line_offset)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise YAMLProblem(
                    syntax.too_deep(MAX_DEPTH), event.start_mark.line + 1 + line_offset
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _surely_shallow(text: str) -> bool:
    """Tell, without parsing, that a text holds no alias and cannot nest past MAX_DEPTH.

    A block list or mapping inside another starts further right on its line,
    past the spaces and block indicators (`- `, `? `) that open the line, or
    at the same place once (a list as a key's value): block nesting is at most
    twice the widest such opening, and flow nesting at most one a bracket.
    Content files pass this; the rest are parsed event by event to be sure.
    """
    if "*" in text:
        return False
    widest = max((len(line) - len(line.lstrip(" -?")) for line in text.splitlines()), default=0)
    return 2 * (widest + 1) + text.count("[") + text.count("{") <= MAX_DEPTH


def _construct_mapping(loader: _Loader, node: yaml.MappingNode):
    data = Mapping()
    yield data
    data.update(loader.construct_mapping(node))
    data.line = node.start_mark.line + 1 + loader.line_offset
    data.key_lines, curly = {}, set()
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node)
        data.key_lines.setdefault(key, key_node.start_mark.line + 1 + loader.line_offset)
        # Only a plain value: '“quoted”' in straight quotes is the curator's choice.
        if value_node.tag.endswith(":str") and not value_node.style:
            if words.is_curly(value_node.value):
                curly.add(key)
    data.curly = frozenset(curly)


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode):
    """Return a date; keep an impossible one (2026-02-30) as text, for its field to report."""
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def load_yaml(text: str, line_offset: int = 0):
    """Parse YAML text safely; raise YAMLProblem with a line on failure."""
    loader = None
    try:
        _refuse_aliases_and_depth(text, line_offset)
        loader = _Loader(text)
        loader.line_offset = line_offset
        return loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        message, line = syntax.yaml_syntax(error, text)
        raise YAMLProblem(message, line and line + line_offset) from None
    except yaml.YAMLError as error:
        raise YAMLProblem(syntax.yaml_error(error)) from None
    except (TypeError, ValueError) as error:
        # e.g. a mapping used as a key ("unhashable type"), a bad timestamp
        raise YAMLProblem(syntax.yaml_error(error)) from None
    finally:
        if loader:
            loader.dispose()


@dataclass(frozen=True)
class FrontMatter:
    fields: object
    body: str
    body_line: int  # the line the body starts on


def split_front_matter(text: str) -> FrontMatter:
    """Split a Markdown file into its YAML front matter and its body."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise YAMLProblem(syntax.NO_FRONT_MATTER, 1)
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip("\r\n") in ("---", "..."):
            fields = load_yaml("".join(lines[1 : number - 1]), line_offset=1)
            return FrontMatter(fields, "".join(lines[number:]), number + 1)
    raise YAMLProblem(syntax.FRONT_MATTER_NOT_CLOSED, 1)


def read_text(path) -> str:
    """Read a UTF-8 text file of reasonable size; raise YAMLProblem if it is not one.

    What Windows tools write just works: a byte order mark is dropped, Notepad's
    "Unicode" (UTF-16 with its mark) is read, and CRLF line ends become LF.
    """
    with open(path, "rb") as file:
        data = file.read(MAX_TEXT_BYTES + 1)
    if len(data) > MAX_TEXT_BYTES:
        raise YAMLProblem(files.text_too_large(MAX_TEXT_BYTES))
    encoding = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise YAMLProblem(files.NOT_UTF8, line) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
