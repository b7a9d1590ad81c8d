"""``tunix-rt demo``: the whole loop on one machine, offline, into the configured store.

Synthetic arithmetic traces -> a dataset with an eval split -> an eval set derived from it -> an
evaluation of the untrained tiny preset -> a full fine-tune of that preset whose config asks for
an automatic evaluation -> the trained model's evaluation -> the leaderboard. Every step goes
through the same store functions as the API and the CLI, and the runs are real queued runs that
an in-process worker executes as child processes, so ``make run`` / ``tunix-rt serve`` afterwards
shows all of it in the web UI: traces, dataset, eval set, runs with their logs and curves, both
evaluations and their leaderboard rows.

The demo writes into the configured home (``TUNIX_RT_HOME``, or ``--home``) and never deletes:
on a fresh home it creates everything; on a used one the traces are deduplicated by content and
the dataset and eval set get their next version (``demo-arith@v2``...), so running it twice, or
next to your own data, is harmless. Its worker also takes other queued runs of that store while
it waits for its own.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.progress import Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from tunix_rt.console import console, run, store_sessions
from tunix_rt.errors import TunixError
from tunix_rt.settings import Settings

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

    from tunix_rt.evaluation.tables import Evaluation

DATASET_NAME = "demo-arith"
EVALSET_NAME = "demo-arith-eval"
DEMO_TAG = "demo"
_POLL_SECONDS = 0.5


class Backend(StrEnum):
    """The framework that trains and evaluates."""

    TORCH = "torch"
    JAX = "jax"


@dataclass(frozen=True)
class DemoOptions:
    """What the demo builds and how long it trains. The defaults lift format compliance from 0 to
    about 1 on two CPU cores in well under three minutes: 150 full fine-tune steps at a high
    learning rate teach the tiny preset the ``<reasoning>/<answer>`` template."""

    backend: Backend = Backend.TORCH
    steps: int = 150
    traces: int = 300
    eval_items: int = 16
    max_new_tokens: int = 64
    seed: int = 0


@dataclass(frozen=True)
class DemoResult:
    """What the demo made, by key and id, and the two scorecards it compares."""

    traces: int
    dataset: str
    evalset: str
    untrained_run: uuid.UUID
    train_run: uuid.UUID
    trained_run: uuid.UUID
    before: dict[str, Any]
    after: dict[str, Any]
    leaderboard: list[Evaluation]


def require_backends(backend: Backend) -> None:
    """Both halves of the loop can run on ``backend``, checked before anything is written, each
    a 501-style error naming the extra to install."""
    from tunix_rt.evaluation.kind import require_generation
    from tunix_rt.training.config import DatasetRef, TrainConfig
    from tunix_rt.training.kind import require_backend

    require_generation(backend)
    require_backend(TrainConfig(backend=backend.value, dataset=DatasetRef(key=f"{DATASET_NAME}@v1")))


def eval_body(evalset: str, options: DemoOptions) -> dict[str, Any]:
    """The untrained preset's evaluation: what the trained model's is compared with."""
    return {
        "evalset": evalset,
        "model": "tiny-llama",
        "backend": options.backend.value,
        "max_new_tokens": options.max_new_tokens,
        "device": "cpu",
        "sampling": {"seed": options.seed},
    }


def train_body(dataset: str, evalset: str, options: DemoOptions) -> dict[str, Any]:
    """A full fine-tune of the tiny preset that queues its own evaluation when it succeeds."""
    return {
        "backend": options.backend.value,
        "model": "tiny-llama",
        "dataset": {"key": dataset},
        "lora": {"full": True},
        "optimizer": {"lr": 3e-3, "warmup_steps": 5},
        "max_steps": options.steps,
        "batch_size": 16,
        "max_seq_length": 128,
        "logging_steps": 5,
        "save_steps": options.steps,
        "device": "cpu",
        "seed": options.seed,
        "evaluate": {"evalset": evalset, "max_new_tokens": options.max_new_tokens},
    }


async def _submit(
    session: AsyncSession, settings: Settings, kind: str, body: dict[str, Any], tags: Sequence[str]
) -> uuid.UUID:
    """Queue a run as ``POST /api/runs`` does: the kind's validation and checks, then the store."""
    from tunix_rt.runs import store
    from tunix_rt.runs.kinds import KindRegistry

    registry = KindRegistry(settings.run_kinds)
    config, refs = registry.validate(kind, body)
    await registry.admit(kind, config, session, settings)
    priority = settings.run_priorities.get(kind, 0)
    queued = await store.submit(session, kind, config.model_dump(mode="json"), refs, tags=tags, priority=priority)
    return queued.id


