"""Following a run's log as it is written, for one follower: ``runs logs -f``. (The server's
SSE route shares one such reader among all followers of a run: ``runs/streams.py``.)

Each poll opens a short session and closes it before sleeping, so a thousand idle followers
hold no database connections. The run's status is read *before* its lines: the worker commits
every line before the terminal status, so a terminal status with no newer lines means the log
is complete.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tunix_rt.db import is_transient
from tunix_rt.errors import NotFound
from tunix_rt.runs import store
from tunix_rt.runs.store import TERMINAL
from tunix_rt.runs.tables import Run, RunLog

BATCH = 1000


async def follow(
    sessions: async_sessionmaker[AsyncSession], run_id: uuid.UUID, after: int, poll_seconds: float
) -> AsyncIterator[list[RunLog] | Run]:
    """Batches of new lines in order, then the finished run; stops early if the run is deleted.
    A transient database error (a restarting PostgreSQL) is retried at the next poll, so the
    stream outlives it; the follower only sees lines arrive later."""
    while True:
        try:
            async with sessions() as session:
                try:
                    run = await store.get(session, run_id)
                except NotFound:
                    return
                lines = await store.logs_after(session, run_id, after, BATCH)
        except Exception as exc:
            if not is_transient(exc):
                raise
            await asyncio.sleep(poll_seconds)
            continue
        if lines:
            yield lines
            after = lines[-1].seq
            continue
        if run.status in TERMINAL:
            yield run
            return
        await asyncio.sleep(poll_seconds)
