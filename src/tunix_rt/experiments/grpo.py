"""``tunix-rt experiment grpo``: does reinforcement learning on verified answers lift a model that
supervised fine-tuning left well below its ceiling?

Arm "sft" is a short supervised fine-tune of the tiny preset on column-arithmetic scratchpads,
stopped early on purpose so that held-out accuracy has room to grow. Arm "sft + grpo" starts from
that arm's trained weights and runs GRPO on the same training problems, rewarded by the answer
checker (correctness) and the template (format), with the prompts only: it never sees a worked
answer, only whether its own sampled answers were right. Both are judged on the same held-out
problems and compared item by item with McNemar's exact test.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tunix_rt.console import console, store_sessions
from tunix_rt.experiments import report
from tunix_rt.experiments.problems import ExperimentOptions, prepare
from tunix_rt.settings import Settings

NAME = "grpo"
TITLE = "GRPO after SFT: reinforcement on verified answers, from a model SFT left below its ceiling"


@dataclass(frozen=True)
class Options(ExperimentOptions):
    """The SFT stage both arms share, and the GRPO stage only the second arm runs."""

    sft_steps: int = 250
    grpo_steps: int = 100
    generations: int = 8
    prompts_per_step: int = 4
    grpo_lr: float = 1e-4
    temperature: float = 1.0

    def evaluate(self, evalset: str) -> dict[str, Any]:
        return {"evalset": evalset, "batch_size": 100, "max_new_tokens": self.max_new_tokens}

    def sft_body(self, dataset: str, evalset: str) -> dict[str, Any]:
        return {
            "backend": self.backend,
            "model": "tiny-llama",
            "dataset": {"key": dataset},
            "lora": {"full": True},
            "optimizer": {"lr": 3e-3, "warmup_steps": 10},
            "max_steps": self.sft_steps,
            "batch_size": 32,
            "max_seq_length": self.max_seq_length,
            "logging_steps": 10,
            "save_steps": self.sft_steps,
            "device": "cpu",
            "seed": self.seed,
            "evaluate": self.evaluate(evalset),
        }

    def grpo_body(self, model: Path, dataset: str, evalset: str) -> dict[str, Any]:
        return {
            "backend": self.backend,
            "method": "grpo",
            "model": str(model),
            "dataset": {"key": dataset},
            "lora": {"full": True},
            "optimizer": {"lr": self.grpo_lr, "warmup_steps": 5, "decay": "constant"},
            "max_steps": self.grpo_steps,
            "batch_size": self.generations * self.prompts_per_step,
            "max_seq_length": self.max_new_tokens,
            "logging_steps": 5,
            "save_steps": self.grpo_steps,
            "device": "cpu",
            "seed": self.seed,
            "grpo": {
                "num_generations": self.generations,
                "max_completion_length": self.max_new_tokens,
                "temperature": self.temperature,
                "rewards": [{"name": "correctness"}, {"name": "format"}],
            },
            "evaluate": self.evaluate(evalset),
        }


async def run_experiment(settings: Settings, options: Options) -> tuple[dict[str, Any], Path]:
    """Build the data, run SFT, then GRPO from its weights, evaluate both and save the report."""
    from tunix_rt.db import transaction
    from tunix_rt.runs import artifacts
    from tunix_rt.runs.kinds import KindRegistry
    from tunix_rt.runs.submission import queue_run
    from tunix_rt.runs.watch import execute_here
    from tunix_rt.training.torch_backend import ADAPTER

    started = time.monotonic()
    tags = [f"experiment:{NAME}"]
    registry = KindRegistry(settings.run_kinds)
    problems = options.problems(f"{NAME}-lift")
    async with store_sessions(settings) as sessions:
        data = await prepare(sessions, settings, problems, tags)
        async with transaction(sessions) as session:
            body = options.sft_body(data.dataset, data.evalset)
            sft = (await queue_run(session, settings, registry, "train", body, tags=tags)).id
        labels = {sft: f"sft ({options.sft_steps} steps)"}
        sft_eval = (await execute_here(settings, sessions, labels, concurrency=1, evaluated=[sft]))[sft]
        weights = artifacts.run_dir(settings.home, sft) / ADAPTER
        async with transaction(sessions) as session:
            body = options.grpo_body(weights, data.dataset, data.evalset)
            grpo = (await queue_run(session, settings, registry, "train", body, tags=tags)).id
        labels = {grpo: f"sft + grpo ({options.grpo_steps} steps)"}
        grpo_eval = (await execute_here(settings, sessions, labels, concurrency=1, evaluated=[grpo]))[grpo]
        head = {
            "experiment": NAME,
            "title": TITLE,
            "question": f"Does GRPO with the correctness and format rewards raise held-out accuracy on "
            f"{problems.description.split(',')[0]} after {options.sft_steps} steps of SFT?",
            "held_equal": {
                "SFT stage": f"run {sft}",
                "model": "tiny-llama",
                "backend": options.backend,
                "GRPO": f"{options.grpo_steps} steps x {options.prompts_per_step} prompts x "
                f"{options.generations} samples at temperature {options.temperature}, lr {options.grpo_lr}",
            },
            "data": {
                "dataset": data.dataset,
                "evalset": data.evalset,
                "train_items": data.train_items,
                "heldout_items": data.heldout_items,
            },
            "command": options.command(NAME),
        }
        arms = [
            report.Arm("sft", data.dataset, sft, sft_eval),
            report.Arm("sft + grpo", data.dataset, grpo, grpo_eval),
        ]
        async with sessions() as session:
            built = await report.build(session, settings.home, head, arms, round(time.monotonic() - started, 1))
    folder = report.save(settings.home, NAME, built)
    console.print(f"report: {folder / 'report.md'}", highlight=False)
    return built, folder
