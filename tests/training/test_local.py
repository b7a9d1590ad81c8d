"""``train --local`` and ``eval --local`` on both databases, with a real tiny model: the run is a
run of the store, claimed by the ``local:`` pseudo-worker and recorded as a worker records it
(status, logs, metrics, artifacts), listed, promotable, its ``evaluate:`` executed here too and
on the leaderboard; a run that fails ends failed with its reason, and Ctrl-C cancels it."""

from __future__ import annotations

import asyncio
import json
import shutil
import signal
import socket
import sys
import time
import uuid
from typing import Any

import httpx
import pytest
import yaml
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.runs.conftest import REPO, tunix_piped
from tunix_rt.runs import store
from tunix_rt.runs.store import RunFilters, RunStatus
from tunix_rt.runs.tables import Run
from tunix_rt.settings import Settings
from tunix_rt.training.kind import AUTO_EVAL_TAG

pytestmark = pytest.mark.slow
LOCAL_PREFIX = f"local:{socket.gethostname()}:"


def train_config(dataset: str, **overrides: Any) -> dict[str, Any]:
    return {
        "dataset": {"key": dataset},
        "max_steps": 2,
        "batch_size": 4,
        "max_seq_length": 128,
        "save_steps": 2,
        "logging_steps": 1,
        "device": "cpu",
        **overrides,
    }


@pytest.fixture
def env(cli_env: dict[str, str]) -> dict[str, str]:
    """The CLI's environment, with a lease long enough that a loaded machine never loses it."""
    return {**cli_env, "TUNIX_RT_RUN_LEASE_SECONDS": "30"}


def uuid_lines(out: str) -> list[uuid.UUID]:
    found = []
    for line in out.splitlines():
        try:
            found.append(uuid.UUID(line.strip()))
        except ValueError:
            continue
    return found


async def test_a_local_train_is_a_recorded_run_with_its_evaluation_listed_and_promotable(
    client: httpx.AsyncClient,
    keys: tuple[str, str],
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    env: dict[str, str],
) -> None:
    dataset, evalset = keys
    evaluate = {"evalset": evalset, "judges": ["exact", "format"], "max_new_tokens": 8, "batch_size": 4, "limit": 3}
    config = settings.home / "train.yaml"
    config.write_text(yaml.safe_dump(train_config(dataset, evaluate=evaluate)))
    code, out, err = await tunix_piped(env, "train", str(config), "--local", "--tag", "mine")
    assert code == 0, err
    train_id, eval_id = uuid_lines(out)
    assert f"run:{train_id} on {evalset}" in " ".join(out.split())  # the scorecard's title, wrapped
    assert f"run {eval_id} succeeded; its folder: {settings.home.resolve() / 'runs' / str(eval_id)}" in err

    trained = (await client.get(f"/api/runs/{train_id}")).json()
    outcome = (trained["kind"], trained["status"], trained["attempts"], trained["error"])
    assert outcome == ("train", "succeeded", 1, None)
    assert (trained["dataset_key"], trained["evalset_key"], trained["model"], trained["tags"]) == (
        dataset,
        evalset,
        "tiny-llama",
        ["mine"],
    )
    assert trained["config"]["evaluate"]["evalset"] == evalset
    async with sessions() as session:
        loss = await store.metric_points(session, train_id, "loss", after_step=-1)
        recorded = {artifact.path: artifact for artifact in await store.artifact_records(session, train_id)}
        lines = [line.line for line in await store.logs_after(session, train_id, 0, 10_000)]
    assert [step for step, _value, _at in loss] == [1, 2]
    folder = settings.home / "runs" / str(train_id)
    manifest = recorded["run_manifest.json"]
    assert (manifest.kind, manifest.size) == ("artifact", (folder / "run_manifest.json").stat().st_size)
    assert any(path.startswith("adapter") for path in recorded)
    assert trained["worker_id"].startswith(LOCAL_PREFIX)
    assert f"attempt 1 on {trained['worker_id']}" in lines
    assert f"queued evaluation {eval_id} on {evalset} ({AUTO_EVAL_TAG})" in lines

    evaluated = (await client.get(f"/api/runs/{eval_id}")).json()
    assert (evaluated["kind"], evaluated["status"], evaluated["model"], evaluated["tags"]) == (
        "eval",
        "succeeded",
        f"run:{train_id}",
        [AUTO_EVAL_TAG],
    )
    board = (await client.get("/api/leaderboard", params={"evalset": evalset})).json()["items"]
    assert [(row["run_id"], row["source_run_id"], row["n_items"]) for row in board] == [
        (str(eval_id), str(train_id), 3)
    ]

    code, listed, err = await tunix_piped(env, "runs", "list", "--json")
    assert code == 0, err
    assert {json.loads(line)["id"] for line in listed.splitlines()} == {str(train_id), str(eval_id)}
    code, promoted, err = await tunix_piped(env, "models", "promote", "arith", str(train_id))
    assert code == 0, err
    assert "promoted arith:v1" in promoted


