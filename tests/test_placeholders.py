from pathlib import Path

import pytest

from exhibition.web.placeholders import MARKER, placeholder_class, placeholder_css

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("colour", "name"),
    [
        ("#000000", "ph-000"),
        ("#ffffff", "ph-555"),
        ("#b29d82", "ph-333"),
        ("#1a80e6", "ph-135"),
        ("", ""),
        ("red", ""),
    ],
)
def test_colours_round_to_the_nearest_class(colour, name):
    assert placeholder_class(colour) == name


def test_the_style_sheet_defines_every_class():
    css = (ROOT / "static/media.css").read_text()
    assert css.split(MARKER, 1)[1] == placeholder_css().split(MARKER, 1)[1], (
        "static/media.css is out of date: python -c 'from pathlib import Path; "
        'from exhibition.web.placeholders import write_css; write_css(Path("static/media.css"))\''
    )
    assert ".ph-432{background-color:#cc9966}" in css
    assert css.count("{background-color:#") == 216
