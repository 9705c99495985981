import pytest

from exhibition import create_app, settings


def test_settings_come_from_the_environment(world, monkeypatch):
    monkeypatch.setenv("EXHIBITION_CONTENT_DIR", str(world.root))
    monkeypatch.setenv("EXHIBITION_PREVIEW", "1")
    app = create_app({"TESTING": True})  # a test: no derivatives made in the background
    assert app.config["CONTENT_DIR"] == str(world.root)
    assert app.config["PREVIEW"] is True


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("PREVIEW", "maybe", "EXHIBITION_PREVIEW='maybe' is not valid: use 1 or 0"),
        (
            "BASE_URL",
            "museum.example",
            "EXHIBITION_BASE_URL='museum.example' is not valid: use an absolute URL",
        ),
        ("BASE_URL", "https://", "EXHIBITION_BASE_URL='https://' is not valid: use an absolute"),
        ("PAGE_CACHE_MB", "0", "EXHIBITION_PAGE_CACHE_MB='0' is not valid: use a number of"),
        ("PAGE_CACHE_MB", "nan", "EXHIBITION_PAGE_CACHE_MB='nan' is not valid: use a number of"),
        ("PAGE_CACHE_MB", "64MB", "EXHIBITION_PAGE_CACHE_MB='64MB' is not valid: use a number"),
    ],
)
def test_bad_settings_stop_start_up_with_a_sentence(world, name, value, message):
    with pytest.raises(settings.SettingError) as raised:
        create_app({"CONTENT_DIR": str(world.root), name: value})
    assert str(raised.value).startswith(message)


def test_every_setting_has_help():
    for setting in settings.SETTINGS:
        assert setting.help.endswith(".")


def test_a_site_with_its_address_trusts_its_own_host_and_loopback(world):
    app = create_app({"CONTENT_DIR": str(world.root), "BASE_URL": "https://Museum.example:8443/"})
    assert app.config["TRUSTED_HOSTS"] == ["museum.example", "localhost", "127.0.0.1"]
    assert create_app({"CONTENT_DIR": str(world.root)}).config["TRUSTED_HOSTS"] is None


def test_a_server_without_its_address_warns_that_pages_name_any_host(world, caplog):
    create_app({"CONTENT_DIR": str(world.root)})
    create_app({"TESTING": True, "CONTENT_DIR": str(world.root), "PREVIEW": True})
    create_app({"CONTENT_DIR": str(world.root), "BASE_URL": "https://museum.example"})
    warned = [r for r in caplog.records if "EXHIBITION_BASE_URL is not set" in r.message]
    assert len(warned) == 1 and warned[0].levelname == "WARNING"


def test_each_content_folder_has_a_cache_folder_of_its_own_unless_one_is_set(tmp_path):
    (tmp_path / "a" / "content").mkdir(parents=True)
    (tmp_path / "b" / "content").mkdir(parents=True)
    (tmp_path / "b" / "link").symlink_to(tmp_path / "b" / "content")
    a, b = (settings.own_cache_dir(tmp_path / name / "content") for name in "ab")
    assert a != b and a.startswith("instance/cache/content-") and b.startswith("instance/cache/")
    assert settings.own_cache_dir(tmp_path / "b" / "link") == b  # links resolved
    assert settings.own_cache_dir(tmp_path / "My Show!").startswith("instance/cache/my-show-")
    config = {"CONTENT_DIR": str(tmp_path / "a" / "content")}
    settings.apply(config)
    assert config["CACHE_DIR"] == a
    config = {"CONTENT_DIR": str(tmp_path / "a" / "content"), "CACHE_DIR": "/srv/cache"}
    settings.apply(config)
    assert config["CACHE_DIR"] == "/srv/cache"  # the operator's choice, as it is


def test_the_media_defaults_are_the_settings_defaults():
    from exhibition.media import build, probe, workers

    config = {}
    settings.apply(config)
    assert build.Recipe() == build.Recipe.from_settings(config)
    assert probe.Limits() == probe.Limits.from_settings(config)
    assert workers.Budget() == workers.Budget.from_settings(config)
