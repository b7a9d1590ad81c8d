"""Runs fixtures: fast queue timings, the scripted kind registered in server and child, and
helpers to submit runs, run workers and wait for statuses."""

from __future__ import annotations

import asyncio
import os
import socket
import sqlite3
import sys
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

import anyio
import pytest
import uvicorn
from fastapi import FastAPI
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.runs.scripted import KIND_PATH
from tunix_rt import db
from tunix_rt.app import create_app
from tunix_rt.runs import store
from tunix_rt.runs.kinds import KindRegistry
from tunix_rt.runs.store import RunStatus
from tunix_rt.runs.tables import Run
from tunix_rt.runs.worker import Worker, running
from tunix_rt.settings import Settings

REPO = Path(__file__).resolve().parents[2]
T = TypeVar("T")


@pytest.fixture(autouse=True)
def child_can_import_tests(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run children import the scripted kind from ``tests``, so the repository is on their path."""
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    """Fast queue timings and the scripted kind registered. Leases are 30 s: a test about what
    a run reports must not see a lease lapse because two whole suites share two cores (a 2 s
    lease did, and runs were requeued); tests about lapsing leases shorten them."""
    return Settings(
        home=tmp_path / "home",
        database_url=database_url,
        embedded_worker=False,
        run_kinds=[KIND_PATH],
        run_lease_seconds=30.0,
        run_heartbeat_seconds=0.4,
        run_poll_seconds=0.1,
        run_cancel_grace_seconds=1.5,
        run_max_attempts=3,
        _env_file=None,
    )


@pytest.fixture
def registry(settings: Settings) -> KindRegistry:
    return KindRegistry(settings.run_kinds)


async def submit(
    sessions: async_sessionmaker[AsyncSession], *steps: dict[str, Any], priority: int = 0, **config: Any
) -> uuid.UUID:
    """Queue a scripted run with the given steps."""
    model, refs = KindRegistry([KIND_PATH]).validate("scripted", {"steps": list(steps), **config})
    async with db.transaction(sessions) as session:
        run = await store.submit(session, "scripted", model.model_dump(mode="json"), refs, priority=priority)
    return run.id


async def fetch(sessions: async_sessionmaker[AsyncSession], run_id: uuid.UUID) -> Run:
    async with sessions() as session:
        return await store.get(session, run_id)


async def wait_for(
    sessions: async_sessionmaker[AsyncSession], run_id: uuid.UUID, *statuses: RunStatus, within: float = 120
) -> Run:
    """Until the run has one of ``statuses``; ``within`` only bounds a hang, never a speed."""
    deadline = time.monotonic() + within
    while True:
        run = await fetch(sessions, run_id)
        if run.status in statuses:
            return run
        if time.monotonic() > deadline:
            raise AssertionError(f"run {run_id} is {run.status} (error {run.error!r}), not {statuses}")
        await asyncio.sleep(0.05)


@asynccontextmanager
async def worker_running(
    settings: Settings, sessions: async_sessionmaker[AsyncSession], concurrency: int = 1
) -> AsyncIterator[Worker]:
    async with running(Worker(settings, sessions, concurrency=concurrency)) as worker:
        yield worker


def executions(folder: Path) -> list[str]:
    path = folder / "executions.log"
    return [line.split()[0] for line in path.read_text().splitlines()] if path.exists() else []


def process_group_alive(pgid: int) -> bool:
    """Whether any non-zombie process is still in the group."""
    for status in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = status.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            return True
    return False


@pytest.fixture
def cli_env(database_url: str, tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TUNIX_RT_")}
    env.update(
        TUNIX_RT_DATABASE_URL=database_url,
        TUNIX_RT_HOME=str(tmp_path / "home"),
        TUNIX_RT_RUN_KINDS=KIND_PATH,
        TUNIX_RT_RUN_LEASE_SECONDS="2",
        TUNIX_RT_RUN_HEARTBEAT_SECONDS="0.4",
        TUNIX_RT_RUN_POLL_SECONDS="0.1",
        TUNIX_RT_RUN_CANCEL_GRACE_SECONDS="1.5",
        COLUMNS="200",
    )
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    return env


async def tunix_piped(env: dict[str, str], *args: str, within: float = 600) -> tuple[int | None, str, str]:
    """``tunix-rt ARGS`` with its output a pipe, not a terminal (what a redirected command sees),
    without blocking the event loop of an in-process worker it waits on: exit code, stdout,
    stderr. ``within`` bounds a hang, never a speed."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tunix_rt",
        *args,
        env=env,
        cwd=REPO,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(), within)
    return proc.returncode, out.decode(), err.decode()


async def appears(path: Path, within: float = 120) -> None:
    deadline = time.monotonic() + within
    while not await anyio.Path(path).exists():
        assert time.monotonic() < deadline, f"{path.name} never appeared"
        await asyncio.sleep(0.02)


async def wait_for_line(sessions: async_sessionmaker[AsyncSession], run_id: uuid.UUID, text: str) -> None:
    """Until the worker has stored a log line with this text."""
    deadline = time.monotonic() + 120
    while True:
        async with sessions() as session:
            if text in [line.line for line in await store.logs_after(session, run_id, 0, 1000)]:
                return
        assert time.monotonic() < deadline, f"no line {text!r}"
        await asyncio.sleep(0.05)


def locked(statement: str = "UPDATE runs ...") -> OperationalError:
    """What SQLAlchemy raises when SQLite's busy timeout runs out under another writer."""
    return OperationalError(statement, {}, sqlite3.OperationalError("database is locked"))


def failing(real: Callable[..., Awaitable[T]], times: int, error: Exception) -> Callable[..., Awaitable[T]]:
    """``real``, except that its first ``times`` calls raise ``error``."""
    calls = 0

    async def flaky(*args: Any, **kwargs: Any) -> T:
        nonlocal calls
        calls += 1
        if calls <= times:
            raise error
        return await real(*args, **kwargs)

    return flaky


@asynccontextmanager
async def serving(settings: Settings) -> AsyncIterator[tuple[str, FastAPI]]:
    """A uvicorn server with an embedded worker on a free loopback port: its base URL and app."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    app = create_app(settings.model_copy(update={"embedded_worker": True}))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    task = asyncio.create_task(server.serve())
    for _ in range(500):
        if server.started:
            break
        await asyncio.sleep(0.02)
    assert server.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{port}", app
    finally:
        server.should_exit = True
        await task
