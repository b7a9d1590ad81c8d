"""The evaluation tables: one summary row per successful eval run (what the leaderboard ranks,
in SQL), one row per item (what comparisons of two runs read), and named regression baselines.

Rows are written by the worker when an eval run succeeds, from the run folder's
``eval_summary.json`` and ``predictions.jsonl`` (the child never touches the database). Items
are stored rather than re-read from the run folder so a comparison is one indexed query on any
server, whichever machine's disk holds the folder.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, Double, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tunix_rt.db import Base, JSONType, OutputText, utcnow

# Run's column, not the string "runs.id": a key given by name takes its type from the runs table
# only once that is imported, so a command importing these tables alone bound UUIDs untyped.
from tunix_rt.runs.tables import Run


class Evaluation(Base):
    """The scorecard of one eval run; deleted with its run."""

    __tablename__ = "evaluations"

    run_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(Run.id, ondelete="CASCADE"), primary_key=True)
    evalset_key: Mapped[str] = mapped_column(String(80))
    model: Mapped[str] = mapped_column(String(300))
    source_run_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey(Run.id, ondelete="SET NULL"))
    dataset_key: Mapped[str | None] = mapped_column(String(80))
    primary_metric: Mapped[str] = mapped_column(String(64))
    primary_score: Mapped[float] = mapped_column(Double)
    strict_accuracy: Mapped[float] = mapped_column(Double)
    lenient_accuracy: Mapped[float] = mapped_column(Double)
    format_compliance: Mapped[float] = mapped_column(Double)
    n_items: Mapped[int]
    judges: Mapped[list[dict[str, Any]]] = mapped_column(JSONType)
    scorecard: Mapped[dict[str, Any]] = mapped_column(JSONType)
    settings_hash: Mapped[str | None] = mapped_column(String(64))
    """``determinants.fingerprint`` of what produced the numbers; None when evaluated before 0013."""
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        Index("ix_evaluations_evalset_model", "evalset_key", "model", "created_at"),
        Index("ix_evaluations_score", "primary_score", "run_id"),
        Index("ix_evaluations_source_run_id", "source_run_id"),
        Index("ix_evaluations_evalset_settings", "evalset_key", "settings_hash"),
    )


class EvaluationItem(Base):
    """One item's output and verdicts in one evaluation."""

    __tablename__ = "evaluation_items"

    run_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("evaluations.run_id", ondelete="CASCADE"), primary_key=True)
    item_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    position: Mapped[int]
    section: Mapped[str | None] = mapped_column(String(200))
    category: Mapped[str | None] = mapped_column(String(200))
    difficulty: Mapped[str | None] = mapped_column(String(200))
    expected_answer: Mapped[str] = mapped_column(Text)
    output: Mapped[str] = mapped_column(OutputText)
    extracted_answer: Mapped[str | None] = mapped_column(OutputText)
    strict: Mapped[bool] = mapped_column(Boolean)
    lenient: Mapped[bool] = mapped_column(Boolean)
    format_ok: Mapped[bool] = mapped_column(Boolean)
    failure: Mapped[str | None] = mapped_column(String(32))
    reason: Mapped[str | None] = mapped_column(Text)
    """The answer checker's reason (``exact``, ``numeric within tolerance (expected answer is
    approximate)``, ``exact (answer tag not closed)``...); None when evaluated before 0014."""
    reasoning_tokens: Mapped[int | None]
    """Tokens in the output's reasoning span; None when it has none (or it predates 0011)."""
    samples: Mapped[list[dict[str, Any]] | None] = mapped_column(JSONType)
    """With ``samples: k``, each sample's output and verdicts (the row's own are the first's)."""
    agreement: Mapped[float | None] = mapped_column(Double)
    """With ``samples: k``, the share of samples that gave the majority answer."""
    judges: Mapped[dict[str, Any]] = mapped_column(JSONType)


class RegressionBaseline(Base):
    """A named bar a model must not fall below: a metric of one evaluation (or of a run's latest
    evaluation on the eval set), a direction, and how much worse still passes."""

    __tablename__ = "regression_baselines"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    evalset_key: Mapped[str] = mapped_column(String(80))
    evaluation_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("evaluations.run_id", ondelete="RESTRICT"))
    run_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey(Run.id, ondelete="RESTRICT"))
    metric: Mapped[str] = mapped_column(String(64))
    direction: Mapped[str] = mapped_column(String(8))
    abs_tolerance: Mapped[float] = mapped_column(Double)
    rel_tolerance: Mapped[float] = mapped_column(Double)
    alpha: Mapped[float] = mapped_column(Double, default=0.05, server_default="0.05")
    """Significance level of the gate's paired test: a shortfall beyond the tolerance fails only
    when the test finds it at this level (1.0 fails on the shortfall alone)."""
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ItemLabel(Base):
    """A person's verdict on one item of one evaluation (the latest label wins), with who gave it:
    the ground truth a judge's agreement is measured against."""

    __tablename__ = "item_labels"

    run_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("evaluations.run_id", ondelete="CASCADE"), primary_key=True)
    item_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    label: Mapped[str] = mapped_column(String(16))
    """``correct``, ``incorrect`` or ``unsure`` (which agreement leaves out)."""
    note: Mapped[str | None] = mapped_column(Text)
    labeled_by: Mapped[str] = mapped_column(String(100))
    """The API token's name, ``cli:<user>`` from the CLI, or ``local`` for an unauthenticated request."""
    labeled_at: Mapped[datetime] = mapped_column(default=utcnow)
