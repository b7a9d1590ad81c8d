"""``kill -9`` of a real ``tunix-rt serve`` mid-import, with a run executing under its worker."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import anyio
import httpx
import orjson
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.conftest import make_trace
from tests.faults.conftest import HANG_SECONDS
from tests.runs.conftest import submit, wait_for, wait_for_line
from tunix_rt.runs import artifacts
from tunix_rt.runs.store import RunStatus
from tunix_rt.settings import Settings
from tunix_rt.traces import store


def _environment(settings: Settings) -> dict[str, str]:
    return {
        **os.environ,
        "TUNIX_RT_HOME": str(settings.home),
        "TUNIX_RT_DATABASE_URL": settings.resolved_database_url,
        "TUNIX_RT_RUN_KINDS": ",".join(settings.run_kinds),
        "TUNIX_RT_RUN_LEASE_SECONDS": str(settings.run_lease_seconds),
        "TUNIX_RT_RUN_HEARTBEAT_SECONDS": str(settings.run_heartbeat_seconds),
        "TUNIX_RT_RUN_POLL_SECONDS": str(settings.run_poll_seconds),
    }


async def _start_server(settings: Settings, log: Path) -> tuple[asyncio.subprocess.Process, str]:
    """``tunix-rt serve`` with its embedded worker, once its health answers ok."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    command = [sys.executable, "-m", "tunix_rt", "serve", "--host", "127.0.0.1", "--port", str(port)]
    with log.open("ab") as out:
        server = await asyncio.create_subprocess_exec(
            *command, env=_environment(settings), stdout=out, stderr=subprocess.STDOUT
        )
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + HANG_SECONDS
    async with httpx.AsyncClient(base_url=base_url) as http:
        while True:
            with contextlib.suppress(httpx.TransportError):
                if (await http.get("/api/health")).status_code == 200:
                    return server, base_url
            if server.returncode is not None or time.monotonic() > deadline:
                raise AssertionError(f"the server did not start:\n{await anyio.Path(log).read_text()}")
            await asyncio.sleep(0.1)


def _kill_orphans(folder: Path) -> None:
    """A killed server's run child lives on in its own process group until its pipe breaks."""
    for line in (folder / "executions.log").read_text().splitlines():
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(int(line.split()[1]), signal.SIGKILL)


async def test_a_server_killed_mid_import_stores_no_partial_rows_and_loses_no_run(
    settings: Settings, sessions: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    log = tmp_path / "server.log"
    run_id = await submit(
        sessions,
        {"op": "print", "text": "started"},
        {"op": "wait_for", "path": "go", "seconds": HANG_SECONDS},
        {"op": "print", "text": "done"},
    )
    folder = artifacts.run_dir(settings.home, run_id)
    server, base_url = await _start_server(settings, log)
    try:
        await wait_for_line(sessions, run_id, "started")
        stalled = asyncio.Event()

        async def upload() -> AsyncIterator[bytes]:
            yield b"".join(orjson.dumps(make_trace(n)) + b"\n" for n in range(1500))
            stalled.set()
            await asyncio.Event().wait()  # never resumed: the server dies first
            yield b""

        async with httpx.AsyncClient(base_url=base_url, timeout=HANG_SECONDS) as http:
            headers = {"content-type": "application/x-ndjson"}
            importing = asyncio.create_task(http.post("/api/traces/import", content=upload(), headers=headers))
            await asyncio.wait_for(stalled.wait(), HANG_SECONDS)
            server.kill()
            await server.wait()
            importing.cancel()  # its client is still sending: only the server side matters here
            await asyncio.gather(importing, return_exceptions=True)
    finally:
        if server.returncode is None:
            server.kill()
            await server.wait()
    server, base_url = await _start_server(settings, log)
    try:
        async with sessions() as session:
            assert await store.count(session, store.TraceFilters()) == 0
        (folder / "go").touch()
        run = await wait_for(sessions, run_id, RunStatus.SUCCEEDED, RunStatus.FAILED, within=HANG_SECONDS)
        async with httpx.AsyncClient(base_url=base_url) as http:
            health = (await http.get("/api/health")).json()
    finally:
        server.terminate()
        await asyncio.wait_for(server.wait(), HANG_SECONDS)
        _kill_orphans(folder)
    assert (run.status, run.attempts) == (RunStatus.SUCCEEDED, 2), run.error
    assert health["status"] == "ok"
    assert health["worker"]["alive"] is True
