"""The storability check on its own: where a JSON value cannot be stored exactly, and why."""

from __future__ import annotations

import math

import pytest
from pydantic import BaseModel, ValidationError

from tunix_rt.storable import INT64_MAX, INT64_MIN, StorableDict, storable, unstorable


def test_every_problem_is_reported_with_its_path() -> None:
    value = {"a": [1, {"b": 2**63}], "c\x00": "x", "d": {"e": math.nan, "f": "g\x00"}, "h": -math.inf}
    assert [loc for loc, _ in unstorable(value)] == [("a", 1, "b"), ("c\x00",), ("d", "e"), ("d", "f"), ("h",)]


@pytest.mark.parametrize("value", [INT64_MAX, INT64_MIN, 1.7976931348623157e308, True, None, "ü", [], {"": 0}])
def test_what_both_databases_hold_exactly_passes(value: object) -> None:
    assert list(unstorable(value)) == []
    assert storable(value)
    assert storable({"k": [value]})
    assert storable((value,))


@pytest.mark.parametrize(
    "value", [2**63, INT64_MIN - 1, math.nan, math.inf, "a\x00", {"a\x00": 1}, [[{"x": -math.inf}]], ("\x00",)]
)
def test_the_quick_answer_agrees_with_the_full_check(value: object) -> None:
    assert list(unstorable(value)) != []
    assert not storable(value)
    assert not storable({"k": [1, value]})


def test_a_model_field_reports_the_nested_location() -> None:
    class Holder(BaseModel):
        meta: StorableDict

    with pytest.raises(ValidationError) as caught:
        Holder.model_validate_json('{"meta": {"x": {"y": [0, 1e400]}}}')
    assert [(e["loc"], e["type"]) for e in caught.value.errors()] == [(("meta", "x", "y", 1), "unstorable")]
