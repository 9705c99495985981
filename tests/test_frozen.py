import copy
import dataclasses
import pickle

import pytest

from exhibition.frozen import pickled_quickly


@pickled_quickly
@dataclasses.dataclass(frozen=True, slots=True)
class Point:
    x: int
    y: int = 0
    label: str = ""


@pickled_quickly
@dataclasses.dataclass(frozen=True, slots=True)
class Alone:
    value: object


def test_every_field_comes_back_in_its_slot_and_the_object_stays_frozen():
    point = Point(3, 4, "here")
    back = pickle.loads(pickle.dumps(point, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == point and (back.x, back.y, back.label) == (3, 4, "here")
    assert copy.deepcopy(point) == point
    with pytest.raises(dataclasses.FrozenInstanceError):
        back.x = 5


def test_a_class_of_one_field_keeps_even_a_value_that_is_false():
    # A state that is false would never be set again: one field's is a tuple of it.
    for value in (0, "", None, (), Alone(None)):
        assert pickle.loads(pickle.dumps(Alone(value))) == Alone(value)


def test_a_state_of_other_fields_is_refused_not_set_shifted():
    # What another release pickled, with a field more or less, must not load askew.
    with pytest.raises(ValueError):
        Point.__new__(Point).__setstate__((1, 2))
