"""The `exhibition` command: start, preview, and the app's commands on a chosen folder."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from exhibition.cli import main
from exhibition.commands import options
from tests.support.world import write_image

ADDRESS = re.compile(r"Previewing .* at (http://127\.0\.0\.1:\d+/)")


@pytest.fixture
def env(tmp_path, monkeypatch) -> dict:
    """Return an environment whose cache and archive are the test's own, and set it."""
    values = {
        "EXHIBITION_CACHE_DIR": str(tmp_path / "cache"),
        "EXHIBITION_ARCHIVE_DIR": str(tmp_path / "archive"),
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("EXHIBITION_CONTENT_DIR", raising=False)
    return {**os.environ, **values}


def exhibition(*args: str, env: dict, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run `python -m exhibition` as a curator would, in a process of its own."""
    return subprocess.run(
        [sys.executable, "-m", "exhibition", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_start_makes_an_exhibition_that_passes_check_strict(tmp_path, env):
    runner = CliRunner()
    started = runner.invoke(main, ["start", str(tmp_path / "mine"), "--title", "Sea: and sky"])
    assert started.exit_code == 0, started.output
    checked = runner.invoke(main, ["check", "--strict", str(tmp_path / "mine")])
    assert checked.exit_code == 0, checked.output
    assert "Checked 1 room, 1 exhibit, 1 page: 0 errors and 0 warnings." in checked.output
    settings = yaml.safe_load((tmp_path / "mine/exhibition.yaml").read_text())
    assert settings["title"] == "Sea: and sky"


@pytest.mark.parametrize(
    "path",
    [
        "exhibition.yaml",
        "rooms/01-first-room/room.md",
        "rooms/01-first-room/01-first-exhibit/exhibit.md",
        "pages/about.md",
    ],
)
def test_start_explains_every_field(tmp_path, env, path):
    assert CliRunner().invoke(main, ["start", str(tmp_path / "mine")]).exit_code == 0
    lines = (tmp_path / "mine" / path).read_text().split("\n---\n")[0].splitlines()
    for number, line in enumerate(lines):
        if re.match(r"^[a-z_]+:", line):  # a field at the top level, shown or commented
            assert lines[number - 1].lstrip().startswith("#"), f"{path}: {line} has no comment"


def test_start_refuses_a_folder_that_is_not_empty(tmp_path, env):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine/notes.txt").write_text("mine")
    result = exhibition("start", "mine", env=env, cwd=tmp_path)
    assert result.returncode == 1
    assert (
        result.stderr
        == "Error: mine already exists and is not empty: choose a new folder's name.\n"
    )


def test_commands_work_on_the_current_folder(tmp_path, env, monkeypatch):
    runner = CliRunner()
    started = runner.invoke(main, ["start", str(tmp_path / "mine")])
    assert started.exit_code == 0, started.output
    monkeypatch.chdir(tmp_path / "mine")
    made = runner.invoke(main, ["new", "room", "sounds"])
    assert made.exit_code == 0, made.output
    assert (tmp_path / "mine/rooms/02-sounds/room.md").is_file()
    image = write_image(tmp_path / "still.png")
    made = runner.invoke(main, ["new", "exhibit", "first-room", "a-still", "--media", str(image)])
    assert made.exit_code == 0, made.output
    assert (tmp_path / "mine/rooms/01-first-room/02-a-still/still.png").is_file()
    assert not (tmp_path / "mine/instance").exists()  # the app's own folders stay out of it


def test_without_a_folder_here_commands_use_exhibition_content_dir(world, tmp_path, env):
    env = {**env, "EXHIBITION_CONTENT_DIR": str(world.root)}
    result = exhibition("check", env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Checked 2 rooms, 3 exhibits, 1 page" in result.stdout


@pytest.mark.parametrize(
    ("args", "extra", "said", "code"),
    [
        (
            ["check"],
            {"EXHIBITION_PREVIEW": "maybe"},
            "Error: EXHIBITION_PREVIEW='maybe' is not valid: use 1 or 0.",
            1,
        ),
        (["check", "missing"], {}, "Error: There is no folder missing: check its name", 1),
        (
            ["build", "."],
            {},
            "Error: . is not an exhibition folder, as it has no exhibition.yaml",
            1,
        ),
        (["check"], {}, "Error: There is no exhibition here: ", 1),
        (["preview", "--port", "80000"], {}, "Error: Invalid value for '--port'", 2),
    ],
    ids=["bad-setting", "missing-folder", "not-an-exhibition", "nothing-here", "bad-port"],
)
def test_errors_are_a_sentence_not_a_traceback(tmp_path, env, args, extra, said, code):
    if extra:
        (tmp_path / "exhibition.yaml").write_text("title: x\n")
    result = exhibition(*args, env={**env, **extra}, cwd=tmp_path)
    assert result.returncode == code  # 2: a command or option misused, as click says
    assert "Traceback" not in result.stderr
    assert said in result.stderr


def flask(*args: str, env: dict, cwd: Path) -> subprocess.CompletedProcess:
    """Run `flask --app exhibition` on EXHIBITION_CONTENT_DIR, in a process of its own."""
    command = [str(Path(sys.executable).parent / "flask"), "--app", "exhibition", *args]
    return subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    ("name", "value", "said"),
    [
        ("PREVIEW", "maybe", "Error: EXHIBITION_PREVIEW='maybe' is not valid: use 1 or 0."),
        ("CACHE_DIR", "shared", "can be written by other users (mode 777)"),
    ],
    ids=["unparsed", "unsafe-folder"],
)
def test_a_bad_setting_is_the_same_sentence_from_flask_and_exhibition(
    world, env, tmp_path, name, value, said
):
    if name == "CACHE_DIR":
        (tmp_path / value).mkdir(mode=0o777)
        (tmp_path / value).chmod(0o777)
        value = str(tmp_path / value)
    env = {**env, "EXHIBITION_CONTENT_DIR": str(world.root), f"EXHIBITION_{name}": value}
    by_flask = flask("check", env=env, cwd=tmp_path)
    by_exhibition = exhibition("check", str(world.root), env=env, cwd=tmp_path)
    assert by_flask.returncode == by_exhibition.returncode == 1
    assert by_flask.stderr.startswith("Error: ") and said in by_flask.stderr
    assert "Traceback" not in by_flask.stderr
    assert by_exhibition.stderr == by_flask.stderr


@pytest.mark.parametrize("args", [[], ["--strict"], ["--format", "json"]])
def test_exhibition_check_says_what_flask_check_says(world, env, tmp_path, args):
    exhibit = world.root / "rooms/01-art/01-first/exhibit.md"
    exhibit.write_text(exhibit.read_text().replace("2018", "soon"))  # an error
    exhibit = world.root / "rooms/01-art/02-second/exhibit.md"
    exhibit.write_text(exhibit.read_text().replace("ip_question: Who is the author?\n", ""))
    env = {**env, "EXHIBITION_CONTENT_DIR": str(world.root)}
    by_flask = flask("check", *args, env=env, cwd=tmp_path)
    by_exhibition = exhibition("check", *args, str(world.root), env=env, cwd=tmp_path)
    assert by_flask.returncode == by_exhibition.returncode == 1
    assert "'year' must be a year" in by_flask.stdout and "ip_question" in by_flask.stdout
    assert (by_exhibition.stdout, by_exhibition.stderr) == (by_flask.stdout, by_flask.stderr)


WEB_LIBRARIES = ("flask", "werkzeug", "jinja2", "flask_babel", "exhibition.web", "exhibition.app")


def loaded_by(*args: str, env: dict, named=(*WEB_LIBRARIES, "numpy")) -> str:
    """Run an `exhibition` command in a fresh Python; return which of the named modules
    (the web libraries and NumPy) it loaded, as a list printed."""
    script = (
        "import sys\nfrom exhibition.cli import main\n"
        f"main({list(args)!r}, prog_name='exhibition', standalone_mode=False)\n"
        f"named = {tuple(named)!r}\n"
        "print(sorted({n for n in named for m in sys.modules if m.split('.')[0] == n or m == n}))"
    )
    ran = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert ran.returncode == 0, ran.stderr
    return ran.stdout.splitlines()[-1]


def test_check_and_build_start_without_the_web_app(world, env):
    assert loaded_by("check", str(world.root), env=env) == "[]"
    assert "numpy" in loaded_by("build", str(world.root), env=env)  # each room drawn in 360°
    assert loaded_by("build", str(world.root), env=env) == "[]"  # nothing to draw: no NumPy
    assert "'flask'" in loaded_by("new", "room", "sounds", str(world.root), env=env)


def test_a_check_with_nothing_changed_loads_no_image_library_nor_the_loader(world, env):
    # The snapshot answers: nothing reads a file, opens an image or starts a process.
    named = ("PIL", "pillow_heif", "multiprocessing", "exhibition.loader", "markdown_it")
    assert loaded_by("check", str(world.root), env=env, named=named) != "[]"  # the first reads
    assert loaded_by("check", str(world.root), env=env, named=named) == "[]"


def start_preview(*args: str, env: dict, cwd: Path) -> tuple[subprocess.Popen, str]:
    """Start `exhibition preview` and return it with the address it printed."""
    process = subprocess.Popen(
        [sys.executable, "-m", "exhibition", "preview", *args],
        env=env,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    for line in process.stdout:
        if found := ADDRESS.search(line):
            return process, found[1]
    process.kill()
    raise AssertionError(f"preview printed no address and exited with {process.wait()}")


def test_preview_serves_drafts_on_the_address_it_prints(world, env):
    exhibit = world.root / "rooms/01-art/01-first/exhibit.md"
    exhibit.write_text(exhibit.read_text().replace("year: 2018", "draft: true\nyear: 2018"))
    process, url = start_preview("--port", "0", env=env, cwd=world.root)
    try:
        with urllib.request.urlopen(url + "rooms/art/first/", timeout=30) as response:
            assert response.status == 200
            assert b"Draft" in response.read()
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
    with process.stdout:
        assert "Stopped." in process.stdout.read()


def test_preview_says_when_its_port_is_in_use(world, env):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = exhibition("preview", "--port", str(port), str(world.root), env=env)
    assert result.returncode == 1
    assert result.stderr == (
        f"Error: Port {port} is in use by another program (perhaps another preview): stop it, "
        f"or choose another port, as in `exhibition preview --port {port + 1}`.\n"
    )


def test_the_installed_command_is_the_same(env):
    script = Path(sys.executable).parent / "exhibition"
    assert script.exists(), "the exhibition command is not installed: run make"
    result = subprocess.run([script, "--help"], env=env, capture_output=True, text=True)
    assert result.returncode == 0
    verbs = ("start", "preview", "check", "new", "build", "freeze", "verify", "export", "answers")
    for verb in (*verbs, "assets"):
        assert re.search(rf"^  {verb} +[A-Z]\w+ ", result.stdout, re.MULTILINE), verb  # its help


def test_a_curator_in_their_folder_gets_the_projects_folders_not_their_own(
    world, monkeypatch, tmp_path
):
    for name in ("CACHE_DIR", "ARCHIVE_DIR", "PAGE_CACHE_DIR", "CONTENT_DIR"):
        monkeypatch.delenv(f"EXHIBITION_{name}", raising=False)
    project = tmp_path / "project"
    monkeypatch.setattr(options, "PROJECT_ROOT", project)
    monkeypatch.chdir(world.root)  # as after `cd my-exhibition`
    app = options.Folder(world.root).app(PREVIEW=True)
    read = options.Folder(world.root).settings()  # what `check` and `build` are handed
    for name in ("CACHE_DIR", "ARCHIVE_DIR"):
        assert Path(app.config[name]).is_relative_to(project / "instance"), name
        assert read[name] == app.config[name], name
    assert read["CONTENT_DIR"] == app.config["CONTENT_DIR"] == str(world.root)
    assert not (world.root / "instance").exists()


def test_check_reads_the_content_once_and_opens_no_answers_database(world, env, monkeypatch):
    from exhibition import store

    loads = []
    real = store.load
    monkeypatch.setattr(store, "load", lambda *a, **k: loads.append(k["drafts"]) or real(*a, **k))
    checked = CliRunner().invoke(main, ["check", str(world.root)])
    assert checked.exit_code == 0, checked.output
    assert loads == [True]  # the drafts' load `check` reports; the site's own is never made


def test_a_command_imports_no_database_library_until_answers_are_read(world, env):
    probe = (
        "import sys; from pathlib import Path; from exhibition.commands import options; "
        f"app = options.Folder(Path({str(world.root)!r})).app(); "
        "print('sqlalchemy' in sys.modules)"
    )
    ran = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True)
    assert ran.stdout.split() == ["False"], ran.stderr
