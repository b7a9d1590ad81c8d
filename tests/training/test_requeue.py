"""A train run killed mid-way, through the run system, per backend: its worker and the child's
process group die by SIGKILL (a machine lost) after the worker recorded a checkpoint; the lease
lapses, the reaper requeues the run, another worker claims it, and the second attempt resumes at
the recorded checkpoint and logs after it the same metrics as an uninterrupted run with the same
seed. The uninterrupted run also shows the backend learning end to end through the worker.

The first attempt is held at its first checkpoint (``tests/training/held.py``) until it is killed:
unheld, it trains the remaining steps in well under a second, so on a busy machine it could finish
before the test killed it."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import signal
import sys
import time
import uuid
from asyncio.subprocess import DEVNULL
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.runs.conftest import REPO, fetch, process_group_alive, wait_for
from tests.training.conftest import KEY, arithmetic_records, tiny_config, write_snapshot
from tests.training.held import HELD_TRAIN_PATH, HOLD
from tunix_rt import db
from tunix_rt.runs import artifacts, store
from tunix_rt.runs.kinds import KindRegistry
from tunix_rt.runs.store import RunStatus
from tunix_rt.runs.worker import Worker, running
from tunix_rt.settings import Settings

pytestmark = pytest.mark.slow

STEPS = 60
SAVE_EVERY = 10
COMPARED = ("loss", "grad_norm", "lr")


@pytest.fixture
def settings(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Fast queue timings (a 2 s lease, so a dead worker's run is requeued within seconds) and
    the held train kind, which run children import from ``tests``."""
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    home = tmp_path / "home"
    write_snapshot(home, KEY, arithmetic_records(256), arithmetic_records(16, seed=1))
    return Settings(
        home=home,
        database_url=database_url,
        embedded_worker=False,
        run_lease_seconds=2.0,
        run_heartbeat_seconds=0.4,
        run_poll_seconds=0.1,
        run_max_attempts=3,
        run_kinds=[HELD_TRAIN_PATH],
        worker_devices=2,
        _env_file=None,
    )


def worker_environment(settings: Settings) -> dict[str, str]:
    """``tunix-rt worker`` in another process, on the same database, home and timings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TUNIX_RT_")}
    env.update(
        TUNIX_RT_DATABASE_URL=settings.resolved_database_url,
        TUNIX_RT_HOME=str(settings.home),
        TUNIX_RT_RUN_LEASE_SECONDS=str(settings.run_lease_seconds),
        TUNIX_RT_RUN_HEARTBEAT_SECONDS=str(settings.run_heartbeat_seconds),
        TUNIX_RT_RUN_POLL_SECONDS=str(settings.run_poll_seconds),
        TUNIX_RT_RUN_KINDS=",".join(settings.run_kinds),
        TUNIX_RT_WORKER_DEVICES=str(settings.worker_devices),
    )
    return env


def children(pid: int) -> list[int]:
    """Live processes whose parent is ``pid``."""
    found = []
    for status in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = status.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(status.parent.name))
    return found


def processes_of(run_id: uuid.UUID) -> list[int]:
    """Live processes whose command line names ``run_id``: the run's child and, on several
    devices, torchrun's processes (each in a session of its own, out of the child's group)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if str(run_id).encode() in cmdline.read_bytes():
                found.append(int(cmdline.parent.name))
        except OSError:
            continue
    return found


async def submit(sessions: async_sessionmaker[AsyncSession], config: dict[str, Any]) -> uuid.UUID:
    model, refs = KindRegistry().validate("train", config)
    async with db.transaction(sessions) as session:
        run = await store.submit(session, "train", model.model_dump(mode="json"), refs)
    return run.id


def lines_of(metrics_file: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in metrics_file.read_text().splitlines()]


