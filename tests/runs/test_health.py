"""``/api/health`` on the worker side: degraded while queued runs have no live worker, and the
embedded worker's survived errors in the body and in Prometheus."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.runs.conftest import failing, locked, submit, wait_for, worker_running
from tunix_rt.app import create_app
from tunix_rt.runs import queue
from tunix_rt.runs.store import RunStatus
from tunix_rt.runs.worker import Worker
from tunix_rt.settings import Settings


@asynccontextmanager
async def serving(settings: Settings) -> AsyncIterator[tuple[httpx.AsyncClient, Worker | None]]:
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as http:
            yield http, app.state.worker


async def test_health_is_degraded_while_runs_wait_with_no_live_worker(
    settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    async with serving(settings) as (http, embedded):
        assert embedded is None
        idle = await http.get("/api/health")
        assert idle.status_code == 200
        assert idle.json()["worker"] == {
            "embedded": False,
            "alive": None,
            "errors": 0,
            "last_error": None,
            "queued": 0,
            "live_workers": 0,
            "detail": None,
        }
        run_id = await submit(sessions, {"op": "print", "text": "hello"})
        stuck = await http.get("/api/health")
        assert stuck.status_code == 503
        body = stuck.json()
        assert body["status"] == "degraded"
        assert body["database"]["ok"] is True
        assert body["worker"]["queued"] == 1
        assert body["worker"]["detail"] == "1 run(s) queued and no live worker to run them"
        async with worker_running(settings, sessions):
            await wait_for(sessions, run_id, RunStatus.SUCCEEDED)
            served = await http.get("/api/health")
            assert served.status_code == 200
            assert served.json()["worker"]["live_workers"] == 1


async def test_the_embedded_worker_survives_errors_and_health_and_metrics_count_them(
    settings: Settings, sessions: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.embedded_worker = True
    monkeypatch.setattr(queue, "claim", failing(queue.claim, 3, locked()))
    run_id = await submit(sessions, {"op": "print", "text": "hello"})
    async with serving(settings) as (http, embedded):
        await wait_for(sessions, run_id, RunStatus.SUCCEEDED)
        response = await http.get("/api/health")
        assert response.status_code == 200
        worker = response.json()["worker"]
        assert (worker["embedded"], worker["alive"], worker["errors"]) == (True, True, 3)
        assert worker["last_error"] == "OperationalError: database is locked"
        assert 'tunix_rt_worker_errors_total{stage="loop"} 3.0' in (await http.get("/metrics")).text
        assert embedded is not None
        assert embedded.task is not None
        embedded.task.cancel()  # a loop that ended anyway (only a bug could do it) is reported
        await asyncio.gather(embedded.task, return_exceptions=True)
        await submit(sessions, {"op": "print", "text": "again"})
        stopped = await http.get("/api/health")
        assert stopped.status_code == 503
        assert stopped.json()["worker"]["alive"] is False
        assert stopped.json()["worker"]["detail"] == "the embedded worker has stopped; see the server log"
