import pytest
from flask import Config

from exhibition import create_app, settings


def test_settings_come_from_the_environment(world, monkeypatch):
    monkeypatch.setenv("EXHIBITION_CONTENT_DIR", str(world.root))
    monkeypatch.setenv("EXHIBITION_PREVIEW", "1")
    app = create_app({"TESTING": True})  # a test: no derivatives made in the background
    assert app.config["CONTENT_DIR"] == str(world.root)
    assert app.config["PREVIEW"] is True


TRICKY = {  # what the environment may hold, as text
    "EXHIBITION_IMAGE_WIDTHS": "320",  # JSON: a number, which the setting reads as one width
    "EXHIBITION_PANORAMA_WIDTHS": "1024,2048",  # not JSON: the text
    "EXHIBITION_PREVIEW": "true",
    "EXHIBITION_CACHE_PAGES": "null",
    "EXHIBITION_BASE_URL": "https://museum.example",
    "EXHIBITION_EXTRA__DEEP__NAME": '{"a": [1, 2]}',  # nested, as Flask nests it
    "EXHIBITION_EXTRA__OTHER": "[unclosed",
    "FLASK_DEBUG": "1",  # not ours
}


def test_the_environment_is_read_as_flask_reads_it(monkeypatch):
    for name, value in TRICKY.items():
        monkeypatch.setenv(name, value)
    flasks = Config(".")
    flasks.from_prefixed_env(settings.PREFIX)
    read = settings.environment()
    assert read == dict(flasks)
    assert read["EXTRA"] == {"DEEP": {"NAME": {"a": [1, 2]}}, "OTHER": "[unclosed"}
    assert read["IMAGE_WIDTHS"] == 320 and read["PANORAMA_WIDTHS"] == "1024,2048"


def test_the_settings_read_without_the_app_are_those_the_app_holds(world, tmp_path, monkeypatch):
    for name, value in {**TRICKY, "EXHIBITION_CACHE_PAGES": "20"}.items():
        monkeypatch.setenv(name, value)
    overrides = {"CONTENT_DIR": world.root, "CACHE_DIR": str(tmp_path / "cache"), "TESTING": True}
    read = settings.read(overrides)
    app = create_app(overrides)
    assert read == {name: app.config[name] for name in read}
    assert read.keys() >= {s.name for s in settings.SETTINGS}
    assert read["IMAGE_WIDTHS"] == (320,) and read["PANORAMA_WIDTHS"] == (1024, 2048)
    assert read["TRUSTED_HOSTS"] == ["museum.example", "localhost", "127.0.0.1"]


def test_a_site_without_a_secret_key_signs_forms_with_its_instance_key(world, monkeypatch):
    from exhibition.web.answerforms import form_key

    monkeypatch.delenv("EXHIBITION_SECRET_KEY", raising=False)
    app = create_app({"TESTING": True, "CONTENT_DIR": str(world.root)})
    assert app.config["SECRET_KEY"] == ""  # not Flask's None read as the text "None"
    key = form_key(app.config)
    assert key != b"None" and len(key) == 64 and key == form_key(app.config)


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
