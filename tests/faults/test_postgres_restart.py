"""PostgreSQL restarts while a worker holds a run's lease and a client follows the run's log."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.faults.conftest import HANG_SECONDS
from tests.postgres_cluster import Cluster, running_cluster
from tests.runs.conftest import serving, submit, wait_for, wait_for_line
from tests.runs.scripted import KIND_PATH
from tests.runs.test_sse import read_events
from tunix_rt import db
from tunix_rt.runs import artifacts, store
from tunix_rt.runs.store import RunStatus
from tunix_rt.settings import Settings


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    """A cluster of this module's own: restarting the suite's shared one would break other tests."""
    with running_cluster("faults") as running:
        yield running


@asynccontextmanager
async def opened(cluster: Cluster, tmp_path: Path) -> AsyncIterator[tuple[Settings, async_sessionmaker[AsyncSession]]]:
    settings = Settings(
        home=tmp_path / "home",
        database_url=cluster.url,
        run_kinds=[KIND_PATH],
        run_lease_seconds=20.0,  # outlives the restart: the lease is held across it, not reaped
        run_heartbeat_seconds=0.5,
        run_poll_seconds=0.1,
        _env_file=None,
    )
    async with db.open_database(cluster.url) as engine:
        yield settings, db.session_factory(engine)


async def test_a_restart_under_a_held_lease_and_a_log_stream_loses_nothing(cluster: Cluster, tmp_path: Path) -> None:
    async with opened(cluster, tmp_path) as (settings, sessions):
        run_id = await submit(
            sessions,
            {"op": "print", "text": "before"},
            {"op": "wait_for", "path": "go", "seconds": HANG_SECONDS},
            {"op": "lines", "text": "after", "count": 200},
        )
        async with (
            serving(settings) as (base_url, _app),
            httpx.AsyncClient(base_url=base_url, timeout=HANG_SECONDS) as http,
        ):
            await wait_for_line(sessions, run_id, "before")
            headers = {"Accept": "text/event-stream"}
            async with http.stream("GET", f"/api/runs/{run_id}/logs", headers=headers) as response:
                events = read_events(response)
                first = await anext(events)
                await asyncio.to_thread(cluster.restart)
                (artifacts.run_dir(settings.home, run_id) / "go").touch()
                streamed = [first] + [event async for event in events]
            run = await wait_for(sessions, run_id, RunStatus.SUCCEEDED, RunStatus.FAILED, within=HANG_SECONDS)
            health = await http.get("/api/health")
        assert (run.status, run.attempts, run.error) == (RunStatus.SUCCEEDED, 1, None)
        assert health.status_code == 200, health.text
        assert health.json()["worker"]["alive"] is True
        async with sessions() as session:
            stored = await store.logs_after(session, run_id, 0, 10_000)
        assert [line.seq for line in stored] == list(range(1, len(stored) + 1))
        expected = ["before"] + [f"after {n}" for n in range(200)]
        assert [line.line for line in stored if line.stream == "stdout"] == expected
        assert streamed[-1]["event"] == "status"
        assert [event["data"]["seq"] for event in streamed[:-1]] == [line.seq for line in stored]
