"""The gate's rule, pure: the minimum effect, the paired test and alpha decide together; a metric
with no test is decided by the tolerance; the reason says which."""

from __future__ import annotations

import doctest

import pytest

from tunix_rt.evaluation import regression
from tunix_rt.evaluation.regression import check, paired_test


def test_a_drop_within_noise_passes_and_a_significant_one_fails() -> None:
    # 4 of 8 items broken, none fixed: McNemar exact p = 2 / 2**4 = 0.125.
    noisy = paired_test([1.0] * 8, [1.0] * 4 + [0.0] * 4, sampled=False)
    assert (noisy.name, noisy.p_value, noisy.effect, noisy.paired) == ("McNemar exact", 0.125, -0.5, 8)
    assert noisy.effect_low <= -0.5 <= noisy.effect_high
    within = check(1.0, 0.5, "higher", abs_tolerance=0.1, rel_tolerance=0.0, alpha=0.05, test=noisy)
    assert within["passed"]
    assert within["significant"] is False
    assert within["reason"] == "shortfall 0.5 exceeds 0.1 but is within noise (McNemar exact p=0.125 >= 0.05)"
    # 8 of 8 broken: p = 2 / 2**8.
    clear = paired_test([1.0] * 8, [0.0] * 8, sampled=False)
    failed = check(1.0, 0.0, "higher", abs_tolerance=0.1, rel_tolerance=0.0, alpha=0.05, test=clear)
    assert not failed["passed"]
    assert failed["reason"] == "shortfall 1 exceeds 0.1 and is significant (McNemar exact p=0.00781 < 0.05)"
    assert (failed["effect"], failed["effect_low"], failed["effect_high"]) == (-1.0, -1.0, -1.0)


def test_alpha_one_fails_on_the_shortfall_alone_and_the_tolerance_still_forgives() -> None:
    noisy = paired_test([1.0] * 8, [1.0] * 4 + [0.0] * 4, sampled=False)
    alone = check(1.0, 0.5, "higher", abs_tolerance=0.1, rel_tolerance=0.0, alpha=1.0, test=noisy)
    assert not alone["passed"]
    assert alone["reason"] == "shortfall 0.5 exceeds 0.1; alpha 1 decides on it alone (McNemar exact p=0.125)"
    # rel 0.6 of a baseline of 1.0 allows a shortfall of 0.6, more than abs 0.1.
    forgiven = check(1.0, 0.5, "higher", abs_tolerance=0.1, rel_tolerance=0.6, alpha=1.0, test=noisy)
    assert forgiven["passed"]
    assert forgiven["allowed_shortfall"] == 0.6
    assert forgiven["reason"] == "shortfall 0.5 is within the minimum effect 0.6"


def test_a_metric_with_no_test_is_decided_by_the_tolerance() -> None:
    assert regression.verdict_metric("truncation_rate") is None
    result = check(0.1, 0.3, "lower", abs_tolerance=0.05, rel_tolerance=0.0, alpha=0.05, untested="not an item verdict")
    assert not result["passed"]
    assert (result["test"], result["p_value"], result["significant"], result["paired_items"]) == (None, None, None, 0)
    assert result["shortfall"] == pytest.approx(0.2)
    reason = "shortfall 0.2 exceeds 0.05; no paired test (not an item verdict), so the tolerance decides"
    assert result["reason"] == reason


def test_sample_means_take_the_permutation_test() -> None:
    # Per-item sample means (k = 2): differences -0.5, -0.5, -1, 0; the nonzero three all one way,
    # so only the observed assignment and its mirror reach |-2|: p = 2 / 8.
    test = paired_test([1.0, 1.0, 1.0, 0.5], [0.5, 0.5, 0.0, 0.5], sampled=True)
    assert (test.name, test.p_value, test.effect, test.paired) == ("paired permutation", 0.25, -0.5, 4)


def test_doctests() -> None:
    failed, attempted = doctest.testmod(regression)
    assert (failed, attempted > 0) == (0, True)
