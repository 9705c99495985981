import datetime as dt
import gzip
import logging

import brotli
import pytest
import redis

from exhibition import create_app
from exhibition.archive.stamp import STAMP, Stamp
from exhibition.settings import SettingError
from exhibition.web.cache import CachedPage
from exhibition.web.compression import CODINGS, not_modified
from tests.support.world import EXHIBIT_MD, LABEL

BROWSER = {"Accept-Encoding": "gzip, deflate, br"}
PAGES = ["/", "/rooms/art/", "/rooms/art/first/", "/about/", "/sitemap.xml", "/robots.txt"]


def make_app(world, tmp_path, **settings):
    config = {"TESTING": True, "CONTENT_DIR": str(world.root), "CACHE_DIR": str(tmp_path / "c")}
    return create_app({**config, **settings})


@pytest.fixture
def counted(app):
    """Return a list that grows by one each time Flask dispatches a request."""
    calls = []
    app.before_request(lambda: calls.append(1) and None)
    return calls


@pytest.mark.parametrize("path", PAGES)
def test_a_page_is_rendered_once_then_served_from_the_cache(client, counted, path):
    first = client.get(path)
    second = client.get(path)
    assert (first.status_code, second.status_code) == (200, 200)
    assert (first.headers["X-Cache"], second.headers["X-Cache"]) == ("MISS", "HIT")
    assert second.data == first.data
    assert second.headers["ETag"] == first.headers["ETag"]
    assert len(counted) == 1  # the hit never reached Flask


def test_a_hit_keeps_the_headers_hooks_added(app, client):
    @app.after_request
    def museum_header(response):
        response.headers["X-Museum"] = "yes"
        return response

    client.get("/")
    assert client.get("/").headers["X-Museum"] == "yes"


@pytest.mark.parametrize(
    ("accept", "coding", "unpack"),
    [
        ("gzip, deflate, br", "br", brotli.decompress),
        ("gzip", "gzip", gzip.decompress),
        ("", None, lambda data: data),
        ("br;q=0, gzip;q=0", None, lambda data: data),
    ],
)
def test_pages_come_in_the_coding_the_browser_prefers(client, accept, coding, unpack):
    plain = client.get("/rooms/art/first/").data
    for _ in range(2):  # the miss and the hit
        response = client.get("/rooms/art/first/", headers={"Accept-Encoding": accept})
        assert response.headers.get("Content-Encoding") == coding
        assert response.headers["Vary"] == "Accept-Encoding"
        assert unpack(response.data) == plain


def test_a_stored_page_keeps_its_compressed_bodies_and_unpacks_the_rendered_one(world, tmp_path):
    rendered = b"<p>" + b"a room of works " * 200 + b"</p>"
    page = CachedPage.of(rendered, "text/html; charset=utf-8")
    assert set(page.bodies) == set(CODINGS) and page.codings == (*CODINGS, "")
    assert page.body("") == rendered and page.etag("") == CachedPage.of(rendered, "text/html").etag(
        ""
    )
    tiny = CachedPage.of(b"<p>hi</p>", "text/html")  # nothing to gain: kept as rendered
    assert tiny.bodies == {"": b"<p>hi</p>"} and tiny.codings == ("",)
    uncached = make_app(world, tmp_path / "a", CACHE_TYPE=None).test_client()
    cached = make_app(world, tmp_path / "b").test_client()
    for path in PAGES:
        plain = uncached.get(path).data
        assert [cached.get(path).data for _ in range(2)] == [plain, plain]  # the miss, the hit


def test_each_coding_has_its_own_strong_etag(client):
    tags = {
        client.get("/", headers={"Accept-Encoding": a}).headers["ETag"] for a in ("br", "gzip", "")
    }
    assert len(tags) == 3
    assert not any(tag.startswith("W/") for tag in tags)


