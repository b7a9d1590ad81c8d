"""``tunix-rt runs ...`` and ``tunix-rt worker``: the same store and worker functions the API
and the server use."""

from __future__ import annotations

import signal
import sys
import uuid
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import orjson
import typer
from rich import box
from rich.table import Table

from tunix_rt.console import console, err_console, run, store_sessions, write_json
from tunix_rt.runs.status import RunStatus
from tunix_rt.short_ids import HELP as ID_HELP
from tunix_rt.short_ids import SHORT, short

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from tunix_rt.evaluation.tables import Evaluation
    from tunix_rt.runs.tables import Run, RunLog
    from tunix_rt.settings import Settings

# The store, the schemas and the settings are imported inside the commands: `tunix-rt --help`
# must not pay for SQLAlchemy and pydantic.

app = typer.Typer(no_args_is_help=True, help="Runs: submit, watch, name, cancel, retry, resume, delete.")

RunIdArg = Annotated[str, typer.Argument(metavar="RUN_ID", help=f"Run id. {ID_HELP}")]
NameOpt = Annotated[str | None, typer.Option(help="A human name for the run, shown in lists and legends.")]
NotesOpt = Annotated[str | None, typer.Option(help="Free-text notes about the run.")]


async def resolve_run(session: AsyncSession, text: str) -> uuid.UUID:
    """The run ``text`` names: its full id or a unique prefix (``short_ids``)."""
    from tunix_rt.runs.tables import Run
    from tunix_rt.short_ids import resolve

    return await resolve(session, Run.id, text, "run")


async def _resolved(text: str) -> uuid.UUID:
    async with store_sessions() as sessions, sessions() as session:
        return await resolve_run(session, text)


def _resumable_kinds(settings: Settings) -> list[str]:
    """The kinds whose runs continue from a checkpoint, as the server sees them (``RunRead.resumable``)."""
    from tunix_rt.runs.kinds import KindRegistry

    registry = KindRegistry(settings.run_kinds)
    return [name for name in registry.names() if registry.get(name).resumable]


def _read_config(path: str | None) -> dict[str, Any]:
    if path is None:
        return {}
    raw = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    if path.endswith((".yaml", ".yml")):
        import yaml

        value = yaml.safe_load(raw)
    else:
        try:
            value = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise typer.BadParameter(f"not JSON: {exc}", param_hint="--config") from exc
    if not isinstance(value, dict):
        raise typer.BadParameter("the config must be an object", param_hint="--config")
    return value


@app.command("submit")
def submit(
    kind: Annotated[str, typer.Argument(help="Run kind, e.g. train or eval.")],
    config: Annotated[
        str | None, typer.Option(help="Config file (JSON, or YAML by extension); '-' reads stdin.")
    ] = None,
    tag: Annotated[list[str] | None, typer.Option(help="Tag; repeatable.")] = None,
    priority: Annotated[int | None, typer.Option(help="Higher is claimed first.")] = None,
    name: NameOpt = None,
    notes: NotesOpt = None,
) -> None:
    """Queue a run and print its id and how to follow it; a worker (or 'serve') executes it."""
    from tunix_rt.db import transaction
    from tunix_rt.runs.kinds import KindRegistry
    from tunix_rt.settings import Settings

    settings = Settings()
    body = _read_config(config)

    async def go() -> Run:
        from tunix_rt.runs.submission import queue_run

        registry = KindRegistry(settings.run_kinds)
        async with store_sessions(settings) as sessions, transaction(sessions) as session:
            return await queue_run(
                session, settings, registry, kind, body, tags=tag or [], priority=priority, name=name, notes=notes
            )

    announce(run(go()).id, settings)


