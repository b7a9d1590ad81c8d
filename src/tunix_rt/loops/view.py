"""A loop as people read it: each round's links and numbers, its held-out accuracy with its
interval, and the item-level McNemar test of its model against round 0's. Every number is read
from the store (the rounds' rows, the evaluations' scorecards and items), as in the
experiments' reports, whose comparison this reuses."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from tunix_rt.experiments import report
from tunix_rt.loops import store
from tunix_rt.loops.schema import Accuracy, RoundRead, VersusStart
from tunix_rt.loops.tables import LoopRound


async def _accuracy(session: AsyncSession, eval_run: uuid.UUID | None) -> Accuracy | None:
    from tunix_rt.evaluation import store as evaluations

    found = None if eval_run is None else await evaluations.find(session, eval_run)
    return None if found is None else Accuracy.model_validate(found.scorecard["strict_accuracy"])


def _arm(row: LoopRound) -> report.Arm:
    """The round as an experiment's arm; the comparison reads only its evaluation (round 0
    trained nothing, so its evaluation stands in for the training run it has not)."""
    assert row.eval_run_id is not None
    train = row.train_run_id if row.train_run_id is not None else row.eval_run_id
    return report.Arm(f"round {row.round}", row.dataset_key or "", train, row.eval_run_id)


async def rounds(session: AsyncSession, loop_id: uuid.UUID) -> list[RoundRead]:
    """The loop's rounds, round 0 first, each compared with round 0 once both are evaluated."""
    rows = await store.list_rounds(session, loop_id)
    read = []
    start = rows[0] if rows and rows[0].status == "succeeded" else None
    for row in rows:
        versus = None
        if start is not None and row.round > 0 and row.status == "succeeded":
            compared = await report.comparison(session, _arm(start), _arm(row))
            counts = compared["counts"]
            versus = VersusStart(
                paired_items=compared["paired_items"],
                fixed=counts["fixed"],
                broken=counts["broken"],
                mcnemar_p=compared["mcnemar_p"],
                ui=compared["ui"],
            )
        read.append(
            RoundRead(
                round=row.round,
                status=row.status,
                sample_run_id=row.sample_run_id,
                dataset_key=row.dataset_key,
                train_run_id=row.train_run_id,
                eval_run_id=row.eval_run_id,
                traces_kept=row.traces_kept,
                pass_at_1=row.pass_at_1,
                pass_at_k=row.pass_at_k,
                strict_accuracy=await _accuracy(session, row.eval_run_id),
                versus_start=versus,
                error=row.error,
            )
        )
    return read
