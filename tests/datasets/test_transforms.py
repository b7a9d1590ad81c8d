"""Step filters and self-correction: deterministic per trace, valid v1 steps afterwards."""

from __future__ import annotations

import uuid

import pytest
from pydantic import ValidationError

from tunix_rt.datasets.schema import SelfCorrection, Transforms
from tunix_rt.datasets.transforms import filter_steps, inject_error, self_correct, verification_step
from tunix_rt.traces.quality import check_arithmetic

STEPS = [
    {"i": 0, "type": "setup", "content": "We multiply."},
    {"i": 1, "type": "calculation", "content": "27 × 19 = 513"},
    {"i": 2, "type": "answer", "content": "The answer is 513"},
]


def test_filters_keep_and_renumber() -> None:
    kept = filter_steps(STEPS, Transforms(exclude_step_types=["setup"]))
    assert kept == [{"i": 0, "type": "calculation", "content": "27 × 19 = 513"}, {**STEPS[2], "i": 1}]
    assert filter_steps(STEPS, Transforms(include_step_types=["answer"])) == [{**STEPS[2], "i": 0}]


def test_verification_rechecks_each_computation() -> None:
    assert verification_step(STEPS, "513")["content"] == "Check: 27 × 19 = 513 ✓."
    wrong = [{"i": 0, "type": "calculation", "content": "2 + 2 = 5"}]
    assert verification_step(wrong, "5")["content"] == "Check: 2 + 2 is 4, not 5 ✗."
    assert verification_step(STEPS[:1], "x")["content"] == "Check: the steps above lead to x."


def test_injected_error_is_wrong_then_corrected() -> None:
    steps = inject_error(STEPS, 0.0)
    assert steps is not None
    assert [s["i"] for s in steps] == list(range(5))
    assert steps[1]["content"] == "27 × 19 = 514"
    assert not check_arithmetic(steps[1]["content"])[0]["correct"]
    assert steps[2]["type"] == "correction"
    assert "27 × 19 = 513" in steps[2]["content"]
    assert inject_error(STEPS[:1], 0.5) is None
    decimal = inject_error([{"i": 0, "type": "c", "content": "$189 ÷ 6 = $31.5"}], 0.99)
    assert decimal is not None
    assert decimal[0]["content"] == "$189 ÷ 6 = 31.8"


def test_self_correction_is_seeded_per_trace() -> None:
    ids = [uuid.UUID(int=n).bytes for n in range(200)]
    config = SelfCorrection(error_fraction=0.5, seed=1)
    results = [self_correct(STEPS, "513", trace_id, config) for trace_id in ids]
    injected = sum(flag for _steps, flag in results)
    assert 70 < injected < 130
    assert results == [self_correct(STEPS, "513", trace_id, config) for trace_id in ids]
    other = [self_correct(STEPS, "513", trace_id, SelfCorrection(error_fraction=0.5, seed=2))[1] for trace_id in ids]
    assert other != [flag for _steps, flag in results]
    steps, flag = results[0]
    assert steps[-1]["type"] == "verification"
    assert steps[-1]["content"] == "Check: 27 × 19 = 513 ✓."
    plain, flag = self_correct(STEPS, "513", ids[0], SelfCorrection(verify=False))
    assert (plain, flag) == (STEPS, False)


def test_answer_only_clears_the_reasoning_tags_and_refuses_self_correction() -> None:
    twin = Transforms(answer_only=True, template={"answer_open": "<a>", "system_prompt": "Be brief."})
    assert (twin.template.reasoning_open, twin.template.reasoning_close) == ("", "")
    assert (twin.template.answer_open, twin.template.system_prompt) == ("<a>", "Be brief.")
    assert Transforms.model_validate(twin.model_dump()) == twin
    assert Transforms().template.reasoning_open == "<reasoning>"
    with pytest.raises(ValidationError, match="answer_only drops the steps that self_correction adds to"):
        Transforms(answer_only=True, self_correction=SelfCorrection())