@app.command("list")
def list_runs(
    kind: Annotated[str | None, typer.Option(help="Only this kind.")] = None,
    status: Annotated[RunStatus | None, typer.Option(help="Only this status.")] = None,
    dataset: Annotated[str | None, typer.Option(help="Only runs using this dataset or eval-set key.")] = None,
    model: Annotated[str | None, typer.Option(help="Only runs of this model.")] = None,
    tag: Annotated[str | None, typer.Option(help="Only runs carrying this tag.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="How many, newest first.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """Runs, newest first, with their names and 8-character ids (which every command takes back)."""
    from tunix_rt.runs import store
    from tunix_rt.runs.schema import RunRead
    from tunix_rt.runs.store import RunFilters
    from tunix_rt.settings import Settings

    filters = RunFilters(kind=kind, status=status, dataset=dataset, model=model, tag=tag)

    async def go() -> list[Run]:
        async with store_sessions() as sessions, sessions() as session:
            return (await store.list_page(session, filters, limit, None))[0]

    runs = run(go())
    if as_json:
        resumable = _resumable_kinds(Settings())
        for item in runs:
            sys.stdout.write(RunRead.of(item, resumable).model_dump_json() + "\n")
        return
    # Ids (taken back by every command) and statuses are never cut; the rest folds on a narrow
    # terminal. Attempts and the full creation time are in --json and 'runs show'.
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("id", no_wrap=True, min_width=SHORT)
    table.add_column("name", overflow="fold", ratio=2, min_width=12)
    for header in ("kind", "status", "created"):
        table.add_column(header, no_wrap=True)
    for header in ("dataset", "model", "tags"):
        table.add_column(header, overflow="fold", ratio=1)
    for item in runs:
        table.add_row(
            short(item.id),
            item.name or "",
            item.kind,
            item.status,
            f"{item.created_at:%m-%d %H:%M}",
            item.dataset_key or "",
            item.model or "",
            ",".join(item.tags),
        )
    console.print(table)


@app.command("show")
def show(run_id: RunIdArg) -> None:
    """A run's status, config and outcome as JSON (GET /api/runs/ID); an eval run's also holds its
    scores under "evaluation" (GET /api/evaluations/ID, null until the run has succeeded)."""
    from tunix_rt.evaluation import store as evaluations
    from tunix_rt.evaluation.schema import EvaluationRead
    from tunix_rt.runs import store
    from tunix_rt.runs.schema import RunRead
    from tunix_rt.settings import Settings

    async def go() -> tuple[Run, Evaluation | None]:
        async with store_sessions() as sessions, sessions() as session:
            found = await store.get(session, await resolve_run(session, run_id))
            return found, await evaluations.find(session, found.id) if found.kind == "eval" else None

    found, evaluation = run(go())
    shown = RunRead.of(found, _resumable_kinds(Settings())).model_dump(mode="json")
    if found.kind == "eval":
        shown["evaluation"] = (
            None if evaluation is None else EvaluationRead.model_validate(evaluation).model_dump(mode="json")
        )
    write_json(shown)


def _print_lines(lines: list[RunLog]) -> None:
    for line in lines:
        prefix = "" if line.stream == "stdout" else f"[{line.stream}] "
        sys.stdout.write(f"{prefix}{line.line}\n")
    sys.stdout.flush()


@app.command("logs")
def logs(
    run_id: RunIdArg,
    follow_: Annotated[bool, typer.Option("--follow", "-f", help="Keep printing until the run finishes.")] = False,
    after: Annotated[int, typer.Option(min=0, help="Start after this line number.")] = 0,
) -> None:
    """Print a run's log; with -f, follow it and exit 0 if it succeeded, 1 otherwise."""
    from tunix_rt.runs import store
    from tunix_rt.settings import Settings

    if follow_:
        follow_to_end(run(_resolved(run_id)), Settings(), after)
        return

    async def go() -> list[RunLog]:
        async with store_sessions() as sessions, sessions() as session:
            found = await store.get(session, await resolve_run(session, run_id))
            return await store.logs_after(session, found.id, after, 1_000_000)

    _print_lines(run(go()))


def follow_to_end(run_id: uuid.UUID, settings: Settings, after: int = 0) -> None:
    """Print a run's log lines as they are stored, one plain line each (so a redirected output
    shows progress too), until the run ends; then its status on stderr, and exit 1 unless it
    succeeded. What ``runs logs -f`` and the ``--wait`` of ``train`` and ``eval`` do."""
    from tunix_rt.runs import store
    from tunix_rt.runs.follow import follow
    from tunix_rt.runs.notify import signals_for

    async def go() -> RunStatus | None:
        async with store_sessions(settings) as sessions:
            async with sessions() as session:
                await store.get(session, run_id)
            signals = signals_for(settings.resolved_database_url)
            async for item in follow(sessions, run_id, after, settings.run_poll_seconds, signals):
                if isinstance(item, list):
                    _print_lines(item)
                else:
                    return RunStatus(item.status)
            return None

    status = run(go())
    if status is not None:
        err_console.print(f"run {run_id} {status}")
        if status != RunStatus.SUCCEEDED:
            raise typer.Exit(1)


def ui_url(settings: Settings, path: str) -> str:
    """The web UI's address for ``path`` on the server these settings describe (``tunix-rt
    serve`` binds ``host`` and ``port``); a wildcard bind address is reached on loopback."""
    host = "127.0.0.1" if settings.host in ("0.0.0.0", "::", "") else settings.host
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{settings.port}{path}"


def announce(run_id: uuid.UUID, settings: Settings) -> None:
    """A queued run's id on stdout (all a script captures), and on stderr what to do next: the
    command that follows its log and its page in the UI, so a user is not left with a bare id."""
    console.print(str(run_id))
    page = ui_url(settings, f"/runs/{run_id}")
    for line in (f"queued; follow its log with: tunix-rt runs logs {run_id} -f", f"or open {page} (tunix-rt serve)"):
        err_console.print(line, highlight=False, markup=False, soft_wrap=True)


@app.command("rollouts")
def rollouts(
    run_id: RunIdArg,
    step: Annotated[int | None, typer.Option(min=0, help="Only this step's rollouts.")] = None,
    min_reward: Annotated[float | None, typer.Option(help="Only rollouts whose total reward is at least this.")] = None,
    max_reward: Annotated[float | None, typer.Option(help="Only rollouts whose total reward is at most this.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="How many at most (all with --export).")] = 100,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
    export: Annotated[
        Path | None, typer.Option(help="Write them as traces (JSONL, provenance in meta) to this file instead.")
    ] = None,
) -> None:
    """A GRPO run's recorded rollouts (GET /api/runs/ID/rollouts): each completion with its
    rewards, total and advantage; with --export, the ones that parse as traces, for import."""
    from tunix_rt.rollouts import export as exporting
    from tunix_rt.rollouts import store as rollout_store
    from tunix_rt.rollouts.schema import RolloutRead
    from tunix_rt.rollouts.tables import RunRollout
    from tunix_rt.runs import store

    filters = rollout_store.RolloutFilters(step=step, min_reward=min_reward, max_reward=max_reward)
    dropped: dict[str, int] = {}

    async def go() -> tuple[Run, list[RunRollout]]:
        async with store_sessions() as sessions, sessions() as session:
            found = await store.get(session, await resolve_run(session, run_id))
            rows: list[RunRollout] = []
            cursor: str | None = ""
            while cursor is not None and (export is not None or len(rows) < limit):
                size = 1000 if export is not None else limit - len(rows)
                page, cursor = await rollout_store.page(session, found.id, filters, size, cursor or None)
                rows.extend(page)
            return found, rows

    found, rows = run(go())
    if export is not None:
        with export.open("w") as handle:
            written = 0
            for trace in exporting.traces(found, rows, dropped):
                handle.write(trace.model_dump_json(exclude_none=True) + "\n")
                written += 1
        reasons = ", ".join(f"{count} {reason}" for reason, count in sorted(dropped.items()))
        err_console.print(
            f"wrote {written} traces of {len(rows)} rollouts to {export}" + (f"; dropped {reasons}" if reasons else ""),
            highlight=False,
            markup=False,
        )
        return
    if as_json:
        for row in rows:
            sys.stdout.write(RolloutRead.model_validate(row).model_dump_json() + "\n")
        return
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for header in ("step", "group", "#", "total", "advantage", "length"):
        table.add_column(header, no_wrap=True, justify="right")
    table.add_column("rewards", overflow="fold", ratio=1)
    table.add_column("completion", overflow="fold", ratio=3)
    for row in rows:
        table.add_row(
            str(row.step),
            str(row.group_index),
            str(row.sample_index),
            f"{row.total:.3g}",
            f"{row.advantage:+.3g}",
            str(row.length),
            " ".join(f"{name}={value:.3g}" for name, value in sorted(row.rewards.items())),
            row.completion,
        )
    console.print(table)


@app.command("cancel")
def cancel(run_id: RunIdArg) -> None:
    """Cancel a queued run, or ask a running one to stop."""
    from tunix_rt.db import transaction
    from tunix_rt.runs import store

    async def go() -> Run:
        async with store_sessions() as sessions, transaction(sessions) as session:
            return await store.cancel(session, await resolve_run(session, run_id))

    cancelled = run(go())
    console.print(f"run {cancelled.id}: {cancelled.status}")


@app.command("retry")
def retry(run_id: RunIdArg) -> None:
    """Queue a new run with the config of a failed or cancelled one; prints the new id."""
    from tunix_rt.db import transaction
    from tunix_rt.runs import store

    async def go() -> Run:
        async with store_sessions() as sessions, transaction(sessions) as session:
            return await store.retry(session, await resolve_run(session, run_id))

    console.print(str(run(go()).id))


@app.command("resume")
def resume(run_id: RunIdArg) -> None:
    """Queue a new run that continues a failed or cancelled one from its last checkpoint; prints the new id."""
    from tunix_rt.db import transaction
    from tunix_rt.runs import store
    from tunix_rt.settings import Settings

    settings = Settings()

    async def go() -> Run:
        async with store_sessions(settings) as sessions, transaction(sessions) as session:
            return await store.resume(session, await resolve_run(session, run_id), _resumable_kinds(settings))

    console.print(str(run(go()).id))


@app.command("rm")
def remove(run_id: RunIdArg) -> None:
    """Delete a run, its records and its folder (refused while it runs)."""
    from tunix_rt.db import transaction
    from tunix_rt.runs import mirror, store
    from tunix_rt.settings import Settings

    settings = Settings()

    async def go() -> uuid.UUID:
        async with store_sessions(settings) as sessions, transaction(sessions) as session:
            found = await resolve_run(session, run_id)
            await store.remove(session, found)
        mirror.remove_files(settings, found)
        return found

    console.print(f"deleted run {run(go())}")


@app.command("edit")
def edit(
    run_id: RunIdArg,
    name: Annotated[str | None, typer.Option(help="A new name; '' clears it.")] = None,
    notes: Annotated[str | None, typer.Option(help="New notes; '' clears them.")] = None,
) -> None:
    """Set or clear a run's name and notes (PATCH /api/runs/ID), in any status; prints the run as JSON."""
    from tunix_rt.db import transaction
    from tunix_rt.runs import store
    from tunix_rt.runs.schema import RunRead, RunUpdate
    from tunix_rt.settings import Settings

    given = {field: value or None for field, value in (("name", name), ("notes", notes)) if value is not None}
    if not given:
        raise typer.BadParameter("give --name or --notes (or both)")
    changes = RunUpdate.model_validate(given).model_dump(exclude_unset=True)
    settings = Settings()

    async def go() -> Run:
        async with store_sessions(settings) as sessions, transaction(sessions) as session:
            return await store.annotate(session, await resolve_run(session, run_id), changes)

    write_json(RunRead.of(run(go()), _resumable_kinds(settings)).model_dump(mode="json"))


class ExecutorChoice(StrEnum):
    """Where a worker runs its runs' child processes (``runs/executor.py``)."""

    LOCAL = "local"
    RAY = "ray"


def worker_command(
    concurrency: Annotated[
        int | None, typer.Option(min=1, help="Runs at once (default TUNIX_RT_WORKER_CONCURRENCY).")
    ] = None,
    devices: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Devices offered to a run; runs needing more wait for another worker "
            "(default TUNIX_RT_WORKER_DEVICES, else the GPUs seen, on --executor ray the most GPUs of one "
            "Ray node, else 1).",
        ),
    ] = None,
    executor: Annotated[
        ExecutorChoice,
        typer.Option(
            help="Where each run's child process runs: 'local' (this machine) or 'ray' (an actor on a Ray "
            "cluster, reserving the run's GPUs, resources.cpus and resources.memory_gb).",
        ),
    ] = ExecutorChoice.LOCAL,
    ray_address: Annotated[
        str | None,
        typer.Option(
            help="The Ray cluster for --executor ray, e.g. 10.0.0.5:6379, or 'auto' for the one this machine "
            "belongs to (default TUNIX_RT_RAY_ADDRESS). Its nodes need tunix-rt and this data home at the same path.",
        ),
    ] = None,
) -> None:
    """Run a stand-alone worker until Ctrl-C or SIGTERM (running runs go back to the queue)."""
    import asyncio

    from tunix_rt.runs.executor import Executor, LocalExecutor
    from tunix_rt.runs.worker import Worker
    from tunix_rt.settings import Settings

    settings = Settings()
    offered = devices or settings.worker_devices
    chosen: Executor = LocalExecutor()
    if executor == ExecutorChoice.RAY:
        address = ray_address or settings.ray_address
        if not address:
            raise typer.BadParameter("--executor ray needs --ray-address (or TUNIX_RT_RAY_ADDRESS)")
        try:
            from tunix_rt.runs.ray_executor import RayExecutor
        except ImportError as exc:
            raise typer.BadParameter(f"--executor ray needs Ray: pip install 'tunix-rt[ray]' ({exc})") from exc
        try:
            on_ray = RayExecutor.connect(address)
        except ConnectionError as exc:
            raise typer.BadParameter(f"cannot join the Ray cluster at {address}: {exc}") from exc
        offered = offered or on_ray.devices()
        chosen = on_ray
    elif ray_address:
        raise typer.BadParameter("--ray-address is for --executor ray")

    async def go() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        async with store_sessions(settings) as sessions:
            worker = Worker(settings, sessions, concurrency=concurrency, devices=offered, executor=chosen)
            err_console.print(
                f"worker {worker.id} (concurrency {worker.concurrency}, {worker.devices} devices) "
                f"on {settings.home.resolve()}, running children on {chosen.describe()}"
            )
            await worker.run(stop)

    run(go())
