import subprocess
import sys
from pathlib import Path

import pytest
from flask import Flask
from flask.cli import find_best_app

import exhibition
from exhibition import app

PACKAGE = Path(exhibition.__file__).parent
# The web app and the commands: everything else is the core, which loads no Flask.
WEB = {"web", "commands", "app.py", "cli.py", "__main__.py"}


def core_modules() -> list[str]:
    """Return the dotted name of every module of the core."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if parts[0] in WEB or "__pycache__" in parts:
            continue
        name = ".".join(("exhibition", *parts)).removesuffix(".py").removesuffix(".__init__")
        found.append(name)
    return found


def loaded_after(imports: str, names: tuple[str, ...]) -> str:
    """Return which of the named modules a fresh Python has loaded after the imports given."""
    script = f"import sys\n{imports}\nprint(sorted(m for m in {names!r} if m in sys.modules))\n"
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=PACKAGE.parent, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_core_imports_without_flask():
    modules = core_modules()
    assert "exhibition.loader" in modules and "exhibition.archive.render" in modules
    imports = f"import importlib\nfor name in {modules!r}:\n    importlib.import_module(name)"
    assert loaded_after(imports, ("flask", "werkzeug", "jinja2", "click")) == "[]"


def test_the_site_and_its_commands_start_without_numpy():
    # NumPy draws rooms in 360° (`build`): every other command and worker starts without it.
    imports = (
        "import exhibition.app, exhibition.web, exhibition.cli\n"
        "from exhibition import commands\n"
        "for where in commands.APP_COMMANDS.values():\n"
        "    commands.load(where)\n"
        "import exhibition.media.roompanoramas"
    )
    assert loaded_after(imports, ("numpy",)) == "[]"


def test_the_package_gives_create_app_as_flask_and_gunicorn_ask_for_it(world, monkeypatch):
    assert exhibition.create_app is app.create_app
    monkeypatch.setenv("EXHIBITION_CONTENT_DIR", str(world.root))
    monkeypatch.setenv("EXHIBITION_BASE_URL", "https://museum.example")
    assert isinstance(find_best_app(exhibition), Flask)  # as `flask --app exhibition` finds it


def test_the_package_has_no_other_names_made_up():
    with pytest.raises(AttributeError, match="app_that_is_not"):
        getattr(exhibition, "app_that_is_not")  # noqa: B009
