import itertools

import pytest
from flask import Flask

from exhibition import PROJECT_ROOT, settings
from exhibition.store import ContentStore
from exhibition.web import (
    answers,
    assets,
    browse,
    cache,
    files,
    gallery,
    layers,
    locale,
    localised,
    pages,
    search,
    security,
    templating,
)


def bare_app(world, tmp_path) -> Flask:
    """Return an app with its content and languages loaded, and no layer, blueprint or helper yet.

    The languages come first as the app sets them up: the pages' routes take a `lang` converter.
    """
    app = Flask(
        "exhibition",
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    app.config.update(TESTING=True, CONTENT_DIR=str(world.root), CACHE_DIR=str(tmp_path / "c"))
    settings.apply(app.config)
    store = ContentStore.from_settings(app.config)
    store.load()
    app.extensions["exhibition"] = store
    app.url_map.strict_slashes = False
    locale.init_app(app)
    localised.init_app(app)
    return app


SET_UP = {
    "edge": security.init_app,
    "page cache": cache.init_app,
    "assets": assets.init_app,
    "templates": templating.init_app,
    "pages": lambda app: [
        *(app.register_blueprint(bp) for bp in (gallery.bp, pages.bp, files.bp, browse.bp)),
        search.init_app(app),
        answers.init_app(app),
    ],
}


@pytest.mark.parametrize("order", list(itertools.permutations(SET_UP))[::17])
def test_the_site_works_whatever_order_its_parts_are_set_up_in(world, tmp_path, order):
    app = bare_app(world, tmp_path)
    for part in order:
        SET_UP[part](app)
    stack = app.extensions["layers"]
    assert app.wsgi_app is stack["edge"]
    assert stack["edge"].wsgi_app is stack["assets"]
    assert stack["assets"].wsgi_app is stack["page cache"]
    client = app.test_client()
    first, second = client.get("/"), client.get("/")
    assert (first.status_code, second.headers["X-Cache"]) == (200, "HIT")
    assert "Content-Security-Policy" in second.headers  # a kept page still leaves by the edge
    css = app.extensions["assets"].by_name["exhibition.css"].hashed
    style = client.get(f"/static/{css}")
    assert style.status_code == 200 and "X-Content-Type-Options" in style.headers


def test_a_layer_not_in_the_order_is_refused(world, tmp_path):
    app = bare_app(world, tmp_path)
    with pytest.raises(ValueError, match="'proxy' is not a layer"):
        layers.add(app, "proxy", object())
