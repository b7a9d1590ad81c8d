"""The runs tables: a run (the queue entry and its outcome), its log lines, metric points and
artifact records, and the workers that claim runs.

Only the worker writes logs, metrics and artifacts; training and evaluation code reports
through events (``runs/events.py``) and never sees these tables.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Double, ForeignKey, Index, Integer, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tunix_rt.db import Base, JSONType, OutputText, utcnow


class Run(Base):
    """One unit of work and its lifecycle; ``status`` changes only through ``store.TRANSITIONS``."""

    __tablename__ = "runs"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    kind: Mapped[str] = mapped_column(String(64))
    name: Mapped[str | None] = mapped_column(String(200))
    """A human name (MLflow's run name); lists and legends show it, else the short id."""
    notes: Mapped[str | None] = mapped_column(Text)
    """Free text about the run: why it was started, what was learned."""
    status: Mapped[str] = mapped_column(String(20))
    config: Mapped[dict[str, Any]] = mapped_column(JSONType)
    dataset_key: Mapped[str | None] = mapped_column(String(200))
    evalset_key: Mapped[str | None] = mapped_column(String(200))
    model: Mapped[str | None] = mapped_column(String(300))
    tags: Mapped[list[str]] = mapped_column(JSONType, default=list)
    priority: Mapped[int] = mapped_column(default=0)
    devices: Mapped[int] = mapped_column(default=1, server_default="1")
    """Devices the run needs on the worker that claims it (a training run's ``resources.devices``)."""
    attempts: Mapped[int] = mapped_column(default=0)
    worker_id: Mapped[str | None] = mapped_column(String(200))
    lease_expires_at: Mapped[datetime | None]
    heartbeat_at: Mapped[datetime | None]
    exit_code: Mapped[int | None]
    error: Mapped[str | None] = mapped_column(OutputText)
    last_checkpoint: Mapped[str | None] = mapped_column(String(1000))
    retry_of: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"))
    parent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"))
    submitted_by: Mapped[str | None] = mapped_column(String(64))
    """The sha256 of the bearer token that queued it (the queued-runs quota); None without one."""
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        Index("ix_runs_claim", "status", "priority", "created_at"),
        Index("ix_runs_created_at_id", "created_at", "id"),
        Index("ix_runs_dataset_key", "dataset_key"),
        Index("ix_runs_evalset_key", "evalset_key"),
        Index("ix_runs_model", "model"),
        Index("ix_runs_kind", "kind"),
        Index("ix_runs_parent_id", "parent_id"),
    )


class RunLog(Base):
    """One line of a run's output; ``seq`` counts from 1 per run across attempts (SSE ``id:``)."""

    __tablename__ = "run_logs"

    run_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True)
    seq: Mapped[int] = mapped_column(primary_key=True)
    stream: Mapped[str] = mapped_column(String(8))
    line: Mapped[str] = mapped_column(OutputText)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class RunMetric(Base):
    """One point of a metric series; a resumed run that reports a step again overwrites it."""

    __tablename__ = "run_metrics"

    run_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    step: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    value: Mapped[float] = mapped_column(Double)
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)


class RunMetricTier(Base):
    """One bucket of ``2**level`` steps of a metric series, summarised for drawing (``runs/tiers.py``);
    kept up to date with its points by ``store.upsert_metrics``, so long curves are read per bucket."""

    __tablename__ = "run_metric_tiers"

    run_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    level: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    bucket: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    points: Mapped[int] = mapped_column(Integer)
    first_step: Mapped[int] = mapped_column(BigInteger)
    first_value: Mapped[float] = mapped_column(Double)
    last_step: Mapped[int] = mapped_column(BigInteger)
    last_value: Mapped[float] = mapped_column(Double)
    low_step: Mapped[int] = mapped_column(BigInteger)
    low_value: Mapped[float] = mapped_column(Double)
    high_step: Mapped[int] = mapped_column(BigInteger)
    high_value: Mapped[float] = mapped_column(Double)


class RunArtifact(Base):
    """A file or checkpoint folder a run reported, relative to its run folder."""

    __tablename__ = "run_artifacts"

    run_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True)
    path: Mapped[str] = mapped_column(String(1000), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    step: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Worker(Base):
    """A live worker process; its heartbeat age feeds Prometheus and GET /api/runs/summary."""

    __tablename__ = "workers"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    hostname: Mapped[str] = mapped_column(String(200))
    pid: Mapped[int]
    concurrency: Mapped[int]
    devices: Mapped[int] = mapped_column(default=1, server_default="1")
    """Devices it offers a run (GPUs, or CPU processes): it claims runs needing at most these."""
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    heartbeat_at: Mapped[datetime] = mapped_column(default=utcnow)
