"""A trial's runs without Ray, on both databases, with the scripted run kind standing in for
training: a run whose attempt lost its lease and was requeued by the reaper is claimed and
executed again by its trial, a restored trial claims the run a stopped sweep left in the
queue, a run another worker holds is followed, never executed a second time, and a trial
whose sweep is being cancelled submits no run, even when the cancel is committed while it
submits (PostgreSQL, whose row locks order the two)."""

from __future__ import annotations

import asyncio
import os
import threading
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.runs.conftest import REPO, executions
from tests.runs.scripted import KIND_PATH
from tests.sweeps.conftest import sweep_config
from tunix_rt import db
from tunix_rt.runs import artifacts, queue
from tunix_rt.runs import store as runs
from tunix_rt.runs.kinds import KindRegistry, RunRefs
from tunix_rt.runs.store import RunStatus
from tunix_rt.runs.tables import Run
from tunix_rt.runs.worker import Worker
from tunix_rt.settings import Settings
from tunix_rt.sweeps import store
from tunix_rt.sweeps.config import SweepConfig
from tunix_rt.sweeps.trial import Trial, TrialFailed

FOLLOW_SECONDS = 120
"""How long a trial may take to finish a scripted run of a few steps on busy shared cores."""
SCRIPT: dict[str, Any] = {"steps": [{"op": "wait_for", "path": "go", "seconds": FOLLOW_SECONDS}]}
"""Runs until the test creates ``go`` in its folder."""


@pytest.fixture(autouse=True)
def child_can_import_tests(monkeypatch: pytest.MonkeyPatch) -> None:
    """The scripted kind's children import it from ``tests``."""
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"run_kinds": [KIND_PATH]})


async def trial_of_a_sweep(sessions: async_sessionmaker[AsyncSession], settings: Settings) -> Trial:
    """A trial of a sweep that a worker is running."""
    config = sweep_config("arith@v1", "arith-eval@v1")
    async with db.transaction(sessions) as session:
        sweep = await runs.submit(session, "sweep", config, RunRefs())
        assert await queue.claim_run(session, sweep.id, "sweep-worker", 600) is not None
    return Trial(sweep.id, "t1", SweepConfig.model_validate(config), {}, settings)


async def submitted_earlier(sessions: async_sessionmaker[AsyncSession], trial: Trial) -> Run:
    """The trial's scripted run, queued, as an earlier attempt of the sweep left it."""
    model, refs = KindRegistry(trial.settings.run_kinds).validate("scripted", SCRIPT)
    tags = [store.sweep_tag(trial.sweep_id), store.trial_tag(trial.trial_id)]
    async with db.transaction(sessions) as session:
        config = model.model_dump(mode="json")
        return await runs.submit(session, "scripted", config, refs, tags=tags, parent_id=trial.sweep_id)


def follow(trial: Trial, sessions: async_sessionmaker[AsyncSession]) -> asyncio.Task[Run]:
    """The trial's scripted run, submitted or found, followed until it finishes."""
    worker = Worker(trial.settings, sessions, concurrency=1, worker_id=trial.worker_id)
    return asyncio.create_task(trial._run(worker, sessions, "scripted", SCRIPT, threading.Event(), None))


async def run_of(sessions: async_sessionmaker[AsyncSession], trial: Trial) -> uuid.UUID:
    for _ in range(FOLLOW_SECONDS * 10):
        async with sessions() as session:
            run = await store.trial_run(session, trial.sweep_id, trial.trial_id, "scripted")
        if run is not None:
            return run.id
        await asyncio.sleep(0.1)
    raise AssertionError("the trial submitted no run")


async def started(folder: Path, count: int) -> None:
    for _ in range(FOLLOW_SECONDS * 10):
        if executions(folder).count("start") >= count:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"executions: {executions(folder)}, not {count} starts")


