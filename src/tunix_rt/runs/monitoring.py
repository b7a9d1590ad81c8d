"""Run gauges for Prometheus, refreshed from the database right before ``/metrics`` renders.

Reading at scrape time (rather than counting in the worker) makes the numbers right for every
worker on every machine, including stand-alone ones with no HTTP endpoint of their own.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tunix_rt.db import utcnow
from tunix_rt.metrics import Metrics
from tunix_rt.runs.store import TERMINAL, RunStatus
from tunix_rt.runs.tables import Run, Worker


class RunMonitor:
    """Refreshes the run gauges; durations of runs finished since the last scrape go into the
    histogram once each (a watermark on ``finished_at``)."""

    def __init__(self, metrics: Metrics, since: datetime | None = None) -> None:
        self.metrics = metrics
        self.watermark = since or utcnow()

    async def refresh(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        async with sessions() as session:
            queued = await session.execute(
                select(Run.kind, func.count()).where(Run.status == RunStatus.QUEUED).group_by(Run.kind)
            )
            by_status = dict((await session.execute(select(Run.status, func.count()).group_by(Run.status))).all())
            finished = (
                await session.execute(
                    select(Run.kind, Run.status, Run.started_at, Run.finished_at).where(
                        Run.finished_at > self.watermark, Run.status.in_(TERMINAL), Run.started_at.is_not(None)
                    )
                )
            ).all()
            workers = (await session.execute(select(Worker.id, Worker.heartbeat_at))).all()
        self.metrics.run_queue_depth.clear()
        for kind, count in queued:
            self.metrics.run_queue_depth.labels(kind).set(count)
        for status in RunStatus:
            self.metrics.runs.labels(status.value).set(by_status.get(status.value, 0))
        for row in finished:
            duration = (row.finished_at - row.started_at).total_seconds()
            self.metrics.run_duration.labels(row.kind, row.status).observe(duration)
            self.watermark = max(self.watermark, row.finished_at)
        now = utcnow()
        self.metrics.worker_heartbeat_age.clear()
        for worker_id, heartbeat_at in workers:
            self.metrics.worker_heartbeat_age.labels(worker_id).set((now - heartbeat_at).total_seconds())
