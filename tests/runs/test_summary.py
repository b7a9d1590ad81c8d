"""GET /api/runs/summary on both databases: counts by status, queued by kind, workers alive or stale."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tunix_rt import db
from tunix_rt.runs import queue, store
from tunix_rt.runs.kinds import RunRefs
from tunix_rt.runs.tables import Worker
from tunix_rt.settings import Settings


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """A lease long enough that a worker registered just before the request is still alive when
    it is answered, however busy the machine (the runs fixtures' 2 s lease is for lapsing)."""
    return settings.model_copy(update={"run_lease_seconds": 600.0})


async def test_empty_database_has_every_status_at_zero(client: httpx.AsyncClient, settings: Settings) -> None:
    response = await client.get("/api/runs/summary")
    assert response.status_code == 200
    body = response.json()
    assert body["by_status"] == {
        "queued": 0,
        "running": 0,
        "cancel_requested": 0,
        "succeeded": 0,
        "failed": 0,
        "cancelled": 0,
    }
    assert body["queued_by_kind"] == {}
    assert body["workers"] == []
    assert body["lease_seconds"] == settings.run_lease_seconds


async def test_counts_queue_and_worker_heartbeats(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with db.transaction(sessions) as session:
        for kind in ["train", "train", "eval", "train"]:
            await store.submit(session, kind, {}, RunRefs())
        cancelled = await store.submit(session, "eval", {}, RunRefs())
        await store.cancel(session, cancelled.id)
        await queue.register_worker(session, "vm:1:fresh", "vm", 1, 2)
        await queue.register_worker(session, "vm:2:stale", "vm", 2, 1)
        stale_at = db.utcnow() - timedelta(seconds=settings.run_lease_seconds + 5)
        await session.execute(update(Worker).where(Worker.id == "vm:2:stale").values(heartbeat_at=stale_at))

    body = (await client.get("/api/runs/summary")).json()
    assert body["by_status"]["queued"] == 4
    assert body["by_status"]["cancelled"] == 1
    assert body["by_status"]["running"] == 0
    assert body["queued_by_kind"] == {"eval": 1, "train": 3}
    fresh, stale = body["workers"]
    assert (fresh["id"], fresh["hostname"], fresh["pid"], fresh["concurrency"]) == ("vm:1:fresh", "vm", 1, 2)
    assert fresh["alive"] is True
    assert 0 <= fresh["heartbeat_age_seconds"] < settings.run_lease_seconds
    assert stale["id"] == "vm:2:stale"
    assert stale["alive"] is False
    assert stale["heartbeat_age_seconds"] >= settings.run_lease_seconds + 5


async def test_summary_is_not_read_as_a_run_id(client: httpx.AsyncClient) -> None:
    """The route is declared before /{run_id}; other non-uuid paths still answer 422."""
    assert (await client.get("/api/runs/summary")).status_code == 200
    assert (await client.get("/api/runs/summaries")).status_code == 422
