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
    }


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
