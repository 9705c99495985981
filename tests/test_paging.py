import pytest
from werkzeug.exceptions import NotFound

from exhibition import create_app
from exhibition.web.paging import Paging, page_of
from tests.support.world import in_three_languages


def test_many_pages_give_a_short_row_of_links_with_gaps():
    paging = Paging("browse.tag", "browse.tag_page", 105, 50, {"tag": "generated"})
    assert paging.numbers() == [1, None, 48, 49, 50, 51, 52, None, 105]
    assert Paging("browse.tag", "browse.tag_page", 4, 1).numbers() == [1, 2, 3, 4]


def test_page_one_is_the_listing_s_own_address_and_later_pages_have_theirs(world, tmp_path):
    in_three_languages(world)
    app = create_app({"CONTENT_DIR": str(world.root), "CACHE_DIR": str(tmp_path / "cache")})
    with app.test_request_context("/fr/tags/style/"):
        app.preprocess_request()
        paging = Paging("browse.tag", "browse.tag_page", 3, 2, {"tag": "style"})
        assert [paging.url(n) for n in (1, 2)] == ["/fr/tags/style/", "/fr/tags/style/page/2/"]


@pytest.mark.parametrize("number", [0, 4])
def test_a_page_past_the_listing_is_not_found(app, number):
    with app.test_request_context("/"), pytest.raises(NotFound):
        page_of("gallery.room", "gallery.room_page", 3, number, room="art")