class RunWatch:
    """One rich progress line per run: elapsed time since it started, and its latest status or
    log line, read from the database like the UI's log view."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.tasks: dict[uuid.UUID, TaskID] = {}
        self.labels: dict[uuid.UUID, str] = {}
        self.seen: dict[uuid.UUID, int] = {}

    def add(self, run_id: uuid.UUID, label: str) -> None:
        self.tasks[run_id] = self.progress.add_task(label, total=1.0, start=False, note="queued")
        self.labels[run_id] = label
        self.seen[run_id] = 0

    async def until_done(self, sessions: async_sessionmaker[AsyncSession], run_ids: Sequence[uuid.UUID]) -> None:
        """Until every run has finished; one that does not succeed is an error naming its reason."""
        from tunix_rt.runs import store
        from tunix_rt.runs.store import TERMINAL, RunStatus

        waiting = list(run_ids)
        while waiting:
            for run_id in list(waiting):
                async with sessions() as session:
                    current = await store.get(session, run_id)
                    lines = await store.logs_after(session, run_id, self.seen[run_id], 10_000)
                if lines:
                    self.seen[run_id] = lines[-1].seq
                self._show(run_id, current.status, [line.line for line in lines if line.stream in ("status", "log")])
                if current.status in TERMINAL:
                    if current.status != RunStatus.SUCCEEDED:
                        reason = current.error or "no reason given"
                        raise TunixError(f"the {self.labels[run_id]} run {run_id} {current.status}: {reason}")
                    waiting.remove(run_id)
            if waiting:
                await asyncio.sleep(_POLL_SECONDS)

    def _show(self, run_id: uuid.UUID, status: str, lines: list[str]) -> None:
        task = self.tasks[run_id]
        if status != "queued":
            self.progress.start_task(task)
        if status == "succeeded":
            self.progress.update(task, completed=1.0, note="[green]succeeded[/]")
            self.progress.stop_task(task)
        elif lines:
            self.progress.update(task, note=lines[-1])


async def _prepare(
    sessions: async_sessionmaker[AsyncSession], settings: Settings, options: DemoOptions
) -> tuple[int, str, str]:
    """Traces, the dataset (all of them, a seeded eval split) and the eval set derived from it."""
    from tunix_rt.datasets import evalsets
    from tunix_rt.datasets import store as datasets
    from tunix_rt.datasets.evalsets import EvalSetDerive
    from tunix_rt.datasets.schema import DatasetCreate
    from tunix_rt.db import transaction
    from tunix_rt.traces.ingest import store_synthetic

    async with transaction(sessions) as session:
        outcome = await store_synthetic(
            session, "arithmetic", options.traces, options.seed, [DEMO_TAG], settings.limits
        )
    console.print(f"[green]✓[/] {options.traces} synthetic arithmetic traces ({outcome.created} new)")
    request = DatasetCreate.model_validate(
        {
            "name": DATASET_NAME,
            "description": "tunix-rt demo: synthetic arithmetic with a held-out eval split",
            "query": {"ids": [str(item.id) for item in outcome.items]},
            "split": {"eval_count": options.eval_items, "seed": options.seed},
        }
    )
    async with transaction(sessions) as session:
        dataset = await datasets.build(session, settings, request)
        dataset_key, counts = dataset.key, dict(dataset.counts)
    console.print(f"[green]✓[/] dataset {dataset_key}: {counts['train']} train, {counts['eval']} eval")
    derive = EvalSetDerive(name=EVALSET_NAME, dataset=dataset_key, description="the eval split of " + dataset_key)
    async with transaction(sessions) as session:
        evalset_key = (await evalsets.derive(session, settings, derive)).key
    console.print(f"[green]✓[/] eval set {evalset_key}")
    return options.traces, dataset_key, evalset_key


async def run_demo(settings: Settings, options: DemoOptions) -> DemoResult:
    """The loop against the configured store, with an in-process worker executing the runs."""
    from tunix_rt.db import transaction
    from tunix_rt.evaluation import store as evaluations
    from tunix_rt.evaluation.store import LeaderboardFilters
    from tunix_rt.runs import store
    from tunix_rt.runs.store import RunFilters
    from tunix_rt.runs.worker import Worker, running
    from tunix_rt.training.kind import AUTO_EVAL_TAG

    require_backends(options.backend)
    async with store_sessions(settings) as sessions:
        traces, dataset, evalset = await _prepare(sessions, settings, options)
        async with transaction(sessions) as session:
            untrained = await _submit(session, settings, "eval", eval_body(evalset, options), [DEMO_TAG])
            train = await _submit(session, settings, "train", train_body(dataset, evalset, options), [DEMO_TAG])
        columns = (
            SpinnerColumn(finished_text="[green]✓[/]"),
            TextColumn("{task.description:<22}"),
            TimeElapsedColumn(),
            TextColumn("{task.fields[note]}"),
        )
        worker = Worker(settings.model_copy(update={"run_poll_seconds": 0.2}), sessions)
        with Progress(*columns, console=console) as progress:
            watch = RunWatch(progress)
            watch.add(untrained, "untrained evaluation")
            watch.add(train, f"training ({options.steps} steps)")
            async with running(worker):
                await watch.until_done(sessions, [untrained, train])
                async with sessions() as session:
                    found, _ = await store.list_page(
                        session, RunFilters(kind="eval", tag=AUTO_EVAL_TAG, model=f"run:{train}"), 1, None
                    )
                if not found:
                    raise TunixError(f"training run {train} succeeded but queued no evaluation")
                trained = found[0].id
                watch.add(trained, "trained evaluation")
                await watch.until_done(sessions, [trained])
        async with sessions() as session:
            before = (await evaluations.get(session, untrained)).scorecard
            after = (await evaluations.get(session, trained)).scorecard
            board, _ = await evaluations.leaderboard(session, LeaderboardFilters(evalset=evalset), 20, None)
    return DemoResult(traces, dataset, evalset, untrained, train, trained, before, after, board)


def _rate(rate: dict[str, Any]) -> str:
    return f"{rate['value']:.2f} ({rate['hits']}/{rate['n']})  [{rate['low']:.2f}-{rate['high']:.2f}]"


def print_comparison(before: dict[str, Any], after: dict[str, Any]) -> None:
    """The two scorecards side by side, with 95% Wilson intervals and the change."""
    table = Table(title="Scorecard before and after training (95% intervals)")
    table.add_column("metric")
    table.add_column("untrained", justify="right")
    table.add_column("trained", justify="right")
    table.add_column("change", justify="right")
    for name in ("format_compliance", "strict_accuracy", "lenient_accuracy"):
        delta = after[name]["value"] - before[name]["value"]
        colour = "green" if delta > 0 else "red" if delta < 0 else "white"
        table.add_row(name.replace("_", " "), _rate(before[name]), _rate(after[name]), f"[{colour}]{delta:+.2f}[/]")
    table.add_row("mean output tokens", f"{before['mean_output_tokens']:.1f}", f"{after['mean_output_tokens']:.1f}", "")
    table.add_row("truncated", f"{before['truncation_rate']:.2f}", f"{after['truncation_rate']:.2f}", "")
    console.print(table)


def print_leaderboard(evalset: str, rows: Sequence[Evaluation]) -> None:
    table = Table(title=f"Leaderboard on {evalset}")
    for name, justify in (("model", "left"), ("strict", "right"), ("lenient", "right"), ("format", "right")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for row in rows:
        table.add_row(
            row.model, f"{row.strict_accuracy:.2f}", f"{row.lenient_accuracy:.2f}", f"{row.format_compliance:.2f}"
        )
    console.print(table)


def demo_command(
    home: Annotated[
        Path | None, typer.Option(help="Data home to write into (default: TUNIX_RT_HOME, ./.tunix-rt).")
    ] = None,
    steps: Annotated[int, typer.Option(min=1, help="Training steps (150 lifts format compliance to about 1).")] = 150,
    backend: Annotated[Backend, typer.Option(help="Framework that trains and evaluates.")] = Backend.TORCH,
    traces: Annotated[int, typer.Option(min=2, help="Synthetic arithmetic traces to generate.")] = 300,
    eval_items: Annotated[int, typer.Option(min=1, help="Traces held out as the eval set.")] = 16,
    max_new_tokens: Annotated[int, typer.Option(min=1, help="Most tokens generated per eval item.")] = 64,
    seed: Annotated[int, typer.Option(min=0, help="Seed of traces, split, initialisation and sampling.")] = 0,
) -> None:
    """Run the whole loop offline: traces -> dataset -> untrained eval -> training -> eval -> leaderboard."""
    if eval_items >= traces:
        raise typer.BadParameter("the eval set must leave traces to train on", param_hint="--eval-items")
    settings = Settings(home=home) if home is not None else Settings()
    options = DemoOptions(
        backend=backend, steps=steps, traces=traces, eval_items=eval_items, max_new_tokens=max_new_tokens, seed=seed
    )
    console.print(f"tunix-rt demo into {settings.home.resolve()} ({backend.value}, {steps} steps)", highlight=False)
    started = time.monotonic()
    result = run(run_demo(settings, options))
    print_comparison(result.before, result.after)
    print_leaderboard(result.evalset, result.leaderboard)
    console.print(
        f"done in {time.monotonic() - started:.0f} s: dataset {result.dataset}, eval set {result.evalset}, "
        f"runs {result.untrained_run} (untrained eval), {result.train_run} (training), "
        f"{result.trained_run} (trained eval). See them all with `tunix-rt serve` (or `make run`).",
        highlight=False,
    )
