"""The rounds of a loop: one row per round, linking the ordinary runs and the dataset it made.

The loop itself is a run (kind ``loop``): its config, status, logs and metrics live on the run
row like any run's. A round row is written by the loop's run process as each step is
submitted, in the same transaction as the submission, so a loop whose process dies finds on
its next attempt the runs it had already started and waits for them instead of submitting
them twice. Round 0 is the starting model, evaluated; round r >= 1 samples from round r-1's
model, builds a dataset from the verified samples and trains from round r-1's model.

Deleting the loop's run deletes its rounds; deleting one of a round's runs keeps the round
with the link cleared.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Double, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tunix_rt.db import Base, utcnow


class LoopRound(Base):
    """One round: its runs, its dataset and the numbers read from them."""

    __tablename__ = "loop_rounds"

    loop_run_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True)
    round: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str] = mapped_column(String(16))
    sample_run_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"))
    dataset_key: Mapped[str | None] = mapped_column(String(200))
    train_run_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"))
    eval_run_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"))
    traces_kept: Mapped[int | None] = mapped_column(Integer)
    pass_at_1: Mapped[float | None] = mapped_column(Double)
    pass_at_k: Mapped[float | None] = mapped_column(Double)
    strict_accuracy: Mapped[float | None] = mapped_column(Double)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
