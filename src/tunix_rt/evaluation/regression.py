"""The regression rule, pure: does a candidate's metric fall short of a baseline's by more than
the tolerance allows?

The allowed shortfall is the larger of the absolute tolerance and the relative tolerance times
the baseline's magnitude, so a baseline of 0.80 with ``abs 0.02, rel 0.05`` allows 0.04. For a
``higher`` metric (accuracy) falling short means being lower; for ``lower`` (error rates,
truncation) being higher.

>>> check(0.80, 0.77, "higher", abs_tolerance=0.02, rel_tolerance=0.05)["passed"]
True
>>> check(0.80, 0.75, "higher", abs_tolerance=0.02, rel_tolerance=0.0)["passed"]
False
"""

from __future__ import annotations

from typing import Any, Literal

Direction = Literal["higher", "lower"]


def check(
    baseline: float, candidate: float, direction: Direction, *, abs_tolerance: float, rel_tolerance: float
) -> dict[str, Any]:
    """Pass or fail, with the delta (candidate - baseline) and the shortfall that was allowed."""
    allowed = max(abs_tolerance, rel_tolerance * abs(baseline))
    delta = candidate - baseline
    shortfall = -delta if direction == "higher" else delta
    return {
        "passed": shortfall <= allowed + 1e-12,
        "baseline_value": baseline,
        "candidate_value": candidate,
        "delta": delta,
        "allowed_shortfall": allowed,
        "direction": direction,
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
