"""Sweeps under a real Ray: four trials of the tiny preset through a real worker, one of which
fails at runtime; cancelling a sweep; a sweep resumed by a new worker with ``Tuner.restore``.

The first two start a local Ray in their driver, as a sweep does by default, and check that it is
gone when the sweep ends or is cancelled. The resumed sweep and the ASHA one join one Ray cluster
that the module shares (``ray_cluster``), through ``ray_address``, as on a real cluster: Ray's
start is then paid once for their three drivers.

These run on PostgreSQL only: each starts Ray and trains and evaluates several tiny models, and
the database code they exercise is the runs and sweeps stores, tested on both databases
elsewhere (two databases would double minutes of CPU time on a two-core machine).
"""

from __future__ import annotations

import asyncio
import pickle
import uuid
from pathlib import Path
from typing import Any

import httpx
import optuna
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.runs.conftest import wait_for
from tests.sweeps.conftest import sweep_config
from tunix_rt.evaluation import store as evaluations
from tunix_rt.runs import store as runs
from tunix_rt.runs.store import TERMINAL, RunFilters, RunStatus
from tunix_rt.runs.worker import Worker, running
from tunix_rt.settings import Settings
from tunix_rt.sweeps import store

pytestmark = [pytest.mark.slow, pytest.mark.parametrize("backend", ["postgres"])]

SEED = 0
"""Optuna's seed in the ASHA test: its samples, one trial at a time, put a trial with the bad
learning rate after one with the good one (checked by the test, so a change shows)."""
SWEEP_SECONDS = 900
"""A hang bound, not a speed: a whole sweep of tiny trials took over 240 s with the load average
at 10 on two cores."""


async def submit(client: httpx.AsyncClient, config: dict[str, Any]) -> uuid.UUID:
    response = await client.post("/api/runs", json={"kind": "sweep", "config": config})
    assert response.status_code == 202, response.text
    return uuid.UUID(response.json()["id"])


async def test_a_sweep_of_four_trials_picks_the_best_succeeded_trial(
    client: httpx.AsyncClient,
    keys: tuple[str, str],
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    ray_tmp: Path,
) -> None:
    dataset, evalset = keys
    space = {
        "optimizer.lr": {"type": "choice", "values": [1e-3, 3e-3]},
        "lora.target_modules": {"type": "grid", "values": ["all-linear", ["no_such_module"]]},
    }
    sweep_id = await submit(client, sweep_config(dataset, evalset, space=space, trials=2))
    async with running(Worker(settings, sessions)):
        sweep = await wait_for(sessions, sweep_id, *TERMINAL, within=SWEEP_SECONDS)
    assert sweep.status == RunStatus.SUCCEEDED, sweep.error

    async with sessions() as session:
        trials = await store.trials_of(session, sweep_id)
        assert len(trials) == 4
        failed = [t for t in trials if t.params["lora.target_modules"] == ["no_such_module"]]
        succeeded = [t for t in trials if t.params["lora.target_modules"] == "all-linear"]
        assert [t.status for t in failed] == ["failed", "failed"]
        assert all(t.objective is None and t.error for t in failed)
        assert [t.status for t in succeeded] == ["succeeded", "succeeded"]
        for trial in succeeded:
            assert trial.eval_run_id is not None
            recorded = await evaluations.get(session, trial.eval_run_id)
            assert trial.objective == recorded.scorecard["format_compliance"]["value"]
        children, _ = await runs.list_page(session, RunFilters(parent=sweep_id), 100, None)
        assert {run.id for run in children} == {t.train_run_id for t in trials} | {t.eval_run_id for t in succeeded}
        for run in children:
            assert (settings.home / "runs" / str(run.id) / "run_manifest.json").exists() or run.kind == "eval"
            assert run.parent_id == sweep_id
    best = max(t.objective for t in succeeded if t.objective is not None)
    shown = (await client.get(f"/api/sweeps/{sweep_id}")).json()
    assert shown["best"]["objective"] == best
    assert shown["best"]["status"] == "succeeded"

    promoted = await client.post(f"/api/sweeps/{sweep_id}/promote", json={"model": "arith-best"})
    assert promoted.status_code == 201, promoted.text
    best_trial = next(t for t in succeeded if t.objective == best)
    assert promoted.json()["run_id"] == str(best_trial.train_run_id)
    assert promoted.json()["provenance"]["run"]["id"] == str(best_trial.train_run_id)
    table = shown["table"]
    assert [(c["name"], c["role"], c["type"]) for c in table["columns"]] == [
        ("optimizer.lr", "param", "number"),
        ("lora.target_modules", "param", "category"),
        ("format_compliance", "objective", "number"),
    ]
    assert sorted(row["values"].get("format_compliance", -1.0) for row in table["rows"]) == sorted(
        [-1.0, -1.0, *(t.objective for t in succeeded if t.objective is not None)]
    )
    await no_ray_left(ray_tmp)


