"""The rollouts table: GRPO completions a run recorded, each with its rewards and advantage.

Only the worker writes them, from the run's ``rollout`` events (``runs/events.py``); a step
recorded again (a run resumed from an earlier checkpoint) replaces the old rows. Each recorded
step's summary is kept beside its rows, so curves and alarms read one row per step, not every
completion of a long run every time a live run page polls.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, Double, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from tunix_rt.db import Base, JSONType, OutputText, utcnow


class RunRollout(Base):
    """One scored completion of one prompt's group at one step."""

    __tablename__ = "run_rollouts"

    run_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True)
    step: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    group_index: Mapped[int] = mapped_column(Integer, primary_key=True)
    sample_index: Mapped[int] = mapped_column(Integer, primary_key=True)
    prompt: Mapped[str] = mapped_column(OutputText)
    completion: Mapped[str] = mapped_column(OutputText)
    answer: Mapped[str | None] = mapped_column(String(1000))
    rewards: Mapped[dict[str, float]] = mapped_column(JSONType)
    total: Mapped[float] = mapped_column(Double)
    advantage: Mapped[float] = mapped_column(Double)
    length: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (Index("ix_run_rollouts_run_total", "run_id", "total"),)


class RunRolloutStep(Base):
    """One recorded step's rollouts in summary (``alarms.StepSummary``), rewritten with its rows."""

    __tablename__ = "run_rollout_steps"

    run_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True)
    step: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    rewards: Mapped[dict[str, float]] = mapped_column(JSONType)
    total: Mapped[float] = mapped_column(Double)
    length: Mapped[float] = mapped_column(Double)
    zero_std_groups: Mapped[float] = mapped_column(Double)