@pytest.mark.parametrize("cached", [False, True])
def test_a_matching_etag_gets_304_without_a_body(client, cached):
    etag = client.get("/rooms/art/", headers=BROWSER).headers["ETag"]
    if not cached:
        client.application.extensions["page_cache"].backend.clear()
    response = client.get("/rooms/art/", headers={**BROWSER, "If-None-Match": etag})
    assert response.status_code == 304
    assert response.data == b""
    assert response.headers["ETag"] == etag
    assert response.headers["Cache-Control"].startswith("public, max-age=")


def test_an_etag_of_another_coding_gets_the_page(client):
    gzip_etag = client.get("/", headers={"Accept-Encoding": "gzip"}).headers["ETag"]
    response = client.get("/", headers={"Accept-Encoding": "br", "If-None-Match": gzip_etag})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("header", "etag", "match"),
    [
        ('"abc"', '"abc"', True),
        ('W/"abc"', '"abc"', True),
        ('"x", "abc"', '"abc"', True),
        ("*", '"abc"', True),
        ('"abc-br"', '"abc"', False),
        ("", '"abc"', False),
    ],
)
def test_if_none_match_uses_weak_comparison(header, etag, match):
    assert not_modified(header, etag) is match


def test_html_may_be_reused_briefly_and_shown_stale_while_revalidating(world, tmp_path):
    app = make_app(world, tmp_path, PAGE_MAX_AGE=30, PAGE_STALE_SECONDS=600)
    response = app.test_client().get("/")
    assert response.headers["Cache-Control"] == "public, max-age=30, stale-while-revalidate=600"


def test_a_head_request_fills_the_cache_for_gets(client):
    head = client.head("/rooms/art/first/", headers=BROWSER)
    assert head.data == b"" and head.headers["X-Cache"] == "MISS"
    get = client.get("/rooms/art/first/", headers=BROWSER)
    assert get.headers["X-Cache"] == "HIT"
    assert int(head.headers["Content-Length"]) == len(get.data)


@pytest.mark.parametrize("path", ["/no/such/page", "/rooms/nowhere/", "/rooms/art/nothing/"])
def test_errors_are_never_cached(client, path):
    for _ in range(2):
        response = client.get(path, headers=BROWSER)
        assert response.status_code == 404
        assert "X-Cache" not in response.headers
    assert response.headers["Content-Encoding"] == "br"  # but still compressed


def test_a_query_string_no_page_reads_gets_the_page_without_it(client, counted):
    states = [client.get(path).headers["X-Cache"] for path in ("/?a=1", "/?a=2", "/", "/?")]
    assert states == ["MISS", "HIT", "HIT", "HIT"]
    assert len(counted) == 1


@pytest.mark.parametrize("kind", ["SimpleCache", "FileSystemCache"])
def test_a_flood_of_junk_query_strings_leaves_the_lobby_cached_and_the_cache_flat(
    world, tmp_path, kind
):
    app = make_app(world, tmp_path, CACHE_TYPE=kind, PAGE_CACHE_DIR=str(tmp_path / "pages"))
    client = app.test_client()
    for path in PAGES:
        client.get(path)
    backend = app.extensions["page_cache"].backend
    size = cache_size(backend)
    for n in range(10_000):
        assert client.get(f"/?q={n}").headers["X-Cache"] == "HIT"
    assert cache_size(backend) == size == len(PAGES)
    assert client.get("/").headers["X-Cache"] == "HIT"


def cache_size(backend) -> int:
    """Return how many pages a SimpleCache or FileSystemCache holds."""
    if hasattr(backend, "stats"):
        return backend.stats()["pages"]
    return backend._file_count


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ({"HTTP_HOST": "museum.example/about", "PATH_INFO": "/"}, {"PATH_INFO": "/about/"}),
        ({"SCRIPT_NAME": "/about", "PATH_INFO": "/"}, {"PATH_INFO": "/about/"}),
        ({"HTTP_HOST": "museum.example:80", "PATH_INFO": "80/"}, {"PATH_INFO": "8080/"}),
    ],
)
def test_no_two_addresses_share_a_key_however_their_parts_are_split(app, one, other):
    pages, store = app.extensions["page_cache"], app.extensions["exhibition"]
    base = {"wsgi.url_scheme": "http", "HTTP_HOST": "museum.example", "SCRIPT_NAME": ""}
    with app.app_context():
        keys = [pages.key({**base, **parts}, store.exhibition) for parts in (one, other)]
    assert keys[0] != keys[1]


