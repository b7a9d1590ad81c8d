"""``tunix-rt sweeps ...``: create, list, show, cancel and promote sweeps with the same store
functions the API uses. A sweep runs on a worker like any run (``tunix-rt worker``/``serve``)."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Column, Table

from tunix_rt.console import console, run, store_sessions
from tunix_rt.runs.cli import resolve_run
from tunix_rt.short_ids import HELP as ID_HELP
from tunix_rt.short_ids import SHORT, short
from tunix_rt.training.cli import read_config

if TYPE_CHECKING:
    from tunix_rt.runs.tables import Run
    from tunix_rt.settings import Settings
    from tunix_rt.sweeps.config import SweepConfig
    from tunix_rt.sweeps.tables import SweepTrial

# The stores, the sweep config and the settings are imported inside the commands: `tunix-rt --help`
# must not pay for SQLAlchemy and pydantic.

app = typer.Typer(no_args_is_help=True, help="Sweeps: hyperparameter searches on Ray Tune.")

SweepIdArg = Annotated[str, typer.Argument(metavar="SWEEP_ID", help=f"Sweep id (its run's id). {ID_HELP}")]


@app.command("create")
def create(
    file: Annotated[Path, typer.Argument(help="Sweep config, YAML or JSON.")],
    tag: Annotated[list[str] | None, typer.Option(help="Tag; repeatable.")] = None,
    priority: Annotated[int | None, typer.Option(help="Higher is claimed first.")] = None,
    wait: Annotated[bool, typer.Option(help="Wait until the sweep finishes, showing trials done.")] = False,
) -> None:
    """Queue a sweep and print its id."""
    from tunix_rt.db import transaction
    from tunix_rt.runs.kinds import KindRegistry
    from tunix_rt.runs.submission import queue_run
    from tunix_rt.settings import Settings
    from tunix_rt.sweeps.config import SweepConfig
    from tunix_rt.sweeps.store import SWEEP_KIND

    settings = Settings()
    body = read_config(file, param_hint="FILE")

    async def go() -> Run:
        registry = KindRegistry(settings.run_kinds)
        async with store_sessions(settings) as sessions:
            async with transaction(sessions) as session:
                sweep = await queue_run(
                    session, settings, registry, SWEEP_KIND, body, tags=tag or [], priority=priority
                )
            console.print(str(sweep.id))
            if wait:
                sweep = await _wait(sessions, sweep.id, SweepConfig.model_validate(sweep.config).total_trials, settings)
            return sweep

    sweep = run(go())
    if wait:
        console.print(f"sweep {sweep.id} {sweep.status}" + (f": {sweep.error}" if sweep.error else ""))
        if sweep.status != "succeeded":
            raise typer.Exit(1)


async def _wait(sessions: Any, sweep_id: uuid.UUID, total: int, settings: Settings) -> Run:
    import asyncio
    import contextlib

    from tunix_rt.runs import store as runs
    from tunix_rt.runs.store import TERMINAL
    from tunix_rt.sweeps import store
    from tunix_rt.sweeps.store import FINISHED

    # A spinner draws nothing when the output is not a terminal: there, each change is a line.
    spinner = console.status("") if console.is_terminal else contextlib.nullcontext()
    shown = ""
    with spinner as status:
        while True:
            async with sessions() as session:
                sweep = await runs.get(session, sweep_id)
                trials = await store.trials_of(session, sweep_id)
            done = sum(1 for trial in trials if trial.status in FINISHED)
            text = f"sweep {sweep.status}: {done}/{total} trials finished"
            if status is not None:
                status.update(text)
            elif text != shown:
                console.print(text, highlight=False)
                shown = text
            if sweep.status in TERMINAL:
                return sweep
            await asyncio.sleep(max(settings.run_poll_seconds, 1.0))


@app.command("list")
def list_sweeps(limit: Annotated[int, typer.Option(help="Most sweeps shown.")] = 50) -> None:
    """Sweeps, newest first, with their best objective so far."""
    from tunix_rt.runs import store as runs
    from tunix_rt.runs.store import RunFilters
    from tunix_rt.sweeps import store
    from tunix_rt.sweeps.config import SweepConfig
    from tunix_rt.sweeps.store import SWEEP_KIND

    async def go() -> list[tuple[Run, SweepConfig, float | None]]:
        async with store_sessions() as sessions, sessions() as session:
            sweeps, _ = await runs.list_page(session, RunFilters(kind=SWEEP_KIND), limit, None)
            rows = []
            for sweep in sweeps:
                config = SweepConfig.model_validate(sweep.config)
                best = store.best_trial(config, await store.trials_of(session, sweep.id))
                rows.append((sweep, config, best.objective if best else None))
            return rows

    table = Table(Column("id", no_wrap=True, min_width=SHORT), "status", "created", "objective", "best")
    for sweep, config, best in run(go()):
        objective = f"{config.objective.metric} ({config.objective.mode})"
        table.add_row(short(sweep.id), sweep.status, f"{sweep.created_at:%Y-%m-%d %H:%M}", objective, _number(best))
    console.print(table)


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.4g}"


def format_param(key: str, value: Any) -> str:
    """A trial's value of a space key as ``show`` prints it: a learning rate (``optimizer.lr``,
    ``...learning_rate``) in the one scientific form the web UI uses too (1.00e-3, 3.00e-4:
    its values span decades, and 0.001 beside 3e-04 reads as two scales); anything else as is."""
    if key.rsplit(".", 1)[-1] in ("lr", "learning_rate") and isinstance(value, int | float):
        mantissa, exponent = f"{value:.2e}".split("e")
        return f"{mantissa}e{int(exponent):+d}"
    return str(value)


@app.command("show")
def show(sweep_id: SweepIdArg) -> None:
    """The sweep's trials with parameters, status and objective; the best one is marked."""
    from tunix_rt.sweeps import store
    from tunix_rt.sweeps.config import SweepConfig

    async def go() -> tuple[Run, SweepConfig, list[SweepTrial]]:
        async with store_sessions() as sessions, sessions() as session:
            sweep = await store.get_sweep(session, await resolve_run(session, sweep_id))
            return sweep, SweepConfig.model_validate(sweep.config), await store.trials_of(session, sweep.id)

    sweep, config, trials = run(go())
    best = store.best_trial(config, trials)
    console.print(f"sweep {sweep.id}: {sweep.status}; objective {config.objective.metric} ({config.objective.mode})")
    keys = list(config.space)
    table = Table("", "trial", "status", *keys, config.objective.metric, "last loss", "train run")
    for trial in trials:
        marker = "*" if best is not None and trial.trial_id == best.trial_id else ""
        params = [format_param(key, trial.params[key]) if key in trial.params else "-" for key in keys]
        train = short(trial.train_run_id) if trial.train_run_id else "-"
        table.add_row(
            marker, trial.trial_id, trial.status, *params, _number(trial.objective), _number(trial.last_loss), train
        )
    console.print(table)


