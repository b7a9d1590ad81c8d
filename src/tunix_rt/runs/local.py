"""``train --local`` and ``eval --local``: a run of the store, executed in the caller's process.

A local run is a run like any other: it is queued through ``queue_run`` (the checks of
``POST /api/runs``) and, in the same transaction, claimed under the pseudo-worker id
``local:<host>:<pid>``, so no worker can take it. The worker's own ``RunExecution`` then runs
it here: the kind's code in a child process, its logs, metrics, artifacts, lease and success
hook recorded exactly as under a worker, in the run's usual folder. So it is listed, shown,
evaluated, ranked and promoted like a queued run; the only difference is who executes it (this
command, in the foreground, its progress bar fed by the run's status events), and that it
needs no server or worker, only the store.

A training run whose config has ``evaluate`` queues its evaluation when it succeeds, as under a
worker; the local command then claims and executes that evaluation here too, so ``--local``
ends with the scorecard. Should a running worker claim it first, it is left to that worker.

Ctrl-C (or SIGTERM) asks the run to stop, as ``runs cancel`` does: it ends cancelled, never
back in the queue (an evaluation not yet claimed then stays queued for a worker, as it would
after a queued training run). A local process killed outright leaves its run running until its lease
expires; then the next worker or server to reap marks it failed with the reason, and never
requeues it (``queue.reap``), since nobody asked a worker to run it.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
from collections.abc import Sequence
from typing import Any

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from tunix_rt.console import console, err_console, store_sessions
from tunix_rt.console import run as run_coroutine
from tunix_rt.db import transaction
from tunix_rt.runs import artifacts, queue, store
from tunix_rt.runs.events import ProgressSink
from tunix_rt.runs.kinds import KindRegistry
from tunix_rt.runs.store import RunStatus
from tunix_rt.runs.submission import queue_run
from tunix_rt.runs.tables import Run
from tunix_rt.runs.worker import RunExecution, Worker
from tunix_rt.settings import Settings

COLUMNS = (
    TextColumn("{task.description}"),
    BarColumn(),
    TextColumn("{task.percentage:>3.0f}%"),
    TimeElapsedColumn(),
)
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def local_worker_id() -> str:
    """The pseudo-worker id of this process: ``local:<host>:<pid>``."""
    return f"{queue.LOCAL_WORKER_PREFIX}{socket.gethostname()}:{os.getpid()}"


class _Foreground:
    """The runs this command executes, one at a time, and its stop signals: from the moment the
    first run is queued to the end, SIGINT and SIGTERM cancel the run being executed (the cancel
    is stored first, so its attempt is recorded as ``cancelled``) and claim no further run. The
    signals never reach asyncio's default handling, which would cancel the command's task and
    hand the run back to the queue for a worker, as a stopping worker does."""

    def __init__(self, worker: Worker) -> None:
        self.worker = worker
        self.stopping = False
        self.execution: RunExecution | None = None
        self.cancels: list[asyncio.Task[None]] = []

    def __enter__(self) -> _Foreground:
        loop = asyncio.get_running_loop()
        for signum in STOP_SIGNALS:
            loop.add_signal_handler(signum, self.stop)
        return self

    def __exit__(self, *_exc: object) -> None:
        loop = asyncio.get_running_loop()
        for signum in STOP_SIGNALS:
            loop.remove_signal_handler(signum)

    def stop(self) -> None:
        self.stopping = True
        if self.execution is not None:
            self.cancels.append(asyncio.create_task(self._cancel(self.execution)))

    async def _cancel(self, execution: RunExecution) -> None:
        try:
            async with transaction(self.worker.sessions) as session:
                await store.cancel(session, execution.run.id)
        finally:
            # stop the child even when the cancel could not be stored (already finished, the
            # database down): the lease then lapses, and the reaper fails the run
            execution.cancel.set()

    async def execute(self, run: Run) -> Run:
        """One claimed run, executed here with a progress bar; returns it as recorded."""
        with Progress(*COLUMNS, console=console) as progress:
            sink = ProgressSink(progress, progress.add_task("starting", total=1.0))
            self.execution = RunExecution(self.worker, run, sink=sink)
            if self.stopping:  # a signal came while it was being claimed
                self.stop()
            try:
                await self.execution.execute(asyncio.Event())
            finally:
                self.execution = None
                await asyncio.gather(*self.cancels, return_exceptions=True)
        async with self.worker.sessions() as session:
            return await store.get(session, run.id)


def _ended(run: Run, settings: Settings) -> None:
    """Say how the run ended, on stderr; exit 1 unless it succeeded."""
    folder = artifacts.run_dir(settings.home, run.id)
    if run.status == RunStatus.SUCCEEDED:
        err_console.print(f"run {run.id} succeeded; its folder: {folder}", highlight=False, soft_wrap=True)
        return
    reason = f": {run.error}" if run.error else ""
    err_console.print(f"run {run.id} {run.status}{reason}", highlight=False, markup=False, soft_wrap=True)
    raise typer.Exit(1)


async def _auto_evaluation(foreground: _Foreground, train: Run) -> Run | None:
    """The evaluation a succeeded training run queued for itself, claimed by this process;
    None when its config asked for none, or it is left in the queue (said on stderr): a worker
    took it first, or this command was asked to stop."""
    from tunix_rt.runs.watch import auto_evaluation

    worker = foreground.worker
    if train.kind != "train" or not train.config.get("evaluate"):
        return None
    eval_id = await auto_evaluation(worker.sessions, train.id)
    claimed = None
    if not foreground.stopping:
        async with transaction(worker.sessions) as session:
            claimed = await queue.claim_run(session, eval_id, worker.id, worker.settings.run_lease_seconds)
    if claimed is None:
        err_console.print(
            f"its evaluation {eval_id} is left to a worker; follow it with: tunix-rt runs logs {eval_id} -f",
            highlight=False,
            soft_wrap=True,
        )
    return claimed


def run_locally(
    settings: Settings,
    kind: str,
    body: dict[str, Any],
    *,
    tags: Sequence[str] = (),
    priority: int | None = None,
    name: str | None = None,
    notes: str | None = None,
) -> list[Run]:
    """Queue a run of ``kind``, claim it and execute it here, then the evaluation a training
    run's ``evaluate`` queued; returns the runs executed, each succeeded (a run that did not
    succeed is reported and exits 1). Each run's id is printed on stdout as it starts."""

    async def go() -> list[Run]:
        registry = KindRegistry(settings.run_kinds)
        async with store_sessions(settings) as sessions:
            worker = Worker(settings, sessions, registry=registry, concurrency=1, worker_id=local_worker_id())
            with _Foreground(worker) as foreground:
                async with transaction(sessions) as session:
                    queued = await queue_run(
                        session, settings, registry, kind, body, tags=tags, priority=priority, name=name, notes=notes
                    )
                    claimed = await queue.claim_run(session, queued.id, worker.id, settings.run_lease_seconds)
                assert claimed is not None  # queued and claimed in one transaction
                done: list[Run] = []
                current: Run | None = claimed
                while current is not None:
                    console.print(str(current.id), highlight=False)
                    err_console.print(
                        f"{current.kind} run {current.id}: running here (--local); Ctrl-C cancels it",
                        highlight=False,
                        soft_wrap=True,
                    )
                    finished = await foreground.execute(current)
                    _ended(finished, settings)
                    done.append(finished)
                    current = await _auto_evaluation(foreground, finished)
                return done

    return run_coroutine(go())
