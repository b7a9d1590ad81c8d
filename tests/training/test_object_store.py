"""A real training run on two machines that share only a database and an S3 bucket (the loopback
S3 server of ``tests/s3_server.py``), no filesystem: machine A's worker (a process of its own)
trains on a dataset snapshot it fetched from the bucket, uploads its first checkpoint as it
records it, and is killed with its child by SIGKILL; the lease lapses and machine B's worker,
whose data home starts empty, claims the run, downloads that checkpoint and the snapshot, resumes
at the checkpoint's step and trains to the end, uploading what it writes. A third machine then
evaluates the trained run, and an API server on a fourth promotes it into the registry, each
reading only what the store holds.

On PostgreSQL only: machines that share no filesystem cannot share a SQLite file, and the run
store's code is tested on both databases elsewhere."""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import os
import signal
import sys
import tarfile
import time
from asyncio.subprocess import DEVNULL
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.evaluation.conftest import EVALSET, arithmetic_items, write_evalset
from tests.runs.conftest import REPO, fetch, process_group_alive, wait_for
from tests.training.conftest import KEY, arithmetic_records, tiny_config, write_snapshot
from tests.training.held import HELD_TRAIN_PATH, HOLD
from tests.training.test_requeue import children, processes_of, submit, worker_environment
from tunix_rt import db
from tunix_rt.app import create_app
from tunix_rt.runs import artifacts, store
from tunix_rt.runs.kinds import KindRegistry
from tunix_rt.runs.mirror import mirror_of
from tunix_rt.runs.store import RunStatus
from tunix_rt.runs.tables import Run
from tunix_rt.runs.worker import Worker, running
from tunix_rt.settings import Settings
from tunix_rt.storage import ObjectStore

pytestmark = [pytest.mark.slow, pytest.mark.parametrize("backend", ["postgres"], indirect=True)]

STEPS = 20
SAVE_EVERY = 10


@pytest.fixture
def settings(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, s3_store: tuple[str, dict[str, Any]]
) -> Settings:
    """Machine A's settings: its own data home, the bucket as artifact store, a 2 s lease (so
    a dead worker's run is requeued within seconds) and the held train kind. The snapshot was
    built elsewhere: it is only in the bucket."""
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    url, options = s3_store
    built = write_snapshot(tmp_path / "builder", KEY, arithmetic_records(128), arithmetic_records(16, seed=1))
    evalset = write_evalset(tmp_path / "builder", EVALSET, arithmetic_items(8, seed=5))
    ObjectStore(url, **options).put_tree(built, f"datasets/{KEY}")
    ObjectStore(url, **options).put_tree(evalset, f"datasets/{EVALSET}")
    return Settings(
        home=tmp_path / "machine-a",
        database_url=database_url,
        embedded_worker=False,
        run_lease_seconds=2.0,
        run_heartbeat_seconds=0.4,
        run_poll_seconds=0.1,
        run_max_attempts=3,
        run_kinds=[HELD_TRAIN_PATH],
        worker_devices=1,
        artifact_store=url,
        artifact_store_options=options,
        _env_file=None,
    )


async def run_on(machine: Settings, sessions: async_sessionmaker[AsyncSession], kind: str, body: dict[str, Any]) -> Run:
    """A run of ``kind`` submitted and executed by a worker of ``machine``, once finished."""
    config, refs = KindRegistry().validate(kind, body)
    async with db.transaction(sessions) as session:
        submitted = await store.submit(session, kind, config.model_dump(mode="json"), refs)
    async with running(Worker(machine, sessions)):
        return await wait_for(sessions, submitted.id, RunStatus.SUCCEEDED, RunStatus.FAILED, within=300)


