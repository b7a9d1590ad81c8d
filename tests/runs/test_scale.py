"""Four worker processes against PostgreSQL and 200 short runs: every run executes exactly once
(PostgreSQL only, as multi-machine workers need it)."""

from __future__ import annotations

import asyncio
import sys
import time
from asyncio.subprocess import DEVNULL

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.runs.conftest import executions, submit
from tunix_rt.runs import artifacts
from tunix_rt.runs.store import RunStatus
from tunix_rt.runs.tables import Run
from tunix_rt.settings import Settings

RUNS = 200
WORKERS = 4


@pytest.fixture
def backend() -> str:
    return "postgres"


async def test_four_workers_run_every_run_exactly_once(
    settings: Settings, sessions: async_sessionmaker[AsyncSession], cli_env: dict[str, str]
) -> None:
    ids = [await submit(sessions, {"op": "print", "text": f"run {n}"}) for n in range(RUNS)]
    # measuring coverage in 200 children would triple the time; other tests cover this code
    env = {name: value for name, value in cli_env.items() if not name.startswith("COVERAGE_")}
    workers = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "tunix_rt",
            "worker",
            "--concurrency",
            "2",
            env=env,
            stdout=DEVNULL,
            stderr=DEVNULL,
        )
        for _ in range(WORKERS)
    ]
    try:
        deadline = time.monotonic() + 150
        while True:
            async with sessions() as session:
                done = (
                    await session.execute(select(func.count()).where(Run.status == RunStatus.SUCCEEDED))
                ).scalar_one()
            if done == RUNS:
                break
            assert time.monotonic() < deadline, f"only {done} of {RUNS} runs finished"
            await asyncio.sleep(0.2)
    finally:
        for worker in workers:
            worker.terminate()
        codes = [await worker.wait() for worker in workers]
    assert codes == [0] * WORKERS
    async with sessions() as session:
        rows = (await session.execute(select(Run.id, Run.attempts, Run.worker_id))).all()
    assert {attempts for _, attempts, _ in rows} == {1}
    assert len({worker_id for _, _, worker_id in rows}) == WORKERS
    for run_id in ids:
        assert executions(artifacts.run_dir(settings.home, run_id)) == ["start", "end"]
