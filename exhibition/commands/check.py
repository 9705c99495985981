"""`flask --app exhibition check`: report every problem in the content."""

from __future__ import annotations

import json
from collections import Counter

import click

from ..problems import BLOCKING, ERROR, TODO, WARNING, ContentError
from ..store import ContentStore
from . import options
from .wording import many


def _count(problems) -> str:
    counts = Counter(p.severity for p in problems)
    said = [many(counts[ERROR], "error"), many(counts[WARNING], "warning")]
    if counts[TODO]:
        said.append(many(counts[TODO], "thing") + " to do")
    return ", ".join(said[:-1]) + " and " + said[-1]


@click.command("check")
@options.with_settings
@click.option("--strict", is_flag=True, help="Count warnings as errors.")
@click.option(
    "--format", "output", type=click.Choice(["text", "json"]), default="text", help="Output format."
)
def command(config, strict: bool, output: str) -> None:
    """Check the content folder against every rule of the content format."""
    store = ContentStore.from_settings(config, drafts=True)
    try:
        store.load(log_errors=False)
        problems, exhibition = store.problems, store.exhibition
    except ContentError as error:
        problems, exhibition = error.problems, None
    if output == "json":
        click.echo(json.dumps({"problems": [p.as_dict() for p in problems]}, indent=2))
    else:
        for problem in problems:
            click.echo(str(problem))
        click.echo(_summary(problems, exhibition), err=bool(problems))
    failing = BLOCKING | {WARNING} if strict else BLOCKING
    if any(p.severity in failing for p in problems):
        raise SystemExit(1)


def _summary(problems, exhibition) -> str:
    if exhibition is None:
        return f"{_count(problems)}: exhibition.yaml must be fixed before the site can start."
    rooms, exhibits, pages = exhibition.rooms, exhibition.tour, exhibition.pages
    size = ", ".join(
        many(len(things), noun)
        for things, noun in ((rooms, "room"), (exhibits, "exhibit"), (pages, "page"))
    )
    return _languages(exhibition) + f"Checked {size}: {_count(problems)}."


def _languages(exhibition) -> str:
    """Say how far each language's translation has come: 'fr: 33 of 33 exhibits, 2 stale; '."""
    said = []
    for language in exhibition.languages[1:]:
        found = [t for e in exhibition.tour for t in e.translations if t.language == language]
        done, stale = sum(t.translated for t in found), sum(t.stale for t in found)
        partial = sum(bool(t.translated and t.missing) for t in found)
        text = f"{language}: {done} of {many(len(exhibition.tour), 'exhibit')}"
        text += f", {partial} with text still to translate" if partial else ""
        said.append(text + (f", {stale} stale" if stale else ""))
    return f"Translated {'; '.join(said)}.\n" if said else ""
