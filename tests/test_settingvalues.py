import pytest

from exhibition import settingvalues as values


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", True),
        ("yes", True),
        ("On", True),
        ("0", False),
        ("", False),
        (1, True),
        (False, False),
    ],
)
def test_a_flag_takes_the_words_people_use_for_on_and_off(value, expected):
    assert values.flag(value) is expected


@pytest.mark.parametrize(
    ("parse", "value", "fix"),
    [
        (values.flag, "maybe", "use 1 or 0"),
        (values.seconds, "-1", "use 0 (off) or a number of seconds"),
        (values.base_url, "museum.example", "use an absolute URL"),
        (values.redis_url, "http://redis", "use a Redis URL"),
        (values.cache_type, "memcached", "use one of SimpleCache"),
        (values.frame_ancestors, "javascript:alert(1)", "use 'none', 'self', or addresses"),
    ],
)
def test_a_bad_value_says_how_to_write_a_good_one(parse, value, fix):
    with pytest.raises(ValueError, match="^" + fix.replace("(", r"\(").replace(")", r"\)")):
        parse(value)


def test_values_come_back_in_the_form_the_app_uses():
    assert values.base_url("https://museum.example/") == "https://museum.example"
    assert values.cache_type("redis") == "RedisCache"
    assert values.frame_ancestors("'self'  https://museum.example") == (
        "'self' https://museum.example"
    )
    assert values.archive_dir("") == values.ARCHIVE_DIR


def test_a_database_url_names_postgresql_through_psycopg_or_sqlite():
    from exhibition.settingvalues import database_url

    assert database_url("") == ""
    assert database_url("postgresql+psycopg://u:p@db/x") == "postgresql+psycopg://u:p@db/x"
    assert database_url("sqlite:////srv/answers.sqlite3") == "sqlite:////srv/answers.sqlite3"
    with pytest.raises(ValueError, match="postgresql\\+psycopg://"):
        database_url("postgresql://u@db/x")  # psycopg2's scheme: not installed