def test_hosts_never_share_a_page_unless_the_base_url_is_set(world, tmp_path):
    client = make_app(world, tmp_path).test_client()
    one = client.get("/", base_url="http://one.example")
    two = client.get("/", base_url="http://two.example")
    assert two.headers["X-Cache"] == "MISS"
    assert b"http://two.example/" in two.data and b"http://one.example/" not in two.data
    fixed = make_app(world, tmp_path, BASE_URL="https://museum.example").test_client()
    fixed.get("/", base_url="https://museum.example")
    assert fixed.get("/", base_url="http://127.0.0.1:8000").headers["X-Cache"] == "HIT"
    assert fixed.get("/", base_url="http://two.example").status_code == 400  # not its host
    assert one.status_code == 200


def test_variants_such_as_a_language_never_share_a_page(app, client):
    app.extensions["page_cache"].variants.append(lambda environ: environ.get("HTTP_X_LANG", ""))
    states = [
        client.get("/", headers={"X-Lang": lang}).headers["X-Cache"] for lang in ("en", "fr", "en")
    ]
    assert states == ["MISS", "MISS", "HIT"]


def test_a_content_reload_makes_new_pages_at_once(app, client, world):
    assert b"First" in client.get("/rooms/art/first/").data
    world.write("rooms/01-art/01-first/exhibit.md", EXHIBIT_MD.format(title="Renamed", label=LABEL))
    app.extensions["exhibition"].reload_if_changed()
    response = client.get("/rooms/art/first/")
    assert response.headers["X-Cache"] == "MISS"
    assert b"Renamed" in response.data


def test_a_new_image_build_makes_new_pages(client, runner):
    before = client.get("/rooms/art/first/")
    assert b"/derivatives/" not in before.data
    assert runner.invoke(args=["build", "--jobs", "1"]).exit_code == 0
    after = client.get("/rooms/art/first/")
    assert after.headers["X-Cache"] == "MISS"
    assert b"/derivatives/" in after.data


@pytest.mark.parametrize("path", ["/healthz", "/static/exhibition.css", "/media/nothing.png"])
def test_files_and_probes_bypass_the_page_cache(client, path):
    for _ in range(2):
        with client.get(path) as response:
            assert "X-Cache" not in response.headers


def test_preview_never_caches_and_asks_browsers_to_revalidate(world, tmp_path):
    client = make_app(world, tmp_path, PREVIEW=True).test_client()
    for _ in range(2):
        response = client.get("/")
        assert response.headers["X-Cache"] == "BYPASS"
        assert response.headers["Cache-Control"] == "no-cache"
    assert client.get("/", headers={"If-None-Match": response.headers["ETag"]}).status_code == 304


def test_null_cache_renders_every_time(world, tmp_path):
    client = make_app(world, tmp_path, CACHE_TYPE="NullCache").test_client()
    assert [client.get("/").headers["X-Cache"] for _ in range(2)] == ["BYPASS", "BYPASS"]


def test_a_page_that_will_not_be_stored_is_compressed_only_as_asked(world, tmp_path):
    app = make_app(world, tmp_path, CACHE_TYPE="NullCache")
    pages = app.extensions["page_cache"]
    assert pages._codings({"HTTP_ACCEPT_ENCODING": "gzip"}, None) == ("gzip",)
    assert pages._codings({}, None) == ()
    response = app.test_client().get("/", headers=BROWSER)
    assert response.headers["Content-Encoding"] == "br"
    assert brotli.decompress(response.data).startswith(b"<!doctype html>")
    stored = make_app(world, tmp_path, CACHE_TYPE="SimpleCache").extensions["page_cache"]
    assert stored._codings({"HTTP_ACCEPT_ENCODING": "gzip"}, "page:key") == CODINGS


