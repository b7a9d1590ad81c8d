"""A really trained tiny model goes through the registry and comes back the same: the
downloaded archive (and a CLI pull) loads with the training loader and greedy-generates exactly
what the run's own model generates, for a merged model and for an adapter with its base."""

from __future__ import annotations

import io
import shutil
import tarfile
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from typer.testing import CliRunner

from tests.conftest import run_isolated
from tests.registry.conftest import add_run
from tests.training.conftest import KEY, arithmetic_records, tiny_config, write_snapshot
from tunix_rt import db
from tunix_rt.cli import app as cli_app
from tunix_rt.runs import store as runs
from tunix_rt.runs.artifacts import run_dir
from tunix_rt.runs.events import MemorySink
from tunix_rt.runs.kinds import RunRefs
from tunix_rt.settings import Settings

pytestmark = pytest.mark.slow
PROMPTS = ["What is 3 + 4?", "What is 9 + 0?"]


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One short LoRA run with ``merge: true``: adapter/, merged/ and base-model/ in its folder."""
    from tunix_rt.training.torch_backend import train

    home = tmp_path_factory.mktemp("train-home")
    dataset = write_snapshot(home, KEY, arithmetic_records(64), arithmetic_records(4, seed=1))
    folder = home / "run"
    folder.mkdir()
    config = tiny_config(max_steps=4, batch_size=8, merge=True)
    train(config, folder, MemorySink(), dataset_dir=dataset, resume_from=None)
    return folder


def greedy(model: Any, tokenizer: Any) -> list[list[int]]:
    import torch

    outputs = []
    for prompt in PROMPTS:
        text = tokenizer.apply_chat_template(
            [{"role": "user", "content": prompt}], tokenize=False, add_generation_prompt=True
        )
        ids = tokenizer(text, add_special_tokens=False, return_tensors="pt").input_ids
        with torch.no_grad():
            generated = model.generate(ids, max_new_tokens=16, do_sample=False, pad_token_id=tokenizer.pad_token_id)
        outputs.append(generated[0, ids.shape[1] :].tolist())
    return outputs


def load_merged(folder: Path, scratch: Path) -> list[list[int]]:
    from tunix_rt.training import models

    loaded = models.load(str(folder), [], scratch, max_positions=128, seed=0)
    return greedy(loaded.model.eval(), loaded.tokenizer)


def load_adapter(adapter: Path, base: Path) -> list[list[int]]:
    from peft import PeftModel
    from transformers import AutoModelForCausalLM, AutoTokenizer

    model = PeftModel.from_pretrained(AutoModelForCausalLM.from_pretrained(base), str(adapter))
    return greedy(model.eval(), AutoTokenizer.from_pretrained(adapter))


def extract(content: bytes, target: Path) -> Path:
    with tarfile.open(fileobj=io.BytesIO(content)) as archive:
        archive.extractall(target, filter="data")
    return target


async def test_a_downloaded_version_generates_like_the_run(
    trained: Path, client: httpx.AsyncClient, app: FastAPI, settings: Settings, tmp_path: Path
) -> None:
    run_id = await add_run(app)
    folder = run_dir(settings.home, run_id)
    shutil.copytree(trained, folder)
    merged = (await client.post("/api/models/arith/versions", json={"run_id": str(run_id)})).json()
    assert merged["format"] == "merged"
    assert merged["metrics"]["train_loss"] > 0
    assert merged["provenance"]["base_model"]["name"] == "tiny-llama"
    archive = await client.get("/api/models/arith/versions/v1/archive")
    downloaded = extract(archive.content, tmp_path / "merged")
    expected = load_merged(folder / "merged", tmp_path / "s2")
    assert all(expected)
    assert load_merged(downloaded, tmp_path / "s1") == expected

    # without merged/, the run's output is its adapter, and the version carries the tiny base
    shutil.rmtree(folder / "merged")
    adapter = (await client.post("/api/models/arith/versions", json={"run_id": str(run_id)})).json()
    assert (adapter["label"], adapter["format"]) == ("v2", "adapter")
    archive = await client.get("/api/models/arith/versions/v2/archive")
    unpacked = extract(archive.content, tmp_path / "adapter")
    expected = load_adapter(folder / "adapter", folder / "base-model")
    assert load_adapter(unpacked, unpacked / "base-model") == expected


async def _succeeded_run(url: str) -> uuid.UUID:
    async with db.open_database(url) as engine, db.transaction(db.session_factory(engine)) as session:
        queued = await runs.submit(session, "train", {}, RunRefs())
        await runs.transition(session, queued.id, runs.RunStatus.RUNNING)
        await runs.transition(session, queued.id, runs.RunStatus.SUCCEEDED)
        return queued.id


def test_export_merges_a_registered_adapter(
    trained: Path, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``models export NAME:VERSION --merge --format safetensors`` makes one standalone model of an adapter
    version and its carried base, with the same logits as the run's base + adapter."""
    import torch
    from peft import PeftModel
    from transformers import AutoModelForCausalLM

    monkeypatch.setenv("TUNIX_RT_HOME", str(settings.home))
    monkeypatch.setenv("TUNIX_RT_DATABASE_URL", settings.resolved_database_url)
    run_id = run_isolated(_succeeded_run(settings.resolved_database_url))
    folder = run_dir(settings.home, run_id)
    shutil.copytree(trained, folder, ignore=shutil.ignore_patterns("merged"))
    runner = CliRunner()
    assert runner.invoke(cli_app, ["models", "promote", "arith", str(run_id)]).exit_code == 0
    command = ["models", "export", "arith:v1", "--merge", "--format", "safetensors", "--out", str(tmp_path / "out")]
    result = runner.invoke(cli_app, command)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "model.safetensors").is_file()
    assert (tmp_path / "out" / "tokenizer.json").is_file()
    # without --merge, the version's files as stored
    plain = runner.invoke(cli_app, ["models", "export", "arith:v1", "--out", str(tmp_path / "plain")])
    assert plain.exit_code == 0, plain.output
    assert (tmp_path / "plain" / "base-model" / "model.safetensors").is_file()
    merged = AutoModelForCausalLM.from_pretrained(tmp_path / "out")
    wrapped = PeftModel.from_pretrained(AutoModelForCausalLM.from_pretrained(folder / "base-model"), folder / "adapter")
    tokens = torch.tensor([[1, 5, 9, 12, 40]])
    with torch.no_grad():
        assert torch.allclose(merged(tokens).logits, wrapped(tokens).logits, atol=1e-5)
    missing = runner.invoke(cli_app, ["models", "export", "nobody:v1"])
    assert missing.exit_code == 2
    assert "neither a trained run" in missing.output
    assert runner.invoke(cli_app, ["models", "export", "arith:v1", "--format", "pytorch"]).exit_code == 2
