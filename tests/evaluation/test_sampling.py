"""Sampling-based scores (issue 14, section 3) against hand-computed values: the unbiased pass@k
against its closed form and against counting subsets, the majority vote, per-item agreement and
the bootstrap interval; and the config refusing samples under greedy decoding."""

from __future__ import annotations

import itertools
import math
from typing import Any

import pytest
from pydantic import ValidationError

from tunix_rt.evaluation.config import EvalConfig
from tunix_rt.evaluation.sampling import bootstrap, group, ks, majority, pass_at_k, scores


@pytest.mark.parametrize(
    ("n", "c", "k", "expected"),
    [
        (5, 0, 1, 0.0),
        (5, 5, 3, 1.0),
        (5, 2, 1, 2 / 5),
        (5, 2, 2, 1 - 3 / 10),  # C(3,2)/C(5,2) = 3/10
        (5, 2, 4, 1.0),  # 3 wrong cannot fill 4 draws
        (10, 3, 3, 1 - 35 / 120),  # C(7,3)/C(10,3)
        (4, 1, 2, 1 - 3 / 6),
    ],
)
def test_pass_at_k_closed_form(n: int, c: int, k: int, expected: float) -> None:
    assert pass_at_k(n, c, k) == pytest.approx(expected)


@pytest.mark.parametrize(("n", "c"), [(4, 1), (6, 2), (6, 5), (7, 3)])
def test_pass_at_k_is_the_share_of_k_subsets_holding_a_correct_sample(n: int, c: int) -> None:
    """Unbiased: the estimator equals the exact fraction of size-k subsets of the n samples that
    contain at least one correct sample."""
    outcomes = [True] * c + [False] * (n - c)
    for k in range(1, n + 1):
        subsets = list(itertools.combinations(outcomes, k))
        assert pass_at_k(n, c, k) == pytest.approx(sum(any(s) for s in subsets) / len(subsets))


def test_pass_at_k_refuses_more_draws_than_samples() -> None:
    with pytest.raises(ValueError, match="pass@5 needs"):
        pass_at_k(4, 1, 5)


def test_reported_ks() -> None:
    assert ks(1) == [1]
    assert ks(3) == [1, 2, 3]
    assert ks(16) == [1, 2, 4, 8, 16]


def test_majority_normalizes_answers_breaks_ties_by_first_and_counts_no_answer() -> None:
    assert majority(["$1,200", "1200", "7"]) == ("$1,200", 2 / 3)
    assert majority(["5", "4", "4", "5"]) == ("5", 0.5)
    assert majority([None, None, "3"]) == (None, 2 / 3)


def sample(strict: bool, answer: str | None) -> dict[str, Any]:
    return {"output": f"<answer>{answer}</answer>", "extracted_answer": answer, "strict": strict, "lenient": strict}


def test_group_keeps_every_sample_and_votes() -> None:
    judged = [
        {"id": "a", "expected_answer": "4", **sample(False, "5")},
        {"id": "a", "expected_answer": "4", **sample(True, "4")},
        {"id": "a", "expected_answer": "4", **sample(True, "4.0")},
        {"id": "b", "expected_answer": "9", **sample(False, "8")},
        {"id": "b", "expected_answer": "9", **sample(False, None)},
        {"id": "b", "expected_answer": "9", **sample(False, "8")},
    ]
    first, second = group(judged, 3)
    assert (first["id"], first["output"], first["strict"]) == ("a", "<answer>5</answer>", False)
    assert [s["extracted_answer"] for s in first["samples"]] == ["5", "4", "4.0"]
    assert (first["samples_correct"], first["majority_answer"], first["majority_correct"]) == (2, "4", True)
    assert first["agreement"] == pytest.approx(2 / 3)
    assert (second["samples_correct"], second["majority_answer"], second["majority_correct"]) == (0, "8", False)

    block = scores([first, second], 3)
    assert block["samples"] == 3
    assert block["pass_at"]["1"]["value"] == pytest.approx((2 / 3 + 0) / 2)
    assert block["pass_at"]["2"]["value"] == pytest.approx((1.0 + 0) / 2)  # a: one wrong cannot fill 2 draws
    assert block["pass_at"]["3"]["value"] == pytest.approx(0.5)
    assert block["maj_at_k"]["value"] == 0.5
    assert block["mean_agreement"]["value"] == pytest.approx(2 / 3)
    with pytest.raises(ValueError, match="not 3 per item"):
        group(judged[:4], 3)


def test_bootstrap_interval_holds_the_mean_and_is_reproducible() -> None:
    values = [1.0] * 30 + [0.0] * 70
    low, high = bootstrap(values)
    assert low < 0.3 < high
    assert low > 0.15
    assert high < 0.45
    # The normal approximation's half width is 1.96 * sqrt(.3 * .7 / 100) = 0.0898.
    assert (high - low) / 2 == pytest.approx(1.96 * math.sqrt(0.21 / 100), abs=0.02)
    assert bootstrap(values) == (low, high)
    assert bootstrap([]) == (0.0, 1.0)


def test_samples_need_sampling() -> None:
    with pytest.raises(ValidationError, match=r"samples: 4 needs sampling\.temperature above 0"):
        EvalConfig.model_validate({"evalset": "e@v1", "model": "tiny-llama", "samples": 4})
    config = EvalConfig.model_validate(
        {"evalset": "e@v1", "model": "tiny-llama", "samples": 4, "sampling": {"temperature": 0.8}}
    )
    assert config.samples == 4
    with pytest.raises(ValidationError):
        EvalConfig.model_validate({"evalset": "e@v1", "model": "tiny-llama", "samples": 65})
