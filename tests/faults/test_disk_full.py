"""The data home's disk (a small tmpfs) fills up during a dataset build's snapshot export and
during a run's checkpoint. Mounting needs root; elsewhere these tests say why they skip."""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.faults.conftest import HANG_SECONDS
from tests.runs.conftest import submit, wait_for, wait_for_line, worker_running
from tunix_rt.runs import artifacts
from tunix_rt.runs.store import RunStatus
from tunix_rt.settings import Settings


@pytest.fixture
def small_home(settings: Settings) -> Iterator[Path]:
    """The data home on a 4 MiB tmpfs (the database stays outside it)."""
    settings.home.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(settings.home)], capture_output=True, check=False
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {mounted.stderr.decode().strip()}")
    try:
        yield settings.home
    finally:
        subprocess.run(["umount", "-l", str(settings.home)], check=False)


@contextlib.contextmanager
def full(home: Path) -> Iterator[None]:
    """Fill ``home``'s filesystem to the last byte for the block, then free it."""
    filler = home / "filler"
    with filler.open("wb", buffering=0) as out:
        for size in (65536, 1):
            with contextlib.suppress(OSError):
                while True:
                    out.write(b"\0" * size)
    try:
        with pytest.raises(OSError, match="No space left on device"):
            (home / "probe").write_bytes(b"\0" * 4096)
        yield
    finally:
        filler.unlink()
        (home / "probe").unlink(missing_ok=True)


async def test_a_full_disk_fails_a_dataset_build_cleanly(
    app: FastAPI, client: httpx.AsyncClient, small_home: Path
) -> None:
    synth = await client.post("/api/traces/synth", json={"kind": "arithmetic", "count": 200, "seed": 1})
    assert synth.status_code == 200, synth.text
    with full(small_home):
        refused = await client.post("/api/datasets", json={"name": "arith"})
        assert refused.status_code == 507, refused.text
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert "no space left" in refused.json()["detail"]
        assert (await client.get("/api/datasets")).json()["items"] == []
        assert not list((small_home / "datasets").glob("*"))
    built = await client.post("/api/datasets", json={"name": "arith"})
    assert built.status_code == 201, built.text
    assert built.json()["key"] == "arith@v1"


async def test_a_full_disk_fails_a_checkpointing_run_and_the_worker_carries_on(
    settings: Settings, sessions: async_sessionmaker[AsyncSession], small_home: Path
) -> None:
    run_id = await submit(
        sessions,
        {"op": "print", "text": "started"},
        {"op": "wait_for", "path": "go", "seconds": HANG_SECONDS},
        {"op": "checkpoint", "path": "checkpoints/1", "step": 1},
    )
    async with worker_running(settings, sessions) as worker:
        await wait_for_line(sessions, run_id, "started")
        with full(small_home):
            (artifacts.run_dir(settings.home, run_id) / "go").touch()
            failed = await wait_for(sessions, run_id, RunStatus.FAILED, RunStatus.SUCCEEDED, within=HANG_SECONDS)
        after = await submit(sessions, {"op": "checkpoint", "path": "checkpoints/1", "step": 1})
        succeeded = await wait_for(sessions, after, RunStatus.SUCCEEDED, RunStatus.FAILED, within=HANG_SECONDS)
        assert worker.alive
    assert failed.status == RunStatus.FAILED
    assert failed.error is not None
    assert "No space left on device" in failed.error
    assert failed.last_checkpoint is None
    assert (succeeded.status, succeeded.last_checkpoint) == (RunStatus.SUCCEEDED, "checkpoints/1")
