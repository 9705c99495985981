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
