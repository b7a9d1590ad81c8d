"""How the server's log readers learn that a run has new lines, metric points or a new status,
without polling.

Writers announce what they wrote; readers (``runs/streams.py``) wait for the announcement
instead of asking the database every ``run_poll_seconds``.

* **PostgreSQL**: ``store.add_logs`` and ``store.upsert_metrics`` send
  ``pg_notify('tunix_rt_run_events', '<run id>')`` in the transaction that inserts the lines or
  points (one statement per batch, whichever process writes:
  the embedded worker, a ``tunix-rt worker`` elsewhere), and a trigger on ``runs`` (migration
  0016) does the same for every status change and deletion, as those are written by several
  statements in several modules. PostgreSQL delivers a notification only once its transaction
  has committed, so a reader woken by one always sees the rows. ``PgSignals`` holds the one
  ``LISTEN`` connection of a server process and wakes the reader of the run named.
* **SQLite** has no notifications between processes. Writes made in this process (the
  embedded worker, an API request) are announced through ``BROADCAST`` once their session
  commits (``mark``); writes from other processes are still found only by polling, so the
  readers keep ``run_poll_seconds`` there (``LocalSignals.live`` is False).

``Signals`` itself (no announcements) is the old behaviour, reading every ``poll_seconds``:
the baseline ``benchmarks/streams.py`` compares against.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import uuid
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

log = logging.getLogger(__name__)

CHANNEL = "tunix_rt_run_events"
"""The PostgreSQL channel; a notification's payload is the run's id."""
CHECK_SECONDS = 10.0
"""How often the listener proves its connection alive with a query: a connection that died
without a word (a dropped network path) would otherwise look live while hearing nothing."""
FIRST_RETRY_SECONDS = 0.1
MAX_RETRY_SECONDS = 5.0

_MARKED = "tunix_rt.runs.notify.marked"

Wake = Callable[[uuid.UUID | None], None]
"""Called with a run id when that run has news, with None when every reader should read again
(the listener (re)connected, or was lost: readers then switch how often they poll)."""


class Broadcast:
    """This process's announcements of committed run writes, to every subscribed hub, on that
    hub's own event loop (a write may commit on another loop or thread)."""

    def __init__(self) -> None:
        self._subscribers: dict[int, tuple[asyncio.AbstractEventLoop, Wake]] = {}
        self._keys = itertools.count()

    def subscribe(self, wake: Wake) -> int:
        key = next(self._keys)
        self._subscribers[key] = (asyncio.get_running_loop(), wake)
        return key

    def unsubscribe(self, key: int) -> None:
        self._subscribers.pop(key, None)

    def publish(self, run_ids: Iterable[uuid.UUID]) -> None:
        ids = list(run_ids)
        for key, (loop, wake) in list(self._subscribers.items()):
            try:
                for run_id in ids:
                    loop.call_soon_threadsafe(wake, run_id)
            except RuntimeError:  # its loop has closed without unsubscribing: forget it
                self._subscribers.pop(key, None)


BROADCAST = Broadcast()


def mark(session: AsyncSession, run_ids: Iterable[uuid.UUID]) -> None:
    """Announce ``run_ids`` to this process's readers once ``session`` commits (nothing if it
    rolls back): a reader woken before the commit would find nothing new and go back to sleep."""
    session.info.setdefault(_MARKED, set()).update(run_ids)


@event.listens_for(Session, "after_commit")
def _publish_marked(session: Session) -> None:
    marked = session.info.pop(_MARKED, None)
    if marked:
        BROADCAST.publish(marked)


@event.listens_for(Session, "after_rollback")
def _forget_marked(session: Session) -> None:
    session.info.pop(_MARKED, None)