async def test_a_trial_executes_its_run_again_when_the_reaper_requeued_it(
    settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    trial = await trial_of_a_sweep(sessions, settings)
    following = follow(trial, sessions)
    run_id = await run_of(sessions, trial)
    folder = artifacts.run_dir(settings.home, run_id)
    await started(folder, 1)
    async with db.transaction(sessions) as session:  # the attempt's heartbeat came late: its lease lapsed
        expired = db.utcnow() - timedelta(seconds=1)
        await session.execute(update(Run).where(Run.id == run_id).values(lease_expires_at=expired))
        assert (await queue.reap(session, settings.run_max_attempts)).requeued == [run_id]

    await started(folder, 2)
    (folder / "go").touch()
    run = await asyncio.wait_for(following, FOLLOW_SECONDS)

    assert (run.id, run.status, run.attempts, run.worker_id) == (run_id, RunStatus.SUCCEEDED, 2, trial.worker_id)
    assert executions(folder) == ["start", "start", "end"]  # the first attempt was killed on losing its lease
    async with sessions() as session:
        lines = [line.line for line in await runs.logs_after(session, run_id, 0, 1000)]
    assert f"attempt 2 on {trial.worker_id}" in lines


async def test_a_restored_trial_claims_the_run_a_stopped_sweep_left_in_the_queue(
    settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    trial = await trial_of_a_sweep(sessions, settings)
    left = await submitted_earlier(sessions, trial)
    (artifacts.run_dir(settings.home, left.id) / "go").parent.mkdir(parents=True)
    (artifacts.run_dir(settings.home, left.id) / "go").touch()

    run = await asyncio.wait_for(follow(trial, sessions), FOLLOW_SECONDS)

    assert (run.id, run.status, run.attempts, run.worker_id) == (left.id, RunStatus.SUCCEEDED, 1, trial.worker_id)
    async with sessions() as session:
        row = await store.get_trial(session, trial.sweep_id, trial.trial_id)
    assert row is not None
    assert row.eval_run_id == left.id


async def test_a_trial_follows_its_run_while_another_worker_holds_it(
    settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    trial = await trial_of_a_sweep(sessions, settings)
    held = await submitted_earlier(sessions, trial)
    async with db.transaction(sessions) as session:
        claimed = await queue.claim_run(session, held.id, "elsewhere", settings.run_lease_seconds)
    assert claimed is not None
    following = follow(trial, sessions)
    await asyncio.sleep(5 * settings.run_poll_seconds)
    assert not following.done()

    async with db.transaction(sessions) as session:
        lease = queue.Lease(held.id, "elsewhere", claimed.attempts)
        assert await queue.finish(session, lease, RunStatus.SUCCEEDED, exit_code=0, error=None) is not None
    run = await asyncio.wait_for(following, FOLLOW_SECONDS)

    assert (run.status, run.attempts, run.worker_id) == (RunStatus.SUCCEEDED, 1, "elsewhere")
    assert executions(artifacts.run_dir(settings.home, held.id)) == []


async def test_a_trial_submits_no_run_once_its_sweep_is_being_cancelled(
    settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    trial = await trial_of_a_sweep(sessions, settings)
    async with db.transaction(sessions) as session:
        await runs.cancel(session, trial.sweep_id)

    with pytest.raises(TrialFailed, match="its sweep was cancel_requested before its scripted run was submitted"):
        await asyncio.wait_for(follow(trial, sessions), FOLLOW_SECONDS)

    async with sessions() as session:
        assert await store.trial_run(session, trial.sweep_id, trial.trial_id, "scripted") is None
        row = await store.get_trial(session, trial.sweep_id, trial.trial_id)
    assert row is not None
    assert (row.status, row.eval_run_id) == ("cancelled", None)


@pytest.mark.parametrize("backend", ["postgres"])
async def test_a_cancel_committed_while_a_trial_submits_still_stops_the_trial(
    settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    """The cancel holds the sweep's row when the trial reads it: the trial waits for the cancel
    to commit, then finds the sweep no longer running. Without the wait it would see the sweep
    running, and submit a run that the cancel's cascade, already done, never reaches."""
    trial = await trial_of_a_sweep(sessions, settings)
    async with db.transaction(sessions) as cancelling:
        await runs.cancel(cancelling, trial.sweep_id)
        submitting = follow(trial, sessions)
        waiting = select(func.count()).select_from(text("pg_stat_activity"))
        waiting = waiting.where(text("datname = current_database() AND wait_event_type = 'Lock'"))
        for _ in range(FOLLOW_SECONDS * 10):
            async with sessions() as session:
                if (await session.execute(waiting)).scalar_one() == 1:
                    break
            assert not submitting.done(), submitting
            await asyncio.sleep(0.1)
        else:
            raise AssertionError("the trial never waited for the sweep's row")

    with pytest.raises(TrialFailed, match="its sweep was cancel_requested"):
        await asyncio.wait_for(submitting, FOLLOW_SECONDS)
    async with sessions() as session:
        assert await store.trial_run(session, trial.sweep_id, trial.trial_id, "scripted") is None


async def test_a_trial_whose_training_run_was_cancelled_keeps_the_loss_it_reached(
    settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    trial = await trial_of_a_sweep(sessions, settings)
    model, refs = KindRegistry().validate("train", trial.config.base.model_dump(mode="json"))
    async with db.transaction(sessions) as session:
        await store.upsert_trial(session, trial.sweep_id, trial.trial_id, params={}, status="running")
        train = await runs.submit(
            session,
            "train",
            model.model_dump(mode="json"),
            refs,
            tags=[store.sweep_tag(trial.sweep_id), store.trial_tag(trial.trial_id)],
            parent_id=trial.sweep_id,
        )
        points = [{"run_id": train.id, "name": "loss", "step": s, "value": v} for s, v in [(1, 3.5), (2, 2.75)]]
        await runs.upsert_metrics(session, points)
        cancelled = await runs.transition(session, train.id, RunStatus.CANCELLED, finished_at=db.utcnow())
    assert cancelled is not None

    failed = await trial._unsuccessful(sessions, "training", cancelled)

    assert failed.reason == f"training run {train.id} cancelled"
    async with sessions() as session:
        row = await store.get_trial(session, trial.sweep_id, trial.trial_id)
    assert row is not None
    assert (row.status, row.last_loss) == ("cancelled", 2.75)
