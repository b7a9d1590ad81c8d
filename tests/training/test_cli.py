"""``tunix-rt train CONFIG --local`` trains in the foreground with no server (``test_local.py``
says more); a queued ``train``
says how to follow the run, and ``--wait`` prints its log as it comes, also into a pipe;
``models export --merge`` writes merged safetensors that load and generate like the
adapter-wrapped model."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from typer.testing import CliRunner

from tests.runs.conftest import tunix_piped
from tests.training.conftest import KEY
from tunix_rt.cli import app
from tunix_rt.runs.worker import Worker, running
from tunix_rt.settings import Settings

pytestmark = pytest.mark.slow


async def test_local_train_then_merge_export(
    dataset: str, settings: Settings, cli_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import torch
    from peft import PeftModel
    from transformers import AutoModelForCausalLM

    config = settings.home / "train.yaml"
    body = {"dataset": {"key": dataset}, "max_steps": 3, "batch_size": 4, "device": "cpu", "logging_steps": 1}
    config.write_text(yaml.safe_dump(body))
    code, out, err = await tunix_piped(cli_env, "train", str(config), "--local")
    assert code == 0, err
    run_id = out.splitlines()[0]
    run_dir = settings.home / "runs" / run_id
    assert (run_dir / "adapter" / "adapter_model.safetensors").is_file()
    monkeypatch.setenv("TUNIX_RT_HOME", str(settings.home))
    exported = CliRunner().invoke(app, ["models", "export", run_id, "--merge"])
    assert exported.exit_code == 0, exported.output
    merged = AutoModelForCausalLM.from_pretrained(run_dir / "merged")
    wrapped = PeftModel.from_pretrained(
        AutoModelForCausalLM.from_pretrained(run_dir / "base-model"), run_dir / "adapter"
    )
    tokens = torch.tensor([[1, 5, 9, 12, 40]])
    with torch.no_grad():
        assert torch.allclose(merged(tokens).logits, wrapped(tokens).logits, atol=1e-5)


def test_local_train_names_every_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TUNIX_RT_HOME", str(tmp_path / "home"))
    config = tmp_path / "bad.yaml"
    config.write_text(yaml.safe_dump({"dataset": {"key": KEY}, "bogus": 1, "batch_size": 0}))
    result = CliRunner().invoke(app, ["train", str(config), "--local"])
    assert result.exit_code == 2
    assert "bogus" in result.output
    assert "batch_size" in result.output


async def test_a_queued_train_says_how_to_follow_it_and_wait_prints_its_log_as_plain_lines(
    dataset: str, settings: Settings, sessions: async_sessionmaker[AsyncSession], cli_env: dict[str, str]
) -> None:
    config = settings.home / "train.yaml"
    body = {"dataset": {"key": dataset}, "max_steps": 2, "batch_size": 4, "device": "cpu", "logging_steps": 1}
    config.write_text(yaml.safe_dump(body))
    env = {**cli_env, "TUNIX_RT_PORT": "8123"}
    async with running(Worker(settings.model_copy(update={"run_poll_seconds": 0.1}), sessions)):
        code, out, err = await tunix_piped(env, "train", str(config), "--wait")
    assert code == 0, err
    run_id, *lines = out.splitlines()
    assert f"queued; follow its log with: tunix-rt runs logs {run_id} -f" in err.splitlines()
    assert f"or open http://127.0.0.1:8123/runs/{run_id} (tunix-rt serve)" in err.splitlines()
    step = r"\[status\] step 2/2 loss \S+ lr \S+ grad_norm \S+ \(100%\)"
    assert [line for line in lines if re.fullmatch(step, line)], out
    assert err.splitlines()[-1] == f"run {run_id} succeeded"