async def announce(session: AsyncSession, run_ids: Iterable[uuid.UUID]) -> None:
    """Announce new log lines or metric points of ``run_ids``, committed or rolled back with
    them (a batch of both, as the worker writes, is delivered once): ``pg_notify``
    on PostgreSQL (identical notifications of one transaction are delivered once), ``mark``
    for this process's readers on either database."""
    ids = sorted(set(run_ids))
    mark(session, ids)
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(
            text("SELECT pg_notify(:channel, id) FROM unnest(CAST(:ids AS text[])) AS id"),
            {"channel": CHANNEL, "ids": [str(run_id) for run_id in ids]},
        )


class Signals:
    """No announcements: readers poll every ``poll_seconds``."""

    live = False
    """Whether announcements can be relied on now, so readers need only a slow safety poll."""

    def start(self, wake: Wake) -> None:
        """Begin calling ``wake``; called once, from the hub's event loop."""

    async def close(self) -> None:
        """Stop; the hub is closing."""


class LocalSignals(Signals):
    """Announcements of writes made in this process (``BROADCAST``). Never ``live``: another
    process writing to the same SQLite file is only seen by polling."""

    def __init__(self, broadcast: Broadcast = BROADCAST) -> None:
        self.broadcast = broadcast
        self._key: int | None = None

    def start(self, wake: Wake) -> None:
        self._key = self.broadcast.subscribe(wake)

    async def close(self) -> None:
        if self._key is not None:
            self.broadcast.unsubscribe(self._key)


class PgSignals(Signals):
    """One ``LISTEN`` connection for the whole process, however many runs and followers.

    Reconnects with backoff when the connection drops, and on every (re)connect wakes every
    reader for one catch-up read: notifications sent while nobody listened are gone, the rows
    are not. While disconnected it is not ``live``, so readers poll at ``poll_seconds``."""

    def __init__(self, database_url: str, check_seconds: float = CHECK_SECONDS) -> None:
        self.dsn = make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)
        self.check_seconds = check_seconds
        self.backend_pid: int | None = None
        """The listening connection's server process, while connected."""
        self._task: asyncio.Task[None] | None = None

    @property
    def live(self) -> bool:  # type: ignore[override]
        return self.backend_pid is not None

    def start(self, wake: Wake) -> None:
        self._task = asyncio.create_task(self._listen(wake), name="run events listener")

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _listen(self, wake: Wake) -> None:
        import asyncpg

        delay = FIRST_RETRY_SECONDS
        while True:
            conn: Any = None
            try:
                conn = await asyncpg.connect(self.dsn)
                delay = FIRST_RETRY_SECONDS
                await self._hold(conn, wake)
                log.warning("the run events listener lost its connection; reconnecting")
            except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
                log.warning("the run events listener failed, retrying in %.1f s: %s", delay, exc)
            finally:
                was_live = self.backend_pid is not None
                self.backend_pid = None
                if was_live:
                    wake(None)  # readers go back to polling until the listener is back
                if conn is not None:
                    conn.terminate()
            await asyncio.sleep(delay)
            delay = min(delay * 2, MAX_RETRY_SECONDS)

    async def _hold(self, conn: Any, wake: Wake) -> None:
        """Listen on ``conn`` until it is lost: closed by the server (the termination listener)
        or silent (a liveness query that fails or does not answer)."""
        lost = asyncio.Event()
        conn.add_termination_listener(lambda _conn: lost.set())
        await conn.add_listener(CHANNEL, lambda _conn, _pid, _channel, payload: self._heard(wake, payload))
        self.backend_pid = conn.get_server_pid()
        wake(None)  # catch up on whatever was written while nobody listened
        while not lost.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(lost.wait(), self.check_seconds)
            if not lost.is_set():
                await asyncio.wait_for(conn.fetchval("SELECT 1"), self.check_seconds)

    @staticmethod
    def _heard(wake: Wake, payload: str) -> None:
        try:
            run_id = uuid.UUID(payload)
        except ValueError:
            log.warning("ignoring a malformed run event notification %r", payload)
            return
        wake(run_id)


def signals_for(database_url: str) -> Signals:
    """PostgreSQL's notifications or this process's broadcasts, by the database."""
    if database_url.startswith("postgresql"):
        return PgSignals(database_url)
    return LocalSignals()
