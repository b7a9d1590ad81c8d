"""How one item's verdict on a metric is read from its stored row: the checker's strict and
lenient verdicts, the format verdict, or a judge's (``judge:<name>``). Comparisons pair items on
it and judge agreement measures judges by it, so both read a verdict the same way."""

from __future__ import annotations

from collections.abc import Callable

from tunix_rt.errors import Invalid
from tunix_rt.evaluation.tables import EvaluationItem

METRICS = ("strict", "lenient", "format")
"""The verdicts every item has, besides any judge's (``judge:<name>``)."""

Reader = Callable[[EvaluationItem], bool | None]


def reader(metric: str) -> Reader:
    """How an item's verdict on ``metric`` is read; it gives None when that judge did not decide
    the item. An unknown metric is ``Invalid``, blamed on the ``metric`` query parameter."""
    if metric == "strict":
        return lambda row: row.strict
    if metric == "lenient":
        return lambda row: row.lenient
    if metric == "format":
        return lambda row: row.format_ok
    judge = metric.removeprefix("judge:")
    if metric.startswith("judge:") and judge:

        def judged(row: EvaluationItem) -> bool | None:
            decided = row.judges.get(judge, {}).get("correct")
            return None if decided is None else bool(decided)

        return judged
    detail = f"unknown metric {metric!r}: use {', '.join(METRICS)} or judge:<name>"
    raise Invalid(detail, errors=[{"loc": ["query", "metric"], "msg": detail, "type": "value_error"}])
