"""What the parser's complaints and odd values become in curators' words."""

import ast
import datetime as dt
from pathlib import Path

import pytest

from exhibition.messages import syntax, values, words
from exhibition.yamltext import YAMLProblem, load_yaml


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("title: x\nai:\n\tsystem: GAN\n", 3, syntax.TAB),
        ("ai:\n  system: GAN\n\trole: tool\n", 3, syntax.TAB),
        ("year: 2018\n\n  medium: oil\n", 3, syntax.INDENTATION),
        ("ai:\n  system: GAN\n role: tool\n", 3, syntax.INDENTATION),
        ("creators:\n  - name: A\n   role: x\n", 3, syntax.INDENTATION),
        ("title: x\nyear: 2018\n  - y: z\n", 3, syntax.INDENTATION),
        ("title: Portrait: of Edmond\n", 1, syntax.colon_in_value("title")),
        ("creators:\n  - name: Obvious: a collective\n", 2, syntax.colon_in_value("name")),
        ("title: “Portrait: of Edmond”\n", 1, values.curly_quotes("title")),
        ("medium: 'the artist's own'\n", 1, syntax.apostrophe_in_quotes("medium")),
        ('title: "Portrait" of Edmond\n', 1, syntax.text_after_quote("title")),
        ('title: "Portrait\nyear: 2018\n', 1, syntax.UNCLOSED_QUOTE),
        ("title: x\nyear 2018\nmedium: y\n", 2, syntax.NO_COLON),
        ("media: - file: x\n", 1, syntax.LIST_ON_KEY_LINE),
        ("title: [First\nyear: 2018\n", 1, syntax.unclosed_bracket("[")),
        ("title: {First\nyear: 2018\n", 1, syntax.unclosed_bracket("{")),
        ("title: *Untitled*\n", 1, syntax.reserved_start("title", "*")),
        ("title: &x\n  - a\n", 1, None),
        ("title: @home\n", 1, syntax.reserved_start("title", "@")),
        ("title: `x`\n", 1, syntax.reserved_start("title", "`")),
        ("title: !Women Art Revolution\n", 1, syntax.reserved_start("title", "!")),
        ("title: |x\n", 1, syntax.reserved_start("title", "|")),
        ('title: "C:\\new\\x"\n', 1, syntax.backslash("title")),
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
    ("value", "said"),
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
def test_values_are_described_without_python_words(value, said):
    assert words.describe(value) == said


@pytest.mark.parametrize(
    ("name", "slug"),
    [("Café Müller", "cafe-muller"), ("My  Work_2", "my-work-2"), ("日本", "")],
)
def test_slug_for(name, slug):
    assert words.slug_for(name) == slug


def test_curly_quotes_are_word_processor_quotes():
    assert words.is_curly("“Portrait”") and words.is_curly("„Bild“")
    assert not words.is_curly('"Portrait"') and not words.is_curly("’90s")


# The modules whose checks find content problems, and how each hands a message on.
CHECKS = (
    *("exhibits", "fields", "languages", "loader", "media/probe", "media/waveform"),
    *("schemas", "todo", "translations", "translationschemas", "yamltext"),
)
REPORTS = {"error", "warning", "todo"}  # FileProblems' methods: the message is the second argument
PROBLEMS = {"Invalid", "MediaProblem", "YAMLProblem"}  # the message is their first argument


def written_messages(source: str) -> list[int]:
    """Return the lines where a check writes a message's words itself, not from `messages`."""
    tree = ast.parse(source)
    literal_names = {
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign) and _is_words(node.value)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in REPORTS and len(node.args) > 1:
            message = node.args[1]
        elif isinstance(func, ast.Name) and func.id in PROBLEMS and node.args:
            message = node.args[0]
        else:
            continue
        named = isinstance(message, ast.Name) and message.id not in literal_names
        if not (isinstance(message, ast.Call | ast.Attribute) or named):
            found.append(node.lineno)
    return found


def _is_words(node) -> bool:
    """Return True for a string written out: plain, an f-string, or strings joined."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.BinOp):
        return _is_words(node.left) or _is_words(node.right)
    return isinstance(node, ast.JoinedStr)


@pytest.mark.parametrize("module", CHECKS)
def test_checks_take_their_wording_from_messages(module):
    source = (Path(__file__).parent.parent / "exhibition" / f"{module}.py").read_text()
    assert written_messages(source) == [], f"say these in exhibition/messages/: {module}.py"


@pytest.mark.parametrize(
    ("source", "lines"),
    [
        ('report.error(1, f"{name} is missing")', [1]),
        ('self.report.warning(None, "no licence")', [1]),
        ("raise Invalid(\"'x' \" + said)", [1]),
        ('REPLACE = "replace it"\nreport.todo(1, REPLACE)', [2]),
        ("raise MediaProblem(files.NO_SOUND)", []),
        ("report.error(line, files.in_file(name, problem))", []),
        ("report.error(line, str(error))", []),
        ("raise YAMLProblem(message, line)", []),
    ],
)
def test_written_messages_are_found(source, lines):
    assert written_messages(source) == lines
