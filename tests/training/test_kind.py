"""The ``train`` kind through the runs API: bad configs are 422 listing every problem, a missing
dataset or backend is refused at submit, and a real run trained by the worker leaves its events,
metrics and artifacts in the database and the run folder."""

from __future__ import annotations

import asyncio
import importlib.util
import re
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tunix_rt.runs.worker import Worker, running
from tunix_rt.settings import Settings

pytestmark = pytest.mark.parametrize("backend", ["sqlite"])


async def test_a_bad_config_is_422_listing_every_problem(client: httpx.AsyncClient) -> None:
    config = {
        "dataset": {"key": "arith@v1", "shard": 2},
        "epochs": 1,
        "max_steps": 5,
        "lora": {"full": True, "r": 8},
        "dtype": "fp8",
        "learnig_rate": 0.1,
    }
    response = await client.post("/api/runs", json={"kind": "train", "config": config})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    errors = {".".join(str(p) for p in e["loc"]): e["msg"] for e in response.json()["errors"]}
    assert set(errors) == {
        "body.config.dataset.shard",
        "body.config.dtype",
        "body.config.learnig_rate",
        "body.config",
        "body.config.dataset.key",
    }
    assert errors["body.config"] == (
        "give epochs or max_steps, not both; lora.full trains every weight: lora.r and lora.alpha must be unset"
    )
    conflicts = await client.post(
        "/api/runs",
        json={
            "kind": "train",
            "config": {k: v for k, v in config.items() if k in ("epochs", "max_steps", "lora")}
            | {"dataset": {"key": "arith@v1"}, "grpo": {}},
        },
    )
    assert conflicts.status_code == 422
    message = conflicts.json()["errors"][0]["msg"]
    for problem in ("epochs or max_steps", "lora.full", "grpo settings are only used with method grpo"):
        assert problem in message


async def test_a_bad_alarm_threshold_is_422_naming_its_field(client: httpx.AsyncClient, dataset: str) -> None:
    grpo = {"num_generations": 2, "alarms": {"window": 1, "zero_std_fraction": 0.5}}
    config = {"dataset": {"key": dataset}, "method": "grpo", "batch_size": 4, "grpo": grpo}
    refused = await client.post("/api/runs", json={"kind": "train", "config": config})
    assert refused.status_code == 422, refused.text
    assert [error["loc"] for error in refused.json()["errors"]] == [["body", "config", "grpo", "alarms", "window"]]


async def test_submit_refuses_an_unknown_dataset_and_an_absent_backend(
    client: httpx.AsyncClient, dataset: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = await client.post("/api/runs", json={"kind": "train", "config": {"dataset": {"key": "nope@v1"}}})
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["loc"] == ["body", "config", "dataset", "key"]
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "tunix" else real_find_spec(name, *a)
    )
    jax = await client.post(
        "/api/runs", json={"kind": "train", "config": {"backend": "jax", "dataset": {"key": dataset}}}
    )
    assert jax.status_code == 501
    assert "'jax' extra" in jax.json()["detail"]


async def test_submit_accepts_only_rewards_the_server_registers(
    client: httpx.AsyncClient, dataset: str, settings: Settings
) -> None:
    """``os:system`` with options of the client's choosing was accepted and run by the worker."""
    folder = settings.home / "rewards"
    folder.mkdir(parents=True)
    (folder / "mine.py").write_text("def short(completions, **_):\n    return [0.0 for _ in completions]\n")

    def grpo(*names: str) -> dict[str, Any]:
        rewards = [{"name": name, "options": {"command": "touch /tmp/pwned"}} for name in names]
        config = {"method": "grpo", "dataset": {"key": dataset}, "max_steps": 1, "grpo": {"rewards": rewards}}
        return {"kind": "train", "config": config}

    refused = await client.post("/api/runs", json=grpo("format", "os:system", "subprocess:run"))
    assert refused.status_code == 422, refused.text
    body = refused.json()
    assert body["available"] == ["correctness", "format", "length", "mine:short"]
    assert [e["loc"] for e in body["errors"]] == [
        ["body", "config", "grpo", "rewards", 1, "name"],
        ["body", "config", "grpo", "rewards", 2, "name"],
    ]
    accepted = await client.post("/api/runs", json=grpo("format", "mine:short"))
    assert accepted.status_code == 202, accepted.text


