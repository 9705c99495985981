import pytest

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
        ("title: [x\n", "YAML syntax error", 2),
        ("a: &x [1, 2]\nb: *x\n", "YAML aliases (*name) are not allowed", 2),
        ("a: b: c\n", "YAML syntax error: mapping values are not allowed in this context", 1),
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