async def test_a_local_eval_of_a_model_reaches_the_leaderboard(
    client: httpx.AsyncClient, keys: tuple[str, str], env: dict[str, str]
) -> None:
    _dataset, evalset = keys
    args = ("--limit", "3", "--max-new-tokens", "8", "--batch-size", "4", "--judge", "exact")
    named = ("--name", "untrained baseline", "--notes", "before any training")
    code, out, err = await tunix_piped(env, "eval", "tiny-llama", "--evalset", evalset, "--local", *args, *named)
    assert code == 0, err
    (eval_id,) = uuid_lines(out)
    assert f"tiny-llama on {evalset}" in " ".join(out.split())
    run = (await client.get(f"/api/runs/{eval_id}")).json()
    outcome = (run["kind"], run["status"], run["model"], run["evalset_key"], run["name"], run["notes"])
    assert outcome == ("eval", "succeeded", "tiny-llama", evalset, "untrained baseline", "before any training")
    board = (await client.get("/api/leaderboard", params={"evalset": evalset})).json()["items"]
    assert [(row["run_id"], row["model"], row["n_items"]) for row in board] == [(str(eval_id), "tiny-llama", 3)]


async def test_a_failing_local_train_ends_failed_with_its_reason(
    client: httpx.AsyncClient,
    keys: tuple[str, str],
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    env: dict[str, str],
) -> None:
    dataset, _evalset = keys
    shutil.rmtree(settings.home / "datasets" / dataset)  # recorded in the store, gone from the disk
    config = settings.home / "train.yaml"
    config.write_text(yaml.safe_dump(train_config(dataset)))
    code, out, err = await tunix_piped(env, "train", str(config), "--local")
    assert code == 1, err
    (run_id,) = uuid_lines(out)
    async with sessions() as session:
        failed = await store.get(session, run_id)
    assert (failed.status, failed.exit_code) == (RunStatus.FAILED, 1)
    assert failed.error is not None
    assert failed.error.startswith("exit code 1: ")
    assert dataset in failed.error
    assert err.strip().splitlines()[-1] == f"run {run_id} failed: {failed.error}"


async def _running_with_loss(sessions: async_sessionmaker[AsyncSession], within: float = 600) -> Run:
    """The one train run, once it runs and has stored a loss (``within`` bounds a hang only)."""
    deadline = time.monotonic() + within
    while True:
        async with sessions() as session:
            found, _ = await store.list_page(session, RunFilters(kind="train"), 1, None)
            running = found[0] if found and found[0].status == RunStatus.RUNNING else None
            if running is not None and await store.metric_points(session, running.id, "loss", after_step=-1):
                return running
        assert time.monotonic() < deadline, "the local run never reported a loss"
        await asyncio.sleep(0.1)


async def test_ctrl_c_cancels_a_local_train_which_no_worker_takes_up(
    client: httpx.AsyncClient,
    keys: tuple[str, str],
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    env: dict[str, str],
) -> None:
    dataset, _evalset = keys
    config = settings.home / "train.yaml"
    config.write_text(yaml.safe_dump(train_config(dataset, max_steps=100_000, save_steps=100_000)))
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tunix_rt",
        "train",
        str(config),
        "--local",
        env=env,
        cwd=REPO,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    output = asyncio.create_task(proc.communicate())  # read all along: a full pipe would block it
    try:
        running = await _running_with_loss(sessions)
        assert running.worker_id == f"{LOCAL_PREFIX}{proc.pid}"
        proc.send_signal(signal.SIGINT)
        _out, err = await asyncio.wait_for(output, 300)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    assert proc.returncode == 1, err.decode()
    async with sessions() as session:
        cancelled = await store.get(session, running.id)
        lines = [line.line for line in await store.logs_after(session, running.id, 0, 100_000)]
    assert cancelled.status == RunStatus.CANCELLED
    assert cancelled.finished_at is not None
    assert "cancel requested: stopping" in lines
    assert err.decode().strip().splitlines()[-1] == f"run {running.id} cancelled"
