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