async def test_submit_accepts_models_only_from_presets_hub_ids_and_model_roots(
    client: httpx.AsyncClient, dataset: str, settings: Settings, tmp_path: Path
) -> None:
    """``"model": "/etc"`` was accepted, and the run loaded /etc as a tokenizer. A run's own
    checkpoint (runs/ in the data home) is where GRPO and evaluations start from."""
    inside = settings.home / "models" / "mine"
    inside.mkdir(parents=True)
    checkpoint = settings.home / "runs" / "r1" / "adapter"
    checkpoint.mkdir(parents=True)
    outside = tmp_path / "elsewhere"
    outside.mkdir()

    async def submit(kind: str, model: str) -> httpx.Response:
        if kind == "train":
            config: dict[str, Any] = {"dataset": {"key": dataset}, "max_steps": 1, "model": model}
        else:
            config = {"evalset": "none@v1", "model": model}
        return await client.post("/api/runs", json={"kind": kind, "config": config})

    for model in ("/etc", str(outside), f"{inside}/../../../elsewhere", "~", "../etc", "a/b/c", "/"):
        for kind in ("train", "eval"):
            refused = await submit(kind, model)
            assert refused.status_code == 422, (kind, model, refused.text)
            assert refused.json()["errors"][0]["loc"] == ["body", "config", "model"]
    assert "model roots" in (await submit("train", "/etc")).json()["detail"]
    for model in ("tiny-llama", "Qwen/Qwen2.5-0.5B-Instruct", "gpt2", str(inside), str(checkpoint)):
        accepted = await submit("train", model)
        assert accepted.status_code == 202, (model, accepted.text)


@pytest.mark.slow
async def until_finished(
    client: httpx.AsyncClient, settings: Settings, sessions: async_sessionmaker[AsyncSession], run_id: str
) -> dict[str, Any]:
    """The run as the API reads it once a worker has run it to success or failure."""
    fast = settings.model_copy(update={"run_poll_seconds": 0.1})
    async with running(Worker(fast, sessions)):
        deadline = time.monotonic() + 600  # a hang guard: training in a child is slow on busy cores
        while (status := (await client.get(f"/api/runs/{run_id}")).json()["status"]) not in ("succeeded", "failed"):
            assert time.monotonic() < deadline, status
            await asyncio.sleep(0.2)
    return (await client.get(f"/api/runs/{run_id}")).json()  # type: ignore[no-any-return]


