"""A server's warm-up: what its first visitors would otherwise wait for, done as it starts."""

from exhibition import create_app
from exhibition.web import localised, warmup
from tests.support.waiting import wait_for
from tests.support.world import in_three_languages

PAGES = {"lobby.html", "room.html", "exhibit.html", "base.html", "search.html"}


def compiled(app) -> set[str]:
    return {template.name for template in app.jinja_env.cache.values()}


def test_templates_catalogue_and_languages_are_made_ahead(world, tmp_path):
    in_three_languages(world)
    folders = {"CACHE_DIR": str(tmp_path / "cache"), "ARCHIVE_DIR": str(tmp_path / "archive")}
    app = create_app({"TESTING": True, "CONTENT_DIR": str(world.root), **folders})
    versions = app.extensions["page_cache"].versions
    assert not PAGES & compiled(app) and versions._images == (None, "")
    localised._locale.cache_clear()
    names = warmup.warm(app)
    assert PAGES <= set(names) and "sitemap.xml" not in names
    assert set(names) <= compiled(app)
    assert versions._images[1]  # the image build's hash, which every page's key holds
    assert localised._locale.cache_info().currsize == 3  # en, fr, ar


def test_a_server_warms_up_as_it_starts_and_a_command_does_not(world, tmp_path):
    folders = {"CACHE_DIR": str(tmp_path / "cache"), "ARCHIVE_DIR": str(tmp_path / "archive")}
    settings = {"CONTENT_DIR": str(world.root), "BASE_URL": "https://museum.example", **folders}
    served = create_app(settings)  # as gunicorn makes it: no command, no testing
    assert wait_for(lambda: PAGES <= compiled(served))
    assert not compiled(create_app({**settings, "TESTING": True}))
