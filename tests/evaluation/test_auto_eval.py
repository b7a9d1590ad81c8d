"""A training run's ``evaluate`` option on both databases: checked at submit (the eval set must
exist, judges must be known), the eval set it names is held against deletion, and when the
worker records the training run's success it queues an ``auto-eval`` run whose evaluation
reaches the leaderboard."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tunix_rt import db
from tunix_rt.runs import store
from tunix_rt.runs.kinds import RunRefs
from tunix_rt.runs.store import RunFilters, RunStatus
from tunix_rt.runs.worker import Worker, running
from tunix_rt.settings import Settings
from tunix_rt.training.kind import AUTO_EVAL_TAG, on_success


def train_config(dataset: str, evaluate: dict[str, Any]) -> dict[str, Any]:
    return {
        "dataset": {"key": dataset},
        "max_steps": 2,
        "batch_size": 4,
        "max_seq_length": 128,
        "save_steps": 2,
        "device": "cpu",
        "evaluate": evaluate,
    }


async def test_evaluate_is_checked_at_submit_and_holds_its_eval_set(
    client: httpx.AsyncClient, keys: tuple[str, str]
) -> None:
    dataset, evalset = keys

    async def submit(evaluate: dict[str, Any]) -> httpx.Response:
        return await client.post("/api/runs", json={"kind": "train", "config": train_config(dataset, evaluate)})

    missing = await submit({"evalset": "nope@v1"})
    assert missing.status_code == 422, missing.text
    assert missing.json()["errors"][0]["loc"] == ["body", "config", "evaluate", "evalset"]
    judges = await submit({"evalset": evalset, "judges": ["math", "vibes"], "colour": "red"})
    assert judges.status_code == 422
    locs = {tuple(error["loc"]) for error in judges.json()["errors"]}
    assert locs == {("body", "config", "evaluate", "judges"), ("body", "config", "evaluate", "colour")}
    llm = await submit({"evalset": evalset, "judges": ["llm"]})
    assert llm.status_code == 422
    assert llm.json()["errors"][0]["loc"] == ["body", "config", "evaluate", "judges"]

    accepted = await submit({"evalset": evalset})
    assert accepted.status_code == 202, accepted.text
    assert accepted.json()["evalset_key"] == evalset
    assert (await client.delete(f"/api/evalsets/{evalset}")).status_code == 409


@pytest.mark.slow
async def test_a_trained_run_queues_its_evaluation_which_reaches_the_leaderboard(
    client: httpx.AsyncClient, keys: tuple[str, str], settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    dataset, evalset = keys
    evaluate = {"evalset": evalset, "judges": ["exact", "format"], "max_new_tokens": 8, "batch_size": 4, "limit": 3}
    submitted = await client.post(
        "/api/runs", json={"kind": "train", "config": train_config(dataset, evaluate), "priority": 3}
    )
    assert submitted.status_code == 202, submitted.text
    train_id = submitted.json()["id"]
    board: list[dict[str, Any]] = []
    async with running(Worker(settings.model_copy(update={"run_poll_seconds": 0.1}), sessions)):
        deadline = time.monotonic() + 600  # a hang guard: training then evaluating is slow on busy cores
        while not board:
            assert time.monotonic() < deadline, "no evaluation reached the leaderboard"
            trained = (await client.get(f"/api/runs/{train_id}")).json()
            assert trained["status"] not in ("failed", "cancelled"), trained["error"]
            board = (await client.get("/api/leaderboard", params={"evalset": evalset})).json()["items"]
            await asyncio.sleep(0.3)

    assert (await client.get(f"/api/runs/{train_id}")).json()["status"] == "succeeded"
    queued = (await client.get("/api/runs", params={"tag": AUTO_EVAL_TAG})).json()["items"]
    assert len(queued) == 1
    auto = queued[0]
    assert (auto["kind"], auto["status"], auto["model"], auto["priority"]) == (
        "eval",
        "succeeded",
        f"run:{train_id}",
        3,
    )
    assert auto["config"]["run"] == train_id
    assert (auto["config"]["judges"], auto["config"]["max_new_tokens"], auto["config"]["device"]) == (
        ["exact", "format"],
        8,
        "cpu",
    )
    assert [(row["run_id"], row["source_run_id"], row["n_items"]) for row in board] == [(auto["id"], train_id, 3)]
    assert board[0]["dataset_key"] == dataset
    lines = [item["line"] for item in (await client.get(f"/api/runs/{train_id}/logs")).json()["items"]]
    assert f"queued evaluation {auto['id']} on {evalset} ({AUTO_EVAL_TAG})" in lines


async def test_the_evaluation_of_a_composite_runs_training_run_is_the_composites_child_too(
    keys: tuple[str, str], settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    dataset, evalset = keys
    async with db.transaction(sessions) as session:
        loop = await store.submit(session, "loop", {}, RunRefs())
        trained = await store.submit(
            session, "train", train_config(dataset, {"evalset": evalset}), RunRefs(), parent_id=loop.id
        )
        await on_success(session, trained, settings.home / "runs" / str(trained.id))
    async with sessions() as session:
        (auto,), _cursor = await store.list_page(session, RunFilters(tag=AUTO_EVAL_TAG), 10, None)
    assert (auto.kind, auto.parent_id, auto.status) == ("eval", loop.id, RunStatus.QUEUED)
    async with db.transaction(sessions) as session:
        await store.cancel(session, loop.id)
    async with sessions() as session:
        assert (await store.get(session, auto.id)).status == RunStatus.CANCELLED
