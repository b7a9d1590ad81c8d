"""Scorecard numbers, the failure classifier, the statistics and the regression rule."""

from __future__ import annotations

from typing import Any

import pytest

from tunix_rt.evaluation import regression
from tunix_rt.evaluation.scorecard import classify_failure, headline, scorecard
from tunix_rt.evaluation.stats import mcnemar_exact, wilson


def prediction(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "x",
        "output": "<reasoning>2 + 2 = 4</reasoning><answer>4</answer>",
        "output_tokens": 10,
        "truncated": False,
        "method": "tag",
        "strict": True,
        "lenient": True,
        "format_ok": True,
        "section": "core",
        "category": "add",
        "difficulty": "easy",
        "judges": {"math": {"correct": True, "version": "1", "details": {}}},
        "failure": None,
    }
    base.update(overrides)
    return base


def test_wilson_matches_known_values_and_stays_in_bounds() -> None:
    assert wilson(8, 10) == pytest.approx((0.4902, 0.9433), abs=1e-4)
    low, high = wilson(0, 10)
    assert low == 0.0
    assert high == pytest.approx(0.2775, abs=1e-4)
    assert wilson(10, 10)[1] == pytest.approx(1.0)
    assert wilson(0, 0) == (0.0, 1.0)


def test_mcnemar_exact_is_the_two_sided_binomial_tail() -> None:
    assert mcnemar_exact(0, 0) == 1.0
    assert mcnemar_exact(0, 6) == pytest.approx(2 / 64)
    assert mcnemar_exact(3, 3) == 1.0
    assert mcnemar_exact(1, 9) == pytest.approx(2 * 11 / 1024)
    assert mcnemar_exact(2000, 2100) < 0.2  # exact integer arithmetic, no overflow on big counts


@pytest.mark.parametrize(
    ("overrides", "label"),
    [
        ({"output": "7 7 7 7 7 7 7 7 7 7", "truncated": True}, "repetition_loop"),
        ({"output": "<reasoning>2 + 2 is", "truncated": True, "method": "last_number"}, "truncated"),
        ({"output": "I do not know", "method": "none", "format_ok": False}, "extraction_failure"),
        ({"output": "the answer is 4", "method": "answer_line", "format_ok": False, "lenient": True}, "format_failure"),
        ({"output": "<reasoning>2 + 3 = 6</reasoning><answer>6</answer>"}, "arithmetic_slip"),
        ({"output": "<reasoning>2 + 3 = 5</reasoning><answer>6</answer>"}, "wrong_final_answer"),
    ],
)
def test_failure_classes(overrides: dict[str, Any], label: str) -> None:
    assert classify_failure(prediction(strict=False, **overrides)) == label


def test_scorecard_counts_rates_breakdowns_and_failures() -> None:
    predictions = [
        prediction(),
        prediction(category="sub", strict=False, lenient=True, format_ok=False, failure="format_failure"),
        prediction(
            category="sub",
            strict=False,
            lenient=False,
            truncated=True,
            failure="truncated",
            output_tokens=30,
            judges={"math": {"correct": False, "version": "1", "details": {}}},
        ),
        prediction(difficulty=None),
    ]
    card = scorecard(predictions)
    assert card["n_items"] == card["n_scored"] == 4
    assert card["strict_accuracy"]["value"] == 0.5
    assert card["lenient_accuracy"]["hits"] == 3
    assert card["format_compliance"]["value"] == 0.75
    assert card["truncation_rate"] == 0.25
    assert card["mean_output_tokens"] == 15.0
    assert card["breakdowns"]["category"]["sub"]["strict"]["value"] == 0.0
    assert card["breakdowns"]["category"]["add"]["n"] == 2
    assert card["breakdowns"]["difficulty"]["(missing)"]["n"] == 1
    assert card["failures"]["format_failure"] == card["failures"]["truncated"] == 1
    assert card["judges"]["math"]["value"] == 0.75
    assert card["judges"]["math"]["version"] == "1"
    assert card["primary_score"] == 0.5
    assert scorecard(predictions, "judge:math")["primary_score"] == 0.75
    assert headline(card) == (
        "n 4: strict_accuracy 0.500 (2/4), lenient_accuracy 0.750 (3/4), format_compliance 0.750 (3/4), "
        "primary strict_accuracy 0.500"
    )


def test_regression_rule_uses_the_larger_tolerance_and_the_direction() -> None:
    assert regression.check(0.8, 0.77, "higher", abs_tolerance=0.0, rel_tolerance=0.05)["passed"]
    failed = regression.check(0.8, 0.7, "higher", abs_tolerance=0.02, rel_tolerance=0.05)
    assert not failed["passed"]
    assert failed["delta"] == pytest.approx(-0.1)
    assert failed["allowed_shortfall"] == pytest.approx(0.04)
    assert not regression.check(0.1, 0.2, "lower", abs_tolerance=0.05, rel_tolerance=0.0)["passed"]
    assert regression.check(0.1, 0.05, "lower", abs_tolerance=0.0, rel_tolerance=0.0)["passed"]
    card = {"strict_accuracy": {"value": 0.5}, "truncation_rate": 0.1, "judges": {"llm": {"value": 0.4}}}
    assert regression.metric_value(card, "strict_accuracy") == 0.5
    assert regression.metric_value(card, "truncation_rate") == 0.1
    assert regression.metric_value(card, "judge:llm") == 0.4
    assert regression.metric_value(card, "judge:exact") is None
