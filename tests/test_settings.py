import pytest

from exhibition import create_app, settings


def test_settings_come_from_the_environment(world, monkeypatch):
    monkeypatch.setenv("EXHIBITION_CONTENT_DIR", str(world.root))
    monkeypatch.setenv("EXHIBITION_PREVIEW", "1")
    app = create_app()
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
    ],
)
def test_bad_settings_stop_start_up_with_a_sentence(world, name, value, message):
    with pytest.raises(settings.SettingError) as raised:
        create_app({"CONTENT_DIR": str(world.root), name: value})
    assert str(raised.value).startswith(message)


def test_every_setting_has_help():
    for setting in settings.SETTINGS:
        assert setting.help.endswith(".")
