import pytest

from exhibition.commands.wording import left_out, many
from exhibition.problems import ERROR, TODO, WARNING, Problem


@pytest.mark.parametrize(
    ("number", "said"), [(0, "0 problems"), (1, "1 problem"), (2, "2 problems")]
)
def test_a_count_agrees_with_its_number(number, said):
    assert many(number, "problem") == said


@pytest.mark.parametrize(
    ("severities", "said"),
    [
        ([], ""),
        ([WARNING], ""),  # a warning keeps nothing out
        ([ERROR, ERROR, WARNING], "2 errors"),
        ([TODO], "1 thing to do"),
        ([ERROR, TODO, TODO], "1 error and 2 things to do"),
    ],
)
def test_what_keeps_exhibits_out_counts_errors_and_to_dos(severities, said):
    problems = [Problem("rooms/01-art/01-first/exhibit.md", 3, s, "x") for s in severities]
    assert left_out(problems) == said
