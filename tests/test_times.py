import pytest

from exhibition.web.times import duration_in_words, iso_duration


@pytest.mark.parametrize(
    ("seconds", "words", "iso"),
    [
        (0.4, "1 s", "PT1S"),
        (8.52, "8 s", "PT8S"),  # as the player shows it: 0:08
        (21.3, "21 s", "PT21S"),
        (59.9, "59 s", "PT59S"),
        (60, "1 min 00 s", "PT1M"),
        (185, "3 min 05 s", "PT3M5S"),
        (3725, "1 h 02 min", "PT1H2M5S"),
        (3719.6, "1 h 01 min", "PT1H1M59S"),
    ],
)
def test_durations(seconds, words, iso):
    assert duration_in_words(seconds) == words
    assert iso_duration(seconds) == iso


def test_no_duration_says_nothing():
    assert duration_in_words(None) == ""
