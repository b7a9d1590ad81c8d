"""The GRPO experiment, shrunken to CI size: the GRPO arm really starts from the SFT arm's trained
weights, trains with the correctness and format rewards, and both are judged on the same
held-out problems."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tunix_rt.experiments.grpo import Options, run_experiment
from tunix_rt.runs import artifacts
from tunix_rt.settings import Settings
from tunix_rt.training.manifest import MANIFEST
from tunix_rt.training.torch_backend import ADAPTER, COMPLETIONS

pytestmark = pytest.mark.slow

OPTIONS = Options(digits=2, traces=200, eval_items=12, sft_steps=40, grpo_steps=2, generations=4, prompts_per_step=2)


async def test_grpo_starts_from_the_sft_weights_and_both_are_judged_alike(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home", _env_file=None)
    report, folder = await run_experiment(settings, OPTIONS)

    sft, grpo = report["arms"]
    assert (sft["name"], grpo["name"]) == ("sft", "sft + grpo")
    assert (sft["optimizer_steps"], grpo["optimizer_steps"]) == (40, 2)
    assert sft["strict_accuracy"]["n"] == grpo["strict_accuracy"]["n"] == 12
    evidence = json.loads((artifacts.run_dir(settings.home, grpo["train_run"]) / MANIFEST).read_text())
    assert evidence["config"]["method"] == "grpo"
    assert evidence["model"]["name"] == str(artifacts.run_dir(settings.home, sft["train_run"]) / ADAPTER)
    assert [reward["name"] for reward in evidence["config"]["grpo"]["rewards"]] == ["correctness", "format"]
    lines = (artifacts.run_dir(settings.home, grpo["train_run"]) / COMPLETIONS).read_text().splitlines()
    sampled = [json.loads(line) for line in lines]
    assert sorted((row["step"], row["reward"]) for row in sampled) == [
        (step, reward) for step in (1, 2) for reward in ("correctness", "format")
    ]
    assert {len(row["completions"]) for row in sampled} == {OPTIONS.generations * OPTIONS.prompts_per_step}
    counts = report["comparison"]["counts"]
    assert sum(counts.values()) == 12
    assert (folder / "report.md").read_text().count("| sft") == 2
