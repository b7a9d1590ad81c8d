"""People's labels on evaluation items, and how far each judge agrees with them.

An LLM judge (or any judge) is only as good as its agreement with people, so a person can label
any item of an evaluation ``correct``, ``incorrect`` or ``unsure`` (with a note); the label keeps
who gave it and when. For a judge, the items that are both labelled (correct or incorrect; unsure
is left out) and decided by the judge give a 2x2 table, from which come the accuracy, Cohen's
kappa (agreement beyond chance: ``(p_o - p_e) / (1 - p_e)``, with ``p_e`` from the two raters'
marginals) and the items they disagree on. The answer checker's own strict and lenient verdicts
are measured the same way, as the judges ``strict`` and ``lenient``.

A judge may be the metric of a regression gate only when its agreement, pooled over every labelled
item of every evaluation it judged, reaches ``judge_kappa_floor`` on at least ``judge_min_labels``
labels (κ ≥ 0.6 on 30 by default); otherwise the gate refuses and says why (``require_trusted``).

Kappa is a few lines over a 2x2 table, computed here rather than with scikit-learn, which is not a
dependency.

>>> round(cohen_kappa(tp=20, fp=10, fn=5, tn=15), 3)  # 50 items, p_o 0.7, p_e 0.5
0.4
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from tunix_rt.db import utcnow
from tunix_rt.errors import Invalid, NotFound
from tunix_rt.evaluation import verdicts
from tunix_rt.evaluation.tables import Evaluation, EvaluationItem, ItemLabel

Label = Literal["correct", "incorrect", "unsure"]
BUILTIN_VERDICTS = ("strict", "lenient")
"""The answer checker's verdicts, measured like judges."""


def cohen_kappa(*, tp: int, fp: int, fn: int, tn: int) -> float | None:
    """Cohen's kappa of a judge (positive: said correct) against people (positive: labelled
    correct); None when it is undefined (no items, or both raters always said the same class)."""
    n = tp + fp + fn + tn
    if n == 0:
        return None
    observed = (tp + tn) / n
    expected = ((tp + fp) * (tp + fn) + (fn + tn) * (fp + tn)) / (n * n)
    if expected == 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


@dataclass(frozen=True, slots=True)
class Pair:
    """One labelled item as a judge saw it."""

    run_id: uuid.UUID
    item_id: str
    human: bool
    judge: bool


def agreement(pairs: Iterable[Pair]) -> dict[str, Any]:
    """Counts, accuracy, kappa and the disagreeing items of a judge's verdicts against labels."""
    counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    disagreements = []
    for pair in pairs:
        key = ("t" if pair.judge == pair.human else "f") + ("p" if pair.judge else "n")
        counts[key] += 1
        if pair.judge != pair.human:
            disagreements.append({"evaluation": pair.run_id, "item_id": pair.item_id, "judge": pair.judge})
    n = sum(counts.values())
    return {
        "n": n,
        "accuracy": (counts["tp"] + counts["tn"]) / n if n else None,
        "kappa": cohen_kappa(**counts),
        "confusion": counts,
        "disagreements": disagreements,
    }


def verdict_of(item: EvaluationItem, judge: str) -> bool | None:
    """What ``judge`` said of the item: its recorded verdict, or the checker's strict/lenient one."""
    return verdicts.reader(judge if judge in BUILTIN_VERDICTS else f"judge:{judge}")(item)


async def set_label(
    session: AsyncSession, run_id: uuid.UUID, item_id: str, label: Label, note: str | None, by: str
) -> ItemLabel:
    """Label one item (replacing an earlier label); ``NotFound`` for an item the evaluation lacks."""
    if await session.get(EvaluationItem, (run_id, item_id)) is None:
        if await session.get(Evaluation, run_id) is None:
            raise NotFound(f"no evaluation recorded for run {run_id}")
        raise NotFound(f"evaluation {run_id} has no item {item_id!r}")
    row = await session.get(ItemLabel, (run_id, item_id))
    if row is None:
        row = ItemLabel(run_id=run_id, item_id=item_id)
        session.add(row)
    row.label, row.note, row.labeled_by, row.labeled_at = label, note, by, utcnow()
    await session.flush()
    return row


async def delete_label(session: AsyncSession, run_id: uuid.UUID, item_id: str) -> None:
    row = await session.get(ItemLabel, (run_id, item_id))
    if row is None:
        raise NotFound(f"item {item_id!r} of evaluation {run_id} has no label")
    await session.delete(row)
    await session.flush()


async def labels_of(session: AsyncSession, run_id: uuid.UUID) -> list[ItemLabel]:
    stmt = select(ItemLabel).where(ItemLabel.run_id == run_id).order_by(ItemLabel.item_id)
    return list((await session.execute(stmt)).scalars())


async def _labelled(session: AsyncSession, run_id: uuid.UUID | None) -> list[tuple[EvaluationItem, bool]]:
    """Labelled items (correct or incorrect) with the people's verdict: of one evaluation, or all."""
    stmt = (
        select(EvaluationItem, ItemLabel.label)
        .join(ItemLabel, (ItemLabel.run_id == EvaluationItem.run_id) & (ItemLabel.item_id == EvaluationItem.item_id))
        .where(ItemLabel.label != "unsure")
        .order_by(EvaluationItem.run_id, EvaluationItem.position)
    )
    if run_id is not None:
        stmt = stmt.where(EvaluationItem.run_id == run_id)
    return [(item, label == "correct") for item, label in (await session.execute(stmt)).all()]


def _judges(items: Iterable[EvaluationItem]) -> list[str]:
    names = list(BUILTIN_VERDICTS)
    for item in items:
        names.extend(name for name in item.judges if name not in names)
    return names


def _report(labelled: list[tuple[EvaluationItem, bool]], judges: Iterable[str]) -> dict[str, dict[str, Any]]:
    report: dict[str, dict[str, Any]] = {}
    for judge in judges:
        pairs = []
        for item, human in labelled:
            said = verdict_of(item, judge)
            if said is not None:
                pairs.append(Pair(item.run_id, item.item_id, human, said))
        report[judge] = agreement(pairs)
    return report


async def evaluation_agreement(session: AsyncSession, run_id: uuid.UUID) -> dict[str, Any]:
    """Each judge of one evaluation (and strict, lenient) against its labelled items."""
    if await session.get(Evaluation, run_id) is None:
        raise NotFound(f"no evaluation recorded for run {run_id}")
    labelled = await _labelled(session, run_id)
    return {"labels": len(labelled), "judges": _report(labelled, _judges(item for item, _ in labelled))}


async def judge_agreement(session: AsyncSession, judge: str) -> dict[str, Any]:
    """One judge against every labelled item of every evaluation it judged."""
    return _report(await _labelled(session, None), [judge])[judge]


async def require_trusted(session: AsyncSession, metric: str, floor: float, min_labels: int, use: str = "gate") -> None:
    """Refuse a ``judge:<name>`` metric whose judge does not yet agree with people well enough to
    ``use`` (gate, rank the leaderboard)."""
    if not metric.startswith("judge:"):
        return
    judge = metric.removeprefix("judge:")
    found = await judge_agreement(session, judge)
    kappa = found["kappa"]
    if found["n"] < min_labels or kappa is None or kappa < floor:
        shown = "undefined" if kappa is None else f"{kappa:.3f}"
        raise Invalid(
            f"judge {judge!r} cannot {use} yet: Cohen's kappa with human labels is {shown} on {found['n']} labelled "
            f"items; it needs kappa >= {floor} on at least {min_labels} (label items: tunix-rt eval label)"
        )
