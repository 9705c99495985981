def test_healthz_answers_cheaply_and_is_never_cached(client):
    for _ in range(2):
        response = client.get("/healthz")
        assert (response.status_code, response.data) == (200, b"ok\n")
        assert response.headers["Cache-Control"] == "no-store"
        assert "X-Cache" not in response.headers


def test_readyz_says_the_content_is_loaded(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert response.json == {
        "ready": True,
        "content": "loaded",
        "content_version": 1,
        "exhibits": 3,
        "content_error": False,
        "page_cache": "SimpleCache: ok",
        "page_cache_pages": 0,
        "page_cache_bytes": 0,
        "page_cache_limit_bytes": 32 * 1024 * 1024,  # EXHIBITION_PAGE_CACHE_MB by default
        "page_cache_hits": 0,
        "page_cache_misses": 0,
        "page_cache_evicted": 0,
    }


def test_readyz_says_what_the_workers_page_cache_holds(client):
    for path in ("/", "/", "/about/"):
        client.get(path)
    report = client.get("/readyz").json
    assert (report["page_cache_pages"], report["page_cache_hits"]) == (2, 1)
    assert report["page_cache_misses"] == 2
    assert 1000 < report["page_cache_bytes"] <= report["page_cache_limit_bytes"]


def test_readyz_of_a_shared_cache_gives_no_worker_figures(world, tmp_path):
    from exhibition import create_app

    app = create_app(
        {
            "TESTING": True,
            "CONTENT_DIR": str(world.root),
            "CACHE_DIR": str(tmp_path / "c"),
            "CACHE_TYPE": "FileSystemCache",
        }
    )
    report = app.test_client().get("/readyz").json
    assert report["page_cache"] == "PageFolder: ok"
    assert not [key for key in report if key.startswith("page_cache_")]


def test_readyz_is_503_until_content_is_loaded(app, client):
    app.extensions["exhibition"].loaded = None
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json["ready"] is False


def test_readyz_tells_when_the_last_good_content_is_served(app, client, world):
    world.write("exhibition.yaml", "title: [\n")
    app.extensions["exhibition"].reload_if_changed()
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json["content_error"] is True
