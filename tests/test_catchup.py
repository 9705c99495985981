from exhibition import create_app
from exhibition.catchup import Catchup
from exhibition.media import manifest
from exhibition.store import ContentStore
from tests.support.world import small_exhibition

PATH = "rooms/01-art/01-first/work.png"


def preview_of(world):
    """Return a preview app of a world (TESTING: no thread of its own) and a catch-up of it."""
    app = create_app(
        {"TESTING": True, "PREVIEW": True, "CONTENT_DIR": str(world.root), "IMAGE_WIDTHS": "320"}
    )
    store = app.extensions["exhibition"]
    return app, store, Catchup(store, app.config, processes=1)


def test_a_changed_image_shows_at_once_and_gets_its_derivatives_behind(tmp_path):
    world = small_exhibition(tmp_path / "content", "crimson")
    app, store, catchup = preview_of(world)
    client = app.test_client()
    assert "/media/rooms/01-art/01-first/work.png?v=" in client.get("/rooms/art/first/").text
    assert catchup.run_once().made == 1
    assert catchup.run_once() is None  # nothing loaded anew since
    site = manifest.folder(app.config)
    first = manifest.Catalogue.read(site).entries[PATH]
    assert f"/derivatives/{first.key}-320.avif" in client.get("/rooms/art/first/").text
    small_exhibition(world.root, "navy")  # the image saved again, another colour
    store.reload_if_changed()
    page = client.get("/rooms/art/first/").text
    assert "/media/rooms/01-art/01-first/work.png?v=" in page  # the new original, at once
    assert catchup.run_once().made == 1
    second = manifest.Catalogue.read(site).entries[PATH]
    assert second.key != first.key
    assert f"/derivatives/{second.key}-320.avif" in client.get("/rooms/art/first/").text


def test_previewing_one_exhibition_leaves_anothers_images(tmp_path):
    spring = small_exhibition(tmp_path / "spring" / "content", "crimson")
    autumn = small_exhibition(tmp_path / "autumn" / "content", "navy")
    app, _, catchup = preview_of(spring)
    catchup.run_once()
    site = manifest.folder(app.config)
    entry = manifest.Catalogue.read(site).entries[PATH]
    other, _, other_catchup = preview_of(autumn)
    assert other_catchup.run_once().made == 1
    assert manifest.folder(other.config) != site
    assert all((site / name).is_file() for name in entry.files())


def test_a_store_that_never_loaded_builds_nothing(tmp_path):
    world = small_exhibition(tmp_path / "content", "crimson")
    config = create_app({"TESTING": True, "CONTENT_DIR": str(world.root)}).config
    assert Catchup(ContentStore(world.root), config).run_once() is None
