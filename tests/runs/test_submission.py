"""Run submission's server limits: run parameters over the settings' bounds (422 naming the
field, for the API and the CLI path alike) and the queued runs one token may have (429)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tunix_rt import db
from tunix_rt.app import create_app
from tunix_rt.errors import Invalid, TooMany
from tunix_rt.runs.kinds import KindRegistry
from tunix_rt.runs.submission import limit_problems, queue_run
from tunix_rt.settings import Settings
from tunix_rt.sweeps.config import SweepConfig
from tunix_rt.training.config import TrainConfig

TRAIN = {"dataset": {"key": "arith@v1"}}
SWEEP = {
    "base": {**TRAIN, "max_steps": 4},
    "space": {"optimizer.lr": {"type": "loguniform", "low": 1e-4, "high": 1e-2}},
    "objective": {"evalset": "arith-eval@v1"},
    "trials": 4,
}


def locs(config: dict[str, Any], settings: Settings) -> list[list[str | int]]:
    return [problem["loc"] for problem in limit_problems(config, settings)]


def test_run_parameters_over_the_settings_are_named_wherever_they_are() -> None:
    tight = Settings(
        max_run_steps=100, max_run_batch_size=32, max_run_epochs=5, max_sweep_concurrency=2, _env_file=None
    )
    train = TrainConfig.model_validate({**TRAIN, "max_steps": 101, "batch_size": 64}).model_dump(mode="json")
    assert locs(train, tight) == [["body", "config", "max_steps"], ["body", "config", "batch_size"]]
    assert locs(TrainConfig.model_validate({**TRAIN, "epochs": 5.5}).model_dump(mode="json"), tight) == [
        ["body", "config", "epochs"]
    ]
    at_the_limit = TrainConfig.model_validate({**TRAIN, "max_steps": 100, "batch_size": 32})
    assert locs(at_the_limit.model_dump(mode="json"), tight) == []
    sweep = SweepConfig.model_validate(
        {
            **SWEEP,
            "base": {**TRAIN, "max_steps": 1000},
            "space": {
                "batch_size": {"type": "choice", "values": [8, 64]},
                "max_steps": {"type": "randint", "low": 1, "high": 50},
            },
            "concurrency": 3,
        }
    ).model_dump(mode="json")
    problems = limit_problems(sweep, tight)
    assert [problem["loc"] for problem in problems] == [
        ["body", "config", "base", "max_steps"],
        ["body", "config", "space", "batch_size"],
        ["body", "config", "concurrency"],
    ]
    assert "max_run_steps" in problems[0]["msg"]
    assert "max_sweep_concurrency" in problems[2]["msg"]


@asynccontextmanager
async def api(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as client:
            yield client


async def test_the_api_refuses_parameters_over_the_defaults_naming_the_field(settings: Settings) -> None:
    async with api(settings) as client:
        huge = await client.post("/api/runs", json={"kind": "train", "config": {**TRAIN, "max_steps": 10**8}})
        wide = await client.post("/api/sweeps", json={"config": {**SWEEP, "concurrency": 256}})
    assert huge.status_code == 422
    assert huge.json()["errors"][0]["loc"] == ["body", "config", "max_steps"]
    assert "max_run_steps" in huge.json()["errors"][0]["msg"]
    assert wide.status_code == 422
    assert wide.json()["errors"][0]["loc"] == ["body", "config", "concurrency"]


async def test_the_cli_path_is_held_to_the_same_limits(
    settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    tight = settings.model_copy(update={"max_run_batch_size": 4})
    with pytest.raises(Invalid) as refused:
        async with db.transaction(sessions) as session:
            await queue_run(session, tight, KindRegistry(), "train", {**TRAIN, "batch_size": 8})
    assert refused.value.errors is not None
    assert refused.value.errors[0]["loc"] == ["body", "config", "batch_size"]


async def test_queued_runs_are_capped_per_token(settings: Settings) -> None:
    capped = settings.model_copy(update={"api_tokens": ["ta:write", "tb:write"], "max_queued_runs_per_token": 2})
    run = {"kind": "scripted", "config": {"steps": [{"op": "print"}]}}

    def auth(token: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}"}

    async with api(capped) as client:
        first = [await client.post("/api/runs", json=run, headers=auth("ta")) for _ in range(2)]
        assert [response.status_code for response in first] == [202, 202]
        over = await client.post("/api/runs", json=run, headers=auth("ta"))
        assert over.status_code == 429
        assert over.headers["content-type"] == "application/problem+json"
        assert int(over.headers["retry-after"]) > 0
        assert "max_queued_runs_per_token" in over.json()["detail"]
        other = await client.post("/api/runs", json=run, headers=auth("tb"))
        assert other.status_code == 202
        cancelled = await client.post(f"/api/runs/{first[0].json()['id']}/cancel", headers=auth("ta"))
        assert cancelled.status_code == 202
        retried = await client.post(f"/api/runs/{first[0].json()['id']}/retry", headers=auth("ta"))
        assert retried.status_code == 202
        retried_over = await client.post(f"/api/runs/{first[0].json()['id']}/retry", headers=auth("ta"))
        assert retried_over.status_code == 429, "a retry queues a run like a submit does"
        await client.post(f"/api/runs/{retried.json()['id']}/cancel", headers=auth("ta"))
        again = await client.post("/api/runs", json=run, headers=auth("ta"))
        assert again.status_code == 202


async def test_the_cli_has_its_own_queued_runs_quota(
    settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    capped = settings.model_copy(update={"max_queued_runs_per_token": 1})
    registry = KindRegistry(settings.run_kinds)
    body = {"steps": [{"op": "print"}]}
    async with db.transaction(sessions) as session:
        await queue_run(session, capped, registry, "scripted", body, submitted_by="a" * 64)
        await queue_run(session, capped, registry, "scripted", body)
    with pytest.raises(TooMany):
        async with db.transaction(sessions) as session:
            await queue_run(session, capped, registry, "scripted", body)


async def test_a_run_needing_more_devices_than_the_live_workers_offer_says_what_it_waits_for(
    settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    from sqlalchemy import update

    from tests.runs.conftest import submit
    from tunix_rt.runs import queue, store
    from tunix_rt.runs.submission import note_missing_devices
    from tunix_rt.runs.tables import Run

    async def noted(worker_devices: int | None) -> list[str]:
        run_id = await submit(sessions)
        async with db.transaction(sessions) as session:
            await session.execute(update(Run).where(Run.id == run_id).values(devices=2))
            if worker_devices is not None:
                await queue.register_worker(session, f"w{worker_devices}", "host", 1, 1, worker_devices)
            await note_missing_devices(session, settings, await store.get(session, run_id))
        async with sessions() as session:
            return [line.line for line in await store.logs_after(session, run_id, 0, 10)]

    assert await noted(None) == [
        "waiting for a worker with 2 devices (no worker is alive); start one with: tunix-rt worker --devices 2"
    ]
    assert await noted(1) == [
        "waiting for a worker with 2 devices (the live workers offer at most 1); "
        "start one with: tunix-rt worker --devices 2"
    ]
    assert await noted(2) == []
    retried_of = await submit(sessions)
    async with db.transaction(sessions) as session:
        await session.execute(
            update(Run).where(Run.id == retried_of).values(devices=2, status="failed", finished_at=db.utcnow())
        )
        assert (await store.retry(session, retried_of)).devices == 2
