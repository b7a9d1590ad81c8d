"""``tunix-rt experiment show-your-work``: does writing the steps make a model better at the task?

Two arms train the same model size from the same initialisation on the same traces for the same
number of optimizer steps, with the same batch size and learning rate: arm "with steps" on the
column-arithmetic scratchpad (one step per column, with its carry), arm "answer only" on the
answer-only twin of that dataset (the same traces in the same splits, steps dropped). Both are
judged on the same held-out problems, none of which either arm saw in training, and compared
item by item with McNemar's exact test. The budget held equal is the number of optimizer steps
(so the number of examples seen); the tokens each arm saw are reported too, since a scratchpad
example is several times longer. Published results this reproduces: Nye et al. 2021 (Show Your
Work: scratchpads for intermediate computation) and Lee et al., ICLR 2024 (Teaching arithmetic
to small transformers), where intermediate steps improve accuracy and sample efficiency.

Both arms run at once on an in-process worker (each child gets half of the cores), as ordinary
queued runs: they, their evaluations and the item-level comparison are in the UI afterwards.
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

NAME = "show-your-work"
TITLE = "Show your work: the same model trained with and without intermediate steps"


@dataclass(frozen=True)
class Options(ExperimentOptions):
    """The experiment's knobs; every one is the same for both arms."""

    digits: int = 3
    traces: int = 4000
    steps: int = 600
    batch_size: int = 32
    lr: float = 3e-3
    model: str = "tiny-llama"


def train_body(options: Options, dataset: str, evalset: str) -> dict[str, Any]:
    """One arm's training run; only ``dataset`` differs between the arms."""
    return {
        "backend": options.backend,
        "model": options.model,
        "dataset": {"key": dataset},
        "lora": {"full": True},
        "optimizer": {"lr": options.lr, "warmup_steps": 10},
        "max_steps": options.steps,
        "batch_size": options.batch_size,
        "max_seq_length": options.max_seq_length,
        "logging_steps": 10,
        "save_steps": options.steps,
        "device": "cpu",
        "seed": options.seed,
        "evaluate": {"evalset": evalset, "batch_size": 100, "max_new_tokens": options.max_new_tokens},
    }


async def run_experiment(settings: Settings, options: Options) -> tuple[dict[str, Any], Path]:
    """Build the data, train and evaluate both arms, and save the report; returns it and its folder."""
    from tunix_rt.db import transaction
    from tunix_rt.runs.kinds import KindRegistry
    from tunix_rt.runs.submission import queue_run
    from tunix_rt.runs.watch import execute_here

    started = time.monotonic()
    tags = [f"experiment:{NAME}"]
    registry = KindRegistry(settings.run_kinds)
    problems = options.problems(NAME)
    async with store_sessions(settings) as sessions:
        data = await prepare(sessions, settings, problems, tags, answer_only_twin=True)
        assert data.twin is not None
        arms = {"with steps": data.dataset, "answer only": data.twin}
        async with transaction(sessions) as session:
            queued = {
                name: (
                    await queue_run(
                        session, settings, registry, "train", train_body(options, key, data.evalset), tags=tags
                    )
                ).id
                for name, key in arms.items()
            }
        labels = {run_id: f"{name} ({options.steps} steps)" for name, run_id in queued.items()}
        evaluations = await execute_here(settings, sessions, labels, concurrency=2, evaluated=list(queued.values()))
        head = {
            "experiment": NAME,
            "title": TITLE,
            "question": f"Does training on the column scratchpad teach {problems.description.split(',')[0]} "
            "better than training on the answers alone, at the same number of optimizer steps?",
            "held_equal": {
                "model": options.model,
                "backend": options.backend,
                "initialisation seed": options.seed,
                "optimizer steps": options.steps,
                "batch size": options.batch_size,
                "learning rate": options.lr,
                "traces and splits": data.dataset,
            },
            "data": {
                "dataset": data.dataset,
                "twin": data.twin,
                "evalset": data.evalset,
                "train_items": data.train_items,
                "heldout_items": data.heldout_items,
            },
            "command": options.command(NAME),
        }
        # the comparison is answer only (a) against with steps (b): "gained" means the steps helped
        ordered = [
            report.Arm(name, arms[name], queued[name], evaluations[queued[name]])
            for name in ("answer only", "with steps")
        ]
        async with sessions() as session:
            built = await report.build(session, settings.home, head, ordered, round(time.monotonic() - started, 1))
    folder = report.save(settings.home, NAME, built)
    console.print(f"report: {folder / 'report.md'}", highlight=False)
    return built, folder
