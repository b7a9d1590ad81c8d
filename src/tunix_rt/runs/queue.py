"""The SQL that moves runs through a worker's hands: claim, heartbeat (lease renewal and
cancellation check in one statement), finish, release and reap, plus the workers table.

Each is a single statement, so it is atomic on its own: the claim is
``UPDATE ... WHERE id = (SELECT ... FOR UPDATE SKIP LOCKED) RETURNING`` on PostgreSQL (workers
skip each other's candidate rows instead of queueing on them) and the same conditional UPDATE
on SQLite, where the database lock serialises writers. A worker's writes to a run are
conditioned on ``worker_id`` *and* ``attempts``, so a worker whose lease was reaped cannot touch
the run's next attempt.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import String, case, cast, delete, func, literal, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.expression import ScalarSelect

from tunix_rt.db import utcnow
from tunix_rt.runs import notify
from tunix_rt.runs.store import RunStatus, require, sources_of, transition
from tunix_rt.runs.tables import Run, Worker

LOCAL_WORKER_PREFIX = "local:"
"""Worker ids ``local:<host>:<pid>``: a ``--local`` command executing its own run in the
caller's process (``runs/local.py``); the reaper fails such a run instead of requeueing it."""


@dataclass(frozen=True)
class Lease:
    """A worker's hold on one attempt of a run."""

    run_id: uuid.UUID
    worker_id: str
    attempt: int


async def claim(session: AsyncSession, worker_id: str, lease_seconds: float, devices: int = 1) -> Run | None:
    """Take the highest-priority, oldest queued run that needs at most ``devices`` (what the
    worker offers), or None when there is none: a run needing more waits, without holding up
    the runs behind it, for a worker that has them."""
    candidate = (
        select(Run.id)
        .where(Run.status.in_(sources_of(RunStatus.RUNNING)), Run.devices <= devices)
        .order_by(Run.priority.desc(), Run.created_at, Run.id)
        .limit(1)
    )
    if session.get_bind().dialect.name == "postgresql":
        candidate = candidate.with_for_update(skip_locked=True)
    return await _lease(session, candidate.scalar_subquery(), worker_id, lease_seconds)


async def claim_run(session: AsyncSession, run_id: uuid.UUID, worker_id: str, lease_seconds: float) -> Run | None:
    """Take one queued run by id (a sweep claims the trial run it has just submitted, in the
    same transaction, so no other worker can take it first); None when it is not queued."""
    return await _lease(session, run_id, worker_id, lease_seconds)


