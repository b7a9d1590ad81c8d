"""Run queries and the status transition table, the one place that says which status may follow
which: the queue SQL (``queue.py``), the worker, the API and the CLI write statuses only through
``transition`` or statements whose pairs ``require`` has checked.

Every function takes a session (the caller owns the transaction) and raises domain errors.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Select, delete, func, insert, or_, select, tuple_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from tunix_rt import pagination
from tunix_rt.db import json_array_contains, utcnow
from tunix_rt.errors import Conflict, NotFound
from tunix_rt.runs.kinds import RunRefs
from tunix_rt.runs.tables import Run, RunArtifact, RunLog, RunMetric, Worker


class RunStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    CANCEL_REQUESTED = "cancel_requested"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"


TRANSITIONS: dict[RunStatus, frozenset[RunStatus]] = {
    # claimed by a worker, or cancelled before it started
    RunStatus.QUEUED: frozenset({RunStatus.RUNNING, RunStatus.CANCELLED}),
    # finished, asked to stop, or handed back (lease expired, worker stopping)
    RunStatus.RUNNING: frozenset({RunStatus.SUCCEEDED, RunStatus.FAILED, RunStatus.CANCEL_REQUESTED, RunStatus.QUEUED}),
    # the child may finish on its own before the signal lands
    RunStatus.CANCEL_REQUESTED: frozenset({RunStatus.CANCELLED, RunStatus.SUCCEEDED, RunStatus.FAILED}),
    RunStatus.SUCCEEDED: frozenset(),
    RunStatus.FAILED: frozenset(),
    RunStatus.CANCELLED: frozenset(),
}
TERMINAL = frozenset(status for status, nexts in TRANSITIONS.items() if not nexts)
ACTIVE = frozenset({RunStatus.RUNNING, RunStatus.CANCEL_REQUESTED})


def sources_of(target: RunStatus) -> tuple[RunStatus, ...]:
    """The statuses a run may be in for ``target`` to be written; the WHERE of every status write."""
    return tuple(sorted(status for status, nexts in TRANSITIONS.items() if target in nexts))


def require(source: RunStatus, target: RunStatus) -> None:
    """Fails loudly when code would write a transition the table does not allow."""
    if target not in TRANSITIONS[source]:
        raise ValueError(f"a run cannot go from {source} to {target}")


async def transition(
    session: AsyncSession, run_id: uuid.UUID, target: RunStatus, *where: ColumnElement[bool], **values: Any
) -> Run | None:
    """Move one run to ``target`` if its current status allows it (and ``where`` holds), in a
    single conditional UPDATE so concurrent writers cannot both win; None when nothing changed."""
    stmt = (
        update(Run)
        .where(Run.id == run_id, Run.status.in_(sources_of(target)), *where)
        .values(status=target, updated_at=utcnow(), **values)
        .returning(Run)
        .execution_options(populate_existing=True)
    )
    return (await session.execute(stmt)).scalar_one_or_none()


@dataclass(frozen=True)
class RunFilters:
    kind: str | None = None
    status: RunStatus | None = None
    dataset: str | None = None
    model: str | None = None
    tag: str | None = None
    created_after: datetime | None = None
    created_before: datetime | None = None

    def apply(self, stmt: Select[Any]) -> Select[Any]:
        if self.kind is not None:
            stmt = stmt.where(Run.kind == self.kind)
        if self.status is not None:
            stmt = stmt.where(Run.status == self.status)
        if self.dataset is not None:
            stmt = stmt.where(or_(Run.dataset_key == self.dataset, Run.evalset_key == self.dataset))
        if self.model is not None:
            stmt = stmt.where(Run.model == self.model)
        if self.tag is not None:
            stmt = stmt.where(json_array_contains(Run.tags, self.tag))
        if self.created_after is not None:
            stmt = stmt.where(Run.created_at >= self.created_after)
        if self.created_before is not None:
            stmt = stmt.where(Run.created_at < self.created_before)
        return stmt


async def submit(
    session: AsyncSession,
    kind: str,
    config: dict[str, Any],
    refs: RunRefs,
    *,
    tags: Sequence[str] = (),
    priority: int = 0,
    retry_of: uuid.UUID | None = None,
) -> Run:
    """Queue a run whose config the kind has already validated."""
    now = utcnow()
    run = Run(
        id=uuid.uuid4(),
        kind=kind,
        status=RunStatus.QUEUED,
        config=config,
        dataset_key=refs.dataset_key,
        evalset_key=refs.evalset_key,
        model=refs.model,
        tags=list(tags),
        priority=priority,
        attempts=0,
        retry_of=retry_of,
        created_at=now,
        updated_at=now,
    )
    session.add(run)
    await session.flush()
    return run


async def get(session: AsyncSession, run_id: uuid.UUID) -> Run:
    run = await session.get(Run, run_id, populate_existing=True)
    if run is None:
        raise NotFound(f"run {run_id} does not exist")
    return run


async def references_to(session: AsyncSession, key: str) -> list[uuid.UUID]:
    """Ids of runs (any status) that use ``key`` as their dataset or eval set, oldest first;
    the datasets feature refuses to delete a snapshot while this is not empty."""
    stmt = select(Run.id).where(or_(Run.dataset_key == key, Run.evalset_key == key)).order_by(Run.created_at, Run.id)
    return list((await session.execute(stmt)).scalars())


async def list_page(
    session: AsyncSession, filters: RunFilters, limit: int, cursor: str | None
) -> tuple[list[Run], str | None]:
    """Newest first, keyset-paged."""
    stmt = filters.apply(select(Run)).order_by(Run.created_at.desc(), Run.id.desc()).limit(limit + 1)
    if cursor:
        stmt = stmt.where(tuple_(Run.created_at, Run.id) < tuple_(*pagination.decode_time_id(cursor)))
    runs = list((await session.execute(stmt)).scalars())
    if len(runs) > limit:
        runs = runs[:limit]
        return runs, pagination.encode_time_id(runs[-1].created_at, runs[-1].id)
    return runs, None


async def cancel(session: AsyncSession, run_id: uuid.UUID) -> Run:
    """A queued run is cancelled at once; a running one is asked to stop (its worker signals the
    child within a poll interval); asking twice is harmless; a finished run is a conflict."""
    now = utcnow()
    run = await transition(session, run_id, RunStatus.CANCELLED, Run.status == RunStatus.QUEUED, finished_at=now)
    run = run or await transition(session, run_id, RunStatus.CANCEL_REQUESTED)
    if run is not None:
        return run
    run = await get(session, run_id)
    if run.status in TERMINAL:
        raise Conflict(f"run {run_id} is already {run.status}")
    return run


async def retry(session: AsyncSession, run_id: uuid.UUID) -> Run:
    """A new run with the same kind, config, tags and priority as a failed or cancelled one."""
    original = await get(session, run_id)
    if original.status not in (RunStatus.FAILED, RunStatus.CANCELLED):
        raise Conflict(f"run {run_id} is {original.status}; only failed or cancelled runs can be retried")
    refs = RunRefs(original.dataset_key, original.evalset_key, original.model)
    return await submit(
        session,
        original.kind,
        dict(original.config),
        refs,
        tags=original.tags,
        priority=original.priority,
        retry_of=original.id,
    )


async def remove(session: AsyncSession, run_id: uuid.UUID) -> None:
    """Delete a run with its logs, metrics and artifact records; refused while it runs."""
    result = await session.execute(delete(Run).where(Run.id == run_id, Run.status.not_in(ACTIVE)).returning(Run.id))
    if result.first() is None:
        run = await get(session, run_id)
        raise Conflict(f"run {run_id} is {run.status}; cancel it before deleting")


async def next_seq(session: AsyncSession, run_id: uuid.UUID) -> int:
    """The sequence number the next log line gets (numbering continues across attempts)."""
    last = (await session.execute(select(func.max(RunLog.seq)).where(RunLog.run_id == run_id))).scalar_one()
    return int(last or 0) + 1


async def add_logs(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> None:
    """Insert log lines (``run_id``, ``seq``, ``stream``, ``line``, ``created_at``) in one statement."""
    if rows:
        await session.execute(insert(RunLog), list(rows))


def _upsert(session: AsyncSession, model: type[Any], keys: Sequence[str], rows: Sequence[dict[str, Any]]) -> Any:
    dialect_insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    stmt = dialect_insert(model)
    updated = {name: stmt.excluded[name] for name in rows[0] if name not in keys}
    return stmt.on_conflict_do_update(index_elements=list(keys), set_=updated)


async def upsert_metrics(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> None:
    """Metric points (``run_id``, ``name``, ``step``, ``value``, ``recorded_at``); a step reported
    again (a run resumed from an earlier checkpoint) replaces the old value."""
    if rows:
        await session.execute(_upsert(session, RunMetric, ("run_id", "name", "step"), rows), list(rows))


async def upsert_artifacts(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        await session.execute(_upsert(session, RunArtifact, ("run_id", "path"), rows), list(rows))


async def set_checkpoint(session: AsyncSession, run_id: uuid.UUID, path: str) -> None:
    await session.execute(update(Run).where(Run.id == run_id).values(last_checkpoint=path))


async def logs_after(session: AsyncSession, run_id: uuid.UUID, after: int, limit: int) -> list[RunLog]:
    stmt = select(RunLog).where(RunLog.run_id == run_id, RunLog.seq > after).order_by(RunLog.seq).limit(limit)
    return list((await session.execute(stmt)).scalars())


async def metric_names(session: AsyncSession, run_id: uuid.UUID) -> list[str]:
    stmt = select(RunMetric.name).where(RunMetric.run_id == run_id).distinct().order_by(RunMetric.name)
    return list((await session.execute(stmt)).scalars())


async def metric_points(session: AsyncSession, run_id: uuid.UUID, name: str) -> list[tuple[int, float, datetime]]:
    """One series in step order."""
    stmt = (
        select(RunMetric.step, RunMetric.value, RunMetric.recorded_at)
        .where(RunMetric.run_id == run_id, RunMetric.name == name)
        .order_by(RunMetric.step)
    )
    return [(int(step), float(value), at) for step, value, at in (await session.execute(stmt)).all()]


async def artifact_records(session: AsyncSession, run_id: uuid.UUID) -> list[RunArtifact]:
    stmt = select(RunArtifact).where(RunArtifact.run_id == run_id).order_by(RunArtifact.path)
    return list((await session.execute(stmt)).scalars())


@dataclass(frozen=True)
class WorkerState:
    worker: Worker
    age_seconds: float
    alive: bool


@dataclass(frozen=True)
class Summary:
    by_status: dict[RunStatus, int]
    queued_by_kind: dict[str, int]
    workers: list[WorkerState]
    generated_at: datetime


async def summary(session: AsyncSession, lease_seconds: float) -> Summary:
    """Runs by status (every status, zeros included), queued runs by kind, and each registered
    worker with its heartbeat age; alive means it heartbeated within ``lease_seconds``."""
    now = utcnow()
    counts = {
        status: int(count)
        for status, count in (await session.execute(select(Run.status, func.count()).group_by(Run.status))).all()
    }
    queued = (
        await session.execute(
            select(Run.kind, func.count()).where(Run.status == RunStatus.QUEUED).group_by(Run.kind).order_by(Run.kind)
        )
    ).all()
    workers = (await session.execute(select(Worker).order_by(Worker.id))).scalars()
    cutoff = now - timedelta(seconds=lease_seconds)
    return Summary(
        by_status={status: counts.get(status.value, 0) for status in RunStatus},
        queued_by_kind={kind: int(count) for kind, count in queued},
        workers=[
            WorkerState(w, max(0.0, (now - w.heartbeat_at).total_seconds()), w.heartbeat_at >= cutoff) for w in workers
        ],
        generated_at=now,
    )
