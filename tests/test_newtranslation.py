"""`new translation`: translations started with their source's text, that check follows."""

import re

from click.testing import CliRunner

from exhibition.cli import main
from tests.support.world import EXHIBITION_YAML

FIRST = "rooms/01-art/01-first"
BLANK = re.compile(r"(?m)^(\s*)(title|summary|system|role|alt|credit|ip_question):$")


def declare(world):
    """Declare French beside English."""
    world.write("exhibition.yaml", EXHIBITION_YAML + "languages: [en, fr]\n")


def run(runner, *args):
    """Run a command, returning its exit code and output."""
    result = runner.invoke(args=list(args))
    return result.exit_code, result.output


def translate(path):
    """Fill in every blank field of a scaffold and its body, as a translator would."""
    text = BLANK.sub(lambda m: f"{m[0]} {m[2]} en français", path.read_text())
    path.write_text(text + "Le texte de l'étiquette, traduit de l'anglais.\n")


def test_new_translation_starts_every_file_then_check_finds_nothing_stale(world, runner):
    declare(world)
    code, output = run(runner, "new", "translation", "fr")
    assert code == 0, output
    assert sorted(re.findall(r"Created (\S+)", output)) == [
        "exhibition.fr.yaml",
        "pages/about.fr.md",
        f"{FIRST}/exhibit.fr.md",
        "rooms/01-art/02-second/exhibit.fr.md",
        "rooms/01-art/room.fr.md",
        "rooms/02-music/01-third/exhibit.fr.md",
        "rooms/02-music/room.fr.md",
    ]
    scaffold = (world.root / FIRST / "exhibit.fr.md").read_text()
    assert scaffold.startswith("---\ntranslated_from: ")
    assert "# First\ntitle:\n" in scaffold
    assert '  - file: "work.png"\n    # A red square on a white ground, drawn for tests\n' in (
        scaffold
    )
    assert "# This label says enough" in scaffold
    code, output = run(runner, "check")
    assert code == 0, output
    assert "still to translate" in output
    assert "has changed since" not in output and "translated_from" not in output
    assert "error" not in output.replace("0 errors", "")


def test_a_filled_in_translation_passes_then_goes_stale_when_its_source_changes(world, runner):
    declare(world)
    run(runner, "new", "translation", "fr", f"{FIRST}/exhibit.md")
    translate(world.root / FIRST / "exhibit.fr.md")
    code, output = run(runner, "check")
    assert f"{FIRST}/exhibit.fr.md" not in output, output
    source = world.root / FIRST / "exhibit.md"
    source.write_text(source.read_text().replace("title: First", "title: The first"))
    code, output = run(runner, "check")
    stale = [line for line in output.splitlines() if line.startswith(f"{FIRST}/exhibit.fr.md")]
    assert len(stale) == 1, output
    assert stale[0].startswith(
        f"{FIRST}/exhibit.fr.md:2: warning: exhibit.md has changed since this was translated "
        "('title'); bring the translation up to date, then write translated_from: "
    )
    written = stale[0].split("then write ", 1)[1]
    path = world.root / FIRST / "exhibit.fr.md"
    path.write_text(re.sub(r"(?m)^translated_from: .*$", written, path.read_text()))
    assert f"{FIRST}/exhibit.fr.md" not in run(runner, "check")[1]


def test_new_translation_never_writes_over_one(world, runner):
    declare(world)
    world.write(f"{FIRST}/exhibit.fr.md", "---\ntitle: Premier\n---\nMon texte.\n")
    code, output = run(runner, "new", "translation", "fr", FIRST)
    assert code == 0, output
    assert f"Kept {FIRST}/exhibit.fr.md: it exists already." in output
    assert (world.root / FIRST / "exhibit.fr.md").read_text().endswith("Mon texte.\n")
    assert "0 translations to fill in" in output


def test_new_translation_wants_a_language_the_exhibition_lists(world, runner):
    declare(world)
    code, output = run(runner, "new", "translation", "de")
    assert code == 1
    assert "'de' is not among the languages exhibition.yaml lists for translation (fr)" in output
    code, output = run(runner, "new", "translation", "fr", "nowhere.md")
    assert code == 1 and "there is no file or folder nowhere.md" in output


def test_the_exhibition_command_takes_paths_and_a_folder(world, tmp_path):
    declare(world)
    result = CliRunner().invoke(
        main,
        ["new", "translation", "fr", str(world.root / "pages"), "--folder", str(world.root)],
        env={
            "EXHIBITION_CACHE_DIR": str(tmp_path / "cache"),
            "EXHIBITION_ARCHIVE_DIR": str(tmp_path / "archive"),
        },
    )
    assert result.exit_code == 0, result.output
    assert "Created pages/about.fr.md" in result.output
    assert (world.root / "pages/about.fr.md").is_file()
    assert not (world.root / FIRST / "exhibit.fr.md").exists()
