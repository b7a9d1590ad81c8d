"""Sweep queries: trial rows, the runs of a trial, the best trial, the parallel-coordinates
table, and promoting the best trial's model. Each takes a session (the caller owns the
transaction) and raises domain errors.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from tunix_rt.db import json_array_contains, utcnow
from tunix_rt.errors import Conflict, NotFound
from tunix_rt.registry.blobs import BlobStore
from tunix_rt.registry.tables import ModelVersion
from tunix_rt.runs import store as runs
from tunix_rt.runs.tables import Run, RunMetric
from tunix_rt.sweeps.config import SweepConfig
from tunix_rt.sweeps.tables import SweepTrial

SWEEP_KIND = "sweep"


class TrialStatus(StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    STOPPED = "stopped"
    CANCELLED = "cancelled"


FINISHED = frozenset({TrialStatus.SUCCEEDED, TrialStatus.FAILED, TrialStatus.STOPPED, TrialStatus.CANCELLED})


def sweep_tag(sweep_id: uuid.UUID) -> str:
    return f"sweep:{sweep_id}"


def trial_tag(trial_id: str) -> str:
    return f"trial:{trial_id}"


async def get_sweep(session: AsyncSession, run_id: uuid.UUID) -> Run:
    run = await runs.get(session, run_id)
    if run.kind != SWEEP_KIND:
        raise NotFound(f"run {run_id} is a {run.kind} run, not a sweep")
    return run


async def lock_sweep(session: AsyncSession, sweep_id: uuid.UUID) -> Run:
    """The sweep, share-locked to the end of the transaction (on PostgreSQL; SQLite has no row
    locks), for a trial about to submit a run: cancelling the sweep updates this row, so the
    cancel waits for the submit to commit and its cascade to the sweep's runs sees the new
    one, or the trial waits for the cancel and finds the sweep no longer running."""
    stmt = select(Run).where(Run.id == sweep_id, Run.kind == SWEEP_KIND).with_for_update(read=True)
    run = (await session.execute(stmt.execution_options(populate_existing=True))).scalar_one_or_none()
    if run is None:
        raise NotFound(f"sweep {sweep_id} does not exist")
    return run


async def upsert_trial(session: AsyncSession, sweep_id: uuid.UUID, trial_id: str, **values: Any) -> None:
    """Create the trial's row or update the given columns; ``params`` is needed on creation."""
    now = utcnow()
    row = {"sweep_run_id": sweep_id, "trial_id": trial_id, "updated_at": now, **values}
    dialect_insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    stmt = dialect_insert(SweepTrial).values({"params": {}, "status": TrialStatus.PENDING, "created_at": now, **row})
    stmt = stmt.on_conflict_do_update(
        index_elements=["sweep_run_id", "trial_id"], set_={key: stmt.excluded[key] for key in row}
    )
    await session.execute(stmt)


async def get_trial(session: AsyncSession, sweep_id: uuid.UUID, trial_id: str) -> SweepTrial | None:
    return await session.get(SweepTrial, (sweep_id, trial_id), populate_existing=True)


async def trials_of(session: AsyncSession, sweep_id: uuid.UUID) -> list[SweepTrial]:
    stmt = (
        select(SweepTrial)
        .where(SweepTrial.sweep_run_id == sweep_id)
        .order_by(SweepTrial.created_at, SweepTrial.trial_id)
        .execution_options(populate_existing=True)
    )
    return list((await session.execute(stmt)).scalars())


