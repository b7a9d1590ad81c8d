"""Log readers woken by notifications: PostgreSQL LISTEN/NOTIFY and SQLite's in-process broadcast.

Every hub here polls once an hour, so a line or an end that arrives did so because a write was
announced, not because a reader looked again. Timeouts only bound a hang.
"""

from __future__ import annotations

import asyncio
import uuid

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.runs.conftest import submit
from tests.runs.test_streams import add_lines, collect, until
from tunix_rt import db
from tunix_rt.runs import notify, store, streams
from tunix_rt.runs.follow import follow
from tunix_rt.runs.notify import BROADCAST, PgSignals, Signals, signals_for
from tunix_rt.runs.store import RunStatus
from tunix_rt.runs.streams import LogHub
from tunix_rt.runs.tables import Run

HOUR = 3600.0
HANG_GUARD = 60.0


def quiet_hub(sessions: async_sessionmaker[AsyncSession], database_url: str) -> LogHub:
    """A hub that would take an hour to notice anything it is not told."""
    return LogHub(sessions, poll_seconds=HOUR, signals=signals_for(database_url), safety_poll_seconds=HOUR)


async def cancel(sessions: async_sessionmaker[AsyncSession], run_id: uuid.UUID) -> None:
    async with db.transaction(sessions) as session:
        await store.cancel(session, run_id)


async def keep_up(hub: LogHub, run_id: uuid.UUID, seen: list[int]) -> Run | None:
    """Follow ``run_id``, noting each line's number in ``seen`` as it comes; the final run."""
    async for item in hub.follow(run_id, 0):
        if isinstance(item, Run):
            return item
        if isinstance(item, list):
            seen.extend(line.seq for line in item)
    return None


async def test_a_follower_hears_new_lines_and_the_end_without_polling(
    sessions: async_sessionmaker[AsyncSession], database_url: str
) -> None:
    run_id = await submit(sessions, {"op": "print", "text": "x"})
    await add_lines(sessions, run_id, 1, 2)
    hub = quiet_hub(sessions, database_url)
    seen: list[int] = []
    try:
        follower = asyncio.create_task(keep_up(hub, run_id, seen))
        await add_lines(sessions, run_id, 3, 4)  # possibly before the reader's first read
        await until(lambda: seen[-1:] == [4], within=HANG_GUARD)
        await add_lines(sessions, run_id, 5, 7)  # certainly after it
        await until(lambda: seen[-1:] == [7], within=HANG_GUARD)
        await cancel(sessions, run_id)
        final = await asyncio.wait_for(follower, HANG_GUARD)
    finally:
        await hub.close()
    assert seen == list(range(1, 8))
    assert final is not None
    assert final.status == RunStatus.CANCELLED


async def add_points(sessions: async_sessionmaker[AsyncSession], run_id: uuid.UUID, steps: range) -> None:
    """A worker's batch: a line and a loss point per step, in one transaction."""
    async with db.transaction(sessions) as session:
        await store.add_logs(
            session, [{"run_id": run_id, "seq": step, "stream": "stdout", "line": f"step {step}"} for step in steps]
        )
        await store.upsert_metrics(
            session, [{"run_id": run_id, "name": "loss", "step": s, "value": 1 / s} for s in steps]
        )


async def test_a_follower_hears_that_the_curves_grew_without_polling(
    sessions: async_sessionmaker[AsyncSession], database_url: str
) -> None:
    """Points written with lines, and points alone (a run that logs no line with them): each
    write is followed by news of the series' new size, after the lines written with it."""
    run_id = await submit(sessions, {"op": "print", "text": "x"})
    await add_points(sessions, run_id, range(1, 3))  # before anyone follows: read with the curves
    hub = quiet_hub(sessions, database_url)
    heard: list[tuple[str, int, int]] = []

    async def listen() -> None:
        async for item in hub.follow(run_id, 0):
            if isinstance(item, Run):
                return
            if isinstance(item, streams.MetricsNews):
                heard.append(("metrics", item.points, item.step))
            else:
                heard.extend(("line", line.seq, 0) for line in item)

    try:
        follower = asyncio.create_task(listen())
        await until(lambda: ("line", 2, 0) in heard, within=HANG_GUARD)
        await add_points(sessions, run_id, range(3, 6))
        await until(lambda: heard[-1:] == [("metrics", 5, 5)], within=HANG_GUARD)
        async with db.transaction(sessions) as session:
            await store.upsert_metrics(session, [{"run_id": run_id, "name": "lr", "step": 5, "value": 0.1}])
        await until(lambda: heard[-1:] == [("metrics", 6, 5)], within=HANG_GUARD)
        await cancel(sessions, run_id)
        await asyncio.wait_for(follower, HANG_GUARD)
    finally:
        await hub.close()
    assert heard == [
        ("line", 1, 0),
        ("line", 2, 0),
        ("line", 3, 0),
        ("line", 4, 0),
        ("line", 5, 0),
        ("metrics", 5, 5),
        ("metrics", 6, 5),
    ]


