"""Live log streams for many followers: one database reader per followed run, woken by
notifications, and caps. The stream also tells its followers when the run's metric series grow
(``MetricsNews``), so a page drawing the run's curves refetches them when they change rather
than polling.

``follow`` (``runs/follow.py``) polls the database for one follower; two hundred browser tabs
following one run that way cost two queries each every poll and starved other requests. Here
the first follower of a run starts a reader that reads for every follower of that run and
hands each new batch to all of them, so a run's reading cost no longer grows with its
audience. A follower that joins late, or falls behind by more than ``MAX_PENDING`` batches,
reads the lines it missed from the database itself (in pages, as ``follow`` does) and then
goes on from the shared batches, skipping what it already sent: every follower still gets
every line once, in order, then the finished run.

A reader does not poll on a timer when it can be told: it reads when ``runs/notify.py``
announces news of its run (PostgreSQL ``LISTEN``/``NOTIFY``; on SQLite, writes made in this
process). It clears its wake-up *before* each read, so news arriving during a read triggers
one more read rather than being lost. Between announcements it still reads every
``safety_poll_seconds`` while the signals are ``live`` (a safety net for a notification lost
in a way the listener cannot see, such as a half-open connection between its liveness checks),
and every ``poll_seconds`` while they are not (the PostgreSQL listener is reconnecting, or
SQLite, where another process's writes are never announced).

``StreamSlots`` caps how many streams are open at once, in all and per token, so an open
stream is a resource a caller is charged for rather than something they can open without end.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections import Counter, deque
from collections.abc import AsyncGenerator
from dataclasses import dataclass, field

from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tunix_rt.errors import NotFound, TooMany
from tunix_rt.runs import store
from tunix_rt.runs.follow import BATCH, SAFETY_POLL_SECONDS
from tunix_rt.runs.notify import Signals
from tunix_rt.runs.schema import LogLine
from tunix_rt.runs.store import TERMINAL
from tunix_rt.runs.tables import Run, RunLog

log = logging.getLogger(__name__)

MAX_PENDING = 64
"""Batches a follower may have waiting before it is switched to reading the database itself."""
RETRY_AFTER_SECONDS = 5


@dataclass(frozen=True)
class EncodedLine:
    """A log line as its ``LogLine`` JSON, encoded once however many followers send it."""

    seq: int
    data: str


@dataclass(frozen=True)
class MetricsNews:
    """The run's metric series grew: how many points they hold now and their newest step
    (``store.metrics_mark``)."""

    points: int
    step: int


Update = list[EncodedLine] | MetricsNews | Run


def _encode(lines: list[RunLog]) -> list[EncodedLine]:
    return [EncodedLine(line.seq, LogLine.model_validate(line).model_dump_json()) for line in lines]


@dataclass(frozen=True)
class _Gone:
    """Sent instead of a final run when the run is deleted while followed (no ``error``) or
    its reader failed (the followers raise ``error``, ending their streams)."""

    error: Exception | None = None


_GONE = _Gone()


@dataclass(eq=False)
class _Follower:
    pending: deque[list[EncodedLine] | MetricsNews | Run | _Gone] = field(default_factory=deque)
    wake: asyncio.Event = field(default_factory=asyncio.Event)
    lagged: bool = False

    def put(self, item: list[EncodedLine] | MetricsNews | Run | _Gone) -> None:
        if isinstance(item, MetricsNews) and self.pending and isinstance(self.pending[-1], MetricsNews):
            self.pending[-1] = item  # only the newest count matters to a follower
        elif isinstance(item, list) and len(self.pending) >= MAX_PENDING:
            # Dropping the backlog is safe: the follower re-reads it from the database.
            self.pending = deque(entry for entry in self.pending if not isinstance(entry, list))
            self.lagged = True
        else:
            self.pending.append(item)
        self.wake.set()


@dataclass(eq=False)
class _Reader:
    run_id: uuid.UUID
    seq: int
    """The newest line handed to the followers; every later one reaches their queues."""
    followers: set[_Follower] = field(default_factory=set)
    task: asyncio.Task[None] | None = None
    wake: asyncio.Event = field(default_factory=asyncio.Event)
    """Set when the run has news (or every reader should read again); cleared before each read."""
    metrics: tuple[int, int] | None = None
    """The metrics mark last read; None before the first read, which only records it (a follower
    reads the curves as it starts following)."""


class LogHub:
    """The shared readers of one server, by run."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        poll_seconds: float,
        signals: Signals | None = None,
        safety_poll_seconds: float = SAFETY_POLL_SECONDS,
    ) -> None:
        self.sessions = sessions
        self.poll_seconds = poll_seconds
        self.signals = signals or Signals()
        self.safety_poll_seconds = safety_poll_seconds
        self._readers: dict[uuid.UUID, _Reader] = {}
        self._started = False

    async def close(self) -> None:
        """Stop listening (the server is stopping); open streams end with the server."""
        await self.signals.close()

    def _wake(self, run_id: uuid.UUID | None) -> None:
        """A run has news (None: every run may have)."""
        if run_id is None:
            for reader in self._readers.values():
                reader.wake.set()
        elif (news := self._readers.get(run_id)) is not None:
            news.wake.set()

    @property
    def readers(self) -> int:
        """How many runs are being read for followers now."""
        return len(self._readers)

    async def follow(self, run_id: uuid.UUID, after: int) -> AsyncGenerator[Update, None]:
        """Batches of lines after ``after`` in order, then the finished run; stops early if the
        run is deleted."""
        if not self._started:
            # started by the first follower: a server nobody follows holds no listening connection
            self._started = True
            self.signals.start(self._wake)
        reader = self._readers.get(run_id)
        if reader is None:
            reader = _Reader(run_id, after)
            self._readers[run_id] = reader
            reader.task = asyncio.create_task(self._read(reader), name=f"log reader {run_id}")
        me = _Follower()
        reader.followers.add(me)
        sent = after
        target = reader.seq
        try:
            while True:
                if me.lagged:
                    me.lagged = False
                    target = reader.seq
                while sent < target:
                    async with self.sessions() as session:
                        page = _encode(await store.logs_after(session, run_id, sent, BATCH))
                    if not page:
                        break
                    yield page
                    sent = page[-1].seq
                if me.lagged:
                    continue
                if not me.pending:
                    me.wake.clear()
                    await me.wake.wait()
                    continue
                item = me.pending.popleft()
                if isinstance(item, _Gone):
                    if item.error is not None:
                        raise item.error
                    return
                if isinstance(item, Run):
                    yield item
                    return
                if isinstance(item, MetricsNews):
                    yield item
                    continue
                fresh = [line for line in item if line.seq > sent]
                if fresh:
                    yield fresh
                    sent = fresh[-1].seq
        finally:
            reader.followers.discard(me)
            if not reader.followers and self._readers.get(run_id) is reader:
                del self._readers[run_id]
                if reader.task is not None:
                    reader.task.cancel()

    async def _read(self, reader: _Reader) -> None:
        try:
            await self._poll(reader)
        except Exception as exc:
            log.exception("the log reader of run %s failed", reader.run_id)
            self._finish(reader, _Gone(exc))

    async def _poll(self, reader: _Reader) -> None:
        """Read whenever the run has news, for as long as it has followers. New lines first (one
        query, what a notification is usually about); only when there are none, the status and
        then the lines again, in ``follow``'s order: a terminal status with no newer lines then
        means the log is complete. Right after a batch the status comes first, as more lines
        are then unlikely: three queries per notified line rather than four. The metrics mark is
        read after every read that found lines, and after a wait (points may come without
        lines); a worker writes a batch's lines and points in one transaction, so the mark read
        after the lines counts their points. Its change is handed on after the lines."""
        handed = False
        while True:
            reader.wake.clear()
            run: Run | None = None
            mark: tuple[int, int] | None = None
            try:
                async with self.sessions() as session:
                    lines = [] if handed else await store.logs_after(session, reader.run_id, reader.seq, BATCH)
                    if not lines:
                        try:
                            run = await store.get(session, reader.run_id)
                        except NotFound:
                            self._finish(reader, _GONE)
                            return
                        lines = await store.logs_after(session, reader.run_id, reader.seq, BATCH)
                    if lines or not handed:
                        mark = await store.metrics_mark(session, reader.run_id)
            except (DBAPIError, OSError) as exc:
                # The followers keep waiting: a database restart should not end every stream.
                log.warning("reading the log of run %s failed, retrying: %s", reader.run_id, exc)
                await asyncio.sleep(self.poll_seconds)
                continue
            handed = bool(lines)
            if lines:
                batch = _encode(lines)
                reader.seq = batch[-1].seq
                for follower in reader.followers:
                    follower.put(batch)
            if mark is not None and mark != reader.metrics:
                if reader.metrics is not None:
                    for follower in reader.followers:
                        follower.put(MetricsNews(*mark))
                reader.metrics = mark
            if lines:
                await asyncio.sleep(0)
                continue
            if run is not None and run.status in TERMINAL:
                self._finish(reader, run)
                return
            interval = self.safety_poll_seconds if self.signals.live else self.poll_seconds
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(reader.wake.wait(), interval)

    def _finish(self, reader: _Reader, last: Run | _Gone) -> None:
        """Hand every follower the end; a follower arriving later starts a new reader."""
        if self._readers.get(reader.run_id) is reader:
            del self._readers[reader.run_id]
        for follower in reader.followers:
            follower.put(last)


class StreamSlots:
    """Counts open streams in all and per caller (a token's hash, or ``anonymous``)."""

    def __init__(self, total: int, per_caller: int) -> None:
        self.total = total
        self.per_caller = per_caller
        self._open: Counter[str] = Counter()

    @property
    def open(self) -> int:
        return self._open.total()

    def take(self, caller: str) -> None:
        """Count one more stream for ``caller``, or raise ``TooMany`` (a 429 with Retry-After)."""
        if self._open[caller] >= self.per_caller:
            raise TooMany(
                f"this token has {self.per_caller} log streams open, its limit (max_log_streams_per_token); "
                "close one or try again later",
                retry_after=RETRY_AFTER_SECONDS,
            )
        if self.open >= self.total:
            raise TooMany(
                f"the server has {self.total} log streams open, its limit (max_log_streams); try again later",
                retry_after=RETRY_AFTER_SECONDS,
            )
        self._open[caller] += 1

    def give_back(self, caller: str) -> None:
        self._open[caller] -= 1
        if self._open[caller] <= 0:
            del self._open[caller]
