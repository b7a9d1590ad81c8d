"""Crash recovery with real processes: a worker killed with SIGKILL mid-run, and a server
restarted while runs are queued and running. Nothing is lost, nothing runs twice at once."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
import uuid
from asyncio.subprocess import DEVNULL

import httpx
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
from tunix_rt.app import create_app
from tunix_rt.runs import artifacts, store
from tunix_rt.runs.store import RunStatus
from tunix_rt.settings import Settings


async def test_a_worker_killed_with_sigkill_mid_run(
    settings: Settings, sessions: async_sessionmaker[AsyncSession], cli_env: dict[str, str]
) -> None:
    run_id = await submit(
        sessions,
        {"op": "print", "text": "first part"},
        {"op": "checkpoint", "path": "ckpt", "step": 1},
        {"op": "spawn", "seconds": 60},
        {"op": "wait_for", "path": "go", "seconds": 600},
        {"op": "print", "text": "second part"},
    )
    folder = artifacts.run_dir(settings.home, run_id)
    doomed = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tunix_rt", "worker", env=cli_env, stdout=DEVNULL, stderr=DEVNULL
    )
    try:
        await appears(folder / "grandchild.pid")
        await wait_for_line(sessions, run_id, "checkpoint ckpt at step 1")
        held = await wait_for(sessions, run_id, RunStatus.RUNNING)
        pgid = os.getpgid(int((folder / "grandchild.pid").read_text()))
    finally:
        doomed.send_signal(signal.SIGKILL)
        await doomed.wait()
    # The orphaned child kills its own group (nothing else here does); how soon depends on the
    # machine, and a write after its lease lapsed would be fenced (tests/runs/test_lease.py).
    deadline = time.monotonic() + 60
    while process_group_alive(pgid):
        assert time.monotonic() < deadline, "the orphaned run kept running"
        await asyncio.sleep(0.05)
    (folder / "go").touch()
    async with worker_running(settings, sessions) as rescuer:
        run = await wait_for(sessions, run_id, RunStatus.SUCCEEDED, within=30)
    assert run.attempts == 2
    assert held.worker_id != rescuer.id
    assert run.worker_id == rescuer.id
    assert executions(folder) == ["start", "start", "end"]
    async with sessions() as session:
        lines = await store.logs_after(session, run_id, 0, 1000)
    assert [line.seq for line in lines] == list(range(1, len(lines) + 1))
    texts = [line.line for line in lines]
    assert texts.count("first part") == 1
    assert "resuming at step 2" in texts
    assert texts[-1] == "second part"


async def test_the_server_restarted_while_runs_are_queued_and_running(
    settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    serving = settings.model_copy(update={"embedded_worker": True})
    gate = {"op": "wait_for", "path": "go", "seconds": 600}
    bodies = [
        {"steps": [{"op": "checkpoint", "path": "ckpt"}, gate, {"op": "print", "text": "resumed"}]},
        {"steps": [{"op": "print", "text": "second"}]},
        {"steps": [{"op": "print", "text": "third"}]},
    ]
    app = create_app(serving)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as client:
            ids = []
            for body in bodies:
                response = await client.post("/api/runs", json={"kind": "scripted", "config": body})
                assert response.status_code == 202
                ids.append(uuid.UUID(response.json()["id"]))
        first = artifacts.run_dir(settings.home, ids[0])
        await appears(first / "ckpt")
    runs = [await fetch(sessions, run_id) for run_id in ids]
    assert [run.status for run in runs] == [RunStatus.QUEUED] * 3
    assert runs[0].last_checkpoint == "ckpt"
    (first / "go").touch()
    app = create_app(serving)
    async with app.router.lifespan_context(app):
        done = [await wait_for(sessions, run_id, RunStatus.SUCCEEDED) for run_id in ids]
    assert [run.attempts for run in done] == [1, 1, 1]
    assert executions(first) == ["start", "start", "end"]
    for run_id in ids[1:]:
        assert executions(artifacts.run_dir(settings.home, run_id)) == ["start", "end"]
