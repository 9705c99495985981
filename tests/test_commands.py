import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

from exhibition import catchup, create_app
from exhibition.media import manifest
from tests.support import ROOT
from tests.support.world import EXHIBITION_YAML, small_exhibition, write_image


def test_check_clean(runner):
    result = runner.invoke(args=["check"])
    assert result.exit_code == 0
    assert "Checked 2 rooms, 3 exhibits, 1 page: 0 errors and 0 warnings." in result.output


def test_check_says_how_far_each_language_has_come(world, runner):
    world.write("exhibition.yaml", EXHIBITION_YAML + "languages: [en, fr, ar]\n")
    assert runner.invoke(args=["new", "translation", "fr"]).exit_code == 0
    world.write("rooms/01-art/01-first/exhibit.fr.md", "---\ntitle: Premier\n---\nTexte.\n")
    source = world.root / "rooms/01-art/02-second/exhibit.md"
    source.write_text(source.read_text().replace("title: Second", "title: The second"))
    result = runner.invoke(args=["check"])
    assert result.exit_code == 0, result.output
    assert (
        "Translated fr: 3 of 3 exhibits, 3 with text still to translate, 1 stale; "
        "ar: 0 of 3 exhibits.\nChecked 2 rooms, 3 exhibits, 1 page: "
    ) in result.output


def test_check_reports_and_fails(world, runner):
    world.write(
        "rooms/01-art/01-first/exhibit.md",
        (world.root / "rooms/01-art/01-first/exhibit.md").read_text().replace("2018", "soon"),
    )
    result = runner.invoke(args=["check"])
    assert result.exit_code == 1
    assert result.output.startswith(
        "rooms/01-art/01-first/exhibit.md:3: error: 'year' must be a year"
    )


def test_check_strict_counts_warnings(world, runner):
    path = world.root / "rooms/01-art/01-first/exhibit.md"
    path.write_text(path.read_text().replace("ip_question: Who is the author?\n", ""))
    assert runner.invoke(args=["check"]).exit_code == 0
    assert runner.invoke(args=["check", "--strict"]).exit_code == 1


def test_check_json(world, runner):
    world.write("exhibition.yaml", "title: x\n")
    result = runner.invoke(args=["check", "--format", "json"])
    assert result.exit_code == 1
    problems = json.loads(result.output)["problems"]
    assert {
        "path": "exhibition.yaml",
        "line": 1,
        "severity": "error",
        "message": "missing required key 'edition'",
    } in problems


def test_build_keeps_drafts_images_out_of_the_sites_folder(world, runner, app):
    write_image(world.root / "rooms/01-art/02-second/work.png", color="navy")
    assert runner.invoke(args=["build", "--jobs", "1"]).exit_code == 0
    site = manifest.folder(app.config)
    drafts = manifest.folder(app.config, drafts=True)
    assert not drafts.is_relative_to(site)  # a proxy serving the site's folder whole
    path = "rooms/01-art/02-second/work.png"
    published = manifest.Catalogue.read(site).entries[path]
    md = world.root / "rooms/01-art/02-second/exhibit.md"
    md.write_text(md.read_text().replace("year: 2018", "draft: true\nyear: 2018"))
    result = runner.invoke(args=["build", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert f"into {site} (drafts' into {drafts})." in result.output
    assert path not in manifest.Catalogue.read(site).entries
    assert not any((site / name).exists() for name in published.files())
    entry = manifest.Catalogue.read(drafts).entries[path]
    assert list(manifest.Catalogue.read(drafts).entries) == [path]
    assert all((drafts / name).is_file() for name in entry.files())
    md.write_text(md.read_text().replace("draft: true\n", ""))  # published again
    assert runner.invoke(args=["build", "--jobs", "1"]).exit_code == 0
    assert manifest.Catalogue.read(site).entries[path].key == published.key
    assert manifest.Catalogue.read(drafts).entries == {}
    assert not any((drafts / name).exists() for name in entry.files())


def test_building_a_second_exhibition_leaves_the_firsts_images(tmp_path):
    # Both from one working folder, with the default cache folder, as a curator runs them.
    first = small_exhibition(tmp_path / "spring" / "content", "crimson")
    second = small_exhibition(tmp_path / "autumn" / "content", "navy")
    built = []
    for world in (first, second):
        app = create_app({"CONTENT_DIR": str(world.root), "IMAGE_WIDTHS": "320"})
        result = app.test_cli_runner().invoke(args=["build", "--jobs", "1"])
        assert result.exit_code == 0, result.output
        built.append((manifest.folder(app.config), app.config["CACHE_DIR"]))
    (spring, spring_cache), (autumn, autumn_cache) = built
    assert spring != autumn
    assert spring_cache.startswith("instance/cache/content-")  # named after the folder
    entry = manifest.Catalogue.read(spring).entries["rooms/01-art/01-first/work.png"]
    assert all((spring / name).is_file() for name in entry.files())


def test_build_waits_while_a_preview_server_builds(runner, app):
    done, results = threading.Event(), []
    build = threading.Thread(
        target=lambda: (results.append(runner.invoke(args=["build"])), done.set())
    )
    with catchup.locked(Path(app.config["CACHE_DIR"]).resolve()):
        build.start()
        done.wait(1)
        assert not manifest.folder(app.config).exists(), "build ran while the lock was held"
    assert done.wait(120)
    build.join()
    assert results[0].exit_code == 0, results[0].output
    assert manifest.Catalogue.read(manifest.folder(app.config)).entries


def test_two_builds_started_together_make_each_derivative_once(world, tmp_path):
    # The world's three exhibits show one picture: one set of derivatives in all.
    env = {
        **os.environ,
        "EXHIBITION_CONTENT_DIR": str(world.root),
        "EXHIBITION_CACHE_DIR": str(tmp_path / "cache"),
        "EXHIBITION_ARCHIVE_DIR": str(tmp_path / "archive"),
    }
    command = [sys.executable, "-m", "flask", "--app", "exhibition", "build", "--jobs", "2"]
    builds = [
        subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    said = [build.communicate(timeout=300)[0] for build in builds]
    assert [build.returncode for build in builds] == [0, 0]
    made = sorted(int(re.search(r"Made (\d+) image", s)[1]) for s in said)
    assert made == [0, 1], said
    out = tmp_path / "cache" / manifest.FOLDER
    entries = manifest.Catalogue.read(out).entries.values()
    assert len({entry.key for entry in entries}) == 1 and len(entries) == 3


def test_the_flask_command_says_each_problem_once(world, tmp_path):
    # Run as curators do: `flask` creates the app, which loads the content, then checks.
    path = world.root / "rooms/01-art/01-first/exhibit.md"
    path.write_text(path.read_text().replace("2018", "soon"))
    env = {
        **os.environ,
        "EXHIBITION_CONTENT_DIR": str(world.root),
        "EXHIBITION_CACHE_DIR": str(tmp_path / "cache"),
        "EXHIBITION_ARCHIVE_DIR": str(tmp_path / "archive"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "exhibition", "check"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1
    said = result.stdout + result.stderr
    assert said.count("'year' must be a year") == 1, said
