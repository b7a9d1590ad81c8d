"""Keeping a worker's leases alive from a thread of its own, with a database connection of its own.

A lease must be renewed however busy the worker is. On the worker's event loop, renewals queue
behind everything else the loop does (reading children's output, writing logs, starting
children, claiming and reaping), so on shared cores a busy worker missed heartbeats, its
leases lapsed, and runs executed twice. Here a ``LeaseKeeper`` thread, with its own event loop
and engine, renews each held lease every ``run_heartbeat_seconds`` (one short transaction per
lease, so it never holds two run rows at once and cannot deadlock with the worker's own
transactions), reads the held runs' statuses every ``run_poll_seconds`` (one statement for all
of them, for cancellation) and heartbeats the worker's row.

When a lease turns out lost (reaped, perhaps claimed by another worker), the keeper kills the
attempt's child at once from its own thread (its process group, or its Ray actor), so a starved event loop cannot let a
reaped attempt keep running; the worker's writes are fenced separately (each write
transaction first renews the lease, see ``worker.py``).

The thread runs while anything holds the keeper (the worker loop for its lifetime, and each
run execution while it runs), so a lone ``RunExecution`` (a sweep trial's) gets renewals too.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import threading
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tunix_rt import db
from tunix_rt.runs import queue
from tunix_rt.runs.queue import Lease
from tunix_rt.runs.store import RunStatus
from tunix_rt.settings import Settings

log = logging.getLogger(__name__)


def signal_group(pgid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signum)


@dataclass(eq=False)
class Held:
    """One lease in the keeper's care. The callbacks run on the keeper's thread: they must be
    thread-safe (``loop.call_soon_threadsafe``), and are never called after ``release``."""

    lease: Lease
    on_lost: Callable[[], None]
    on_cancel: Callable[[], None]
    kill: Callable[[], None] | None = None
    lost: bool = field(default=False, init=False)
    closed: bool = field(default=False, init=False)


class LeaseKeeper:
    """Renews the leases of one worker id; see the module docstring."""

    def __init__(
        self, settings: Settings, worker_id: str, on_error: Callable[[BaseException], None] | None = None
    ) -> None:
        self.settings = settings
        self.worker_id = worker_id
        self.on_error = on_error
        self.beats = 0
        self.errors = 0
        self._lock = threading.Lock()
        self._held: dict[Lease, Held] = {}
        self._users = 0
        self._worker_row: tuple[str, int, int, int] | None = None
        self._thread: threading.Thread | None = None
        self._wake = threading.Event()

    @contextlib.asynccontextmanager
    async def kept(self) -> AsyncIterator[None]:
        """Keep the thread running for the block (the worker loop holds it for its lifetime)."""
        self._acquire()
        try:
            yield
        finally:
            await asyncio.shield(asyncio.to_thread(self._release))

    def register_worker_row(self, hostname: str, pid: int, concurrency: int, devices: int = 1) -> None:
        """Heartbeat this worker's row in the workers table too (and recreate it if another
        worker forgot it as dead), so liveness reflects the thread that keeps the leases."""
        with self._lock:
            self._worker_row = (hostname, pid, concurrency, devices)

    @contextlib.asynccontextmanager
    async def holding(self, held: Held) -> AsyncIterator[Held]:
        """Renew ``held`` for the duration of the block."""
        with self._lock:
            self._held[held.lease] = held
        self._acquire()
        try:
            yield held
        finally:
            with self._lock:
                held.closed = True
                self._held.pop(held.lease, None)
            await asyncio.shield(asyncio.to_thread(self._release))

    def attach(self, held: Held, kill: Callable[[], None]) -> None:
        """Name how to kill the attempt's child (its process group, or its Ray actor); called at
        once if the lease was found lost before the child existed."""
        with self._lock:
            held.kill = kill
            if held.lost:
                kill()

    def _acquire(self) -> None:
        with self._lock:
            self._users += 1
            if self._thread is None:
                self._wake.clear()
                self._thread = threading.Thread(target=self._main, name=f"leases {self.worker_id}", daemon=True)
                self._thread.start()

    def _release(self) -> None:
        """The last user out stops the thread and waits for it (no renewal after the worker
        has stopped), unless a new user arrived meanwhile and the thread carries on."""
        with self._lock:
            self._users -= 1
            thread = self._thread if self._users == 0 else None
        if thread is None:
            return
        self._wake.set()
        while thread.is_alive():
            with self._lock:
                if self._users > 0:
                    return
            thread.join(timeout=0.05)

    def _main(self) -> None:
        asyncio.run(self._loop())

    async def _loop(self) -> None:
        engine = db.create_engine(self.settings.resolved_database_url)
        sessions = db.session_factory(engine)
        poll = min(self.settings.run_poll_seconds, self.settings.run_heartbeat_seconds)
        next_renewal = 0.0
        try:
            while True:
                with self._lock:
                    if self._users == 0:
                        self._thread = None
                        return
                    self._wake.clear()
                renew = time.monotonic() >= next_renewal
                if renew:
                    next_renewal = time.monotonic() + self.settings.run_heartbeat_seconds
                try:
                    await self._beat(sessions, renew)
                except Exception as exc:
                    # the next beat retries (a locked or restarting database is the usual cause);
                    # the lease has run_lease_seconds of slack, and writes are fenced if it lapses
                    # meanwhile. Nothing may end this thread: the worker's leases depend on it.
                    self.errors += 1
                    reason = db.describe_error(exc)
                    log.warning("worker %s: lease renewal failed (%s); retrying", self.worker_id, reason)
                    if self.on_error is not None:
                        self.on_error(exc)
                await asyncio.to_thread(self._wake.wait, poll)
        finally:
            await engine.dispose()

    async def _beat(self, sessions: async_sessionmaker[AsyncSession], renew: bool) -> None:
        with self._lock:
            held = list(self._held.values())
            worker_row = self._worker_row
        statuses: dict[Lease, RunStatus | None] = {}
        if renew:
            for item in held:
                async with db.transaction(sessions) as session:
                    statuses[item.lease] = await queue.heartbeat(session, item.lease, self.settings.run_lease_seconds)
            if worker_row is not None:
                async with db.transaction(sessions) as session:
                    if not await queue.worker_heartbeat(session, self.worker_id):
                        await queue.register_worker(session, self.worker_id, *worker_row)
        elif held:
            async with sessions() as session:
                found = await queue.statuses_held(session, [item.lease for item in held])
            statuses = {item.lease: found.get(item.lease) for item in held}
        self.beats += 1
        for item in held:
            self._settle(item, statuses[item.lease])

    def _settle(self, item: Held, status: RunStatus | None) -> None:
        with self._lock:
            if item.closed or item.lost:
                return
            if status is None:
                item.lost = True
                if item.kill is not None:
                    item.kill()
                item.on_lost()
            elif status == RunStatus.CANCEL_REQUESTED:
                item.on_cancel()
