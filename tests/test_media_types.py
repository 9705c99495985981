import pytest

from exhibition import model
from exhibition.archive import links
from exhibition.media import copies, types
from exhibition.web import assets, files


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("work.JPG", "image/jpeg"),
        ("clip.vtt", "text/vtt; charset=utf-8"),
        ("page.html", "text/html; charset=utf-8"),
        ("tool.exe", None),
    ],
)
def test_a_file_is_sent_as_the_table_says(name, kind):
    assert types.media_type(name) == kind


def test_a_route_narrows_the_table_to_what_it_serves():
    assert types.media_type("page.html", types.CONTENT) is None
    assert types.media_type("work.avif", types.DERIVATIVES) == "image/avif"


def test_every_part_of_the_site_reads_the_one_table():
    assert model.IMAGE_EXTENSIONS == frozenset(types.IMAGES)
    assert set(copies.MIME_TYPES.values()) <= set(types.IMAGES.values())
    assert files.content_type("rooms/a/b/song.opus") == types.AUDIO[".opus"]
    assert assets.content_type("exhibition.css") == types.SITE[".css"]
    assert links.media_type("media/a.png") == types.IMAGES[".png"]
