import gzip
import os

import brotli
import pytest

from exhibition.web import compression


@pytest.mark.parametrize(
    ("header", "codings"),
    [
        ("gzip, deflate, br", ("br", "gzip")),
        ("gzip", ("gzip",)),
        ("br;q=0.5, gzip", ("gzip", "br")),
        ("br;q=0, gzip;q=0", ()),
        ("*", ("br", "gzip")),
        ("*;q=0, gzip", ("gzip",)),
        ("identity", ()),
        ("GZIP;Q=0.8", ("gzip",)),
        ("gzip;q=nonsense, br", ("br",)),
    ],
)
def test_preferences_follow_the_browsers_q_values(header, codings):
    assert compression.preferences(header) == codings


@pytest.mark.parametrize(
    ("header", "available", "chosen"),
    [
        ("gzip, br", {"": b"", "br": b"", "gzip": b""}, "br"),
        ("gzip, br", {"": b"", "gzip": b""}, "gzip"),
        ("", {"": b"", "gzip": b""}, ""),
        ("deflate", {"": b"", "gzip": b""}, ""),
    ],
)
def test_choose_picks_the_best_coding_both_sides_have(header, available, chosen):
    assert compression.choose(header, available) == chosen


def test_compressed_copies_unpack_to_the_body():
    body = b"<p>An exhibit label, long enough to be worth compressing.</p>\n" * 40
    made = compression.compress(body)
    assert gzip.decompress(made["gzip"]) == body
    assert brotli.decompress(made["br"]) == body


def test_a_coding_that_does_not_shrink_the_body_is_not_made():
    assert compression.compress(os.urandom(2048)) == {}


@pytest.mark.parametrize(
    ("mimetype", "size", "worth"),
    [
        ("text/html; charset=utf-8", 4000, True),
        ("text/css", 4000, True),
        ("image/svg+xml", 4000, True),
        ("text/html", 100, False),
        ("image/avif", 40000, False),
        ("font/woff2", 40000, False),
        (None, 4000, False),
    ],
)
def test_only_text_of_some_size_is_compressed(mimetype, size, worth):
    assert compression.compressible(mimetype, size) is worth
