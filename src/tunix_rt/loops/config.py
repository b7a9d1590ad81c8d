"""The ``loop`` run config: which model the loop starts from, which prompts it samples, which
eval set judges every round, and the sizes of each round's sampling and training.

Every training run of the loop copies the starting run's training config (backend, method,
template, adapters, sequence length...) and changes only the model (the previous round's
weights), the dataset (this round's verified samples) and the fields set here, so a round's
training differs from the one that made the starting model only where the loop says so.

>>> LoopConfig.model_validate({"start": "0" * 32, "dataset": "arith@v1", "evalset": "arith-eval@v1"}).rounds
2
"""

from __future__ import annotations

import uuid

from pydantic import BaseModel, ConfigDict, Field

from tunix_rt.datasets.schema import KEY_PATTERN


class RoundSampling(BaseModel):
    """How each round samples the current model on the training prompts."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    k: int = Field(4, ge=1, le=64, description="Completions per prompt.")
    temperature: float = Field(0.8, ge=0.0, le=2.0, description="Sampling temperature (0 is greedy).")
    prompts: int | None = Field(None, ge=1, description="Only the first N prompts of the training split.")
    max_tokens: int = Field(256, ge=1, le=32768, description="Most tokens per completion.")


class RoundTraining(BaseModel):
    """What each round's SFT changes from the starting run's training config."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    steps: int = Field(100, ge=1, description="Optimizer steps of each round's SFT.")
    lr: float | None = Field(None, gt=0, description="Peak learning rate (unset: the starting run's).")
    batch_size: int | None = Field(None, ge=1, description="Examples per step (unset: the starting run's).")


class RoundEvaluation(BaseModel):
    """How every round's model (round 0: the starting one) is judged on the eval set."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    batch_size: int = Field(100, ge=1, le=1024, description="Prompts generated together.")
    max_new_tokens: int = Field(128, ge=1, le=8192, description="Most tokens generated per item.")


class LoopConfig(BaseModel):
    """A self-improvement loop: R rounds of sample -> keep verified -> dataset -> SFT -> evaluate."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    start: uuid.UUID = Field(
        description="The succeeded training run whose model round 0 is (a unique id prefix works)."
    )
    dataset: str = Field(pattern=KEY_PATTERN, description="Trace dataset whose training split gives the prompts.")
    evalset: str = Field(pattern=KEY_PATTERN, description="Held-out eval set every round is judged on.")
    rounds: int = Field(2, ge=1, le=20, description="Rounds after round 0 (each samples, trains and evaluates).")
    mix_previous: bool = Field(
        False, description="Train each round on the verified samples of all rounds so far, not only its own."
    )
    steps_checked: bool = Field(
        False,
        description="Keep only samples whose every arithmetic step checks out (the ingest report's arithmetic "
        "check), not only their final answer: a weak model's right answers often come with wrong steps.",
    )
    sampling: RoundSampling = Field(default_factory=RoundSampling, description="Each round's sampling.")
    training: RoundTraining = Field(default_factory=RoundTraining, description="Each round's SFT.")
    evaluation: RoundEvaluation = Field(default_factory=RoundEvaluation, description="Each round's evaluation.")
    seed: int = Field(0, ge=0, le=2**31 - 1, description="Seed of sampling (round r samples from seed + 1000 r).")
