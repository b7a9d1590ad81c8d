"""The loops API's request and response models."""

from __future__ import annotations

import uuid
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from tunix_rt.loops.config import LoopConfig
from tunix_rt.runs.schema import RunRead, Tag


class LoopCreate(BaseModel):
    """A loop to queue: it runs as a run of kind ``loop``."""

    model_config = ConfigDict(extra="forbid")

    config: dict[str, Any] = Field(description="A loop config (start, dataset, evalset, rounds, sampling, ...).")
    tags: list[Tag] = Field(default_factory=list, max_length=32, description="Labels for filtering.")
    name: str | None = Field(None, max_length=200, description="A name for the loop's run.")


class Accuracy(BaseModel):
    """A rate with its Wilson 95% interval, as the scorecard records it."""

    value: float
    hits: int
    n: int
    low: float
    high: float


class VersusStart(BaseModel):
    """This round's model against round 0's, item by item on the eval set (McNemar's exact test)."""

    paired_items: int
    fixed: int = Field(description="Items wrong in round 0 and right in this round.")
    broken: int = Field(description="Items right in round 0 and wrong in this round.")
    mcnemar_p: float | None = Field(description="Exact two-sided p on the discordant items.")
    ui: str = Field(description="The item-by-item comparison page.")


class RoundRead(BaseModel):
    round: int = Field(description="0 is the starting model; round r trains from round r-1's model.")
    status: Literal["pending", "running", "succeeded", "failed"]
    sample_run_id: uuid.UUID | None = Field(description="The sampling of the previous round's model.")
    dataset_key: str | None = Field(description="The dataset of the verified samples this round trained on.")
    train_run_id: uuid.UUID | None = Field(description="This round's SFT.")
    eval_run_id: uuid.UUID | None = Field(description="The held-out evaluation of this round's model.")
    traces_kept: int | None = Field(description="Verified completions kept as traces.")
    pass_at_1: float | None = Field(description="pass@1 of the sampled model on the training prompts.")
    pass_at_k: float | None = Field(description="pass@k of the sampled model on the training prompts.")
    strict_accuracy: Accuracy | None = Field(description="Held-out strict accuracy, once evaluated.")
    versus_start: VersusStart | None = Field(description="Against round 0, once both are evaluated.")
    error: str | None = Field(description="Why the round failed.")


class LoopSummary(BaseModel):
    run: RunRead = Field(description="The loop's run.")
    rounds_done: int = Field(description="Rounds evaluated, round 0 included.")
    latest_strict: float | None = Field(description="Held-out strict accuracy of the latest evaluated round.")


class LoopPage(BaseModel):
    items: list[LoopSummary]
    next_cursor: str | None


class LoopRead(BaseModel):
    run: RunRead = Field(description="The loop's run (status, logs and metrics as for any run).")
    config: LoopConfig = Field(description="The validated loop config.")
    rounds: list[RoundRead] = Field(description="Every round reached, round 0 first.")
