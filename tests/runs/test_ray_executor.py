"""Runs on a Ray cluster (``runs/ray_executor.py``), against a real local cluster started here on
loopback: a head with no CPUs of its own and one worker node, so every run's actor lands on the
node and the node can be taken away. One cluster serves the whole module (Ray starts slowly);
the node-loss test replaces its node, and the tests after it use the new one.

A tiny training run through the Ray executor records what the same run records through local
processes; a cancelled run's child and its process group die and the actor's CPUs come back; a
run whose node dies after its checkpoint is requeued and resumes on another node.

The two that train run on PostgreSQL only, a cluster's store (half a minute each a database on
two cores); the run store's code they reach is tested on both databases elsewhere, and the
executor's other tests still run on both."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.runs.conftest import (
    appears,
    executions,
    process_group_alive,
    submit,
    wait_for,
    wait_for_line,
    worker_running,
)
from tests.training.conftest import KEY, arithmetic_records, tiny_config, write_snapshot
from tunix_rt import db
from tunix_rt.runs import artifacts, store
from tunix_rt.runs.executor import Executor, Launch, LocalExecutor
from tunix_rt.runs.kinds import KindRegistry
from tunix_rt.runs.store import RunStatus
from tunix_rt.runs.tables import Run
from tunix_rt.runs.worker import Worker, running
from tunix_rt.settings import Settings
from tunix_rt.training.config import TrainConfig

ray = pytest.importorskip("ray", reason="the ray extra is not installed")
from ray.cluster_utils import Cluster  # noqa: E402 - only once ray is known to be installed

from tunix_rt.runs.ray_executor import RayExecutor, placement  # noqa: E402

NODE_CPUS = 2
# Ray declares a node dead after this many missed health checks a second apart: quick enough
# for the node-loss test, lenient enough for a loaded two-core machine.
_SYSTEM_CONFIG = {
    "health_check_initial_delay_ms": 0,
    "health_check_period_ms": 1000,
    "health_check_failure_threshold": 10,
}


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    """A Ray head (no CPUs: it schedules nothing) and one worker node with ``NODE_CPUS``."""
    cluster = Cluster(
        initialize_head=True,
        connect=True,
        head_node_args={"num_cpus": 0, "include_dashboard": False, "_system_config": _SYSTEM_CONFIG},
    )
    try:
        cluster.add_node(num_cpus=NODE_CPUS)
        cluster.wait_for_nodes()
        yield cluster
    finally:
        ray.shutdown()
        cluster.shutdown()  # type: ignore[no-untyped-call]


@pytest.fixture
def settings(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """The runs fixtures' settings, with the tiny dataset in the home. One torch thread in every
    child, local or on Ray, so the two executors' runs compute in the same order."""
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    write_snapshot(settings.home, KEY, arithmetic_records(64), arithmetic_records(8, seed=1))
    return settings


def on(settings: Settings, sessions: async_sessionmaker[AsyncSession], executor: Executor) -> Worker:
    return Worker(settings, sessions, concurrency=1, executor=executor)


async def submit_train(sessions: async_sessionmaker[AsyncSession], config: TrainConfig) -> uuid.UUID:
    model, refs = KindRegistry().validate("train", config.model_dump(mode="json"))
    async with db.transaction(sessions) as session:
        return (await store.submit(session, "train", model.model_dump(mode="json"), refs)).id


async def recorded(sessions: async_sessionmaker[AsyncSession], run_id: uuid.UUID) -> dict[str, Any]:
    """What the store holds of a run, apart from what names its worker: metrics by name and
    step, artifact paths and sizes, the run's own log lines (not the worker's), the checkpoint."""
    async with sessions() as session:
        run = await store.get(session, run_id)
        lines = await store.logs_after(session, run_id, 0, 100_000)
        files = await store.artifact_records(session, run_id)
        names = await store.metric_names(session, run_id)
        metrics = {name: [(s, v) for s, v, _ in await store.metric_points(session, run_id, name)] for name in names}
    return {
        "status": run.status,
        "attempts": run.attempts,
        "checkpoint": run.last_checkpoint,
        "metrics": metrics,
        "files": sorted((file.path, file.kind) for file in files),
        "streams": [line.stream for line in lines if line.stream != "worker"],
        "worker_lines": [line.line for line in lines if line.stream == "worker"],
    }


async def wait_for_worker_line(sessions: async_sessionmaker[AsyncSession], run_id: uuid.UUID, ending: str) -> str:
    """The first worker line of the run that ends with ``ending``, once stored."""
    deadline = time.monotonic() + 120  # bounds a hang, never a speed
    while True:
        lines: list[str] = (await recorded(sessions, run_id))["worker_lines"]
        found = [line for line in lines if line.endswith(ending)]
        if found:
            return found[0]
        assert time.monotonic() < deadline, f"no worker line ending {ending!r}"
        await asyncio.sleep(0.05)


