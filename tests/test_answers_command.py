"""`exhibition answers`: each question's results as a table, CSV or JSON, on both databases."""

import csv
import datetime as dt
import io
import json

import pytest

from exhibition.answers import AnswerStore

DAY = dt.date(2026, 12, 3)


@pytest.fixture
def answered(app, database_url):
    """Return the app with three answers to the first exhibit's question, one to a removed one."""
    app.config["DATABASE_URL"] = database_url
    store = AnswerStore.from_settings(app.config)
    store.migrate()
    for voter, answer in (("a", "yes"), ("b", "yes"), ("c", "no")):
        store.record("art/first", answer, voter, DAY)
    store.record("art/gone", "yes", "a", DAY)
    store.engine.dispose()
    return app


def test_a_table_per_question(answered):
    result = answered.test_cli_runner().invoke(args=["answers"])
    assert result.exit_code == 0, result.output
    assert "Who is the author?  (art/first, 3 answers)" in result.output
    assert "  Yes                2   67%" in result.output
    assert "  It depends         0    0%" in result.output
    assert "art/gone  (art/gone, 1 answer)" in result.output


def test_csv_one_row_per_answer(answered):
    result = answered.test_cli_runner().invoke(args=["answers", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.output)))
    first = [row for row in rows if row["question"] == "art/first"]
    assert [(r["answer"], r["count"], r["share"]) for r in first] == [
        ("yes", "2", "0.6667"),
        ("no", "1", "0.3333"),
        ("it-depends", "0", "0.0"),
    ]


def test_json_for_programs(answered):
    result = answered.test_cli_runner().invoke(args=["answers", "--format", "json"])
    questions = {q["question"]: q for q in json.loads(result.output)["questions"]}
    assert questions["art/first"]["total"] == 3
    assert questions["art/first"]["answers"][0] == {
        "answer": "yes",
        "text": "Yes",
        "count": 2,
        "share": 0.6667,
    }


def test_a_database_that_is_down_is_said(app):
    app.config["DATABASE_URL"] = "postgresql+psycopg://exhibition@127.0.0.1:1/none"
    result = app.test_cli_runner().invoke(args=["answers"])
    assert result.exit_code == 1
    assert "the answers' database cannot be read" in result.output
