"""Loops API and CLI on both databases, without running the loop: validation at submit (each
problem named), create, list and show with rounds, and the CLI's start and show."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from typer.testing import CliRunner

from tunix_rt import db
from tunix_rt.cli import app as cli
from tunix_rt.loops import store
from tunix_rt.runs import store as runs
from tunix_rt.runs.kinds import RunRefs
from tunix_rt.runs.status import RunStatus
from tunix_rt.settings import Settings


async def _train_run(sessions: async_sessionmaker[AsyncSession], status: RunStatus) -> uuid.UUID:
    """A training run recorded as ``status`` (queued or succeeded), without training anything."""
    async with db.transaction(sessions) as session:
        run = await runs.submit(session, "train", {"backend": "torch"}, RunRefs(model="tiny-llama"))
        if status == RunStatus.SUCCEEDED:
            await runs.transition(session, run.id, RunStatus.RUNNING)
            await runs.transition(session, run.id, RunStatus.SUCCEEDED)
        return run.id


def _config(start: uuid.UUID | str, dataset: str, evalset: str, **overrides: Any) -> dict[str, Any]:
    return {"start": str(start), "dataset": dataset, "evalset": evalset, "rounds": 2, **overrides}


def _locs(response: httpx.Response) -> list[tuple[Any, ...]]:
    return [tuple(error["loc"]) for error in response.json()["errors"]]


async def test_bad_loops_are_refused_naming_each_problem(
    client: httpx.AsyncClient, keys: tuple[str, str], sessions: async_sessionmaker[AsyncSession]
) -> None:
    dataset, evalset = keys
    queued = await _train_run(sessions, RunStatus.QUEUED)
    refused = await client.post("/api/loops", json={"config": _config(queued, "nope@v1", evalset)})
    assert refused.status_code == 422, refused.text
    assert _locs(refused) == [("body", "config", "start"), ("body", "config", "dataset")]
    assert "queued train run, not a succeeded train run" in refused.json()["errors"][0]["msg"]

    start = await _train_run(sessions, RunStatus.SUCCEEDED)
    swapped = await client.post("/api/loops", json={"config": _config(start, evalset, dataset)})
    assert _locs(swapped) == [("body", "config", "dataset"), ("body", "config", "evalset")]

    shapes = _config(uuid.uuid4(), dataset, evalset, rounds=0, sampling={"k": 0}, policy="all")
    bad = await client.post("/api/loops", json={"config": shapes})
    assert bad.status_code == 422
    assert set(_locs(bad)) == {
        ("body", "config", "start"),
        ("body", "config", "rounds"),
        ("body", "config", "sampling", "k"),
        ("body", "config", "policy"),
    }


async def test_a_loop_is_created_listed_and_shown_with_its_rounds(
    client: httpx.AsyncClient, keys: tuple[str, str], sessions: async_sessionmaker[AsyncSession]
) -> None:
    dataset, evalset = keys
    start = await _train_run(sessions, RunStatus.SUCCEEDED)
    created = await client.post(
        "/api/loops", json={"config": _config(str(start)[:8], dataset, evalset), "tags": ["t"], "name": "star"}
    )
    assert created.status_code == 202, created.text
    body = created.json()
    loop_id = body["run"]["id"]
    assert created.headers["location"] == f"/api/loops/{loop_id}"
    assert (body["run"]["kind"], body["run"]["status"], body["run"]["name"]) == ("loop", "queued", "star")
    assert body["config"]["start"] == str(start)  # a prefix is stored as the full id
    assert body["config"]["sampling"] == {"k": 4, "temperature": 0.8, "prompts": None, "max_tokens": 256}
    assert body["rounds"] == []

    async with db.transaction(sessions) as session:
        await store.ensure_round(session, uuid.UUID(loop_id), 0)
        await store.ensure_round(session, uuid.UUID(loop_id), 1)
        await store.update_round(session, uuid.UUID(loop_id), 0, status="succeeded", strict_accuracy=0.25)
        await store.update_round(session, uuid.UUID(loop_id), 1, status="running", traces_kept=7, pass_at_k=0.5)

    listed = (await client.get("/api/loops")).json()
    assert [(item["run"]["id"], item["rounds_done"], item["latest_strict"]) for item in listed["items"]] == [
        (loop_id, 1, 0.25)
    ]
    shown = (await client.get(f"/api/loops/{loop_id[:8]}")).json()
    rounds = [(r["round"], r["status"], r["traces_kept"], r["pass_at_k"]) for r in shown["rounds"]]
    assert rounds == [(0, "succeeded", None, None), (1, "running", 7, 0.5)]
    # no evaluation is recorded, so there is no accuracy to show nor a test against round 0
    assert [(r["strict_accuracy"], r["versus_start"]) for r in shown["rounds"]] == [(None, None), (None, None)]

    other = await client.get(f"/api/loops/{start}")
    assert other.status_code == 404
    assert "is a train run, not a loop" in other.json()["detail"]


async def test_the_cli_starts_and_shows_a_loop(
    keys: tuple[str, str],
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TUNIX_RT_DATABASE_URL", settings.resolved_database_url)
    monkeypatch.setenv("TUNIX_RT_HOME", str(settings.home))
    monkeypatch.setenv("COLUMNS", "200")
    dataset, evalset = keys
    start = await _train_run(sessions, RunStatus.SUCCEEDED)
    runner = CliRunner()
    args = ["loop", "start", "--start", str(start)[:8], "--dataset", dataset, "--evalset", evalset]
    started = await asyncio.to_thread(runner.invoke, cli, [*args, "--rounds", "3", "--k", "2", "--steps", "7"])
    assert started.exit_code == 0, started.output
    loop_id = uuid.UUID(started.output.strip())
    async with sessions() as session:
        loop = await store.get_loop(session, loop_id)
    assert (loop.config["rounds"], loop.config["sampling"]["k"], loop.config["training"]["steps"]) == (3, 2, 7)

    async with db.transaction(sessions) as session:
        await store.ensure_round(session, loop_id, 0)
        await store.update_round(session, loop_id, 0, status="failed", error="boom")
    shown = await asyncio.to_thread(runner.invoke, cli, ["loop", "show", str(loop_id)[:8]])
    assert shown.exit_code == 0, shown.output
    assert f"loop {loop_id}: queued" in shown.output
    rows = [line.split("│") for line in shown.output.splitlines() if "failed" in line and "│" in line]
    assert [row[1].strip() for row in rows] == ["0"]

    refused = await asyncio.to_thread(runner.invoke, cli, [*args[:3], "nope", *args[4:]])
    assert refused.exit_code != 0
