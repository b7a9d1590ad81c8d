"""``tunix-rt experiment self-improve``: does a model that trains on its own verified answers get
better on problems it never saw?

A short SFT of the tiny preset on column-arithmetic scratchpads (the ``grpo`` experiment's SFT
stage, stopped early so that held-out accuracy has room to grow) is round 0. A ``loop`` run then
runs the rounds (``tunix_rt.loops``): sample k answers per training prompt from the current
model, keep the verified ones as traces, build the next dataset version from them, SFT from the
current model, evaluate on the held-out problems. Rejection-sampling fine-tuning, as in STaR
(Zelikman et al. 2022). Every round is compared with round 0 item by item (McNemar).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tunix_rt.console import console, store_sessions
from tunix_rt.experiments import grpo
from tunix_rt.experiments.problems import ExperimentOptions, prepare
from tunix_rt.settings import Settings

NAME = "self-improve"


@dataclass(frozen=True)
class Options(ExperimentOptions):
    """The starting SFT, and each round's sampling and training."""

    sft_steps: int = 250
    rounds: int = 2
    k: int = 4
    prompts: int = 2800
    temperature: float = 0.8
    round_steps: int = 300
    round_lr: float = 3e-3
    mix_previous: bool = True

    def loop_config(self, start: str, dataset: str, evalset: str) -> dict[str, Any]:
        return {
            "start": start,
            "dataset": dataset,
            "evalset": evalset,
            "rounds": self.rounds,
            "mix_previous": self.mix_previous,
            "seed": self.seed,
            "sampling": {
                "k": self.k,
                "temperature": self.temperature,
                "prompts": self.prompts,
                "max_tokens": self.max_new_tokens,
            },
            "training": {"steps": self.round_steps, "lr": self.round_lr},
            "evaluation": {"max_new_tokens": self.max_new_tokens},
        }


async def run_experiment(settings: Settings, options: Options) -> tuple[dict[str, Any], Path]:
    """Build the data, run the starting SFT, then the loop; returns its rounds and the home."""
    from tunix_rt.db import transaction
    from tunix_rt.loops import view
    from tunix_rt.loops.cli import start_loop
    from tunix_rt.runs.kinds import KindRegistry
    from tunix_rt.runs.submission import queue_run
    from tunix_rt.runs.watch import execute_here

    tags = [f"experiment:{NAME}"]
    problems = options.problems(NAME)
    sft_options = grpo.Options(
        options.backend, options.digits, options.traces, options.eval_items, options.seed, sft_steps=options.sft_steps
    )
    async with store_sessions(settings) as sessions:
        data = await prepare(sessions, settings, problems, tags)
        async with transaction(sessions) as session:
            body = {**sft_options.sft_body(data.dataset, data.evalset), "evaluate": None}
            sft = (await queue_run(session, settings, KindRegistry(settings.run_kinds), "train", body, tags=tags)).id
        await execute_here(settings, sessions, {sft: f"start: sft ({options.sft_steps} steps)"}, concurrency=1)
    loop = await start_loop(settings, options.loop_config(str(sft), data.dataset, data.evalset), here=True)
    async with store_sessions(settings) as sessions, sessions() as session:
        rounds = await view.rounds(session, loop)
    built = {
        "experiment": NAME,
        "command": options.command(NAME),
        "start_run": str(sft),
        "loop": str(loop),
        "rounds": [row.model_dump(mode="json") for row in rounds],
    }
    console.print(f"loop: tunix-rt loop show {loop}", highlight=False)
    return built, settings.home
