"""The worker with real child processes, on both databases."""

from __future__ import annotations

import asyncio
import os
import signal
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.runs.conftest import (
    appears,
    executions,
    failing,
    fetch,
    locked,
    process_group_alive,
    submit,
    wait_for,
    wait_for_line,
    worker_running,
)
from tunix_rt import db
from tunix_rt.runs import artifacts, queue, store
from tunix_rt.runs.store import RunStatus
from tunix_rt.runs.worker import Worker, running
from tunix_rt.settings import Settings


async def test_a_run_executes_and_reports(settings: Settings, sessions: async_sessionmaker[AsyncSession]) -> None:
    run_id = await submit(
        sessions,
        {"op": "print", "text": "hello"},
        {"op": "stderr", "text": "a warning"},
        {"op": "log", "text": "logged"},
        {"op": "status", "text": "halfway", "seconds": 0.5},
        {"op": "metric", "step": 1, "values": {"loss": 2.5, "acc": 0.1}},
        {"op": "metric", "step": 2, "values": {"loss": 1.5}},
        {"op": "checkpoint", "path": "checkpoints/step-2", "step": 2},
        {"op": "artifact", "path": "out/summary.txt", "text": "done"},
    )
    async with worker_running(settings, sessions):
        run = await wait_for(sessions, run_id, RunStatus.SUCCEEDED)
    assert run.exit_code == 0
    assert run.attempts == 1
    assert run.error is None
    assert run.last_checkpoint == "checkpoints/step-2"
    assert run.worker_id is not None
    assert run.lease_expires_at is None
    async with sessions() as session:
        lines = await store.logs_after(session, run_id, 0, 100)
        loss = await store.metric_points(session, run_id, "loss")
        records = await store.artifact_records(session, run_id)
    assert [line.seq for line in lines] == list(range(1, len(lines) + 1))
    by_stream = {(line.stream, line.line) for line in lines}
    assert ("stdout", "hello") in by_stream
    assert ("stderr", "a warning") in by_stream
    assert ("log", "logged") in by_stream
    assert ("status", "halfway (50%)") in by_stream
    assert ("event", "checkpoint checkpoints/step-2 at step 2") in by_stream
    assert [(step, value) for step, value, _ in loss] == [(1, 2.5), (2, 1.5)]
    assert {(r.path, r.kind, r.size) for r in records} == {
        ("checkpoints/step-2", "checkpoint", 1),
        ("out/summary.txt", "artifact", 4),
    }
    folder = artifacts.run_dir(settings.home, run_id)
    assert executions(folder) == ["start", "end"]
    assert (folder / "run.json").exists()


async def test_a_failing_run_keeps_the_error(settings: Settings, sessions: async_sessionmaker[AsyncSession]) -> None:
    run_id = await submit(sessions, {"op": "print", "text": "before"}, {"op": "fail", "text": "boom"})
    async with worker_running(settings, sessions):
        run = await wait_for(sessions, run_id, RunStatus.FAILED)
    assert run.exit_code == 1
    assert run.error == "exit code 1: RuntimeError: boom"


