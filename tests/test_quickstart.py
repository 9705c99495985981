"""The quick start of docs/curators.md, run as written: each command, in order, in a shell."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import urllib.request
import wave
from pathlib import Path

from tests.support import DEMO, ROOT
from tests.support.world import write_image

ADDRESS = re.compile(r"Previewing .* at (http://127\.0\.0\.1:\d+/)")
FILLED = {
    "year": "2024",
    "role": "tool",
    "source_type": "digitalCreation",
    "alt": "A crimson rectangle that stands in for a portrait",
    "licence": "CC-BY-4.0",
}


def quick_start() -> list[list[str]]:
    """Return the quick start's `sh` blocks, each a list of command lines."""
    text = (ROOT / "docs/curators.md").read_text()
    section = text.split("## Quick start\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"^```sh\n(.*?)^```", section, re.DOTALL | re.MULTILINE)
    return [block.splitlines() for block in blocks]


class Shell:
    """A terminal: commands run one at a time in bash, keeping the folder and the variables."""

    def __init__(self, cwd: Path, env: dict, state: Path):
        self.cwd, self.env, self.state = cwd, env, state

    def run(self, line: str) -> subprocess.CompletedProcess:
        """Run a command line; keep the folder it ends in and what it exported."""
        script = f'{line}\nstatus=$?\npwd > "{self.state}.cwd"\nenv -0 > "{self.state}.env"\n'
        result = subprocess.run(
            ["bash", "-c", script + "exit $status"],
            cwd=self.cwd,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        self.cwd = Path(Path(f"{self.state}.cwd").read_text().strip())
        pairs = Path(f"{self.state}.env").read_text().split("\0")
        self.env = dict(pair.split("=", 1) for pair in pairs if "=" in pair)
        return result


def downloads(home: Path) -> None:
    """Put a picture, a sound and a film, with transcript, captions and poster, in Downloads."""
    folder = home / "Downloads"
    write_image(folder / "portrait.jpg", color="crimson")
    write_image(folder / "poster.jpg", color="navy")
    with wave.open(str(folder / "song.wav"), "wb") as song:
        song.setnchannels(1)
        song.setsampwidth(2)
        song.setframerate(8000)
        song.writeframes(b"\0\0" * 8000)  # a second of silence
    (folder / "song.txt").write_text("A second of silence.\n")
    shutil.copy(DEMO / "rooms/03-entertainment/01-sunspring/clip.webm", folder / "clip.webm")
    shutil.copy(DEMO / "rooms/03-entertainment/01-sunspring/clip.vtt", folder / "clip.vtt")


def fill_in(path: Path) -> None:
    """Write a value after each empty field, and text for each `To do:` line, as step 5 asks."""
    lines = path.read_text().splitlines()
    for number, line in enumerate(lines):
        field = re.fullmatch(r"(\s*(?:- )?)([a-z_]+):\s*", line)
        following = next((x for x in lines[number + 1 :] if not x.lstrip().startswith("#")), "")
        if field and not indent(following) > indent(line):
            value = FILLED.get(field[2], f"The {field[2]}, as the quick start says")
            lines[number] = f"{line.rstrip()} {value}"
    lines = [
        "The text, written as the quick start says." if line.startswith("To do:") else line
        for line in lines
    ]
    path.write_text("\n".join(lines) + "\n")


def indent(line: str) -> int:
    """Return how far a YAML line is indented, a list item's dash counted."""
    return len(re.match(r"\s*(?:- )?", line)[0])


def test_the_quick_start_runs_as_written(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    venv = str(Path(sys.executable).parent)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("EXHIBITION_")},
        "HOME": str(home),
        "PATH": os.pathsep.join(p for p in os.environ["PATH"].split(os.pathsep) if p != venv),
        "EXHIBITION_CACHE_DIR": str(tmp_path / "cache"),
        "EXHIBITION_ARCHIVE_DIR": str(tmp_path / "archive"),
        "BROWSER": "true",  # --open opens this 'browser', which does nothing
        "PORT": "0",  # any free port: the machine may serve 8000 already
    }
    env.pop("VIRTUAL_ENV", None)
    shell = Shell(ROOT, env, tmp_path / "state")
    install, start, add, check, preview = quick_start()

    # 1-2. In the project's folder; `make` is what the run of these tests did first.
    assert install == ["make", ". .venv/bin/activate"]
    assert shutil.which("exhibition", path=env["PATH"]) is None
    assert shell.run(install[1]).returncode == 0
    assert shutil.which("exhibition", path=shell.env["PATH"]), "activate gave no exhibition"

    # 3. A new exhibition that checks clean.
    for line in start:
        result = shell.run(line)
        assert result.returncode == 0, f"{line}: {result.stderr}"
    exhibition = home / "my-exhibition"
    assert shell.cwd == exhibition
    assert "Checked 1 room, 1 exhibit, 1 page: 0 errors and 0 warnings." in result.stdout

    # 4. A room, and a picture, a sound and a film, each in an exhibit of its own.
    downloads(home)
    for line in add:
        result = shell.run(line)
        assert result.returncode == 0, f"{line}: {result.stderr}"
    made = {
        path.relative_to(exhibition / "rooms").as_posix()
        for path in exhibition.glob("rooms/**/*.*")
    }
    assert {"02-sounds/room.md", "01-first-room/02-a-portrait/portrait.jpg"} <= made
    assert {"02-sounds/01-a-song/song.wav", "02-sounds/01-a-song/song.txt"} <= made
    assert {f"02-sounds/02-a-film/{n}" for n in ("clip.webm", "clip.vtt", "poster.jpg")} <= made

    # 5. `check` lists what is left to fill in; filled in, it passes.
    result = shell.run(check[0])
    assert result.returncode == 1
    for path in [*exhibition.glob("rooms/02-*/room.md"), *exhibition.glob("rooms/*/*/exhibit.md")]:
        fill_in(path)
    result = shell.run(check[0])
    assert result.returncode == 0, result.stdout
    assert ": 0 errors and " in result.stderr

    # 6. The preview answers on the address it prints, drafts included.
    assert preview == ["exhibition preview --open"]
    server = subprocess.Popen(
        ["bash", "-c", f"exec {preview[0]}"],
        cwd=shell.cwd,
        env=shell.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        url = next((found[1] for line in server.stdout if (found := ADDRESS.search(line))), None)
        assert url, "the preview printed no address"
        for page in ("", "rooms/first-room/a-portrait/"):
            with urllib.request.urlopen(url + page, timeout=30) as response:
                assert response.status == 200
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
        server.stdout.close()