async def test_a_run_killed_on_one_machine_resumes_on_another_from_the_store(
    settings: Settings, sessions: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    config = tiny_config(max_steps=STEPS, batch_size=8, save_steps=SAVE_EVERY, lora={"full": True})
    run_id = await submit(sessions, config.model_dump(mode="json"))
    folder_a = artifacts.run_dir(settings.home, run_id)
    folder_a.mkdir(parents=True)
    (folder_a / HOLD).touch()
    env = {
        **worker_environment(settings),
        "TUNIX_RT_ARTIFACT_STORE": str(settings.artifact_store),
        "TUNIX_RT_ARTIFACT_STORE_OPTIONS": json.dumps(settings.artifact_store_options),
    }
    doomed = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tunix_rt", "worker", env=env, stdout=DEVNULL, stderr=DEVNULL
    )
    try:
        deadline = time.monotonic() + 180  # bounds a hang, not a speed
        while (await fetch(sessions, run_id)).last_checkpoint is None:
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
    deadline = time.monotonic() + 60
    while processes_of(run_id):
        assert time.monotonic() < deadline, f"processes of the killed attempt live on: {processes_of(run_id)}"
        await asyncio.sleep(0.05)

    checkpoint = (await fetch(sessions, run_id)).last_checkpoint
    assert checkpoint is not None
    assert checkpoint.endswith(str(SAVE_EVERY)), checkpoint
    mirror = mirror_of(settings, run_id)
    assert mirror is not None
    uploaded = {path: entry for path, entry in mirror.index().items() if path.startswith(f"{checkpoint}/")}
    assert uploaded, "the recorded checkpoint is not in the store"
    for path, entry in uploaded.items():  # whole: every file as big as the local one it came from
        assert mirror.store.size(path) == entry["size"] == (folder_a / path).stat().st_size, path

    # machine B holds its claims longer: the run's requeue needed machine A's lease to be short,
    # but on a loaded machine a 2 s lease of B's could lapse mid-download and add an attempt
    second = settings.model_copy(update={"home": tmp_path / "machine-b", "run_lease_seconds": 30.0})
    async with running(Worker(second, sessions)) as rescuer:
        done = await wait_for(sessions, run_id, RunStatus.SUCCEEDED, RunStatus.FAILED, within=300)
    assert (done.status, done.error) == (RunStatus.SUCCEEDED, None)
    assert (done.attempts, done.worker_id) == (2, rescuer.id)
    async with sessions() as session:
        lines = [line.line for line in await store.logs_after(session, run_id, 0, 100_000)]
    assert f"attempt 2 on {rescuer.id} resuming from {checkpoint}" in lines
    assert any(line.startswith(f"training from step {SAVE_EVERY} ") for line in lines), lines

    folder_b = artifacts.run_dir(second.home, run_id)
    assert (second.home / "datasets" / KEY / "manifest.json").is_file()  # fetched from the store
    for path in uploaded:  # the checkpoint came down byte for byte
        assert (folder_b / path).read_bytes() == (folder_a / path).read_bytes(), path
    evidence = json.loads((folder_b / "run_manifest.json").read_text())
    assert (evidence["resumed_from"], evidence["steps"]) == (checkpoint, STEPS)
    index = mirror.index()
    final = (await fetch(sessions, run_id)).last_checkpoint
    assert final is not None
    assert final != checkpoint
    assert any(path.startswith(f"{final}/") for path in index), sorted(index)
    assert mirror.store.read_bytes("run_manifest.json") == (folder_b / "run_manifest.json").read_bytes()
    assert mirror.store.read_bytes("metrics.jsonl") == (folder_b / "metrics.jsonl").read_bytes()

    # machine C evaluates the trained run: its worker fetches that run's outputs (not its
    # superseded checkpoint) and the eval set, both only in the store
    third = second.model_copy(update={"home": tmp_path / "machine-c", "run_kinds": []})
    body = {"evalset": EVALSET, "run": str(run_id), "max_new_tokens": 8, "device": "cpu", "limit": 4}
    evaluated = await run_on(third, sessions, "eval", body)
    assert (evaluated.status, evaluated.error) == (RunStatus.SUCCEEDED, None)
    fetched = artifacts.run_dir(third.home, run_id)
    assert (fetched / "run_manifest.json").read_bytes() == (folder_b / "run_manifest.json").read_bytes()
    assert not (fetched / checkpoint).exists()
    summary = mirror_of(third, evaluated.id)
    assert summary is not None
    assert "eval_summary.json" in summary.index()

    # machine D samples the trained run, named by its id as a loop's rounds name theirs: its
    # worker fetches the run's outputs first, or the sample run's child would find no such run
    fourth = second.model_copy(update={"home": tmp_path / "machine-d", "run_kinds": []})
    body = {
        "source": {"evalset": EVALSET, "limit": 2},
        "model": {"local": str(run_id)},
        "k": 1,
        "params": {"temperature": 0.0, "max_tokens": 8},
        "policy": "all",
        "device": "cpu",
    }
    sampled = await run_on(fourth, sessions, "sample", body)
    assert (sampled.status, sampled.error) == (RunStatus.SUCCEEDED, None)
    assert (artifacts.run_dir(fourth.home, run_id) / "run_manifest.json").is_file()

    # an API server on a fifth machine promotes the run into the registry, whose blobs are in
    # the store too, and serves the version's archive from there
    api = settings.model_copy(update={"home": tmp_path / "api", "run_kinds": []})
    app = create_app(api)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://localhost") as client,
    ):
        promoted = await client.post("/api/models/arith/versions", json={"run_id": str(run_id)})
        assert promoted.status_code == 201, promoted.text
        archive = await client.get("/api/models/arith/versions/v1/archive")
    assert archive.status_code == 200
    assert ObjectStore(str(settings.artifact_store), **settings.artifact_store_options).files("blobs")
    with tarfile.open(fileobj=io.BytesIO(archive.content)) as tar:
        assert tar.getnames(), "the archive is empty"
