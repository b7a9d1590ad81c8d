"""Claim, heartbeat, finish, release and reap as SQL, on both databases, without processes."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.runs.conftest import fetch, submit
from tunix_rt import db
from tunix_rt.runs import queue
from tunix_rt.runs.queue import Lease
from tunix_rt.runs.store import RunStatus
from tunix_rt.runs.tables import Run, Worker
from tunix_rt.settings import Settings


async def claim(sessions: async_sessionmaker[AsyncSession], worker: str = "w1", devices: int = 1) -> Run | None:
    async with db.transaction(sessions) as session:
        return await queue.claim(session, worker, 30, devices)


async def expire(sessions: async_sessionmaker[AsyncSession], run_id: uuid.UUID) -> None:
    async with db.transaction(sessions) as session:
        past = db.utcnow() - timedelta(seconds=1)
        await session.execute(update(Run).where(Run.id == run_id).values(lease_expires_at=past))


async def test_claim_takes_priority_then_age_and_sets_the_lease(sessions: async_sessionmaker[AsyncSession]) -> None:
    assert await claim(sessions) is None
    old = await submit(sessions)
    new = await submit(sessions)
    urgent = await submit(sessions, priority=3)
    order = [await claim(sessions) for _ in range(4)]
    assert [run.id if run else None for run in order] == [urgent, old, new, None]
    first = order[0]
    assert first is not None
    assert (first.status, first.worker_id, first.attempts) == (RunStatus.RUNNING, "w1", 1)
    assert first.lease_expires_at is not None
    assert first.started_at is not None
    assert timedelta(seconds=29) < first.lease_expires_at - first.started_at <= timedelta(seconds=30)


async def test_a_run_needing_more_devices_waits_for_a_worker_that_has_them(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    big = await submit(sessions, priority=5)
    async with db.transaction(sessions) as session:
        await session.execute(update(Run).where(Run.id == big).values(devices=4))
    small = await submit(sessions)
    taken = await claim(sessions, "one-device")
    assert taken is not None
    assert taken.id == small  # the big run does not hold up the one behind it
    assert await claim(sessions, "two-devices", devices=2) is None
    taken = await claim(sessions, "four-devices", devices=4)
    assert taken is not None
    assert (taken.id, taken.devices) == (big, 4)


async def test_concurrent_claims_never_share_a_run(sessions: async_sessionmaker[AsyncSession]) -> None:
    ids = {await submit(sessions) for _ in range(12)}

    async def drain(worker: str) -> list[uuid.UUID]:
        got = []
        while (run := await claim(sessions, worker)) is not None:
            got.append(run.id)
        return got

    results = await asyncio.gather(*(drain(f"w{n}") for n in range(4)))
    claimed = [run_id for result in results for run_id in result]
    assert sorted(claimed) == sorted(ids)


async def test_heartbeat_renews_reports_cancellation_and_detects_a_lost_lease(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    run_id = await submit(sessions)
    run = await claim(sessions)
    assert run is not None
    lease = Lease(run_id, "w1", 1)
    async with db.transaction(sessions) as session:
        assert await queue.heartbeat(session, lease, 60) == RunStatus.RUNNING
        assert await queue.statuses_held(session, [lease]) == {lease: RunStatus.RUNNING}
    renewed = await fetch(sessions, run_id)
    assert renewed.lease_expires_at is not None
    assert renewed.lease_expires_at > db.utcnow() + timedelta(seconds=50)
    async with db.transaction(sessions) as session:
        await session.execute(update(Run).where(Run.id == run_id).values(status=RunStatus.CANCEL_REQUESTED))
    async with db.transaction(sessions) as session:
        assert await queue.heartbeat(session, lease, 60) == RunStatus.CANCEL_REQUESTED
        assert await queue.heartbeat(session, Lease(run_id, "w1", 2), 60) is None
        assert await queue.heartbeat(session, Lease(run_id, "w2", 1), 60) is None
        stale = [Lease(run_id, "w2", 1), Lease(run_id, "w1", 2)]
        assert await queue.statuses_held(session, [lease, *stale]) == {lease: RunStatus.CANCEL_REQUESTED}


async def test_finish_only_for_the_holder_of_the_attempt(sessions: async_sessionmaker[AsyncSession]) -> None:
    run_id = await submit(sessions)
    await claim(sessions)
    async with db.transaction(sessions) as session:
        stale = Lease(run_id, "w1", 0)
        assert await queue.finish(session, stale, RunStatus.SUCCEEDED, exit_code=0, error=None) is None
        done = await queue.finish(session, Lease(run_id, "w1", 1), RunStatus.FAILED, exit_code=3, error="bad")
    assert done is not None
    assert (done.status, done.exit_code, done.error, done.lease_expires_at) == (RunStatus.FAILED, 3, "bad", None)
    assert done.finished_at is not None
    async with db.transaction(sessions) as session:  # terminal: nothing may follow
        assert await queue.finish(session, Lease(run_id, "w1", 1), RunStatus.SUCCEEDED, exit_code=0, error=None) is None


async def test_release_requeues_without_counting_the_attempt(sessions: async_sessionmaker[AsyncSession]) -> None:
    run_id = await submit(sessions)
    await claim(sessions)
    async with db.transaction(sessions) as session:
        released = await queue.release(session, Lease(run_id, "w1", 1))
    assert released is not None
    assert (released.status, released.attempts, released.worker_id) == (RunStatus.QUEUED, 0, None)


async def test_requeue_counts_the_attempt_and_fails_the_last_with_the_reason(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    """A child lost with its Ray node: queued again while attempts remain, failed after that;
    never for an attempt the worker no longer holds."""
    run_id = await submit(sessions)
    for attempt in (1, 2):
        run = await claim(sessions)
        assert run is not None
        assert run.attempts == attempt
        async with db.transaction(sessions) as session:
            again = await queue.requeue(session, Lease(run_id, "w1", attempt), 2, "lost with Ray node 10.0.0.7")
        assert again is not None
    last = await fetch(sessions, run_id)
    assert (last.status, last.attempts, last.worker_id) == (RunStatus.FAILED, 2, "w1")
    assert last.error == "lost with Ray node 10.0.0.7 (attempt 2 of 2)"
    assert last.finished_at is not None
    other = await submit(sessions)
    assert (await claim(sessions)) is not None
    async with db.transaction(sessions) as session:
        assert await queue.requeue(session, Lease(other, "w2", 1), 3, "lost") is None
    async with db.transaction(sessions) as session:
        queued = await queue.requeue(session, Lease(other, "w1", 1), 3, "lost")
    assert queued is not None
    assert (queued.status, queued.attempts, queued.worker_id, queued.error) == (RunStatus.QUEUED, 1, None, None)


async def test_reap_requeues_then_fails_and_completes_pending_cancels(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    run_id = await submit(sessions)
    cancelling = await submit(sessions)
    for attempt in range(1, settings.run_max_attempts + 1):
        run = await claim(sessions)
        assert run is not None
        assert (run.id, run.attempts) == (run_id, attempt)
        await expire(sessions, run_id)
        async with db.transaction(sessions) as session:
            reaped = await queue.reap(session, settings.run_max_attempts)
        if attempt < settings.run_max_attempts:
            assert reaped.requeued == [run_id]
        else:
            assert (reaped.requeued, reaped.failed) == ([], [run_id])
    failed = await fetch(sessions, run_id)
    assert failed.status == RunStatus.FAILED
    assert failed.error == "lease expired after 3 attempts"
    assert failed.finished_at is not None
    assert failed.worker_id is None
    await claim(sessions)
    async with db.transaction(sessions) as session:
        await session.execute(update(Run).where(Run.id == cancelling).values(status=RunStatus.CANCEL_REQUESTED))
    await expire(sessions, cancelling)
    async with db.transaction(sessions) as session:
        reaped = await queue.reap(session, settings.run_max_attempts)
        assert await queue.reap(session, settings.run_max_attempts) == queue.Reaped([], [], [])
    assert reaped.cancelled == [cancelling]
    assert (await fetch(sessions, cancelling)).status == RunStatus.CANCELLED


async def test_workers_register_heartbeat_and_are_forgotten(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with db.transaction(sessions) as session:
        await queue.register_worker(session, "host:1:a", "host", 1, 2)
        await queue.register_worker(session, "host:2:b", "host", 2, 1)
    async with db.transaction(sessions) as session:
        assert await queue.worker_heartbeat(session, "host:1:a")
        assert not await queue.worker_heartbeat(session, "host:3:c")
        await session.execute(
            update(Worker).where(Worker.id == "host:2:b").values(heartbeat_at=db.utcnow() - timedelta(hours=1))
        )
    async with db.transaction(sessions) as session:
        assert await queue.forget_dead_workers(session, db.utcnow() - timedelta(minutes=1)) == 1
        await queue.deregister_worker(session, "host:1:a")
    async with sessions() as session:
        assert await session.get(Worker, "host:1:a") is None


async def test_reap_fails_a_local_run_whose_process_died_instead_of_requeueing_it(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    local = await submit(sessions)
    queued = await submit(sessions)
    async with db.transaction(sessions) as session:
        await queue.claim_run(session, local, f"{queue.LOCAL_WORKER_PREFIX}host:1", 30)
        await queue.claim_run(session, queued, "host:2:a", 30)
    await expire(sessions, local)
    await expire(sessions, queued)
    async with db.transaction(sessions) as session:
        reaped = await queue.reap(session, settings.run_max_attempts)
    assert (reaped.requeued, reaped.failed) == ([queued], [local])
    failed = await fetch(sessions, local)
    assert (failed.status, failed.attempts, failed.worker_id) == (RunStatus.FAILED, 1, None)
    assert failed.error == "lease expired: the --local process running it ended without recording an outcome"
    assert (await fetch(sessions, queued)).status == RunStatus.QUEUED