def cpus_free() -> float:
    return float(ray.available_resources().get("CPU", 0))


async def test_placement_reserves_the_runs_devices_cpus_and_memory() -> None:
    gpu = tiny_config(device="cuda", resources={"devices": 2, "cpus": 3, "memory_gb": 1.5})
    cpu = tiny_config(device="cpu", resources={"devices": 2})
    auto = tiny_config(device="auto")
    run = Run(id=uuid.uuid4(), devices=2)
    folder = Path("unused")
    assert placement(Launch(run, gpu, folder, {}), cluster_gpus=0) == {
        "num_cpus": 3.0,
        "num_gpus": 2.0,
        "memory": 1.5 * 1024**3,
    }
    assert placement(Launch(run, cpu, folder, {}), cluster_gpus=8) == {"num_cpus": 1.0, "num_gpus": 0.0}
    one = Run(id=uuid.uuid4(), devices=1)
    assert placement(Launch(one, auto, folder, {}), cluster_gpus=8) == {"num_cpus": 1.0, "num_gpus": 1.0}
    assert placement(Launch(one, auto, folder, {}), cluster_gpus=0) == {"num_cpus": 1.0, "num_gpus": 0.0}


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
async def test_a_training_run_on_ray_records_what_a_local_run_records(
    cluster: Cluster, settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    config = tiny_config(max_steps=4, batch_size=8, save_steps=2)
    local_id = await submit_train(sessions, config)
    async with running(on(settings, sessions, LocalExecutor())):
        await wait_for(sessions, local_id, RunStatus.SUCCEEDED, RunStatus.FAILED, within=300)
    ray_id = await submit_train(sessions, config)
    async with running(on(settings, sessions, RayExecutor(cluster.address))):
        await wait_for(sessions, ray_id, RunStatus.SUCCEEDED, RunStatus.FAILED, within=300)
    local, remote = await recorded(sessions, local_id), await recorded(sessions, ray_id)

    assert (remote["status"], remote["attempts"]) == (RunStatus.SUCCEEDED, 1), remote["worker_lines"]
    assert local["status"] == RunStatus.SUCCEEDED
    assert remote["files"] == local["files"]
    assert [kind for _path, kind in local["files"]].count("checkpoint") == 2
    assert remote["checkpoint"] == local["checkpoint"] is not None
    assert sorted(remote["metrics"]) == sorted(local["metrics"])
    assert [step for step, _ in remote["metrics"]["loss"]] == [1, 2, 3, 4]
    for name, points in local["metrics"].items():
        assert [step for step, _ in remote["metrics"][name]] == [step for step, _ in points], name
    for name in ("loss", "grad_norm", "lr"):  # what the run learned; speeds differ between any two runs
        for (_, mine), (_, theirs) in zip(remote["metrics"][name], local["metrics"][name], strict=True):
            assert mine == pytest.approx(theirs, abs=1e-5), name
    assert remote["streams"] == local["streams"]
    assert any(line.startswith("running on Ray node ") for line in remote["worker_lines"]), remote["worker_lines"]
    assert not any(line.startswith("running on ") for line in local["worker_lines"])


@pytest.mark.slow
async def test_a_cancelled_run_on_ray_stops_and_gives_its_cpus_back(
    cluster: Cluster, settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    run_id = await submit(
        sessions,
        {"op": "environ", "text": "TUNIX_RT_WORKER_PID"},
        {"op": "print", "text": "started"},
        {"op": "spawn", "seconds": 600},
        {"op": "wait_for", "path": "never", "seconds": 600},
        ignore_sigterm=True,
    )
    folder = artifacts.run_dir(settings.home, run_id)
    async with running(on(settings, sessions, RayExecutor(cluster.address))):
        await wait_for_line(sessions, run_id, "started")
        await appears(folder / "grandchild.pid")
        pgid = os.getpgid(int((folder / "grandchild.pid").read_text()))
        assert cpus_free() == NODE_CPUS - 1  # the actor's one CPU
        async with db.transaction(sessions) as session:
            await store.cancel(session, run_id)
        run = await wait_for(sessions, run_id, RunStatus.CANCELLED, within=120)
    assert run.error is None
    deadline = time.monotonic() + 60  # bounds a leak, not a speed
    while process_group_alive(pgid) or cpus_free() != NODE_CPUS:
        assert time.monotonic() < deadline, "the cancelled run's processes or actor live on"
        await asyncio.sleep(0.05)
    async with sessions() as session:
        printed = [line.line for line in await store.logs_after(session, run_id, 0, 1000) if line.stream == "stdout"]
    assert printed == ["TUNIX_RT_WORKER_PID=parent", "started"]  # the child watches its parent, the guard
    lines = (await recorded(sessions, run_id))["worker_lines"]
    assert "cancel requested: stopping" in lines
    assert "no exit 1.5s after SIGTERM: SIGKILL" in lines  # it ignored SIGTERM: killed through the actor


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
async def test_a_run_whose_ray_node_dies_is_requeued_and_resumes_on_another_node(
    cluster: Cluster, settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    run_id = await submit(
        sessions,
        {"op": "print", "text": "first part"},
        {"op": "checkpoint", "path": "ckpt", "step": 1},
        {"op": "wait_for", "path": "go", "seconds": 600},
        {"op": "print", "text": "second part"},
    )
    folder = artifacts.run_dir(settings.home, run_id)
    nodes = cluster.list_all_nodes()  # type: ignore[no-untyped-call]
    (doomed,) = [node for node in nodes if node is not cluster.head_node]
    async with running(on(settings, sessions, RayExecutor(cluster.address))) as worker:
        await wait_for_line(sessions, run_id, "checkpoint ckpt at step 1")
        cluster.remove_node(doomed, allow_graceful=False)
        requeued = await wait_for_worker_line(sessions, run_id, "back in the queue to resume")
        replacement = cluster.add_node(num_cpus=NODE_CPUS)  # the next attempt waits for it
        await wait_for_line(sessions, run_id, "resuming at step 2")
        (folder / "go").touch()
        run = await wait_for(sessions, run_id, RunStatus.SUCCEEDED, RunStatus.FAILED, within=300)
    assert (run.status, run.attempts, run.worker_id) == (RunStatus.SUCCEEDED, 2, worker.id), run.error
    assert replacement.node_id != doomed.node_id
    assert executions(folder) == ["start", "start", "end"]
    async with sessions() as session:
        lines = await store.logs_after(session, run_id, 0, 1000)
    texts = [line.line for line in lines]
    assert texts.count("first part") == 1
    assert texts[-1] == "second part"
    assert requeued.startswith("lost with Ray node "), requeued
    assert f"attempt 2 on {worker.id} resuming from ckpt" in texts
    assert len([text for text in texts if text.startswith("running on Ray node ")]) == 2


@pytest.mark.slow
async def test_a_killed_ray_worker_takes_its_actors_down_and_its_run_resumes(
    cluster: Cluster,
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    cli_env: dict[str, str],
    tmp_path: Path,
) -> None:
    """``tunix-rt worker --executor ray`` killed with SIGKILL: Ray kills the actors it owned,
    the child dies with its actor, and the run (its lease lapsed) resumes on the next worker."""
    run_id = await submit(
        sessions,
        {"op": "print", "text": "first part"},
        {"op": "checkpoint", "path": "ckpt", "step": 1},
        {"op": "spawn", "seconds": 600},
        {"op": "wait_for", "path": "go", "seconds": 600},
        {"op": "print", "text": "second part"},
    )
    folder = artifacts.run_dir(settings.home, run_id)
    banner = tmp_path / "worker.err"
    with banner.open("wb") as err:
        doomed = await asyncio.create_subprocess_exec(
            *(sys.executable, "-m", "tunix_rt", "worker", "--executor", "ray", "--ray-address", cluster.address),
            env=cli_env,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=err,
        )
    try:
        await appears(folder / "grandchild.pid")
        await wait_for_line(sessions, run_id, "checkpoint ckpt at step 1")
        pgid = os.getpgid(int((folder / "grandchild.pid").read_text()))
    finally:
        doomed.send_signal(signal.SIGKILL)
        await doomed.wait()
    assert f"running children on the Ray cluster at {cluster.address} (" in banner.read_text()
    deadline = time.monotonic() + 120  # bounds a leak, not a speed: Ray notices the dead owner
    while process_group_alive(pgid) or cpus_free() != NODE_CPUS:
        assert time.monotonic() < deadline, "the killed worker's actor or child lives on"
        await asyncio.sleep(0.05)
    (folder / "go").touch()
    async with worker_running(settings.model_copy(update={"run_lease_seconds": 2.0}), sessions):
        run = await wait_for(sessions, run_id, RunStatus.SUCCEEDED, RunStatus.FAILED, within=120)
    assert (run.status, run.attempts) == (RunStatus.SUCCEEDED, 2), run.error
    assert executions(folder) == ["start", "start", "end"]
