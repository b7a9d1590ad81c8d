"""``errors.Problems``: independent checks' problems in one ``Invalid``, a missing extra held
back until the input is otherwise valid (issue 18, item 3)."""

from __future__ import annotations

import pytest

from tunix_rt.errors import Invalid, MissingExtra, NotFound, Problems


def test_one_problem_keeps_its_own_message_and_members() -> None:
    problems = Problems("train config")
    alone = Invalid("unknown reward(s) 'x'", errors=[{"loc": ["a"], "msg": "unknown", "type": "t"}], available=["f"])
    with problems.collect():
        raise alone
    assert problems.error() is alone


def test_several_problems_are_one_invalid_counting_them_and_naming_the_first() -> None:
    problems = Problems("sweep config")
    with problems.collect():
        raise Invalid(
            "two", errors=[{"loc": ["b", 0], "msg": "m1", "type": "t"}, {"loc": ["c"], "msg": "m2", "type": "t"}]
        )
    with problems.collect():
        raise MissingExtra("ray", "sweeps")
    with problems.collect():
        raise Invalid("no snapshot", available=["x"])
    with pytest.raises(Invalid) as raised:
        problems.raise_any()
    assert raised.value.detail == "3 problem(s) in the sweep config, first at b.0"
    assert raised.value.errors == [
        {"loc": ["b", 0], "msg": "m1", "type": "t"},
        {"loc": ["c"], "msg": "m2", "type": "t"},
        {"loc": [], "msg": "no snapshot", "type": "invalid"},
    ]
    assert raised.value.extra == {"available": ["x"]}


def test_a_held_back_error_is_raised_only_without_problems() -> None:
    problems = Problems("train config")
    with problems.collect():
        raise MissingExtra("jax", "backend jax")
    with problems.collect():
        raise NotFound("never reported: the first held-back error wins")
    with pytest.raises(MissingExtra):
        problems.raise_any()
    clean = Problems("train config")
    clean.raise_any()
    assert clean.error() is None
