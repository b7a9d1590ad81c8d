"""How one item's verdict on a metric is read from its stored row: the checker's strict and
lenient verdicts, the format verdict, or a judge's (``judge:<name>``). Comparisons and the
regression gate pair items on it and judge agreement measures judges by it, so all read a verdict
the same way."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from tunix_rt.errors import Invalid
from tunix_rt.evaluation.tables import EvaluationItem

METRICS = ("strict", "lenient", "format")
"""The verdicts every item has, besides any judge's (``judge:<name>``)."""

Reader = Callable[[EvaluationItem], bool | None]

SAMPLE_FIELDS = {"strict": "strict", "lenient": "lenient", "format": "format_ok"}
"""Where each sample (``samples: k``) keeps its verdict on a metric; samples keep no judge's."""


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


def sampled(row: EvaluationItem, metric: str) -> list[bool] | None:
    """Each sample's verdict on ``metric`` of an item evaluated with ``samples: k``; None for an
    item with one output, or a judge's metric (judges decide the item's first sample only)."""
    field = SAMPLE_FIELDS.get(metric)
    if field is None or not row.samples or len(row.samples) < 2:
        return None
    return [bool(sample[field]) for sample in row.samples]


class Pair(NamedTuple):
    """One item decided in both evaluations: its two rows and their verdicts."""

    a: EvaluationItem
    b: EvaluationItem
    was: bool
    now: bool


def paired(a_rows: Sequence[EvaluationItem], b_rows: Sequence[EvaluationItem], verdict: Reader) -> list[Pair]:
    """The items present in both evaluations and decided in both (a judge may leave one
    undecided), in ``a``'s order: what a comparison counts and the gate tests."""
    b_items = {row.item_id: row for row in b_rows}
    pairs = []
    for left in a_rows:
        right = b_items.get(left.item_id)
        if right is None:
            continue
        was, now = verdict(left), verdict(right)
        if was is not None and now is not None:
            pairs.append(Pair(left, right, was, now))
    return pairs
