"""The regression rule, pure: does a candidate's metric fall short of a baseline's by more than
the minimum effect that counts, and by more than noise explains?

The minimum effect (the allowed shortfall) is the larger of the absolute tolerance and the
relative tolerance times the baseline's magnitude, so a baseline of 0.80 with ``abs 0.02, rel
0.05`` allows 0.04. For a ``higher`` metric (accuracy) falling short means being lower; for
``lower`` (error rates, truncation) being higher.

A shortfall beyond the minimum effect is a regression only when a paired test over the items
both evaluations share finds it at the baseline's significance level ``alpha``: on a small eval
set a few items flipping is noise, and the gate should not fail a build for it. Metrics that are
means of item verdicts (strict, lenient, format, a judge's) have that test: McNemar's exact test
on one output per item, a sign-flip permutation test on the items' sample means with ``samples:
k``. Other metrics (truncation rate...) have none, and the tolerance alone decides; so does
``alpha`` 1.0, the rule before tests were added.

>>> check(0.80, 0.77, "higher", abs_tolerance=0.02, rel_tolerance=0.05)["passed"]
True
>>> check(0.80, 0.75, "higher", abs_tolerance=0.02, rel_tolerance=0.0)["passed"]
False
>>> noise = paired_test([1.0, 1.0, 1.0, 0.0], [1.0, 0.0, 0.0, 0.0], sampled=False)
>>> verdict = check(0.75, 0.25, "higher", abs_tolerance=0.1, rel_tolerance=0.0, alpha=0.05, test=noise)
>>> verdict["passed"], verdict["reason"]
(True, 'shortfall 0.5 exceeds 0.1 but is within noise (McNemar exact p=0.5 >= 0.05)')
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal, NamedTuple

from tunix_rt.evaluation import sampling, stats

Direction = Literal["higher", "lower"]

MCNEMAR = "McNemar exact"
PERMUTATION = "paired permutation"
VERDICTS = {"strict_accuracy": "strict", "lenient_accuracy": "lenient", "format_compliance": "format"}
"""The scorecard metrics that are the mean of an item verdict, and that verdict's name."""


def verdict_metric(metric: str) -> str | None:
    """The item verdict (``verdicts.reader``'s name) a scorecard metric is the mean of; None for
    a metric that is not one (``truncation_rate``...), which no paired test applies to.

    >>> verdict_metric("strict_accuracy"), verdict_metric("judge:math"), verdict_metric("truncation_rate")
    ('strict', 'judge:math', None)
    """
    if metric.startswith("judge:"):
        return metric
    return VERDICTS.get(metric)


class PairedTest(NamedTuple):
    """A paired test over the items both evaluations decided, and the effect it measured."""

    name: str
    p_value: float
    effect: float
    """Candidate minus baseline: the mean over paired items of the per-item differences."""
    effect_low: float
    effect_high: float
    """The effect's 95% interval, from a bootstrap over items (``sampling.bootstrap``)."""
    paired: int


def paired_test(baseline: Sequence[float], candidate: Sequence[float], *, sampled: bool) -> PairedTest:
    """The test of per-item values (0/1 verdicts, or each item's mean over its samples when
    ``sampled``) at the same positions: McNemar's exact test on the discordant items, or the
    sign-flip permutation test on the differences, which McNemar cannot take."""
    differences = [now - was for was, now in zip(baseline, candidate, strict=True)]
    if not differences:
        raise ValueError("a paired test needs at least one item in both evaluations")
    if sampled:
        name, p_value = PERMUTATION, stats.paired_permutation(differences)
    else:
        fixed, broken = sum(1 for d in differences if d > 0), sum(1 for d in differences if d < 0)
        name, p_value = MCNEMAR, stats.mcnemar_exact(fixed, broken)
    low, high = sampling.bootstrap(differences)
    return PairedTest(name, p_value, sum(differences) / len(differences), low, high, len(differences))


def check(
    baseline: float,
    candidate: float,
    direction: Direction,
    *,
    abs_tolerance: float,
    rel_tolerance: float,
    alpha: float = 1.0,
    test: PairedTest | None = None,
    untested: str = "none applies",
) -> dict[str, Any]:
    """Pass or fail, with the delta (candidate - baseline), the shortfall and the minimum effect
    it was held to, the test and its effect, and the reason in one line. It fails when the
    shortfall exceeds the minimum effect and, where a ``test`` applies and ``alpha`` is under
    1, the test's p-value is under ``alpha``; ``untested`` says why there is no test."""
    allowed = max(abs_tolerance, rel_tolerance * abs(baseline))
    delta = candidate - baseline
    shortfall = -delta if direction == "higher" else delta
    exceeds = shortfall > allowed + 1e-12
    significant = None if test is None else test.p_value < alpha
    found = "" if test is None else f"{test.name} p={test.p_value:.3g}"
    over = f"shortfall {shortfall:.4g} exceeds {allowed:.4g}"
    if not exceeds:
        passed, reason = True, f"shortfall {max(shortfall, 0.0):.4g} is within the minimum effect {allowed:.4g}"
    elif test is None:
        passed, reason = False, f"{over}; no paired test ({untested}), so the tolerance decides"
    elif alpha >= 1:
        passed, reason = False, f"{over}; alpha 1 decides on it alone ({found})"
    elif significant:
        passed, reason = False, f"{over} and is significant ({found} < {alpha:g})"
    else:
        passed, reason = True, f"{over} but is within noise ({found} >= {alpha:g})"
    return {
        "passed": passed,
        "reason": reason,
        "baseline_value": baseline,
        "candidate_value": candidate,
        "delta": delta,
        "shortfall": shortfall,
        "allowed_shortfall": allowed,
        "direction": direction,
        "alpha": alpha,
        "test": None if test is None else test.name,
        "p_value": None if test is None else test.p_value,
        "significant": significant,
        "effect": None if test is None else test.effect,
        "effect_low": None if test is None else test.effect_low,
        "effect_high": None if test is None else test.effect_high,
        "paired_items": 0 if test is None else test.paired,
    }


def metric_value(card: dict[str, Any], metric: str) -> float | None:
    """A metric of a scorecard by name (``strict_accuracy``, ``truncation_rate``, ``judge:llm``...)."""
    if metric.startswith("judge:"):
        judge = card.get("judges", {}).get(metric.removeprefix("judge:"))
        return None if judge is None else float(judge["value"])
    value = card.get(metric)
    if isinstance(value, dict):
        return float(value["value"])
    if isinstance(value, int | float):
        return float(value)
    return None
