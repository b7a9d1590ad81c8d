"""What the rollout endpoints return."""

from __future__ import annotations

import dataclasses

from pydantic import BaseModel, ConfigDict, Field

from tunix_rt.rollouts import alarms


class RolloutRead(BaseModel):
    """One recorded GRPO completion."""

    model_config = ConfigDict(from_attributes=True)

    step: int = Field(description="Optimizer step whose generation batch it belongs to.")
    group_index: int = Field(description="Which prompt of the step's batch (its group).")
    sample_index: int = Field(description="Which completion of the group.")
    prompt: str
    completion: str
    answer: str | None = Field(description="The expected answer, if the dataset has one.")
    rewards: dict[str, float] = Field(description="Each reward function's unweighted value.")
    total: float = Field(description="The weighted sum of the rewards, what GRPO optimised.")
    advantage: float = Field(description="Its advantage within its group.")
    length: int = Field(description="Completion length in tokens.")


class RolloutPage(BaseModel):
    items: list[RolloutRead]
    next_cursor: str | None


class StepSummaryRead(BaseModel):
    """One recorded step's rollouts in summary: what the per-reward curves draw."""

    step: int
    rewards: dict[str, float] = Field(description="Mean of each reward function's values.")
    total: float = Field(description="Mean weighted total.")
    length: float = Field(description="Mean completion length in tokens.")
    zero_std_groups: float = Field(description="Fraction of groups whose rewards were all equal (zero advantage).")

    @classmethod
    def of(cls, summary: alarms.StepSummary) -> StepSummaryRead:
        return cls(**dataclasses.asdict(summary))


class AlarmRead(BaseModel):
    """A reward-hacking alarm and the window of recorded steps that tripped it."""

    kind: alarms.AlarmKind
    first_step: int
    last_step: int
    message: str
    values: dict[str, float]


class RolloutSteps(BaseModel):
    """Per-step summaries of a run's rollouts and the alarms they trip."""

    steps: list[StepSummaryRead]
    alarms: list[AlarmRead]
    window: int = Field(description="Recorded steps per alarm window.")
