"""A dataset build on SQLite holds the write lock from its start, so no commit lands mid-build.

A server's worker commits a heartbeat every few seconds. A build reads (stages its selection)
before it writes its version row, and in WAL mode a transaction that has read cannot start writing
once another connection has committed meanwhile: ``tunix-rt datasets build`` beside a running
``tunix-rt serve`` failed about one time in sixteen with ``database is locked`` (a traceback, found
by the README's command test). The build now takes the write lock first: a writer arriving while
it stages waits for it (here, with a 0.2 s timeout, gives up), and the build succeeds.
"""

from __future__ import annotations

import contextlib
import sqlite3

import pytest
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.conftest import make_trace
from tunix_rt.datasets import store
from tunix_rt.datasets.schema import DatasetCreate
from tunix_rt.settings import Settings
from tunix_rt.traces import store as traces
from tunix_rt.traces.schema import TraceIn

pytestmark = pytest.mark.parametrize("backend", ["sqlite"])


async def test_a_writer_arriving_while_a_build_stages_waits_for_it(
    settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    async with sessions() as session, session.begin():
        await traces.ingest(
            session, [(n, TraceIn.model_validate(make_trace(n)).plain()) for n in range(20)], source="test"
        )
    path = make_url(settings.resolved_database_url).database
    assert path
    meanwhile: list[str] = []

    def progress(phase: str, _done: int, _total: int | None) -> None:
        """Another connection commits while the build stages, as a worker's heartbeat would."""
        if phase != "scanning" or meanwhile:
            return
        with contextlib.closing(sqlite3.connect(path, timeout=0.2)) as other:
            try:
                other.execute("CREATE TABLE heartbeat_meanwhile (beat INTEGER)")
                other.commit()
                meanwhile.append("committed")
            except sqlite3.OperationalError as exc:
                meanwhile.append(str(exc))

    request = DatasetCreate.model_validate({"name": "locked", "split": {"eval_count": 4}})
    async with sessions() as session, session.begin():
        dataset = await store.build(session, settings, request, progress)
    assert meanwhile == ["database is locked"]
    assert (dataset.key, dataset.item_count) == ("locked@v1", 20)