async def test_cancel_while_running_kills_the_process_group(
    settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    # SIGKILL would come 60 s after SIGTERM: the exit by SIGTERM below proves the run stopped on it
    settings = settings.model_copy(update={"run_cancel_grace_seconds": 60.0})
    run_id = await submit(
        sessions,
        {"op": "artifact", "path": "partial.txt", "text": "half"},
        {"op": "spawn", "seconds": 60},
        {"op": "sleep", "seconds": 60},
    )
    folder = artifacts.run_dir(settings.home, run_id)
    async with worker_running(settings, sessions):
        await wait_for(sessions, run_id, RunStatus.RUNNING)
        await appears(folder / "grandchild.pid")
        grandchild = int((folder / "grandchild.pid").read_text())
        pgid = os.getpgid(grandchild)
        assert pgid != os.getpgid(0)
        async with db.transaction(sessions) as session:
            requested = await store.cancel(session, run_id)
        assert requested.status == RunStatus.CANCEL_REQUESTED
        run = await wait_for(sessions, run_id, RunStatus.CANCELLED, within=120)
    assert run.exit_code == -signal.SIGTERM
    assert not process_group_alive(pgid)
    assert (folder / "partial.txt").read_text() == "half"
    async with sessions() as session:
        assert [r.path for r in await store.artifact_records(session, run_id)] == ["partial.txt"]


async def test_a_child_ignoring_sigterm_is_killed_after_the_grace_period(
    settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    run_id = await submit(sessions, {"op": "spawn", "seconds": 60}, {"op": "sleep", "seconds": 60}, ignore_sigterm=True)
    folder = artifacts.run_dir(settings.home, run_id)
    async with worker_running(settings, sessions):
        await appears(folder / "grandchild.pid")
        pgid = os.getpgid(int((folder / "grandchild.pid").read_text()))
        async with db.transaction(sessions) as session:
            await store.cancel(session, run_id)
        asked = time.monotonic()
        run = await wait_for(sessions, run_id, RunStatus.CANCELLED, within=120)
        waited = time.monotonic() - asked
    assert waited >= settings.run_cancel_grace_seconds  # a lower bound: a busy machine only adds to it
    assert run.exit_code == -signal.SIGKILL
    assert not process_group_alive(pgid)
    async with sessions() as session:
        lines = [line.line for line in await store.logs_after(session, run_id, 0, 100)]
    assert "no exit 1.5s after SIGTERM: SIGKILL" in lines


async def test_a_stopping_worker_hands_runs_back_and_the_next_resumes(
    settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    run_id = await submit(
        sessions,
        {"op": "print", "text": "first part"},
        {"op": "checkpoint", "path": "ckpt", "step": 5},
        {"op": "wait_for", "path": "go", "seconds": 600},
        {"op": "print", "text": "second part"},
    )
    folder = artifacts.run_dir(settings.home, run_id)
    async with worker_running(settings, sessions):
        await appears(folder / "ckpt")
        await wait_for_line(sessions, run_id, "checkpoint ckpt at step 5")
    released = await fetch(sessions, run_id)
    assert released.status == RunStatus.QUEUED
    assert released.attempts == 0
    assert released.worker_id is None
    assert released.last_checkpoint == "ckpt"
    (folder / "go").touch()
    async with worker_running(settings, sessions):
        run = await wait_for(sessions, run_id, RunStatus.SUCCEEDED)
    assert run.attempts == 1
    assert executions(folder) == ["start", "start", "end"]
    async with sessions() as session:
        lines = [(line.seq, line.line) for line in await store.logs_after(session, run_id, 0, 100)]
    assert [seq for seq, _ in lines] == list(range(1, len(lines) + 1))
    texts = [text for _, text in lines]
    assert texts.count("first part") == 1
    assert "resuming at step 2" in texts
    assert texts[-1] == "second part"


async def test_a_kind_the_worker_does_not_know_fails_the_run(
    settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    run_id = await submit(sessions)
    bare = settings.model_copy(update={"run_kinds": []})
    async with running(Worker(bare, sessions)):
        run = await wait_for(sessions, run_id, RunStatus.FAILED)
    assert run.error is not None
    assert run.error.startswith("this worker cannot run kind 'scripted'")


async def test_concurrency_limit_and_priority(settings: Settings, sessions: async_sessionmaker[AsyncSession]) -> None:
    slow = [await submit(sessions, {"op": "wait_for", "path": "go", "seconds": 600}) for _ in range(3)]
    urgent = await submit(sessions, {"op": "print", "text": "urgent"}, priority=5)
    async with worker_running(settings, sessions, concurrency=2) as worker:
        first = await wait_for(sessions, urgent, RunStatus.SUCCEEDED)
        deadline = time.monotonic() + 120  # until urgent's slot is taken again: two run, one waits
        while (states := [(await fetch(sessions, run_id)).status for run_id in slow]).count(RunStatus.RUNNING) < 2:
            assert time.monotonic() < deadline, states
            await asyncio.sleep(0.05)
        assert sorted(states) == [RunStatus.QUEUED, RunStatus.RUNNING, RunStatus.RUNNING]
        assert len(worker.active) == 2
        for run_id in slow:
            (artifacts.run_dir(settings.home, run_id) / "go").parent.mkdir(parents=True, exist_ok=True)
            (artifacts.run_dir(settings.home, run_id) / "go").touch()
        done = [await wait_for(sessions, run_id, RunStatus.SUCCEEDED) for run_id in slow]
    assert all(first.started_at <= run.started_at for run in done if run.started_at)  # type: ignore[operator]


async def test_a_child_looks_for_rewards_where_the_workers_settings_say(
    settings: Settings, sessions: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Settings from a .env or built in code are not in the environment the child inherits."""
    monkeypatch.delenv("TUNIX_RT_REWARD_DIRS", raising=False)
    settings.reward_dirs = [tmp_path / "mine"]
    run_id = await submit(sessions, {"op": "environ", "text": "TUNIX_RT_REWARD_DIRS"})
    async with worker_running(settings, sessions):
        await wait_for(sessions, run_id, RunStatus.SUCCEEDED)
    async with sessions() as session:
        lines = [line.line for line in await store.logs_after(session, run_id, 0, 100)]
    expected = ",".join(str(folder) for folder in settings.resolved_reward_dirs)
    assert f"TUNIX_RT_REWARD_DIRS={expected}" in lines
    assert str(tmp_path / "mine") in expected


async def test_each_child_gets_its_share_of_the_cores_unless_the_worker_says(
    settings: Settings, sessions: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 8)
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    shared = await submit(sessions, {"op": "environ", "text": "OMP_NUM_THREADS"})
    async with worker_running(settings, sessions, concurrency=4):
        await wait_for(sessions, shared, RunStatus.SUCCEEDED)
    monkeypatch.setenv("OMP_NUM_THREADS", "3")
    chosen = await submit(sessions, {"op": "environ", "text": "OMP_NUM_THREADS"})
    async with worker_running(settings, sessions, concurrency=4):
        await wait_for(sessions, chosen, RunStatus.SUCCEEDED)
    async with sessions() as session:
        assert "OMP_NUM_THREADS=2" in [line.line for line in await store.logs_after(session, shared, 0, 100)]
        assert "OMP_NUM_THREADS=3" in [line.line for line in await store.logs_after(session, chosen, 0, 100)]


async def test_transient_errors_in_the_loop_are_retried_and_counted(
    settings: Settings, sessions: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(queue, "claim", failing(queue.claim, 3, locked()))
    monkeypatch.setattr(queue, "reap", failing(queue.reap, 2, locked()))
    run_id = await submit(sessions, {"op": "print", "text": "ran"})
    async with worker_running(settings, sessions) as worker:
        run = await wait_for(sessions, run_id, RunStatus.SUCCEEDED, within=60)
        assert worker.alive
    assert run.attempts == 1
    assert worker.errors == 5
    assert worker.last_error == "OperationalError: database is locked"


async def test_a_failed_output_write_is_kept_and_retried(
    settings: Settings, sessions: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "add_logs", failing(store.add_logs, 2, locked("INSERT INTO run_logs ...")))
    monkeypatch.setattr(queue, "finish", failing(queue.finish, 2, locked()))
    run_id = await submit(sessions, {"op": "lines", "text": "line", "count": 50})
    async with worker_running(settings, sessions) as worker:
        run = await wait_for(sessions, run_id, RunStatus.SUCCEEDED, within=60)
        assert worker.alive
    assert run.attempts == 1
    assert worker.errors == 4
    async with sessions() as session:
        lines = await store.logs_after(session, run_id, 0, 1000)
    assert [line.seq for line in lines] == list(range(1, len(lines) + 1))
    assert [line.line for line in lines if line.stream == "stdout"] == [f"line {n}" for n in range(50)]


async def test_an_unexpected_error_fails_the_run_with_the_reason_and_the_worker_carries_on(
    settings: Settings, sessions: async_sessionmaker[AsyncSession], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "upsert_artifacts", failing(store.upsert_artifacts, 1, ValueError("a bug")))
    broken = await submit(sessions, {"op": "artifact", "path": "a.txt", "text": "x"}, {"op": "sleep", "seconds": 60})
    fine = await submit(sessions, {"op": "print", "text": "next"})
    async with worker_running(settings, sessions) as worker:
        failed = await wait_for(sessions, broken, RunStatus.FAILED, within=60)
        await wait_for(sessions, fine, RunStatus.SUCCEEDED, within=60)
        assert worker.alive
    assert failed.attempts == 1
    assert failed.error == "worker error: ValueError: a bug"
    assert worker.errors == 1


def test_a_worker_offers_the_gpus_it_sees_or_one_device(monkeypatch: pytest.MonkeyPatch) -> None:
    from tunix_rt.runs.worker import detected_devices

    monkeypatch.setenv("CUDA_VISIBLE_DEVICES", "0,3")
    assert detected_devices() == 2
    monkeypatch.setenv("CUDA_VISIBLE_DEVICES", "")
    assert detected_devices() == 1
    monkeypatch.setenv("CUDA_VISIBLE_DEVICES", "-1")
    assert detected_devices() == 1


@pytest.mark.parametrize(
    ("model", "found"),
    [
        ("run:{id}", True),
        ("{id}", True),
        ("{home}/runs/{id}/merged", True),
        ("{home}/runs/{id}", True),
        ("{home}/runs/../runs/{id}/adapter", True),
        ("{home}/datasets/{id}", False),
        ("{home}/runs/not-a-run/merged", False),
        ("/elsewhere/runs/{id}/merged", False),
        ("runs/{id}/merged", False),
        ("tiny-llama", False),
        ("run:tiny", False),
    ],
)
def test_the_worker_knows_which_run_a_model_reads(tmp_path: Path, model: str, found: bool) -> None:
    """What it fetches from the artifact store before the child starts: the outputs of the run a
    config names by id or by a folder inside that run's folder of the data home."""
    from tunix_rt.runs.worker import upstream_run

    run_id = uuid.uuid4()
    named = model.format(id=run_id, home=tmp_path / "home")
    assert upstream_run(named, tmp_path / "home") == (run_id if found else None)
    assert upstream_run(None, tmp_path / "home") is None