async def trial_run(session: AsyncSession, sweep_id: uuid.UUID, trial_id: str, kind: str) -> Run | None:
    """The run of ``kind`` a trial submitted, if any (the newest, should a restore have made two)."""
    stmt = (
        select(Run)
        .where(Run.parent_id == sweep_id, Run.kind == kind, json_array_contains(Run.tags, trial_tag(trial_id)))
        .order_by(Run.created_at.desc())
        .limit(1)
        .execution_options(populate_existing=True)
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def last_train_loss(session: AsyncSession, sweep_id: uuid.UUID, trial_id: str) -> float | None:
    """The last loss the trial's training run logged, for a trial that ends without scoring
    (stopped by ASHA or the budget, failed, cancelled): its row keeps the loss it reached, as a
    succeeded trial's does, rather than none at all."""
    train = await trial_run(session, sweep_id, trial_id, "train")
    if train is None:
        return None
    stmt = (
        select(RunMetric.value)
        .where(RunMetric.run_id == train.id, RunMetric.name == "loss")
        .order_by(RunMetric.step.desc())
        .limit(1)
    )
    value = (await session.execute(stmt)).scalar_one_or_none()
    return float(value) if value is not None else None


async def retire_unfinished_trials(session: AsyncSession, sweep_id: uuid.UUID) -> int:
    """Cancel the sweep's unfinished runs and mark its unfinished trial rows cancelled, for a
    sweep starting its Tune experiment afresh (those trials will never be resumed); returns
    how many trial rows were retired."""
    await runs.cancel_children(session, sweep_id)
    stmt = (
        update(SweepTrial)
        .where(SweepTrial.sweep_run_id == sweep_id, SweepTrial.status.not_in(list(FINISHED)))
        .values(
            status=TrialStatus.CANCELLED,
            error="left by an earlier attempt of the sweep before Tune saved it; its trials start afresh",
            updated_at=utcnow(),
        )
        .returning(SweepTrial.trial_id)
    )
    return len(list((await session.execute(stmt)).scalars()))


def best_trial(config: SweepConfig, trials: list[SweepTrial]) -> SweepTrial | None:
    """The succeeded trial with the best objective; failed, stopped and cancelled trials never
    win, nor does an objective that is not a finite number (it would beat nothing or everything)."""
    best: SweepTrial | None = None
    for trial in trials:
        if trial.status != TrialStatus.SUCCEEDED or trial.objective is None or not math.isfinite(trial.objective):
            continue
        if best is None or config.objective.better(trial.objective, best.objective):  # type: ignore[arg-type]
            best = trial
    return best


@dataclass(frozen=True)
class Column:
    name: str
    role: str
    type: str


def parallel_table(config: SweepConfig, trials: list[SweepTrial]) -> tuple[list[Column], list[dict[str, Any]]]:
    """One axis per space key (a number when every value is, else a category) and one for the
    objective; one row per trial with its values by axis name (missing where it has none)."""
    columns = []
    for key, domain in config.space.items():
        seen = [trial.params.get(key) for trial in trials if key in trial.params]
        numeric = domain.type != "choice" and domain.type != "grid"
        numeric = numeric or all(isinstance(v, int | float) and not isinstance(v, bool) for v in seen)
        columns.append(Column(key, "param", "number" if numeric and seen else "category" if seen else "number"))
    objective_name = config.objective.metric
    columns.append(Column(objective_name, "objective", "number"))
    rows = []
    for trial in trials:
        values: dict[str, Any] = {}
        for column in columns[:-1]:
            if column.name in trial.params:
                value = trial.params[column.name]
                values[column.name] = value if column.type == "number" else _label(value)
        if trial.objective is not None:
            values[objective_name] = trial.objective
        rows.append({"trial_id": trial.trial_id, "status": trial.status, "values": values})
    return columns, rows


def _label(value: Any) -> str:
    return value if isinstance(value, str) else repr(value)


async def promote_best(
    session: AsyncSession,
    blobs: BlobStore,
    home: Path,
    sweep_id: uuid.UUID,
    name: str,
    *,
    label: str | None = None,
    description: str = "",
) -> tuple[ModelVersion, bool]:
    """Register the best trial's trained model as a version of ``name`` (the registry's own
    ``promote``, so the version's provenance names the trial's training run)."""
    from tunix_rt.registry import store as registry

    sweep = await get_sweep(session, sweep_id)
    config = SweepConfig.model_validate(sweep.config)
    best = best_trial(config, await trials_of(session, sweep_id))
    if best is None or best.train_run_id is None:
        raise Conflict(f"sweep {sweep_id} has no succeeded trial to promote")
    text = description or f"best trial {best.trial_id} of sweep {sweep_id}: {config.objective.metric} {best.objective}"
    return await registry.promote(session, blobs, home, name, best.train_run_id, label=label, description=text)
