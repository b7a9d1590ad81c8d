"""Run store functions and the status transition table, on both databases."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.runs.conftest import fetch, submit
from tunix_rt import db
from tunix_rt.errors import Conflict, Invalid, NotFound
from tunix_rt.runs import queue, store
from tunix_rt.runs.queue import Lease
from tunix_rt.runs.store import ACTIVE, TERMINAL, TRANSITIONS, RunFilters, RunStatus
from tunix_rt.runs.tables import Run


def test_the_transition_table() -> None:
    assert set(TRANSITIONS) == set(RunStatus)
    assert {RunStatus.SUCCEEDED, RunStatus.FAILED, RunStatus.CANCELLED} == TERMINAL
    assert {RunStatus.RUNNING, RunStatus.CANCEL_REQUESTED} == ACTIVE
    assert store.sources_of(RunStatus.RUNNING) == (RunStatus.QUEUED,)
    assert set(store.sources_of(RunStatus.CANCELLED)) == {RunStatus.QUEUED, RunStatus.CANCEL_REQUESTED}
    assert store.sources_of(RunStatus.QUEUED) == (RunStatus.RUNNING,)
    store.require(RunStatus.RUNNING, RunStatus.SUCCEEDED)
    with pytest.raises(ValueError, match="from succeeded to running"):
        store.require(RunStatus.SUCCEEDED, RunStatus.RUNNING)


async def test_references_to_finds_dataset_and_evalset_users(sessions: async_sessionmaker[AsyncSession]) -> None:
    trains = await submit(sessions, dataset="gsm-style@v1", model="tiny")
    evals = await submit(sessions, evalset="gsm-style@v1")
    await submit(sessions, dataset="other@v2")
    async with sessions() as session:
        assert await store.references_to(session, "gsm-style@v1") == [trains, evals]
        assert await store.references_to(session, "missing@v1") == []
    run = await fetch(sessions, trains)
    assert (run.dataset_key, run.evalset_key, run.model) == ("gsm-style@v1", None, "tiny")


async def test_cancel_queued_running_and_finished_runs(sessions: async_sessionmaker[AsyncSession]) -> None:
    queued = await submit(sessions)
    async with db.transaction(sessions) as session:
        cancelled = await store.cancel(session, queued)
    assert cancelled.status == RunStatus.CANCELLED
    assert cancelled.finished_at is not None
    running = await submit(sessions)
    async with db.transaction(sessions) as session:
        await queue.claim(session, "w1", 30)
    async with db.transaction(sessions) as session:
        assert (await store.cancel(session, running)).status == RunStatus.CANCEL_REQUESTED
        assert (await store.cancel(session, running)).status == RunStatus.CANCEL_REQUESTED
    async with db.transaction(sessions) as session:
        with pytest.raises(Conflict, match="already cancelled"):
            await store.cancel(session, queued)


async def test_retry_and_remove_rules(sessions: async_sessionmaker[AsyncSession]) -> None:
    run_id = await submit(sessions, {"op": "print", "text": "x"}, dataset="d@v1", priority=4)
    async with db.transaction(sessions) as session:
        await queue.claim(session, "w1", 30)
    async with db.transaction(sessions) as session:
        with pytest.raises(Conflict, match="only failed or cancelled"):
            await store.retry(session, run_id)
        with pytest.raises(Conflict, match="cancel it before deleting"):
            await store.remove(session, run_id)
    async with db.transaction(sessions) as session:
        await queue.finish(session, Lease(run_id, "w1", 1), RunStatus.FAILED, exit_code=1, error="x")
    async with db.transaction(sessions) as session:
        again = await store.retry(session, run_id)
    assert again.id != run_id
    assert (again.retry_of, again.status, again.priority, again.dataset_key) == (run_id, RunStatus.QUEUED, 4, "d@v1")
    assert again.config == (await fetch(sessions, run_id)).config
    async with db.transaction(sessions) as session:
        await store.remove(session, run_id)
    assert (await fetch(sessions, again.id)).retry_of is None
    async with sessions() as session:
        with pytest.raises(NotFound):
            await store.get(session, run_id)
    async with db.transaction(sessions) as session:
        with pytest.raises(NotFound):
            await store.remove(session, run_id)


async def test_list_filters_and_keyset_pages(sessions: async_sessionmaker[AsyncSession]) -> None:
    ids = [await submit(sessions, dataset="a@v1" if n % 2 else None, model="m") for n in range(5)]
    async with db.transaction(sessions) as session:
        await store.cancel(session, ids[0])
        await session.execute(update(Run).where(Run.id == ids[1]).values(tags=["gold"]))
    async with sessions() as session:
        page, cursor = await store.list_page(session, RunFilters(), 2, None)
        assert [run.id for run in page] == [ids[4], ids[3]]
        assert cursor is not None
        page, cursor = await store.list_page(session, RunFilters(), 2, cursor)
        assert [run.id for run in page] == [ids[2], ids[1]]
        page, cursor = await store.list_page(session, RunFilters(), 2, cursor)
        assert ([run.id for run in page], cursor) == ([ids[0]], None)

        async def only(filters: RunFilters) -> list[object]:
            return [run.id for run in (await store.list_page(session, filters, 10, None))[0]]

        assert await only(RunFilters(dataset="a@v1")) == [ids[3], ids[1]]
        assert await only(RunFilters(status=RunStatus.CANCELLED)) == [ids[0]]
        assert await only(RunFilters(tag="gold")) == [ids[1]]
        assert await only(RunFilters(kind="scripted", model="m")) == ids[::-1]
        assert await only(RunFilters(kind="train")) == []
        later = db.utcnow() + timedelta(minutes=1)
        assert await only(RunFilters(created_after=later)) == []
        assert len(await only(RunFilters(created_before=later))) == 5
        with pytest.raises(Invalid, match="cursor"):
            await store.list_page(session, RunFilters(), 2, "not-a-cursor")
