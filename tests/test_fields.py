"""Field checks: what passes, and what each says when it does not."""

import pytest

from exhibition.fields import FileProblems, Invalid, licence


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