def test_without_compression_pages_go_as_rendered(world, tmp_path):
    client = make_app(world, tmp_path, COMPRESS=False).test_client()
    response = client.get("/", headers=BROWSER)
    assert "Content-Encoding" not in response.headers and "Vary" not in response.headers


def test_a_file_system_cache_is_shared_by_the_workers_of_a_host(world, tmp_path):
    folder = tmp_path / "pages"
    one, two = (
        make_app(world, tmp_path, CACHE_TYPE="FileSystemCache", PAGE_CACHE_DIR=str(folder))
        for _ in range(2)
    )
    assert one.test_client().get("/rooms/art/").headers["X-Cache"] == "MISS"
    assert two.test_client().get("/rooms/art/").headers["X-Cache"] == "HIT"
    assert any(folder.iterdir())


def test_an_unreachable_redis_serves_pages_uncached(world, tmp_path, caplog):
    # Nothing listens on port 9 of loopback: every connection is refused at once.
    app = make_app(world, tmp_path, CACHE_REDIS_URL="redis://127.0.0.1:9/0")
    app.extensions["content_sync"].stop()
    client = app.test_client()
    for _ in range(3):
        response = client.get("/rooms/art/first/")
        assert response.status_code == 200
        assert response.headers["X-Cache"] == "BYPASS"
    assert "the page cache failed" in caplog.text
    assert client.get("/readyz").json["page_cache"].endswith("pages are served uncached")


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"CACHE_TYPE": "RedisCache"}, "EXHIBITION_CACHE_TYPE=RedisCache needs"),
        ({"CACHE_TYPE": "memcached"}, "EXHIBITION_CACHE_TYPE='memcached' is not valid"),
        ({"CACHE_REDIS_URL": "localhost"}, "EXHIBITION_CACHE_REDIS_URL='localhost' is not valid"),
        ({"PAGE_MAX_AGE": "-1"}, "EXHIBITION_PAGE_MAX_AGE='-1' is not valid"),
    ],
)
def test_bad_cache_settings_stop_start_up_with_a_sentence(world, tmp_path, settings, message):
    with pytest.raises(SettingError) as raised:
        make_app(world, tmp_path, **settings)
    assert str(raised.value).startswith(message)


@pytest.mark.parametrize(
    ("value", "kind"),
    [("simple", "SimpleCache"), ("redis", "RedisCache"), (None, "NullCache")],
)
def test_cache_types_take_flask_cachings_names_or_short_ones(world, tmp_path, value, kind):
    app = make_app(world, tmp_path, CACHE_TYPE=value, CACHE_REDIS_URL="redis://127.0.0.1:9/0")
    assert app.config["CACHE_TYPE"] == kind
    app.extensions.get("content_sync") and app.extensions["content_sync"].stop()


def test_a_page_keeps_only_public_200_html():
    headers = [("Content-Type", "text/html; charset=utf-8")]
    page = CachedPage.of_response("200 OK", headers, b"<p>hi</p>", CODINGS)
    assert (page.content_type, page.bodies, page.headers) == (headers[0][1], {"": b"<p>hi</p>"}, ())
    assert CachedPage.of_response("404 NOT FOUND", headers, b"", CODINGS) is None
    assert CachedPage.of_response("200 OK", [*headers, ("Set-Cookie", "a=b")], b"", CODINGS) is None
    assert CachedPage.of_response("200 OK", [*headers, ("Vary", "Cookie")], b"", CODINGS) is None
    private = [*headers, ("Cache-Control", "private")]
    assert CachedPage.of_response("200 OK", private, b"", CODINGS) is None
    assert CachedPage.of_response("200 OK", [("Content-Type", "image/png")], b"", CODINGS) is None


