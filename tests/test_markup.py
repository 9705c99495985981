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


def test_headings_start_below_the_page_title():
    assert markup.render("# A\n\n## B") == "<h2>A</h2>\n<h3>B</h3>\n"
    assert markup.render("## A\n\n### B") == "<h2>A</h2>\n<h3>B</h3>\n"
    assert markup.render("# A", top=3) == "<h3>A</h3>\n"
    assert markup.render("# A\n\n###### B") == "<h2>A</h2>\n<h6>B</h6>\n"


def test_plain_text_and_summary():
    assert markup.plain_text("<p>A &amp; <em>B</em></p>") == "A & B"
    assert markup.summarise("one two three four", 10) == "one two…"
