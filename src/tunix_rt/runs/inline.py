"""Child runs that a composite run executes itself: a sweep's trial runs its training and
evaluation runs inside its Ray worker, a self-improvement loop its sample, build, train and
evaluation steps inside its own child. Each child is an ordinary queued run (visible, logged,
cancellable like any other), so a regular worker may claim it first; the composite then follows
it instead of executing it, and claims it again if it goes back to the queue (a lease expired,
a requeue).
"""

from __future__ import annotations

import asyncio
import threading
import uuid
from collections.abc import Awaitable, Callable

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tunix_rt import db
from tunix_rt.runs import queue as run_queue
from tunix_rt.runs import store as runs
from tunix_rt.runs.store import TERMINAL, RunStatus
from tunix_rt.runs.tables import Run
from tunix_rt.runs.worker import RunExecution, Worker

Watch = Callable[[AsyncSession, Run], Awaitable[None]]
"""Called on every poll with the run as read, in the poll's session (e.g. to pass on new loss
points)."""


async def execute_inline(
    worker: Worker,
    sessions: async_sessionmaker[AsyncSession],
    run_id: uuid.UUID,
    *,
    claimed: Run | None = None,
    watch: Watch | None = None,
    stop: threading.Event | None = None,
) -> Run:
    """The run once it is finished and no execution of it here is left running. It is executed
    here whenever this process holds it: ``claimed`` (claimed by the caller, e.g. in the
    transaction that submitted it), or claimed here whenever it is queued (one statement, so a
    regular worker that takes it first is followed instead). ``stop`` set cancels the run (it is
    never stopped another way, so its outcome is recorded like any run's). The executor's own
    errors are raised; a run that failed is returned, its status is the caller's to judge."""
    settings = worker.settings
    cancelled = False
    execution = _execute(worker, claimed) if claimed is not None else None
    while True:
        async with sessions() as session:
            run = await runs.get(session, run_id)
            if watch is not None:
                await watch(session, run)
        if execution is not None and execution.done():
            await execution
            execution = None
        if run.status in TERMINAL and execution is None:
            return run
        if stop is not None and stop.is_set():
            if not cancelled and run.status not in TERMINAL:
                async with db.transaction(sessions) as session:
                    await runs.cancel(session, run_id)
                cancelled = True
        elif execution is None and run.status == RunStatus.QUEUED:
            async with db.transaction(sessions) as session:
                again = await run_queue.claim_run(session, run_id, worker.id, settings.run_lease_seconds)
            if again is not None:
                execution = _execute(worker, again)
        await asyncio.sleep(settings.run_poll_seconds)


def _execute(worker: Worker, run: Run) -> asyncio.Task[None]:
    """One attempt of a run claimed here, by the run system's executor, never stopped through
    its stop event (a stop is a cancel of the run, see ``execute_inline``)."""
    return asyncio.create_task(RunExecution(worker, run).execute(asyncio.Event()))
