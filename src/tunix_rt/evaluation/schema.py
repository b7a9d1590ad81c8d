"""What the evaluation routes and ``tunix-rt eval`` commands read and print: one schema family
for both, so the CLI's ``--json`` is the API's answer."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from tunix_rt.datasets.schema import KEY_PATTERN
from tunix_rt.evaluation.tables import RegressionBaseline


class EvaluationSummary(BaseModel):
    """One evaluation as the leaderboard lists it."""

    model_config = ConfigDict(from_attributes=True)

    run_id: uuid.UUID
    evalset_key: str
    dataset_key: str | None
    model: str
    source_run_id: uuid.UUID | None
    primary_metric: str
    primary_score: float
    strict_accuracy: float
    lenient_accuracy: float
    format_compliance: float
    n_items: int
    judges: list[dict[str, Any]]
    created_at: datetime


class EvaluationRead(EvaluationSummary):
    scorecard: dict[str, Any]


class EvaluationItemRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    item_id: str
    section: str | None
    category: str | None
    difficulty: str | None
    expected_answer: str
    output: str
    extracted_answer: str | None
    strict: bool
    lenient: bool
    format_ok: bool
    failure: str | None
    reasoning_tokens: int | None = Field(
        None, description="Tokens in the output's reasoning span; null when it has none."
    )
    samples: list[dict[str, Any]] | None = Field(
        None, description="With samples: k, every sample's output and verdicts (this item's own are the first's)."
    )
    agreement: float | None = Field(
        None, description="With samples: k, the share of samples that gave the majority answer."
    )
    judges: dict[str, Any]


class LeaderboardPage(BaseModel):
    items: list[EvaluationSummary]
    next_cursor: str | None


class BaselineCreate(BaseModel):
    """A named regression baseline: one evaluation, or a run's latest evaluation on the eval set."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", description="Unique name, used by the gate.")
    evalset: str = Field(pattern=KEY_PATTERN, description="Eval set the baseline and candidates are scored on.")
    evaluation: uuid.UUID | None = Field(None, description="The eval run whose score is the bar.")
    run: uuid.UUID | None = Field(None, description="A training run: its latest evaluation on the eval set is the bar.")
    metric: str = Field("strict_accuracy", max_length=64, description="Scorecard metric compared.")
    direction: Literal["higher", "lower"] = Field("higher", description="Which way of the metric is better.")
    abs_tolerance: float = Field(0.0, ge=0.0, description="Shortfall allowed, in the metric's units.")
    rel_tolerance: float = Field(0.0, ge=0.0, le=1.0, description="Shortfall allowed, as a fraction of the baseline.")

    def row(self) -> RegressionBaseline:
        """The table row ``store.create_baseline`` checks and stores (the route and the CLI both
        build it here, so they cannot disagree on which field goes where)."""
        return RegressionBaseline(
            name=self.name,
            evalset_key=self.evalset,
            evaluation_id=self.evaluation,
            run_id=self.run,
            metric=self.metric,
            direction=self.direction,
            abs_tolerance=self.abs_tolerance,
            rel_tolerance=self.rel_tolerance,
        )


class BaselineRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    name: str
    evalset_key: str
    evaluation_id: uuid.UUID | None
    run_id: uuid.UUID | None
    metric: str
    direction: str
    abs_tolerance: float
    rel_tolerance: float
    created_at: datetime


class RegressionCheck(BaseModel):
    model_config = ConfigDict(extra="forbid")

    baseline: str = Field(description="Name of the baseline.")
    run: uuid.UUID = Field(description="Eval run, or a training run whose latest evaluation is checked.")


class RegressionResult(BaseModel):
    passed: bool
    baseline: str
    metric: str
    evalset: str
    direction: str
    baseline_value: float
    candidate_value: float
    delta: float
    allowed_shortfall: float
    abs_tolerance: float
    rel_tolerance: float
    baseline_evaluation: uuid.UUID
    candidate_evaluation: uuid.UUID
