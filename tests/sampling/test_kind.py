"""The ``sample`` kind through the runs API on both databases (what a submit stores and refuses),
and a local model sampled by the project's own generation."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import orjson
import pytest

from tunix_rt.app import create_app
from tunix_rt.runs.events import MemorySink
from tunix_rt.runs.worker import child_environment
from tunix_rt.sampling.config import SampleConfig
from tunix_rt.sampling.kind import SAMPLE
from tunix_rt.sampling.sample import CACHE, sample
from tunix_rt.settings import Settings

ENDPOINT = {"base_url": "http://127.0.0.1:9/v1", "model": "teacher", "api_key_env": "TEACHER_API_KEY"}


async def test_a_sample_run_is_submitted_with_the_key_named_not_stored(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TEACHER_API_KEY", "sk-secret-value")
    config = {"source": {"prompts_file": "/data/prompts.jsonl"}, "model": {"endpoint": ENDPOINT}, "k": 2}
    response = await client.post("/api/runs", json={"kind": "sample", "config": config})
    assert response.status_code == 202, response.text
    run = response.json()
    assert run["kind"] == "sample"
    assert run["config"]["model"]["endpoint"]["api_key_env"] == "TEACHER_API_KEY"
    assert run["config"]["policy"] == "verified"
    assert "sk-secret-value" not in json.dumps(run)


async def test_a_config_without_a_model_asks_the_settings_teacher_and_stores_it(settings: Settings) -> None:
    teacher = settings.model_copy(
        update={"teacher_url": "http://10.0.0.7:8001/v1", "teacher_model": "big", "teacher_api_key_env": "T_API_KEY"}
    )
    config = {"source": {"prompts_file": "/data/prompts.jsonl"}, "k": 2}
    for chosen, expected in ((teacher, 202), (settings, 422)):
        app = create_app(chosen)
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://localhost") as client,
        ):
            response = await client.post("/api/runs", json={"kind": "sample", "config": config})
        assert response.status_code == expected, response.text
        if expected == 202:
            endpoint = response.json()["config"]["model"]["endpoint"]
            assert endpoint == {
                **endpoint,
                "base_url": "http://10.0.0.7:8001/v1",
                "model": "big",
                "api_key_env": "T_API_KEY",
            }
        else:
            assert [error["loc"] for error in response.json()["errors"]] == [["body", "config", "model"]]
    explicit = {**config, "model": {"local": "tiny-llama"}}
    assert SAMPLE.defaults is not None
    assert SAMPLE.defaults(explicit, teacher) == explicit, "a config's own model wins over the settings"


async def test_a_bad_sample_config_is_refused_by_field(client: httpx.AsyncClient) -> None:
    config = {
        "source": {"evalset": "missing@v1"},
        "model": {"local": "tiny-llama", "endpoint": ENDPOINT},
    }
    response = await client.post("/api/runs", json={"kind": "sample", "config": config})
    assert response.status_code == 422
    locs = [error["loc"] for error in response.json()["errors"]]
    assert ["body", "config", "model"] in locs
    assert ["body", "config", "source", "evalset"] in locs


@pytest.mark.slow
def test_a_local_model_is_sampled_with_its_own_generation(tmp_path: Path) -> None:
    prompts = tmp_path / "prompts.jsonl"
    prompts.write_text(
        "\n".join(
            json.dumps({"id": f"q{n}", "prompt": f"What is {n} + 1?", "expected_answer": str(n + 1)}) for n in range(3)
        )
    )
    config = SampleConfig.model_validate(
        {
            "source": {"prompts_file": str(prompts)},
            "model": {"local": "tiny-llama"},
            "k": 2,
            "params": {"temperature": 1.0, "max_tokens": 8, "seed": 3},
            "policy": "all",
            "device": "cpu",
        }
    )
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    summary = sample(config, run_dir, MemorySink(), Settings(home=tmp_path / "home"), "local-run")
    cached = [orjson.loads(line) for line in (run_dir / CACHE).read_bytes().splitlines()]
    assert sorted((record["item_id"], record["index"]) for record in cached) == [
        (f"q{n}", i) for n in range(3) for i in range(2)
    ]
    assert summary["completions"] == 6
    assert all(record["completion_tokens"] >= 1 for record in cached)
    # an untrained preset writes no answer tags: every sample is dropped for it, none is verified
    assert summary["kept"] + sum(summary["dropped"].values()) == 6
    assert summary["pass_at_1"] == summary["pass_at_k"] == 0.0


def test_the_worker_passes_only_the_named_key_to_the_child(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEACHER_API_KEY", "sk-secret-value")
    monkeypatch.setenv("OTHER_API_KEY", "sk-other")
    config = SampleConfig.model_validate({"source": {"evalset": "arith-eval@v1"}, "model": {"endpoint": ENDPOINT}})
    passed = SAMPLE.passed_environment(config)
    assert passed == ("TEACHER_API_KEY",)
    env = child_environment(tmp_path, tmp_path / "run", passed=passed)
    assert env["TEACHER_API_KEY"] == "sk-secret-value"
    assert "OTHER_API_KEY" not in env
    assert "TEACHER_API_KEY" not in child_environment(tmp_path, tmp_path / "run")


@pytest.mark.parametrize("name", ["sk-abc.123", "TUNIX_RT_DATABASE_URL", "TUNIX_RT_X_API_KEY", "HOME"])
def test_only_an_api_key_variable_may_be_named(name: str) -> None:
    endpoint = {**ENDPOINT, "api_key_env": name}
    with pytest.raises(ValueError, match="ending in _API_KEY"):
        SampleConfig.model_validate({"source": {"evalset": "arith-eval@v1"}, "model": {"endpoint": endpoint}})


async def test_a_missing_dataset_is_refused_at_its_field(client: httpx.AsyncClient) -> None:
    config = {"source": {"dataset": "missing@v1", "split": "eval"}, "model": {"local": "tiny-llama"}}
    response = await client.post("/api/runs", json={"kind": "sample", "config": config})
    assert response.status_code == 422
    assert [error["loc"] for error in response.json()["errors"]] == [["body", "config", "source", "dataset"]]