def ray_processes(folder: Path) -> list[int]:
    """Live processes started for the Ray session under ``folder`` (its path is in their command line)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            text = cmdline.read_bytes().decode(errors="replace")
            state = (cmdline.parent / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if str(folder) in text and state != "Z":
            found.append(int(cmdline.parent.name))
    return found


async def no_ray_left(folder: Path, within: float = 30) -> None:
    for _ in range(int(within / 0.5)):
        if not ray_processes(folder):
            return
        await asyncio.sleep(0.5)
    raise AssertionError(f"Ray processes left: {ray_processes(folder)}")


async def test_cancelling_a_sweep_cancels_its_trials(
    client: httpx.AsyncClient,
    keys: tuple[str, str],
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    ray_tmp: Path,
) -> None:
    """The worker's SIGTERM reaches the driver and the trials' Ray workers at once, so the
    trials do not live to record their end: their rows are settled when the sweep's
    cancellation is recorded, in the same statement."""
    dataset, evalset = keys
    base = {**sweep_config(dataset, evalset)["base"], "max_steps": 400}
    sweep_id = await submit(client, sweep_config(dataset, evalset, base=base, trials=2))
    async with running(Worker(settings, sessions)):
        for _ in range(800):  # Ray's start and two trial processes: slow when the cores are shared
            async with sessions() as session:
                children, _ = await runs.list_page(session, RunFilters(parent=sweep_id), 10, None)
            if len(children) == 2 and all(run.status == RunStatus.RUNNING for run in children):
                break
            await asyncio.sleep(0.3)
        else:
            raise AssertionError("the trials never ran")
        cancelled = await client.post(f"/api/sweeps/{sweep_id}/cancel")
        assert cancelled.status_code == 202, cancelled.text
        sweep = await wait_for(sessions, sweep_id, *TERMINAL, within=60)
        assert sweep.status == RunStatus.CANCELLED
        async with sessions() as session:
            trials = await store.trials_of(session, sweep_id)
        assert len(trials) == 2
        assert {t.status for t in trials} <= {"cancelled", "failed"}
        assert all(t.objective is None and t.error for t in trials)
        for child in children:
            run = await wait_for(sessions, child.id, *TERMINAL, within=60)
            assert run.status == RunStatus.CANCELLED
    await no_ray_left(ray_tmp)


async def test_a_sweep_continues_with_tuner_restore_after_its_worker_stops(
    client: httpx.AsyncClient,
    keys: tuple[str, str],
    on_cluster: Settings,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    dataset, evalset = keys
    sweep_id = await submit(client, sweep_config(dataset, evalset, trials=3, concurrency=1))
    async with running(Worker(on_cluster, sessions)):
        for _ in range(600):
            async with sessions() as session:
                done = [t for t in await store.trials_of(session, sweep_id) if t.status == "succeeded"]
            if done:
                break
            await asyncio.sleep(0.3)
        else:
            raise AssertionError("no trial finished")
    released = await wait_for(sessions, sweep_id, RunStatus.QUEUED, within=5)
    assert released.attempts == 0
    async with sessions() as session:
        waiting = await store.trials_of(session, sweep_id)
    assert "running" not in {t.status for t in waiting}  # pending until the sweep resumes
    async with running(Worker(on_cluster, sessions, concurrency=3)):
        sweep = await wait_for(sessions, sweep_id, *TERMINAL, within=SWEEP_SECONDS)
    assert sweep.status == RunStatus.SUCCEEDED, sweep.error
    async with sessions() as session:
        trials = await store.trials_of(session, sweep_id)
        lines = [line.line for line in await runs.logs_after(session, sweep_id, 0, 10_000)]
        trains, _ = await runs.list_page(session, RunFilters(parent=sweep_id, kind="train"), 100, None)
    restoring = f"restoring the Tune experiment in tune/experiment on {on_cluster.ray_address}"
    assert any(restoring in line for line in lines)
    assert len(trials) == 3
    assert {t.status for t in trials} == {"succeeded"}
    before = {t.trial_id: t.train_run_id for t in done}
    assert {t.trial_id: t.train_run_id for t in trials if t.trial_id in before} == before
    assert len(trains) == 3


async def test_optuna_searches_and_asha_stops_a_trial_whose_loss_is_clearly_worse(
    client: httpx.AsyncClient,
    keys: tuple[str, str],
    on_cluster: Settings,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    """One trial at a time, so ASHA's decisions follow Optuna's seeded samples. A learning rate
    of 1e-6 leaves the loss where it started while 3e-2 lowers it, and every trial sees the same
    batches, so a trial with 1e-6 reaching its second loss report (ASHA's first rung) after one
    with 3e-2 is stopped there, long before its last step. The target modules are two spellings
    of one set (a list-valued choice, searched by index) so that equal learning rates tie.

    Where Tune stopped the trial is its decision, the same on any machine; how far the training
    run got before the cancel reached its process is not: on a loaded machine it may have run
    all its steps (CI, 2026-12-05), and then it ends cancelled while saving, or succeeded."""
    dataset, evalset = keys
    max_steps = 150
    base = {**sweep_config(dataset, evalset)["base"], "max_steps": max_steps, "logging_steps": 10, "save_steps": 150}
    good, bad = 3e-2, 1e-6
    space: dict[str, Any] = {
        "optimizer.lr": {"type": "choice", "values": [good, bad]},
        "lora.target_modules": {"type": "choice", "values": [["q_proj", "v_proj"], ["v_proj", "q_proj"]]},
    }
    config = sweep_config(
        dataset,
        evalset,
        base=base,
        space=space,
        search={"type": "optuna", "seed": SEED},
        scheduler={"type": "asha", "grace_period": 2, "reduction_factor": 2},
        trials=3,
        concurrency=1,
    )
    sweep_id = await submit(client, config)
    async with running(Worker(on_cluster, sessions)):
        sweep = await wait_for(sessions, sweep_id, *TERMINAL, within=SWEEP_SECONDS)
        assert sweep.status == RunStatus.SUCCEEDED, sweep.error
        async with sessions() as session:
            trials = await store.trials_of(session, sweep_id)
        stopped = [t for t in trials if t.status == "stopped"]
        finished = {}
        for trial in stopped:
            for run_id in (trial.train_run_id, trial.eval_run_id):
                if run_id is not None:
                    finished[run_id] = await wait_for(sessions, run_id, *TERMINAL, within=30)
    assert len(trials) == 3
    async with sessions() as session:
        assert stopped
        for trial in stopped:
            assert trial.params["optimizer.lr"] == bad
            assert trial.objective is None
            assert (
                trial.error
                == "stopped by the scheduler or the time budget after 2 loss reports (step 10), before it scored"
            )
            assert trial.train_run_id is not None
            train = finished[trial.train_run_id]
            steps = [step for step, _value, _at in await runs.metric_points(session, trial.train_run_id, "loss")]
            if max(steps) < max_steps:
                assert train.status == RunStatus.CANCELLED, train.error
                assert trial.eval_run_id is None
            else:  # the stop reached the run after its last step
                assert train.status in (RunStatus.CANCELLED, RunStatus.SUCCEEDED), train.error
                assert trial.eval_run_id is None or finished[trial.eval_run_id].status == RunStatus.CANCELLED
    succeeded = [t for t in trials if t.status == "succeeded"]
    assert {t.params["optimizer.lr"] for t in succeeded} >= {good}
    shown = (await client.get(f"/api/sweeps/{sweep_id}")).json()
    assert shown["best"]["trial_id"] in {t.trial_id for t in succeeded}

    # The searcher really was Optuna: Tune saved its state beside the experiment, and the
    # study's trials are the sweep's, with the recorded parameters (searched by index) and
    # stopped trials pruned, not failed on the NaN objective placeholder of their last report.
    experiment = on_cluster.home / "runs" / str(sweep_id) / "tune" / "experiment"
    (saved,) = experiment.glob("searcher-state-*.pkl")
    state = pickle.loads(saved.read_bytes())
    study = state["_ot_study"]
    assert isinstance(study, optuna.Study)
    frozen = {tune_id: study.trials[ot_trial.number] for tune_id, ot_trial in state["_ot_trials"].items()}
    assert set(frozen) == {t.trial_id for t in trials}
    for trial in trials:
        sampled = frozen[trial.trial_id]
        assert {key: space[key]["values"][index] for key, index in sampled.params.items()} == trial.params
        if trial.status == "succeeded":
            assert sampled.state == optuna.trial.TrialState.COMPLETE
            assert sampled.value == trial.objective
        else:
            assert sampled.state == optuna.trial.TrialState.PRUNED
