import pytest
from flask import request
from werkzeug.exceptions import HTTPException, NotFound

from exhibition import create_app
from exhibition.web.paging import Paging, asked, page_of, query_page_of
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


def test_a_listing_of_a_query_string_numbers_its_pages_in_it_not_followed(app):
    with app.test_request_context("/browse/?room=art&kind=image&page=2"):
        paging = query_page_of("search.browse", 3, room="art", kind="image")
        assert paging.number == 2 and not paging.follow
        assert [paging.url(n) for n in (1, 3)] == [
            "/browse/?room=art&kind=image",
            "/browse/?room=art&kind=image&page=3",
        ]


@pytest.mark.parametrize(
    ("query", "number"), [("", 1), ("?page=1", 1), ("?page=12", 12), ("?page=2&page=x", 2)]
)
def test_a_query_string_asks_for_a_page_by_its_number(app, query, number):
    with app.test_request_context(f"/browse/{query}"):
        assert asked(request.args) == number


@pytest.mark.parametrize("page", ["", "0", "-2", "+2", "02", "2.0", "x", "٢", "1" * 10])
def test_anything_else_asked_for_as_a_page_is_not_found(app, page):
    with app.test_request_context("/browse/", query_string={"room": "art", "page": page}):
        with pytest.raises(NotFound):
            query_page_of("search.browse", 3, room="art")


def test_page_one_of_a_query_string_is_the_address_without_it(app):
    with app.test_request_context("/browse/?room=art&page=1"), pytest.raises(HTTPException) as sent:
        query_page_of("search.browse", 3, room="art")
    assert sent.value.response.status_code == 301
    assert sent.value.response.location == "/browse/?room=art"
