"""The shared log reader: many followers of one run, late joiners, a follower that falls behind."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator, Callable

import pytest
from sqlalchemy import update
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.runs.conftest import submit
from tunix_rt import db
from tunix_rt.errors import TooMany
from tunix_rt.runs import store, streams
from tunix_rt.runs.store import RunStatus
from tunix_rt.runs.streams import LogHub, StreamSlots, Update
from tunix_rt.runs.tables import Run


async def add_lines(sessions: async_sessionmaker[AsyncSession], run_id: uuid.UUID, first: int, last: int) -> None:
    rows = [{"run_id": run_id, "seq": seq, "stream": "stdout", "line": f"line {seq}"} for seq in range(first, last + 1)]
    async with db.transaction(sessions) as session:
        await store.add_logs(session, rows)


async def finish(sessions: async_sessionmaker[AsyncSession], run_id: uuid.UUID) -> None:
    async with db.transaction(sessions) as session:
        await session.execute(update(Run).where(Run.id == run_id).values(status=RunStatus.SUCCEEDED))


async def collect(updates: AsyncIterator[Update]) -> tuple[list[int], Run | None]:
    seqs: list[int] = []
    async for item in updates:
        if isinstance(item, Run):
            return seqs, item
        if isinstance(item, list):
            seqs.extend(line.seq for line in item)
    return seqs, None


async def until(condition: Callable[[], bool], *, within: float = 60) -> None:
    """Until ``condition()`` is true; ``within`` only bounds a hang, never a speed."""
    deadline = time.monotonic() + within
    while not condition():
        assert time.monotonic() < deadline, "the condition never held"
        await asyncio.sleep(0.01)


async def test_followers_of_one_run_share_one_reader_and_each_gets_every_line_once(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    run_id = await submit(sessions, {"op": "print", "text": "x"})
    other = await submit(sessions, {"op": "print", "text": "y"})
    await add_lines(sessions, run_id, 1, 5)
    hub = LogHub(sessions, poll_seconds=0.02)
    followers = [asyncio.create_task(collect(hub.follow(run_id, after))) for after in (0, 0, 2, 5, 7)]
    elsewhere = asyncio.create_task(collect(hub.follow(other, 0)))
    await until(lambda: hub.readers == 2)
    await add_lines(sessions, run_id, 6, 8)
    await finish(sessions, run_id)
    results = await asyncio.gather(*followers)
    for after, (seqs, final) in zip((0, 0, 2, 5, 7), results, strict=True):
        assert seqs == list(range(after + 1, 9))
        assert final is not None
        assert final.status == RunStatus.SUCCEEDED
    assert hub.readers == 1
    elsewhere.cancel()
    with pytest.raises(asyncio.CancelledError):
        await elsewhere
    assert hub.readers == 0


async def test_a_follower_that_falls_behind_reads_what_it_missed_from_the_database(
    sessions: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(streams, "MAX_PENDING", 1)
    run_id = await submit(sessions, {"op": "print", "text": "x"})
    await add_lines(sessions, run_id, 1, 2)
    hub = LogHub(sessions, poll_seconds=0.02)
    slow = hub.follow(run_id, 0)
    first = await anext(slow)
    assert not isinstance(first, Run)
    seen: list[int] = []

    async def keep_up() -> None:
        async for item in hub.follow(run_id, 0):
            if isinstance(item, Run):
                return
            assert isinstance(item, list)
            seen.extend(line.seq for line in item)

    async def seen_up_to(last: int) -> None:
        await until(lambda: seen[-1:] == [last])

    fast = asyncio.create_task(keep_up())
    for last in (4, 6, 8):
        await add_lines(sessions, run_id, last - 1, last)
        await seen_up_to(last)
    await finish(sessions, run_id)
    await fast
    rest, final = await collect(slow)
    assert isinstance(first, list)
    assert [line.seq for line in first] + rest == list(range(1, 9))
    assert final is not None


async def test_a_deleted_run_ends_its_streams_and_a_left_run_stops_being_read(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    run_id = await submit(sessions, {"op": "print", "text": "x"})
    hub = LogHub(sessions, poll_seconds=0.02)
    left = hub.follow(run_id, 0)

    async def next_update() -> Update:
        return await anext(left)

    waiting = asyncio.create_task(next_update())
    await until(lambda: hub.readers == 1)
    waiting.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiting
    await left.aclose()
    assert hub.readers == 0
    follower = asyncio.create_task(collect(hub.follow(run_id, 0)))
    await until(lambda: hub.readers == 1)
    async with db.transaction(sessions) as session:
        await store.remove(session, run_id)
    assert await follower == ([], None)
    assert hub.readers == 0


def test_stream_slots_cap_each_caller_and_the_server() -> None:
    slots = StreamSlots(total=3, per_caller=2)
    slots.take("a")
    slots.take("a")
    with pytest.raises(TooMany, match="max_log_streams_per_token") as refused:
        slots.take("a")
    assert refused.value.headers() == {"Retry-After": str(streams.RETRY_AFTER_SECONDS)}
    slots.take("b")
    with pytest.raises(TooMany, match="max_log_streams\\)"):
        slots.take("c")
    slots.give_back("a")
    slots.take("c")
    assert slots.open == 3


class FlakySessions:
    """Sessions whose first ``failures`` openings raise ``error``: a database that restarts."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], failures: int, error: Exception) -> None:
        self.sessions, self.failures, self.error = sessions, failures, error

    def __call__(self) -> AsyncSession:
        if self.failures > 0:
            self.failures -= 1
            raise self.error
        return self.sessions()


async def test_the_reader_outlasts_a_database_that_is_briefly_away_and_reports_a_bug(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    run_id = await submit(sessions, {"op": "print", "text": "x"})
    await add_lines(sessions, run_id, 1, 3)
    await finish(sessions, run_id)
    away = OperationalError("SELECT 1", {}, ConnectionRefusedError("the database is restarting"))
    flaky = FlakySessions(sessions, 3, away)
    hub = LogHub(flaky, poll_seconds=0.01)  # type: ignore[arg-type]
    seqs, final = await collect(hub.follow(run_id, 0))
    assert seqs == [1, 2, 3]
    assert final is not None
    assert flaky.failures == 0
    broken = LogHub(FlakySessions(sessions, 1, RuntimeError("a bug")), poll_seconds=0.01)  # type: ignore[arg-type]
    with pytest.raises(RuntimeError, match="a bug"):
        await collect(broken.follow(run_id, 0))
    assert broken.readers == 0
