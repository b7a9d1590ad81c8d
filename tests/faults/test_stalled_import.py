"""An all-or-nothing import stalls mid-upload while the embedded worker executes runs."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import orjson
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.conftest import make_trace
from tests.faults.conftest import HANG_SECONDS
from tests.runs.conftest import submit, wait_for
from tunix_rt.app import create_app
from tunix_rt.runs.store import RunStatus
from tunix_rt.settings import Settings
from tunix_rt.traces import store


async def test_runs_execute_and_finish_while_an_import_stalls(
    settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    app = create_app(settings.model_copy(update={"embedded_worker": True}))
    stalled, resume = asyncio.Event(), asyncio.Event()

    async def upload() -> AsyncIterator[bytes]:
        yield b"".join(orjson.dumps(make_trace(n)) + b"\n" for n in range(1500))
        stalled.set()
        await resume.wait()
        yield orjson.dumps(make_trace(1500)) + b"\n"

    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as http:
            headers = {"content-type": "application/x-ndjson"}
            importing = asyncio.create_task(http.post("/api/traces/import", content=upload(), headers=headers))
            await asyncio.wait_for(stalled.wait(), HANG_SECONDS)
            runs = [
                await submit(
                    sessions,
                    {"op": "lines", "text": "line", "count": 300},
                    {"op": "checkpoint", "path": "checkpoints/1", "step": 1},
                )
                for _ in range(2)
            ]
            finished = [await wait_for(sessions, run_id, RunStatus.SUCCEEDED, within=HANG_SECONDS) for run_id in runs]
            health = await http.get("/api/health")
            async with sessions() as session:
                assert await store.count(session, store.TraceFilters()) == 0  # nothing half-imported
            resume.set()
            imported = await asyncio.wait_for(importing, HANG_SECONDS)
    assert [run.attempts for run in finished] == [1, 1]
    assert [run.last_checkpoint for run in finished] == ["checkpoints/1", "checkpoints/1"]
    assert health.status_code == 200, health.text
    assert health.json()["worker"]["alive"] is True
    assert imported.status_code == 200, imported.text
    assert imported.json()["created"] == 1501
    async with sessions() as session:
        assert await store.count(session, store.TraceFilters()) == 1501
