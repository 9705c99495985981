import pytest

from exhibition import markup


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"),
        ("[x](javascript:alert(1))", "<p>[x](javascript:alert(1))</p>\n"),
        ('"quoted" -- text', "<p>“quoted” – text</p>\n"),
        ("*em*", "<p><em>em</em></p>\n"),
    ],
)
def test_render_keeps_markup_out(text, html):
    assert markup.render(text) == html


def test_plain_text_and_summary():
    assert markup.plain_text("<p>A &amp; <em>B</em></p>") == "A & B"
    assert markup.summarise("one two three four", 10) == "one two…"