def test_a_reload_empties_a_workers_own_cache_of_the_old_pages(app, client, world, caplog):
    backend = app.extensions["page_cache"].backend
    for path in PAGES:
        client.get(path)
    assert backend.stats()["pages"] == len(PAGES)
    world.write("rooms/01-art/01-first/exhibit.md", EXHIBIT_MD.format(title="Renamed", label=LABEL))
    app.extensions["exhibition"].reload_if_changed()
    caplog.set_level(logging.INFO, logger="exhibition.web.pagestore")
    assert client.get("/about/").headers["X-Cache"] == "MISS"
    assert backend.stats()["pages"] == 1  # the old content's pages are gone, not kept to the limit
    assert (
        f"page cache, emptied of the pages of the content before a reload: {len(PAGES)} pages"
        in (caplog.text)
    )


def test_a_page_for_a_frozen_edition_neither_comes_from_nor_goes_into_the_cache(world, tmp_path):
    client = make_app(world, tmp_path).test_client()
    client.get("/")
    assert client.get("/").headers["X-Cache"] == "HIT"
    when = dt.datetime(2026, 11, 24, tzinfo=dt.UTC)
    stamp = Stamp("2026-27", when, "https://museum.example/", "https://museum.example/archive/")
    frozen = client.get("/", environ_overrides={STAMP: stamp})
    assert "X-Cache" not in frozen.headers
    assert "2026-27" in frozen.get_data(as_text=True)  # its banner, not the live page
    live = client.get("/")
    assert live.headers["X-Cache"] == "HIT" and "2026-27" not in live.get_data(as_text=True)


def test_a_crawl_larger_than_the_cache_keeps_the_pages_visitors_repeat(world, tmp_path):
    for n in range(10, 50):
        world.exhibit("02-music", f"{n}-work-{n}")
    exhibits = [f"/rooms/music/work-{n}/" for n in range(10, 50)]
    repeated = ["/", "/rooms/art/", "/rooms/music/", "/rooms/art/first/"]
    app = make_app(world, tmp_path, PAGE_CACHE_MB=0.15)
    store, client = app.extensions["page_cache"].backend, app.test_client()
    assert store.limit == int(0.15 * 1024 * 1024)
    states: dict[str, list[str]] = {path: [] for path in exhibits + repeated}
    for _ in range(2):  # a crawler, twice, while visitors keep coming back to the same pages
        for path in exhibits:
            for visited in (path, *repeated):
                states[visited].append(client.get(visited, headers=BROWSER).headers["X-Cache"])
            assert store.stats()["bytes"] <= store.limit
    assert all(states[path][1:] == ["HIT"] * (2 * len(exhibits) - 1) for path in repeated)
    assert [states[path] for path in exhibits] == [["MISS", "MISS"]] * len(exhibits)
    figures = store.stats()
    assert len(repeated) < figures["pages"] < len(exhibits)  # the site is larger than the cache
    assert figures["evicted"] > len(exhibits)


def test_pages_in_redis_are_kept_in_each_workers_memory_and_emptied_on_reload(
    world, tmp_path, redis_server
):
    app = make_app(world, tmp_path, CACHE_REDIS_URL=redis_server.url)
    app.extensions["content_sync"].stop()
    client, own = app.test_client(), app.extensions["page_cache"].own
    for path in PAGES:
        assert client.get(path).headers["X-Cache"] == "MISS"
    redis.Redis.from_url(redis_server.url).flushdb()
    assert all(client.get(path).headers["X-Cache"] == "HIT" for path in PAGES)  # from memory
    ready = client.get("/readyz").json
    assert ready["page_cache"] == "RedisCache: ok"
    assert ready["page_cache_pages"] == len(PAGES) and ready["page_cache_bytes"] > 0
    world.write("rooms/01-art/01-first/exhibit.md", EXHIBIT_MD.format(title="Renamed", label=LABEL))
    app.extensions["exhibition"].reload_if_changed()
    assert b"Renamed" in client.get("/rooms/art/first/").data
    assert own.stats()["pages"] == 1  # the old content's pages left this worker's memory
