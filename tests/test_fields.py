"""Field checks: what passes, and what each says when it does not."""

import pytest

from exhibition.fields import FileProblems, Invalid, licence, number


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("CC BY 4.0", "CC-BY-4.0"),
        ("CC BY-SA 4.0 International", "CC-BY-SA-4.0"),
        ("cc by nc nd 3.0", "CC-BY-NC-ND-3.0"),
        ("Apache License 2.0", "Apache-2.0"),
    ],
)
def test_a_licence_written_out_suggests_its_spdx_id(written, meant):
    with pytest.raises(Invalid) as raised:
        licence(written, "licence", 1, FileProblems("x"))
    assert str(raised.value).endswith(f"(did you mean '{meant}'?)")


def test_a_licence_that_is_no_licence_suggests_nothing():
    with pytest.raises(Invalid) as raised:
        licence("All rights reserved", "licence", 1, FileProblems("x"))
    assert "did you mean" not in str(raised.value)


@pytest.mark.parametrize("value", [-180, 0, 35.5, 180])
def test_a_number_in_its_range_passes_as_written(value):
    assert number(-180, 180)(value, "yaw", 1, FileProblems("x")) == value


@pytest.mark.parametrize("value", [-180.5, 181, True, "10", None])
def test_a_number_out_of_its_range_or_no_number_says_the_range(value):
    with pytest.raises(Invalid) as raised:
        number(-180, 180)(value, "yaw", 1, FileProblems("x"))
    assert str(raised.value).startswith("'yaw' must be a number from -180 to 180, not ")
