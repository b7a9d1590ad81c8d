"""The trials of a sweep: one row per Ray Tune trial, written by the trial as it progresses
(from inside its Ray worker) and by the sweep's driver when Tune stops or loses a trial.

Both die with the sweep's process, and a sweep that is killed, reaped or cancelled while
queued runs no code at all, so a trigger on ``runs`` (migration 0007) settles the unfinished
rows in the statement that takes the sweep out of running: back to the queue, running trials
become pending (the next attempt resumes them); cancelled, failed or succeeded, unfinished
trials become cancelled, failed or stopped, the sweep's ending as their error.

Deleting the sweep run deletes its trials; deleting a trial's training or evaluation run
keeps the trial row with the reference cleared.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Double, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tunix_rt.db import Base, JSONType, utcnow


class SweepTrial(Base):
    """One trial: its parameters, where it stands, its runs and its objective value."""

    __tablename__ = "sweep_trials"

    sweep_run_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True)
    trial_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    params: Mapped[dict[str, Any]] = mapped_column(JSONType)
    status: Mapped[str] = mapped_column(String(16))
    train_run_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"))
    eval_run_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"))
    objective: Mapped[float | None] = mapped_column(Double)
    last_loss: Mapped[float | None] = mapped_column(Double)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
