"""The lease keeper: leases stay renewed while the worker's event loop is blocked, and a lost
lease stops its attempt (from the keeper's thread) with every later write of it fenced off."""

from __future__ import annotations

import asyncio
import os
import time
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.runs.conftest import (
    appears,
    executions,
    fetch,
    process_group_alive,
    submit,
    wait_for,
    wait_for_line,
    worker_running,
)
from tunix_rt import db
from tunix_rt.runs import artifacts, queue, store
from tunix_rt.runs.store import RunStatus
from tunix_rt.runs.tables import Run
from tunix_rt.settings import Settings


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """2 s leases: these tests block the loop for several leases, so they must be short."""
    return settings.model_copy(update={"run_lease_seconds": 2.0})


async def no_transaction_open(sessions: async_sessionmaker[AsyncSession]) -> None:
    """Until no connection of the worker's engine (shared with the test) is checked out. A loop
    blocked while one of the worker's write transactions is open keeps that transaction open
    (on SQLite, the database's only write lock; on PostgreSQL, the run's row lock when the write
    renewed the lease), so the keeper could not renew until the loop ran again. That is a
    starved loop holding a lock, which no second thread can take over; the keeper's promise is
    for a loop starved between its transactions, which is what the caller then blocks."""
    pool = sessions.kw["bind"].pool
    deadline = time.monotonic() + 120
    while pool.checkedout():
        assert time.monotonic() < deadline, "the worker never closed its transactions"
        await asyncio.sleep(0.005)


async def taken_over(sessions: async_sessionmaker[AsyncSession], run_id: uuid.UUID) -> None:
    """What a reap and a claim by another worker leave behind, in one write. The other worker's
    lease is an hour long, as if it kept renewing: with the claim's short lease, this worker's
    reaper requeued the run once the test was slow (a loaded machine) and ran a third attempt,
    whose output the test then took for the fenced attempt's."""
    async with db.transaction(sessions) as session:
        await session.execute(
            update(Run)
            .where(Run.id == run_id)
            .values(worker_id="elsewhere", attempts=2, lease_expires_at=db.utcnow() + timedelta(hours=1))
        )


def block_the_loop_until(done: float) -> None:
    """Hold the calling event loop (the worker's too, in these tests) for a while."""
    while time.monotonic() < done:
        time.sleep(0.05)


async def stored_lines(sessions: async_sessionmaker[AsyncSession], run_id: uuid.UUID) -> list[str]:
    async with sessions() as session:
        return [line.line for line in await store.logs_after(session, run_id, 0, 10_000)]


async def test_a_lost_lease_stops_the_attempt_and_fences_its_writes(
    settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    run_id = await submit(
        sessions,
        {"op": "spawn", "seconds": 60},
        {"op": "print", "text": "before"},
        {"op": "wait_for", "path": "go", "seconds": 60},
        {"op": "lines", "text": "after", "count": 200},
        {"op": "metric", "step": 7, "values": {"loss": 1.0}},
        {"op": "checkpoint", "path": "late", "step": 7},
        {"op": "sleep", "seconds": 60},
    )
    folder = artifacts.run_dir(settings.home, run_id)
    async with worker_running(settings, sessions):
        await wait_for_line(sessions, run_id, "before")
        pgid = os.getpgid(int((folder / "grandchild.pid").read_text()))
        await taken_over(sessions, run_id)
        (folder / "go").touch()  # the child now writes, racing the keeper's discovery of the loss
        deadline = time.monotonic() + 60
        while process_group_alive(pgid):
            assert time.monotonic() < deadline, "the attempt kept running after losing its lease"
            await asyncio.sleep(0.05)
        await asyncio.sleep(10 * settings.run_poll_seconds)
    lines = await stored_lines(sessions, run_id)
    assert "before" in lines
    assert not [line for line in lines if line.startswith("after")]
    async with sessions() as session:
        assert await store.metric_points(session, run_id, "loss") == []
    run = await fetch(sessions, run_id)
    assert (run.status, run.worker_id, run.attempts, run.finished_at, run.last_checkpoint) == (
        RunStatus.RUNNING,
        "elsewhere",
        2,
        None,
        None,
    )


async def test_the_keeper_kills_a_lost_attempt_while_the_event_loop_is_blocked(
    settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    run_id = await submit(sessions, {"op": "spawn", "seconds": 60}, {"op": "sleep", "seconds": 60})
    folder = artifacts.run_dir(settings.home, run_id)
    async with worker_running(settings, sessions):
        await appears(folder / "grandchild.pid")
        pgid = os.getpgid(int((folder / "grandchild.pid").read_text()))
        await taken_over(sessions, run_id)
        deadline = time.monotonic() + 60
        while process_group_alive(pgid):  # blocking on purpose: only the keeper's thread can act
            assert time.monotonic() < deadline, "the lost attempt was not killed while the loop was blocked"
            time.sleep(0.05)  # noqa: ASYNC251
    assert executions(folder) == ["start"]


async def test_leases_are_renewed_while_the_event_loop_is_blocked(
    settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    run_id = await submit(
        sessions, {"op": "print", "text": "started"}, {"op": "wait_for", "path": "go", "seconds": 120}
    )
    folder = artifacts.run_dir(settings.home, run_id)
    async with worker_running(settings, sessions) as worker:
        await wait_for_line(sessions, run_id, "started")
        await no_transaction_open(sessions)
        blocked = db.utcnow()  # no await from here to the block: the worker cannot open one
        beats = worker.keeper.beats
        # three leases long with the worker's loop starved: before the keeper, every lease lapsed
        block_the_loop_until(time.monotonic() + 3 * settings.run_lease_seconds)
        assert worker.keeper.beats > beats
        run = await fetch(sessions, run_id)
        assert run.heartbeat_at is not None
        assert run.heartbeat_at > blocked + timedelta(seconds=2 * settings.run_lease_seconds)
        async with db.transaction(sessions) as session:  # what any other worker's reaper would do now
            reaped = await queue.reap(session, settings.run_max_attempts)
        assert run_id not in reaped.requeued
        (folder / "go").touch()
        done = await wait_for(sessions, run_id, RunStatus.SUCCEEDED)
    assert done.attempts == 1
    assert executions(folder) == ["start", "end"]