async def test_many_followers_of_several_runs_each_get_every_line_once(
    sessions: async_sessionmaker[AsyncSession], database_url: str
) -> None:
    runs = [await submit(sessions, {"op": "print", "text": str(n)}) for n in range(3)]
    hub = quiet_hub(sessions, database_url)
    try:
        followers = {
            run_id: [asyncio.create_task(collect(hub.follow(run_id, 0))) for _ in range(20)] for run_id in runs
        }
        await until(lambda: hub.readers == len(runs))
        for first in range(1, 31, 5):
            for run_id in runs:
                await add_lines(sessions, run_id, first, first + 4)
        for run_id in runs:
            await cancel(sessions, run_id)
        results = {
            run_id: await asyncio.wait_for(asyncio.gather(*tasks), HANG_GUARD) for run_id, tasks in followers.items()
        }
    finally:
        await hub.close()
    for outcomes in results.values():
        for seqs, final in outcomes:
            assert seqs == list(range(1, 31))
            assert final is not None
            assert final.status == RunStatus.CANCELLED
    assert hub.readers == 0


@pytest.mark.parametrize("backend", ["postgres"])
async def test_the_listener_reconnects_and_catches_up_on_what_was_written_while_it_was_away(
    sessions: async_sessionmaker[AsyncSession], database_url: str
) -> None:
    run_id = await submit(sessions, {"op": "print", "text": "x"})
    signals = PgSignals(database_url)
    hub = LogHub(sessions, poll_seconds=HOUR, signals=signals, safety_poll_seconds=HOUR)
    seen: list[int] = []
    follower = asyncio.create_task(keep_up(hub, run_id, seen))
    try:
        await until(lambda: signals.live)
        await add_lines(sessions, run_id, 1, 3)
        await until(lambda: seen[-1:] == [3], within=HANG_GUARD)
        killed = signals.backend_pid
        dsn = signals.dsn
        # keep it away until told: it retries a port nobody listens on
        signals.dsn = make_url(dsn).set(port=1).render_as_string(hide_password=False)
        async with db.transaction(sessions) as session:
            terminated = (await session.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": killed})).scalar()
        assert terminated is True
        await until(lambda: not signals.live, within=HANG_GUARD)
        await add_lines(sessions, run_id, 4, 6)  # nobody listens: these notifications are lost
        signals.dsn = dsn
        await until(lambda: signals.live, within=HANG_GUARD)
        assert signals.backend_pid != killed
        await until(lambda: seen[-1:] == [6], within=HANG_GUARD)  # the catch-up read
        await add_lines(sessions, run_id, 7, 8)
        await cancel(sessions, run_id)
        await asyncio.wait_for(follower, HANG_GUARD)
    finally:
        follower.cancel()
        await hub.close()
    assert seen == list(range(1, 9))


async def test_this_process_hears_a_committed_write_and_not_a_rolled_back_one(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    heard: list[uuid.UUID | None] = []
    key = BROADCAST.subscribe(heard.append)
    try:
        run_id = await submit(sessions, {"op": "print", "text": "x"})

        async def rolled_back() -> None:
            async with db.transaction(sessions) as session:
                notify.mark(session, [run_id])
                raise RuntimeError("rolled back")

        with pytest.raises(RuntimeError):
            await rolled_back()
        await add_lines(sessions, run_id, 1, 1)
        await until(lambda: bool(heard))
        await asyncio.sleep(0)
    finally:
        BROADCAST.unsubscribe(key)
    assert heard == [run_id]


async def test_a_single_follower_is_woken_the_same_way(
    sessions: async_sessionmaker[AsyncSession], database_url: str
) -> None:
    """``runs logs -f`` (``follow``) waits for the same announcements as the server's readers."""
    run_id = await submit(sessions, {"op": "print", "text": "x"})
    signals = signals_for(database_url)
    seen: list[int] = []

    async def keep_up_alone() -> Run | None:
        async for item in follow(sessions, run_id, 0, HOUR, signals, safety_poll_seconds=HOUR):
            if isinstance(item, Run):
                return item
            seen.extend(line.seq for line in item)
        return None

    follower = asyncio.create_task(keep_up_alone())
    await add_lines(sessions, run_id, 1, 2)
    await until(lambda: seen[-1:] == [2], within=HANG_GUARD)
    await add_lines(sessions, run_id, 3, 5)
    await until(lambda: seen[-1:] == [5], within=HANG_GUARD)
    await cancel(sessions, run_id)
    final = await asyncio.wait_for(follower, HANG_GUARD)
    assert seen == list(range(1, 6))
    assert final is not None
    assert final.status == RunStatus.CANCELLED


class Deaf(Signals):
    """Signals that claim to be live and never announce anything: every notification lost."""

    live = True


async def test_a_reader_whose_notifications_are_lost_still_reads_at_the_safety_interval(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    run_id = await submit(sessions, {"op": "print", "text": "x"})
    hub = LogHub(sessions, poll_seconds=HOUR, signals=Deaf(), safety_poll_seconds=0.05)
    follower = asyncio.create_task(collect(hub.follow(run_id, 0)))
    await until(lambda: hub.readers == 1)
    await add_lines(sessions, run_id, 1, 3)
    await cancel(sessions, run_id)
    seqs, final = await asyncio.wait_for(follower, HANG_GUARD)
    assert seqs == [1, 2, 3]
    assert final is not None
    assert final.status == RunStatus.CANCELLED
