import pytest
import yaml

from exhibition import yamltext
from exhibition.yamltext import YAMLProblem, load_yaml, read_text, split_front_matter


def test_mapping_remembers_key_lines():
    data = load_yaml("title: x\nai:\n  system: GAN\n  role: tool\n")
    assert data.line_of("title") == 1
    assert data.line_of("ai") == 2
    assert data["ai"].line_of("role") == 4


def test_front_matter_lines_count_from_the_file_start():
    front = split_front_matter("---\ntitle: x\nyear: 2018\n---\nLabel.\n")
    assert front.fields.line_of("year") == 3
    assert front.body == "Label.\n"
    assert front.body_line == 5


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("title: [x\n", "the '[' on this line is never closed", 1),
        ("a: &x [1, 2]\nb: *x\n", "YAML aliases (*name) are not allowed", 2),
        ("a: b: c\n", "the value of 'a' holds ': '", 1),
        ("? [a, b]\n: c\n", "YAML syntax error: found unhashable key", 1),
    ],
)
def test_bad_yaml_is_refused_with_its_line(text, message, line):
    with pytest.raises(YAMLProblem) as raised:
        load_yaml(text)
    assert raised.value.message.startswith(message)
    assert raised.value.line == line


def test_alias_bomb_is_refused_at_once():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(20)
    )
    with pytest.raises(YAMLProblem, match="aliases"):
        load_yaml(bomb)


def _depth(text: str) -> int:
    """Return how deep a YAML text's lists and mappings go, parsed event by event."""
    depth = deepest = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            deepest = max(deepest, depth)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return deepest


def _nested(levels: int, style: str) -> str:
    """Return a YAML text nested `levels` deep, in one of the ways YAML allows."""
    if style == "compact lists":
        return "- " * levels + "x\n"
    if style == "keys":
        return "".join("  " * n + f"k{n}:\n" for n in range(levels - 1)) + "  " * levels + "x\n"
    if style == "lists under keys":  # a list as a key's value starts at the key's column
        lines = [f"{'  ' * (n - 1)}- k{n}:" if n else "k0:" for n in range(levels // 2)]
        return "\n".join(lines) + "\n" + "  " * (levels // 2 - 1) + "- x\n"
    return "[" * levels + "]" * levels + "\n"


@pytest.mark.parametrize("style", ["compact lists", "keys", "lists under keys", "flow"])
@pytest.mark.parametrize("levels", [2, 8, 16, 31, 33, 40])
def test_a_text_passed_without_parsing_is_never_deeper_than_allowed(style, levels):
    text = _nested(levels, style)
    if yamltext._surely_shallow(text):
        assert _depth(text) <= yamltext.MAX_DEPTH
    if _depth(text) > yamltext.MAX_DEPTH:
        with pytest.raises(YAMLProblem, match="nested more than"):
            load_yaml(text)


def test_an_exhibit_s_front_matter_passes_without_a_second_parse():
    text = (
        "title: A work\nyear: 2018\ncreators:\n  - name: Someone\n    role: artist\n"
        "tags: [a, b]\nai:\n  system: GAN\n  role: tool\n"
    )
    assert yamltext._surely_shallow(text)
    assert not yamltext._surely_shallow(text + "again: *a\n")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("title: x\n", "the file must start with front matter"),
        ("---\ntitle: x\n", "the front matter is not closed"),
    ],
)
def test_front_matter_must_be_fenced(text, message):
    with pytest.raises(YAMLProblem, match=message):
        split_front_matter(text)


def test_read_text_refuses_other_encodings(tmp_path):
    path = tmp_path / "exhibit.md"
    path.write_bytes("---\ntitle: Caf\xe9\n".encode("latin-1"))
    with pytest.raises(YAMLProblem) as raised:
        read_text(path)
    assert raised.value.message == "the file is not UTF-8 text; save it as UTF-8"
    assert raised.value.line == 2


def test_read_text_drops_a_byte_order_mark(tmp_path):
    path = tmp_path / "room.md"
    path.write_bytes(b"\xef\xbb\xbf---\n")
    assert read_text(path) == "---\n"


def test_read_text_reads_what_windows_tools_write(tmp_path):
    path = tmp_path / "room.md"
    path.write_bytes(b"\xef\xbb\xbf---\r\ntitle: x\r\n---\r\n")
    assert read_text(path) == "---\ntitle: x\n---\n"
    path.write_bytes("---\r\ntitle: Café\r\n".encode("utf-16"))
    assert read_text(path) == "---\ntitle: Café\n"


def test_impossible_dates_stay_text_for_their_field_to_report():
    assert load_yaml("opens: 2026-02-30\n") == {"opens": "2026-02-30"}
    assert str(load_yaml("opens: 2026-02-28\n")["opens"]) == "2026-02-28"


def test_values_in_curly_quotes_are_marked():
    data = load_yaml("title: “Portrait”\nsubtitle: '“Kept”'\nmedium: x\n")
    assert data.curly == {"title"}