async def test_a_train_run_through_the_worker_leaves_metrics_and_artifacts(
    client: httpx.AsyncClient, dataset: str, settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    config: dict[str, Any] = {
        "dataset": {"key": dataset},
        "max_steps": 4,
        "batch_size": 4,
        "max_seq_length": 128,
        "logging_steps": 1,
        "save_steps": 2,
        "device": "cpu",
        "merge": True,
    }
    submitted = await client.post("/api/runs", json={"kind": "train", "config": config})
    assert submitted.status_code == 202, submitted.text
    run_id = submitted.json()["id"]
    assert (submitted.json()["dataset_key"], submitted.json()["model"]) == (dataset, "tiny-llama")
    run = await until_finished(client, settings, sessions, run_id)
    assert run["status"] == "succeeded", run["error"]
    assert run["last_checkpoint"] == "checkpoints/checkpoint-4"
    metrics = (await client.get(f"/api/runs/{run_id}/metrics", params={"names": "loss"})).json()
    assert metrics["series"][0]["steps"] == [1, 2, 3, 4]
    listed = (await client.get(f"/api/runs/{run_id}/artifacts")).json()["items"]
    kinds = {item["path"]: item["kind"] for item in listed}
    assert kinds["run_manifest.json"] == kinds["metrics.jsonl"] == "artifact"
    for path in (
        "adapter/adapter_model.safetensors",
        "merged/model.safetensors",
        "checkpoints/checkpoint-2/optimizer.pt",
    ):
        assert path in kinds
    lines = [item["line"] for item in (await client.get(f"/api/runs/{run_id}/logs")).json()["items"]]
    assert "checkpoint checkpoints/checkpoint-2 at step 2" in lines
    # each step's status line carries the loss recorded for it, with lr and grad norm
    logged = {
        int(match["step"]): float(match["loss"])
        for line in lines
        if (match := re.fullmatch(r"step (?P<step>\d+)/4 loss (?P<loss>\S+) lr \S+ grad_norm \S+ \(\d+%\)", line))
    }
    recorded = dict(zip(metrics["series"][0]["steps"], metrics["series"][0]["values"], strict=True))
    assert logged == pytest.approx(recorded, rel=1e-3)
    # no progress bars: the child's tqdm is off
    assert not [line for line in lines if "it/s" in line or "%|" in line]


async def test_a_grpo_run_through_the_worker_stores_its_rollouts_as_trl_scored_them(
    client: httpx.AsyncClient, dataset: str, settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    config: dict[str, Any] = {
        "dataset": {"key": dataset},
        "method": "grpo",
        "max_steps": 4,
        "batch_size": 4,
        "max_seq_length": 128,
        "logging_steps": 1,
        "save_steps": 100,
        "device": "cpu",
        "grpo": {
            "num_generations": 2,
            "max_completion_length": 16,
            "rollouts_every": 2,
            "rewards": [{"name": "format"}, {"name": "length", "weight": 0.5, "options": {"max_chars": 12}}],
            "alarms": {"window": 3},
        },
    }
    submitted = await client.post("/api/runs", json={"kind": "train", "config": config})
    assert submitted.status_code == 202, submitted.text
    run_id = submitted.json()["id"]
    run = await until_finished(client, settings, sessions, run_id)
    assert run["status"] == "succeeded", run["error"]
    rows = (await client.get(f"/api/runs/{run_id}/rollouts")).json()["items"]
    assert [(r["step"], r["group_index"], r["sample_index"]) for r in rows] == [
        (step, group, index) for step in (1, 2, 4) for group in (0, 1) for index in (0, 1)
    ]
    for row in rows:
        assert row["total"] == pytest.approx(row["rewards"]["format"] + 0.5 * row["rewards"]["length"])
        assert 0 < row["length"] <= 16
    for step in (1, 2, 4):
        for group in (0, 1):
            advantages = [r["advantage"] for r in rows if (r["step"], r["group_index"]) == (step, group)]
            assert sum(advantages) == pytest.approx(0.0, abs=1e-4)
    # the stored rollouts are the batches TRL's logged reward means were taken over
    names = "rewards/format/mean,rewards/length/mean,reward"
    series = (await client.get(f"/api/runs/{run_id}/metrics", params={"names": names})).json()["series"]
    logged = {s["name"]: dict(zip(s["steps"], s["values"], strict=True)) for s in series}
    summary = (await client.get(f"/api/runs/{run_id}/rollouts/steps")).json()
    assert [s["step"] for s in summary["steps"]] == [1, 2, 4]
    assert summary["window"] == 3  # the run's own alarm thresholds
    for step in summary["steps"]:
        assert step["rewards"]["format"] == pytest.approx(logged["rewards/format/mean"][step["step"]], abs=1e-6)
        assert step["rewards"]["length"] == pytest.approx(logged["rewards/length/mean"][step["step"]], abs=1e-6)
        assert step["total"] == pytest.approx(logged["reward"][step["step"]], abs=1e-6)
