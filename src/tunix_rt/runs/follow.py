"""Following a run's log as it is written, for one follower: ``runs logs -f``. (The server's
SSE route shares one such reader among all followers of a run: ``runs/streams.py``.)

Each poll opens a short session and closes it before sleeping, so a thousand idle followers
hold no database connections. The run's status is read *before* its lines: the worker commits
every line before the terminal status, so a terminal status with no newer lines means the log
is complete.

Between reads it waits for ``signals`` (``runs/notify.py``) to announce news of the run, as
the server's readers do: with PostgreSQL's notifications live it reads again at once when told
and otherwise only every ``safety_poll_seconds``; without them (SQLite, where the worker
writing is another process, or a listener that is reconnecting) every ``poll_seconds``.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tunix_rt.db import is_transient
from tunix_rt.errors import NotFound
from tunix_rt.runs import store
from tunix_rt.runs.notify import Signals
from tunix_rt.runs.store import TERMINAL
from tunix_rt.runs.tables import Run, RunLog

BATCH = 1000
SAFETY_POLL_SECONDS = 30.0
"""How often a follower reads on its own while notifications are live: a safety net for a
notification lost in a way the listener cannot see (a half-open connection between its checks)."""


async def follow(
    sessions: async_sessionmaker[AsyncSession],
    run_id: uuid.UUID,
    after: int,
    poll_seconds: float,
    signals: Signals | None = None,
    safety_poll_seconds: float = SAFETY_POLL_SECONDS,
) -> AsyncIterator[list[RunLog] | Run]:
    """Batches of new lines in order, then the finished run; stops early if the run is deleted.
    A transient database error (a restarting PostgreSQL) is retried at the next poll, so the
    stream outlives it; the follower only sees lines arrive later."""
    signals = signals or Signals()
    news = asyncio.Event()

    def wake(about: uuid.UUID | None) -> None:
        if about is None or about == run_id:
            news.set()

    signals.start(wake)
    try:
        while True:
            news.clear()  # before reading: news arriving during the read means one more read
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
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(news.wait(), safety_poll_seconds if signals.live else poll_seconds)
    finally:
        await signals.close()