def split_at_resume(rows: list[dict[str, Any]], resumed_at: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """``metrics.jsonl`` lines of the attempt that died, and of the one that resumed: the latter
    begin at the last line of step ``resumed_at + 1`` (both attempts append to the file)."""
    start = max(i for i, row in enumerate(rows) if row["step"] == resumed_at + 1)
    return rows[:start], rows[start:]


def by_step(rows: list[dict[str, Any]]) -> dict[int, dict[str, float]]:
    return {row["step"]: {k: row[k] for k in COMPARED if k in row} for row in rows if "loss" in row}


# Each backend on one database (the queue's requeue semantics run on both in tests/runs): each
# case runs three training attempts in fresh processes, about a minute on two busy cores. The
# torch run on two devices is two processes under torchrun (gloo), killed with the worker: its
# whole process group dies, and the attempt that resumes restores each process's state.
@pytest.mark.parametrize(
    ("backend", "framework", "devices"),
    [
        ("sqlite", "torch", 1),
        ("postgres", "torch", 2),
        pytest.param("postgres", "jax", 1, marks=pytest.mark.jax),
    ],
)
async def test_a_run_killed_after_a_checkpoint_resumes_there_with_the_same_metrics(
    framework: str, devices: int, settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    # Torch's LoRA leaves the output head frozen, where a random tiny base learns slowly: train
    # every weight there so the loss falls clearly (the JAX backend adapts the head).
    lora = {"full": True} if framework == "torch" else {}
    config = tiny_config(
        backend=framework,
        max_steps=STEPS,
        batch_size=8,
        save_steps=SAVE_EVERY,
        lora=lora,
        resources={"devices": devices},
    ).model_dump(mode="json")
    killed_id = await submit(sessions, config)
    folder = artifacts.run_dir(settings.home, killed_id)
    folder.mkdir(parents=True)
    (folder / HOLD).touch()
    doomed = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tunix_rt", "worker", env=worker_environment(settings), stdout=DEVNULL, stderr=DEVNULL
    )
    try:
        deadline = time.monotonic() + 120
        while (await fetch(sessions, killed_id)).last_checkpoint is None:
            assert doomed.returncode is None, "the worker exited"
            assert time.monotonic() < deadline, "no checkpoint was recorded"
            await asyncio.sleep(0.05)
        (child,) = children(doomed.pid)
    finally:
        doomed.send_signal(signal.SIGKILL)
        await doomed.wait()
    with contextlib.suppress(ProcessLookupError):  # it may have killed its own group already
        os.killpg(child, signal.SIGKILL)
    while process_group_alive(child):  # noqa: ASYNC110 - polling /proc, nothing to await
        await asyncio.sleep(0.05)
    deadline = time.monotonic() + 60  # bounds a leak, not a speed: each process dies once its parent has
    while processes_of(killed_id):
        assert time.monotonic() < deadline, f"processes of the killed attempt live on: {processes_of(killed_id)}"
        await asyncio.sleep(0.05)
    (folder / HOLD).unlink()  # the attempt that resumes trains to the end
    held = await fetch(sessions, killed_id)
    assert held.status == RunStatus.RUNNING
    checkpoint = held.last_checkpoint
    assert checkpoint is not None
    resumed_at = int(re.findall(r"\d+", checkpoint)[-1])
    assert resumed_at == SAVE_EVERY

    whole_id = await submit(sessions, config)
    async with running(Worker(settings, sessions)) as rescuer:
        killed = await wait_for(sessions, killed_id, RunStatus.SUCCEEDED, RunStatus.FAILED, within=300)
        whole = await wait_for(sessions, whole_id, RunStatus.SUCCEEDED, RunStatus.FAILED, within=300)
    assert (killed.status, whole.status) == (RunStatus.SUCCEEDED, RunStatus.SUCCEEDED), (killed.error, whole.error)
    assert killed.attempts == 2
    assert killed.worker_id == rescuer.id

    async with sessions() as session:
        lines = [line.line for line in await store.logs_after(session, killed_id, 0, 100_000)]
        loss_db = {step: value for step, value, _ in await store.metric_points(session, killed_id, "loss")}
        whole_loss_db = {step: value for step, value, _ in await store.metric_points(session, whole_id, "loss")}
    assert f"attempt 2 on {rescuer.id} resuming from {checkpoint}" in lines
    assert any(line.startswith(f"training from step {resumed_at} ") for line in lines), lines

    first, second = split_at_resume(lines_of(folder / "metrics.jsonl"), resumed_at)
    assert sorted(by_step(first))[:resumed_at] == list(range(1, resumed_at + 1))
    expected = by_step(lines_of(artifacts.run_dir(settings.home, whole_id) / "metrics.jsonl"))
    assert sorted(expected) == list(range(1, STEPS + 1))
    assert sorted(by_step(second)) == list(range(resumed_at + 1, STEPS + 1))
    for step, values in by_step(second).items():
        assert set(values) == set(COMPARED)
        for name, value in values.items():
            assert value == pytest.approx(expected[step][name], abs=1e-5), (step, name)
    assert by_step(first)[1] == pytest.approx(expected[1], abs=1e-5)
    assert sorted(loss_db) == sorted(whole_loss_db) == list(range(1, STEPS + 1))
    for step in range(resumed_at + 1, STEPS + 1):
        assert loss_db[step] == pytest.approx(whole_loss_db[step], abs=1e-5), step

    losses = [expected[step]["loss"] for step in range(1, STEPS + 1)]
    assert sum(losses[-10:]) / 10 < 0.45 * losses[0], losses
    evidence = json.loads((folder / "run_manifest.json").read_text())
    assert evidence["resumed_from"] == checkpoint
    assert (evidence["steps"], evidence["device"], evidence["config"]["backend"]) == (STEPS, "cpu", framework)
    assert evidence.get("processes", 1) == devices
    assert evidence["final_metrics"]
    assert (
        json.loads((artifacts.run_dir(settings.home, whole_id) / "run_manifest.json").read_text())["resumed_from"]
        is None
    )