async def _lease(
    session: AsyncSession, run_id: uuid.UUID | ScalarSelect[uuid.UUID], worker_id: str, lease_seconds: float
) -> Run | None:
    """The one statement both claims share: start the run's next attempt under ``worker_id``'s
    lease, provided it is still queued (the condition that makes a lost race return None)."""
    now = utcnow()
    stmt = (
        update(Run)
        .where(Run.id == run_id, Run.status == RunStatus.QUEUED)
        .values(
            status=RunStatus.RUNNING,
            worker_id=worker_id,
            attempts=Run.attempts + 1,
            lease_expires_at=now + timedelta(seconds=lease_seconds),
            heartbeat_at=now,
            started_at=now,
            updated_at=now,
        )
        .returning(Run)
        .execution_options(populate_existing=True)
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def heartbeat(session: AsyncSession, lease: Lease, lease_seconds: float) -> RunStatus | None:
    """Extend the lease; returns the run's status (``cancel_requested`` means stop it), or None
    when the lease is lost (reaped and perhaps claimed by another worker: stop without writing)."""
    now = utcnow()
    stmt = (
        update(Run)
        .where(Run.id == lease.run_id, Run.worker_id == lease.worker_id, Run.attempts == lease.attempt)
        .where(Run.status.in_((RunStatus.RUNNING, RunStatus.CANCEL_REQUESTED)))
        .values(lease_expires_at=now + timedelta(seconds=lease_seconds), heartbeat_at=now)
        .returning(Run.status)
    )
    status = (await session.execute(stmt)).scalar_one_or_none()
    return RunStatus(status) if status is not None else None


async def finish(
    session: AsyncSession, lease: Lease, status: RunStatus, *, exit_code: int | None, error: str | None
) -> Run | None:
    """Record the outcome of an attempt this worker still holds."""
    return await transition(
        session,
        lease.run_id,
        status,
        Run.worker_id == lease.worker_id,
        Run.attempts == lease.attempt,
        exit_code=exit_code,
        error=error,
        finished_at=utcnow(),
        lease_expires_at=None,
    )


async def release(session: AsyncSession, lease: Lease) -> Run | None:
    """Hand a run back to the queue because this worker is stopping; the attempt did not fail,
    so it is not counted against ``run_max_attempts``."""
    return await transition(
        session,
        lease.run_id,
        RunStatus.QUEUED,
        Run.worker_id == lease.worker_id,
        Run.attempts == lease.attempt,
        Run.status == RunStatus.RUNNING,
        attempts=Run.attempts - 1,
        worker_id=None,
        lease_expires_at=None,
    )


async def requeue(session: AsyncSession, lease: Lease, max_attempts: int, reason: str) -> Run | None:
    """Put back an attempt whose child was lost with the machine it ran on (a Ray node): queued
    again while attempts remain, counted like a reaped lease, so the next attempt resumes from
    the last checkpoint; failed with ``reason`` on the last attempt. None when this worker no
    longer holds the attempt."""
    held = (Run.worker_id == lease.worker_id, Run.attempts == lease.attempt, Run.status == RunStatus.RUNNING)
    again = await transition(
        session,
        lease.run_id,
        RunStatus.QUEUED,
        *held,
        Run.attempts < max_attempts,
        worker_id=None,
        lease_expires_at=None,
    )
    if again is not None:
        return again
    return await transition(
        session,
        lease.run_id,
        RunStatus.FAILED,
        *held,
        error=f"{reason} (attempt {lease.attempt} of {max_attempts})",
        finished_at=utcnow(),
        lease_expires_at=None,
    )


for _source, _target in (
    (RunStatus.RUNNING, RunStatus.QUEUED),
    (RunStatus.RUNNING, RunStatus.FAILED),
    (RunStatus.CANCEL_REQUESTED, RunStatus.CANCELLED),
):
    require(_source, _target)


@dataclass(frozen=True)
class Reaped:
    requeued: list[uuid.UUID]
    failed: list[uuid.UUID]
    cancelled: list[uuid.UUID]


async def reap(session: AsyncSession, max_attempts: int) -> Reaped:
    """Runs whose lease expired (their worker died or hung): requeued while attempts remain,
    failed with the reason after that; one whose cancellation was pending is cancelled. A
    ``--local`` run (``LOCAL_WORKER_PREFIX``) is never requeued: the process that ran it in the
    foreground was killed, and a worker taking it up later would surprise its caller."""
    now = utcnow()
    local = func.coalesce(Run.worker_id, "").startswith(LOCAL_WORKER_PREFIX)
    requeue = (Run.status == RunStatus.RUNNING) & (Run.attempts < max_attempts) & ~local
    new_status = case(
        (Run.status == RunStatus.CANCEL_REQUESTED, literal(RunStatus.CANCELLED.value)),
        (requeue, literal(RunStatus.QUEUED.value)),
        else_=literal(RunStatus.FAILED.value),
    )
    reason = case(
        (local, literal("lease expired: the --local process running it ended without recording an outcome")),
        else_=literal("lease expired after ") + cast(Run.attempts, String) + literal(" attempts"),
    )
    stmt = (
        update(Run)
        .where(Run.status.in_((RunStatus.RUNNING, RunStatus.CANCEL_REQUESTED)), Run.lease_expires_at < now)
        .values(
            status=new_status,
            error=case((requeue, Run.error), else_=reason),
            finished_at=case((requeue, None), else_=now),
            worker_id=None,
            lease_expires_at=None,
            updated_at=now,
        )
        .returning(Run.id, Run.status)
    )
    rows = (await session.execute(stmt)).all()
    notify.mark(session, [run_id for run_id, _status in rows])
    by_status: dict[str, list[uuid.UUID]] = {status: [] for status in RunStatus}
    for run_id, status in rows:
        by_status[status].append(run_id)
    return Reaped(by_status[RunStatus.QUEUED], by_status[RunStatus.FAILED], by_status[RunStatus.CANCELLED])


async def register_worker(
    session: AsyncSession, worker_id: str, hostname: str, pid: int, concurrency: int, devices: int = 1
) -> None:
    now = utcnow()
    session.add(
        Worker(
            id=worker_id,
            hostname=hostname,
            pid=pid,
            concurrency=concurrency,
            devices=devices,
            started_at=now,
            heartbeat_at=now,
        )
    )
    await session.flush()


async def worker_heartbeat(session: AsyncSession, worker_id: str) -> bool:
    """Renew the worker's row; False when there is none (another worker forgot it as dead)."""
    result = await session.execute(
        update(Worker).where(Worker.id == worker_id).values(heartbeat_at=utcnow()).returning(Worker.id)
    )
    return result.scalar_one_or_none() is not None


async def deregister_worker(session: AsyncSession, worker_id: str) -> None:
    await session.execute(delete(Worker).where(Worker.id == worker_id))


async def forget_dead_workers(session: AsyncSession, older_than: datetime) -> int:
    """Drop rows of workers that stopped heartbeating (killed without deregistering)."""
    result = await session.execute(delete(Worker).where(Worker.heartbeat_at < older_than).returning(Worker.id))
    return len(result.all())


async def statuses_held(session: AsyncSession, leases: Sequence[Lease]) -> dict[Lease, RunStatus]:
    """The status of each run whose lease still holds, in one read; a lease missing from the
    result is lost."""
    if not leases:
        return {}
    wanted: dict[tuple[uuid.UUID, str | None, int], Lease] = {
        (lease.run_id, lease.worker_id, lease.attempt): lease for lease in leases
    }
    stmt = select(Run.id, Run.worker_id, Run.attempts, Run.status).where(
        Run.id.in_({lease.run_id for lease in leases}), Run.status.in_((RunStatus.RUNNING, RunStatus.CANCEL_REQUESTED))
    )
    found: dict[Lease, RunStatus] = {}
    for run_id, worker_id, attempts, status in (await session.execute(stmt)).all():
        lease = wanted.get((run_id, worker_id, attempts))
        if lease is not None:
            found[lease] = RunStatus(status)
    return found


async def most_devices(session: AsyncSession, alive_since: datetime) -> int | None:
    """The most devices a worker heartbeating since ``alive_since`` offers; None when none is."""
    return (
        await session.execute(select(func.max(Worker.devices)).where(Worker.heartbeat_at >= alive_since))
    ).scalar_one_or_none()
