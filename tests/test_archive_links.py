import json

import pytest

from exhibition.archive import links

SITE = links.Site("https://museum.example", {"/missing/x/": "404.html"})


@pytest.mark.parametrize(
    "path, file",
    [
        ("/", "index.html"),
        ("/rooms/art/", "rooms/art/index.html"),
        ("/static/exhibition.css", "static/exhibition.css"),
        ("/media/rooms/01-art/my%20work.png", "media/rooms/01-art/my work.png"),
    ],
)
def test_file_of_and_url_of_mirror_each_other(path, file):
    assert links.file_of(path) == file
    assert links.url_of(file) == path


@pytest.mark.parametrize(
    "source, target, fragment, link",
    [
        ("index.html", "rooms/art/index.html", "", "rooms/art/index.html"),
        ("rooms/art/a/index.html", "index.html", "rooms", "../../../index.html#rooms"),
        ("rooms/art/a/index.html", "rooms/art/b/index.html", "", "../b/index.html"),
        ("rooms/art/a/index.html", "media/a b.png", "", "../../../media/a%20b.png"),
    ],
)
def test_relative_links_lead_back_to_their_file(source, target, fragment, link):
    assert links.relative(source, target, fragment) == link
    assert links.resolve(source, link) == target


@pytest.mark.parametrize("link", ["../../x.html", "/index.html", "https://e.org/", "//e.org/a"])
def test_a_link_out_of_the_edition_resolves_to_nothing(link):
    assert links.resolve("rooms/index.html", link) is None


def rewrite(html: str, page: str = "/rooms/art/a/", ended: str = "") -> links.Rewritten:
    return links.rewrite_html(SITE, page, html.encode(), ended=ended)


@pytest.mark.parametrize(
    "before, after",
    [
        ('<a href="/rooms/art/b/">b</a>', '<a href="../b/index.html">b</a>'),
        ('<a href="/#rooms">r</a>', '<a href="../../../index.html#rooms">r</a>'),
        ("<a href='/about/'>a</a>", '<a href="../../../about/index.html">a</a>'),
        ('<img src="/media/x.png?v=12ab">', '<img src="../../../media/x.png">'),
        (
            '<img srcset="/d/a-320.jpg 320w, /d/a-640.jpg 640w">',
            '<img srcset="../../../d/a-320.jpg 320w, ../../../d/a-640.jpg 640w">',
        ),
        ('<video poster="/d/p.jpg"></video>', '<video poster="../../../d/p.jpg"></video>'),
        (
            '<a data-zoom="/d/a.dzi" href="/d/a.jpg">',
            '<a data-zoom="../../../d/a.dzi" href="../../../d/a.jpg">',
        ),
        (
            '<link rel="canonical" href="https://museum.example/rooms/art/a/">',
            '<link rel="canonical" href="index.html">',
        ),
        (
            '<meta property="og:image" content="https://museum.example/media/x.png">',
            '<meta property="og:image" content="../../../media/x.png">',
        ),
        ('<meta name="description" content="/not/a/link">', None),
        ('<a href="https://elsewhere.example/rooms/">e</a>', None),
        ('<a href="mailto:curator@museum.example">m</a>', None),
        ('<a data-live href="https://museum.example/archive/">all</a>', None),
        ('<a href="/a?b=1&amp;c=2">q</a>', '<a href="../../../a">q</a>'),
    ],
)
def test_site_urls_in_a_page_become_relative(before, after):
    assert rewrite(before).body.decode() == (after or before)


def test_the_error_page_links_to_itself_as_404_html():
    done = rewrite('<link rel="canonical" href="https://museum.example/missing/x/">', "/missing/x/")
    assert done.body.decode() == '<link rel="canonical" href="404.html">'


def test_rewriting_notes_every_file_a_page_uses():
    done = rewrite('<a href="/rooms/art/b/">b</a><img src="/media/x.png" srcset="/d/y.jpg 1w">')
    assert done.targets == {
        "/rooms/art/b/": "rooms/art/b/index.html",
        "/media/x.png": "media/x.png",
        "/d/y.jpg": "d/y.jpg",
    }
    assert done.links == ["../b/index.html", "../../../media/x.png", "../../../d/y.jpg"]


def test_the_rest_of_a_page_keeps_its_bytes():
    page = '<!doctype html>\n<p class="x">Café &amp; <b>bold</b></p>\n<a  href = "/" >home</a>\n'
    assert rewrite(page, "/").body.decode() == page.replace('"/"', '"index.html"')


def test_jsonld_urls_become_relative_and_the_event_ends():
    data = {
        "@type": "ExhibitionEvent",
        "url": "https://museum.example/",
        "eventStatus": "https://schema.org/EventScheduled",
        "workFeatured": [{"url": "https://museum.example/rooms/art/a/", "name": "A <b>"}],
        "sameAs": "https://elsewhere.example/",
    }
    page = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    done = rewrite(page, "/", ended="This exhibition ended.")
    text = done.body.decode()
    found = json.loads(text.split(">", 1)[1].rsplit("<", 1)[0])
    assert found["url"] == "index.html"
    assert found["workFeatured"][0]["url"] == "rooms/art/a/index.html"
    assert found["sameAs"] == "https://elsewhere.example/"
    assert found["disambiguatingDescription"] == "This exhibition ended."
    assert found["eventStatus"] == "https://schema.org/EventScheduled"
    assert "<b>" not in text  # still safe inside a script element


def test_style_sheets_keep_relative_urls_and_lose_absolute_ones():
    css = b'@font-face{src:url("fonts/a.woff2")} .x{background:url(/static/b.png)} '
    css += b'@import "/static/c.css";'
    done = links.rewrite_css(SITE, "/static/exhibition.css", css)
    assert done.body == (
        b'@font-face{src:url("fonts/a.woff2")} .x{background:url(b.png)} @import "c.css";'
    )
    assert set(done.targets) == {"/static/fonts/a.woff2", "/static/b.png", "/static/c.css"}


@pytest.mark.parametrize(
    "file, kind",
    [
        ("index.html", "text/html; charset=utf-8"),
        ("media/a.vtt", "text/vtt; charset=utf-8"),
        ("derivatives/a-320.avif", "image/avif"),
        ("derivatives/a.dzi", "application/xml"),
        ("media/a.mp3", "audio/mpeg"),
        ("static/zoom.abc123.js", "text/javascript; charset=utf-8"),
        ("sitemap.xml", "application/xml"),
    ],
)
def test_media_types_come_from_file_names(file, kind):
    assert links.media_type(file) == kind


@pytest.mark.parametrize(
    "file",
    [
        "media/rooms/01-art/01-first/clip.html",  # a page only where the site puts pages
        "media/rooms/01-art/01-first/clip.js",
        "media/rooms/01-art/01-first/clip.svg",
        "derivatives/a.html",
        "derivatives/a.vtt",
        "about/index.php",
        "rooms/art/first/clip.xhtml",
        "README",
    ],
)
def test_kinds_an_edition_never_holds_have_no_media_type(file):
    assert links.media_type(file) is None


def test_a_decoded_path_is_not_decoded_again():
    # The router has decoded %252e to %2e already; a second decoding would make it ".".
    assert links.file_at("/rooms/%2e%2e/") == "rooms/%2e%2e/index.html"
    assert links.file_of("/rooms/%252e%252e/") == "rooms/%2e%2e/index.html"
