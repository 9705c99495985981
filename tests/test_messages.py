"""What the parser's complaints and odd values become in curators' words."""

import datetime as dt

import pytest

from exhibition import messages
from exhibition.yamltext import YAMLProblem, load_yaml


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("title: x\nai:\n\tsystem: GAN\n", 3, messages.TAB),
        ("ai:\n  system: GAN\n\trole: tool\n", 3, messages.TAB),
        ("year: 2018\n\n  medium: oil\n", 3, messages.INDENTATION),
        ("ai:\n  system: GAN\n role: tool\n", 3, messages.INDENTATION),
        ("creators:\n  - name: A\n   role: x\n", 3, messages.INDENTATION),
        ("title: x\nyear: 2018\n  - y: z\n", 3, messages.INDENTATION),
        ("title: Portrait: of Edmond\n", 1, messages.colon_in_value("title")),
        ("creators:\n  - name: Obvious: a collective\n", 2, messages.colon_in_value("name")),
        ("title: “Portrait: of Edmond”\n", 1, messages.curly_quotes("title")),
        ("medium: 'the artist's own'\n", 1, messages.apostrophe_in_quotes("medium")),
        ('title: "Portrait" of Edmond\n', 1, messages.text_after_quote("title")),
        ('title: "Portrait\nyear: 2018\n', 1, messages.UNCLOSED_QUOTE),
        ("title: x\nyear 2018\nmedium: y\n", 2, messages.NO_COLON),
        ("media: - file: x\n", 1, messages.LIST_ON_KEY_LINE),
        ("title: [First\nyear: 2018\n", 1, messages.unclosed_bracket("[")),
        ("title: {First\nyear: 2018\n", 1, messages.unclosed_bracket("{")),
        ("title: *Untitled*\n", 1, messages.reserved_start("title", "*")),
        ("title: &x\n  - a\n", 1, None),
        ("title: @home\n", 1, messages.reserved_start("title", "@")),
        ("title: `x`\n", 1, messages.reserved_start("title", "`")),
        ("title: !Women Art Revolution\n", 1, messages.reserved_start("title", "!")),
        ("title: |x\n", 1, messages.reserved_start("title", "|")),
        ('title: "C:\\new\\x"\n', 1, messages.backslash("title")),
        ("? [a, b]\n: c\n", 1, "YAML syntax error: found unhashable key"),
    ],
)
def test_parser_errors_are_said_in_curators_words(text, line, message):
    try:
        load_yaml(text)
    except YAMLProblem as problem:
        assert (problem.line, problem.message) == (line, message or problem.message)
        assert "mapping values" not in problem.message
    else:
        assert message is None


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (None, "nothing"),
        (True, "true"),
        ([1], "a list"),
        ({"a": 1}, "a group of keys"),
        (3, "the number 3"),
        (dt.date(2018, 10, 25), "the date 2018-10-25"),
        ("x" * 50, "'" + "x" * 36 + "..."),
    ],
)
def test_values_are_described_without_python_words(value, words):
    assert messages.describe(value) == words


@pytest.mark.parametrize(
    ("name", "slug"),
    [("Café Müller", "cafe-muller"), ("My  Work_2", "my-work-2"), ("日本", "")],
)
def test_slug_for(name, slug):
    assert messages.slug_for(name) == slug


def test_curly_quotes_are_word_processor_quotes():
    assert messages.is_curly("“Portrait”") and messages.is_curly("„Bild“")
    assert not messages.is_curly('"Portrait"') and not messages.is_curly("’90s")
