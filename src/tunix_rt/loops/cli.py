"""``tunix-rt loop ...``: start a self-improvement loop and show its rounds, with the same store
functions the API uses. A loop runs on a worker like any run and executes its own steps (see
``loops/driver.py``); ``start --here`` runs it with an in-process worker instead, until it
finishes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from tunix_rt.console import console, run, store_sessions
from tunix_rt.short_ids import HELP as ID_HELP

if TYPE_CHECKING:
    import uuid

    from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

    from tunix_rt.loops.schema import RoundRead
    from tunix_rt.settings import Settings

# The stores, the loop config and the settings are imported inside the commands: `tunix-rt --help`
# must not pay for SQLAlchemy and pydantic.

app = typer.Typer(no_args_is_help=True, help="Self-improvement loops: sample, keep verified, train, evaluate, repeat.")


@app.command("start")
def start(
    start_run: Annotated[str, typer.Option("--start", help=f"The succeeded training run round 0 is. {ID_HELP}")],
    dataset: Annotated[str, typer.Option(help="Trace dataset whose training split gives the prompts.")],
    evalset: Annotated[str, typer.Option(help="Held-out eval set every round is judged on.")],
    rounds: Annotated[int, typer.Option(min=1, help="Rounds after round 0.")] = 2,
    k: Annotated[int, typer.Option(min=1, help="Completions sampled per prompt.")] = 4,
    temperature: Annotated[float, typer.Option(min=0, help="Sampling temperature.")] = 0.8,
    prompts: Annotated[int | None, typer.Option(min=1, help="Prompts sampled per round (default: all).")] = None,
    max_tokens: Annotated[int, typer.Option(min=1, help="Most tokens per sampled completion.")] = 256,
    steps: Annotated[int, typer.Option(min=1, help="SFT steps per round.")] = 100,
    lr: Annotated[float | None, typer.Option(min=0, help="SFT learning rate (default: the start run's).")] = None,
    batch_size: Annotated[int | None, typer.Option(min=1, help="SFT batch size (default: the start run's).")] = None,
    eval_max_new_tokens: Annotated[int, typer.Option(min=1, help="Most tokens per evaluated answer.")] = 128,
    mix_previous: Annotated[bool, typer.Option(help="Train on the verified samples of all rounds so far.")] = False,
    steps_checked: Annotated[
        bool, typer.Option(help="Keep only samples whose arithmetic steps all check out, not only the answer.")
    ] = False,
    seed: Annotated[int, typer.Option(min=0, help="Seed of sampling.")] = 0,
    here: Annotated[bool, typer.Option(help="Run it now with an in-process worker and show the rounds.")] = False,
    home: Annotated[Path | None, typer.Option(help="Data home (default: TUNIX_RT_HOME, ./.tunix-rt).")] = None,
) -> None:
    """Queue a loop and print its id (with --here: run it to the end and print its rounds)."""
    from tunix_rt.settings import Settings

    settings = Settings(home=home) if home is not None else Settings()
    config = {
        "start": start_run,
        "dataset": dataset,
        "evalset": evalset,
        "rounds": rounds,
        "mix_previous": mix_previous,
        "steps_checked": steps_checked,
        "seed": seed,
        "sampling": {"k": k, "temperature": temperature, "prompts": prompts, "max_tokens": max_tokens},
        "training": {"steps": steps, "lr": lr, "batch_size": batch_size},
        "evaluation": {"max_new_tokens": eval_max_new_tokens},
    }
    run(start_loop(settings, config, here=here))


async def start_loop(settings: Settings, config: dict[str, Any], *, here: bool) -> uuid.UUID:
    """Queue the loop; with ``here``, run it and every run it submits with an in-process worker
    (two at a time: the loop and its current step) and print its rounds."""
    from tunix_rt.db import transaction
    from tunix_rt.loops.store import LOOP_KIND
    from tunix_rt.runs.kinds import KindRegistry
    from tunix_rt.runs.submission import queue_run
    from tunix_rt.runs.watch import execute_here

    async with store_sessions(settings) as sessions:
        async with transaction(sessions) as session:
            loop = await queue_run(session, settings, KindRegistry(settings.run_kinds), LOOP_KIND, config)
        console.print(str(loop.id), highlight=False)
        if here:
            await execute_here(settings, sessions, {loop.id: "loop"}, concurrency=1)
            await print_rounds(sessions, loop.id)
    return loop.id


async def print_rounds(sessions: async_sessionmaker[AsyncSession], loop_id: uuid.UUID) -> list[RoundRead]:
    """The rounds as a table: held-out strict accuracy with its interval, traces kept, pass@k,
    and each round against round 0 (McNemar)."""
    from tunix_rt.loops import view

    async with sessions() as session:
        rounds = await view.rounds(session, loop_id)
    table = Table(title=f"loop {loop_id}")
    for column in ("round", "status", "strict (95% CI)", "kept", "pass@1", "pass@k", "vs round 0", "McNemar p"):
        table.add_column(column, justify="left" if column == "status" else "right")
    for row in rounds:
        acc = row.strict_accuracy
        versus = row.versus_start
        table.add_row(
            str(row.round),
            row.status,
            "—" if acc is None else f"{acc.value:.3f} ({acc.hits}/{acc.n}) [{acc.low:.3f}, {acc.high:.3f}]",
            "—" if row.traces_kept is None else str(row.traces_kept),
            "—" if row.pass_at_1 is None else f"{row.pass_at_1:.3f}",
            "—" if row.pass_at_k is None else f"{row.pass_at_k:.3f}",
            "—" if versus is None else f"+{versus.fixed} −{versus.broken}",
            "—" if versus is None or versus.mcnemar_p is None else f"{versus.mcnemar_p:.3g}",
        )
    console.print(table)
    return rounds


@app.command("show")
def show(loop: Annotated[str, typer.Argument(metavar="LOOP", help=f"Loop id (its run's id). {ID_HELP}")]) -> None:
    """The loop's status and rounds: accuracy per round, traces kept, pass@k, McNemar vs round 0."""
    from tunix_rt.loops import store
    from tunix_rt.runs.cli import resolve_run

    async def go() -> None:
        async with store_sessions() as sessions:
            async with sessions() as session:
                loop_id = await resolve_run(session, loop)
                found = await store.get_loop(session, loop_id)
            console.print(f"loop {found.id}: {found.status}" + (f" ({found.error})" if found.error else ""))
            await print_rounds(sessions, found.id)

    run(go())
