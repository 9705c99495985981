"""`flask --app exhibition answers`: what visitors answered to each exhibit's question."""

from __future__ import annotations

import csv
import io
import json

import click

from . import options
from .wording import many

FORMATS = ("table", "csv", "json")


@click.command("answers")
@click.option(
    "--format",
    "form",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="A table to read, or CSV or JSON to open in a spreadsheet or a program.",
)
@options.with_app
def command(app, form: str) -> None:
    """Print each question's answers: each answer's count and share of the question's total."""
    from ..answers import AnswerStore, AnswersUnavailable  # the database's libraries, when asked
    from ..answers.results import results_of

    store = AnswerStore.from_settings(app.config)
    try:
        store.migrate()
        counted = store.tallies()
    except AnswersUnavailable as error:
        raise click.ClickException(f"the answers' database cannot be read: {error}") from None
    finally:
        store.engine.dispose()
    results = results_of(app.extensions["exhibition"].exhibition, counted)
    click.echo({"table": as_table, "csv": as_csv, "json": as_json}[form](results), nl=False)


def as_table(results: list[dict]) -> str:
    """Return the results as a table per question, for a person to read."""
    if not results:
        return "No exhibit asks a question yet.\n"
    out = []
    for result in results:
        out.append(f"{result['text']}  ({result['question']}, {many(result['total'], 'answer')})")
        width = max(len(answer["text"]) for answer in result["answers"])
        for answer in result["answers"]:
            share = f"{answer['share']:.0%}"
            out.append(f"  {answer['text']:<{width}}  {answer['count']:>8}  {share:>4}")
        out.append("")
    return "\n".join(out)


def as_csv(results: list[dict]) -> str:
    """Return the results as CSV, one row per question and answer."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["question", "question_text", "answer", "answer_text", "count", "share"])
    for result in results:
        for answer in result["answers"]:
            row = [answer["answer"], answer["text"], answer["count"], answer["share"]]
            writer.writerow([result["question"], result["text"], *row])
    return buffer.getvalue()


def as_json(results: list[dict]) -> str:
    """Return the results as JSON: a list of questions, each with its answers."""
    return json.dumps({"questions": results}, ensure_ascii=False, indent=2) + "\n"
