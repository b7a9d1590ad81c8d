"""The sweeps API's request and response models."""

from __future__ import annotations

import uuid
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from tunix_rt.runs.schema import RunRead, Tag
from tunix_rt.sweeps.config import SweepConfig


class SweepCreate(BaseModel):
    """A sweep to queue: it runs as a run of kind ``sweep``."""

    model_config = ConfigDict(extra="forbid")

    config: dict[str, Any] = Field(description="A sweep config (base, space, objective, search, ...).")
    tags: list[Tag] = Field(default_factory=list, max_length=32, description="Labels for filtering.")
    priority: int | None = Field(
        None, ge=-1000, le=1000, description="Higher is claimed first; default from the run_priorities setting."
    )


class TrialRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    trial_id: str = Field(description="Ray Tune's trial id.")
    params: dict[str, Any] = Field(description="The values of the space's keys in this trial.")
    status: Literal["pending", "running", "succeeded", "failed", "stopped", "cancelled"] = Field(
        description="stopped: ended early by the scheduler or the time budget."
    )
    objective: float | None = Field(description="The objective metric of its evaluation, once it succeeded.")
    last_loss: float | None = Field(description="The last training loss it reported.")
    train_run_id: uuid.UUID | None = Field(description="Its training run.")
    eval_run_id: uuid.UUID | None = Field(description="The evaluation of its training run.")
    error: str | None = Field(description="Why it failed, stopped or was cancelled.")


class TableColumn(BaseModel):
    name: str = Field(description="A space key, or the objective metric's name.")
    role: Literal["param", "objective"] = Field(description="A searched parameter or the objective.")
    type: Literal["number", "category"] = Field(description="A numeric axis or a categorical one.")


class TableRow(BaseModel):
    trial_id: str
    status: str = Field(description="The trial's status.")
    values: dict[str, Any] = Field(description="Value by column name; absent where the trial has none.")


class ParallelTable(BaseModel):
    """The trials as a parallel-coordinates chart reads them: one axis per column."""

    columns: list[TableColumn]
    rows: list[TableRow]


class SweepSummary(BaseModel):
    run: RunRead = Field(description="The sweep's run.")
    objective: str = Field(description="The objective metric and its direction, e.g. strict_accuracy (max).")
    best_objective: float | None = Field(description="The best objective of its succeeded trials so far.")


class SweepPage(BaseModel):
    items: list[SweepSummary]
    next_cursor: str | None


class SweepRead(BaseModel):
    run: RunRead = Field(description="The sweep's run (status, logs and metrics as for any run).")
    config: SweepConfig = Field(description="The validated sweep config.")
    objective: str = Field(description="The objective metric and its direction, e.g. strict_accuracy (max).")
    trials: list[TrialRead] = Field(description="Every trial Tune started, oldest first.")
    best: TrialRead | None = Field(description="The succeeded trial with the best objective; null if none.")
    table: ParallelTable = Field(
        description="Parameters and objective of each trial, for a parallel-coordinates chart."
    )


class SweepPromote(BaseModel):
    model_config = ConfigDict(extra="forbid")

    model: str = Field(min_length=1, max_length=64, description="Registered model name (created if new).")
    version: str | None = Field(
        None, description="A label attached to the new version beside its number vN; not vN or latest."
    )
    description: str = Field("", max_length=10_000, description="Notes; by default names the trial and its score.")