@app.command("cancel")
def cancel(sweep_id: SweepIdArg) -> None:
    """Cancel the sweep and every unfinished run of its trials."""
    from tunix_rt.db import transaction
    from tunix_rt.runs import store as runs
    from tunix_rt.sweeps import store

    async def go() -> Run:
        async with store_sessions() as sessions, transaction(sessions) as session:
            sweep = await store.get_sweep(session, await resolve_run(session, sweep_id))
            return await runs.cancel(session, sweep.id)

    cancelled = run(go())
    console.print(f"sweep {cancelled.id}: {cancelled.status}")


@app.command("promote")
def promote(
    sweep_id: SweepIdArg,
    model: Annotated[str, typer.Option(help="Registered model name (created if new).")],
    version: Annotated[
        str | None, typer.Option(help="A label for the new version, beside its number vN (not vN or latest).")
    ] = None,
    description: Annotated[str, typer.Option(help="Notes; by default names the trial and its score.")] = "",
) -> None:
    """Register the best trial's trained model as a version of MODEL."""
    from tunix_rt.db import transaction
    from tunix_rt.registry.blobs import BlobStore
    from tunix_rt.registry.store import describe
    from tunix_rt.settings import Settings
    from tunix_rt.sweeps import store

    settings = Settings()

    async def go() -> tuple[str, bool]:
        async with store_sessions(settings) as sessions, transaction(sessions) as session:
            promoted, created = await store.promote_best(
                session,
                BlobStore.of(settings),
                settings.home,
                await resolve_run(session, sweep_id),
                model,
                label=version,
                description=description,
            )
            return describe(promoted), created

    label, created = run(go())
    console.print(f"{model}:{label} {'registered' if created else 'already registered'}")
