"""Following runs from a terminal while an in-process worker executes them (the demo, the
experiments): one rich progress line per run, read from the database like the UI's log view."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Sequence

from rich.progress import Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tunix_rt.console import console
from tunix_rt.errors import TunixError
from tunix_rt.runs import store
from tunix_rt.runs.store import TERMINAL, RunStatus
from tunix_rt.settings import Settings

POLL_SECONDS = 0.5
COLUMNS = (
    SpinnerColumn(finished_text="[green]✓[/]"),
    TextColumn("{task.description:<24}"),
    TimeElapsedColumn(),
    TextColumn("{task.fields[note]}"),
)


class RunWatch:
    """One progress line per run: elapsed time since it started, and its latest status or log
    line. A run that ends other than succeeded is an error naming its reason."""

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
        """Until every run has finished."""
        waiting = list(run_ids)
        while waiting:
            for run_id in list(waiting):
                async with sessions() as session:
                    current = await store.get(session, run_id)
                    lines = await store.logs_after(session, run_id, self.seen[run_id], 10_000)
                if lines:
                    self.seen[run_id] = lines[-1].seq
                shown = [line.line for line in lines if line.stream in ("status", "log", "alarm")]
                self._show(run_id, current.status, shown)
                if current.status in TERMINAL:
                    if current.status != RunStatus.SUCCEEDED:
                        reason = current.error or "no reason given"
                        raise TunixError(f"the {self.labels[run_id]} run {run_id} {current.status}: {reason}")
                    waiting.remove(run_id)
            if waiting:
                await asyncio.sleep(POLL_SECONDS)

    def _show(self, run_id: uuid.UUID, status: str, lines: list[str]) -> None:
        task = self.tasks[run_id]
        if status != "queued":
            self.progress.start_task(task)
        if status == "succeeded":
            self.progress.update(task, completed=1.0, note="[green]succeeded[/]")
            self.progress.stop_task(task)
        elif lines:
            self.progress.update(task, note=lines[-1])


async def auto_evaluation(sessions: async_sessionmaker[AsyncSession], train_id: uuid.UUID) -> uuid.UUID:
    """The evaluation a succeeded training run queued for itself (``evaluate`` in its config)."""
    from tunix_rt.runs.store import RunFilters
    from tunix_rt.training.kind import AUTO_EVAL_TAG

    async with sessions() as session:
        found, _ = await store.list_page(
            session, RunFilters(kind="eval", tag=AUTO_EVAL_TAG, model=f"run:{train_id}"), 1, None
        )
    if not found:
        raise TunixError(f"training run {train_id} succeeded but queued no evaluation")
    return found[0].id


async def execute_here(
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    runs: dict[uuid.UUID, str],
    *,
    concurrency: int,
    evaluated: Sequence[uuid.UUID] = (),
) -> dict[uuid.UUID, uuid.UUID]:
    """Execute queued ``runs`` (id -> label) with an in-process worker, a progress line each,
    until all have succeeded, then the automatic evaluation of each training run in
    ``evaluated``; returns training run -> its evaluation run. The worker also takes any other
    queued run of the store meanwhile, as any worker would."""
    from tunix_rt.runs.worker import Worker, running

    worker = Worker(settings.model_copy(update={"run_poll_seconds": 0.2}), sessions, concurrency=concurrency)
    evaluations: dict[uuid.UUID, uuid.UUID] = {}
    with Progress(*COLUMNS, console=console) as progress:
        watch = RunWatch(progress)
        for run_id, label in runs.items():
            watch.add(run_id, label)
        async with running(worker):
            await watch.until_done(sessions, list(runs))
            for train_id in evaluated:
                evaluations[train_id] = await auto_evaluation(sessions, train_id)
                watch.add(evaluations[train_id], f"{runs[train_id]}: evaluation")
            await watch.until_done(sessions, list(evaluations.values()))
    return evaluations
