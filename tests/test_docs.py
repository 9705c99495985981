import re
from pathlib import Path

from exhibition import settings

ROOT = Path(__file__).resolve().parent.parent


def test_every_setting_is_documented():
    text = (ROOT / "docs/operators.md").read_text()
    missing = [s.variable for s in settings.SETTINGS if f"`{s.variable}`" not in text]
    assert missing == []


def test_readme_opens_with_the_two_commands():
    head = (ROOT / "README.md").read_text().splitlines()[:10]
    assert any(line.startswith("make run") for line in head)
    assert any(line.startswith("make test") for line in head)


def layout_rows() -> list[tuple[list[str], str]]:
    """Return each row of the developers' module table: the paths it names, and its text."""
    text = (ROOT / "docs/development.md").read_text()
    table = text[text.index("| module | what it does |") : text.index("## Tests")]
    rows = []
    for line in table.splitlines()[2:]:
        if line.startswith("| `"):
            first, rest = line.split(" | ", 1)
            rows.append((re.findall(r"`([^`]+)`", first), rest))
    return rows


def named_in_layout() -> set[str]:
    """Return the modules the table names: full paths, names beside them, a folder's modules."""
    named = set()
    for names, text in layout_rows():
        folder = ""
        for name in names:
            if name.startswith("exhibition/"):
                folder = name if name.endswith("/") else name.rpartition("/")[0] + "/"
            path = name if name.startswith("exhibition/") else folder + name
            if path.endswith("/"):  # a folder: its modules are named in the text
                named |= {
                    f"{path}{word.removesuffix('.py')}.py"
                    for word in re.findall(r"`(\w+)(?:\.py)?`", text)
                }
            elif path.startswith("exhibition/"):
                named.add(path)
    return named


def test_every_module_of_the_package_has_its_line_in_the_developers_guide():
    modules = {
        str(path.relative_to(ROOT))
        for path in (ROOT / "exhibition").rglob("*.py")
        if path.name != "__init__.py" or path.parent.name == "exhibition"
    }
    assert sorted(modules - named_in_layout()) == []
