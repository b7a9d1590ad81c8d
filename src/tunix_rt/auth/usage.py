"""Recording when a stored token was last used, off the request's path.

``last_used_at`` is a convenience for the person reviewing tokens, not part of authorisation,
so writing it must never delay or fail the request that used the token. It used to be an
UPDATE inside authorisation: on SQLite, any long write (an upload in progress) made every
request with a database token wait for the write lock, and answer 500 after the busy timeout.
Now the request only reads the token; the use is written by a background task, at most once
per ``interval`` per token, and a failure to write it is logged and forgotten.
"""

from __future__ import annotations

import asyncio
import logging
import time

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tunix_rt.auth import store
from tunix_rt.db import describe_error, transaction, utcnow

log = logging.getLogger(__name__)

RECORD_INTERVAL_SECONDS = 60.0


class TokenUse:
    """Best-effort, throttled ``last_used_at`` writes; see the module docstring."""

    def __init__(self, interval: float = RECORD_INTERVAL_SECONDS) -> None:
        self.interval = interval
        self._recorded: dict[str, float] = {}
        self._writes: set[asyncio.Task[None]] = set()

    def record(self, sessions: async_sessionmaker[AsyncSession], token_hash: str) -> None:
        """Note a use of the token; returns at once."""
        now = time.monotonic()
        last = self._recorded.get(token_hash)
        if last is not None and now - last < self.interval:
            return
        self._recorded[token_hash] = now
        task = asyncio.create_task(self._write(sessions, token_hash), name="token last_used_at")
        self._writes.add(task)
        task.add_done_callback(self._writes.discard)

    async def _write(self, sessions: async_sessionmaker[AsyncSession], token_hash: str) -> None:
        try:
            async with transaction(sessions) as session:
                await store.touch(session, token_hash, utcnow())
        except Exception as exc:  # best-effort by design: the request has been answered
            log.warning("token use not recorded: %s", describe_error(exc))

    async def drain(self) -> None:
        """Wait for the writes in flight (before the engine they use is disposed)."""
        await asyncio.gather(*self._writes, return_exceptions=True)
