"""What the evaluation routes and ``tunix-rt eval`` commands read and print: one schema family
for both, so the CLI's ``--json`` is the API's answer."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from tunix_rt import short_ids
from tunix_rt.datasets.schema import KEY_PATTERN
from tunix_rt.evaluation.tables import Evaluation, RegressionBaseline
from tunix_rt.runs.tables import Run


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
    settings_hash: str | None = Field(
        None,
        description="Fingerprint of the settings that determined the numbers (determinants.py): rows with equal "
        "ones are comparable; null for an evaluation made before settings were recorded.",
    )
    created_at: datetime


class EvaluationRead(EvaluationSummary):
    scorecard: dict[str, Any]


class ItemOutcome(BaseModel):
    """One output for an item and its verdicts: what an evaluation's items and an item's history
    both show."""

    model_config = ConfigDict(from_attributes=True)

    output: str
    extracted_answer: str | None
    strict: bool
    lenient: bool
    format_ok: bool
    failure: str | None
    reason: str | None = Field(
        None,
        description="The answer checker's reason for the verdicts; it names a tolerance (an approximate expected "
        "answer) or an unclosed answer tag when one let the answer pass leniently. Null before it was recorded.",
    )
    reasoning_tokens: int | None = Field(
        None, description="Tokens in the output's reasoning span; null when it has none."
    )
    agreement: float | None = Field(
        None, description="With samples: k, the share of samples that gave the majority answer."
    )


class EvaluationItemRead(ItemOutcome):
    item_id: str
    section: str | None
    category: str | None
    difficulty: str | None
    expected_answer: str
    samples: list[dict[str, Any]] | None = Field(
        None, description="With samples: k, every sample's output and verdicts (this item's own are the first's)."
    )
    judges: dict[str, Any]


class ItemHistoryEntry(ItemOutcome):
    """One evaluation's output for the item and its verdicts."""

    evaluation: uuid.UUID = Field(description="The eval run that scored the item.")
    model: str
    source_run_id: uuid.UUID | None = Field(description="The training run evaluated; null for a base model.")
    dataset_key: str | None
    trained_at: datetime | None = Field(description="When the training run was created; the history's order.")
    evaluated_at: datetime


class ItemHistory(BaseModel):
    """Every evaluation that scored one eval item, in the order the models were trained."""

    evalset: str
    item_id: str
    prompt: str | None = Field(description="The item's prompt; null when the eval set's snapshot is not on disk.")
    expected_answer: str
    entries: list[ItemHistoryEntry]


class DiffRun(BaseModel):
    op: Literal["equal", "delete", "insert"]
    text: str


class ItemDiff(BaseModel):
    """Output ``a`` turned into output ``b`` word by word: equal + delete runs give a, equal + insert b."""

    a: uuid.UUID
    b: uuid.UUID
    runs: list[DiffRun]


class LabelSet(BaseModel):
    """A person's verdict on one item."""

    model_config = ConfigDict(extra="forbid")

    label: Literal["correct", "incorrect", "unsure"]
    note: str | None = Field(None, max_length=2000, description="Why, for whoever reads the label later.")


class LabelRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    run_id: uuid.UUID
    item_id: str
    label: str
    note: str | None
    labeled_by: str = Field(description="The API token's name, cli:<user>, or local (no token).")
    labeled_at: datetime


class Disagreement(BaseModel):
    evaluation: uuid.UUID
    item_id: str
    judge: bool = Field(description="What the judge said (true: correct); the label said the opposite.")


class JudgeAgreement(BaseModel):
    """A judge's verdicts against human labels (unsure labels and undecided items left out)."""

    n: int
    accuracy: float | None
    kappa: float | None = Field(description="Cohen's kappa; null when undefined (no items, or one class only).")
    confusion: dict[str, int] = Field(description="tp, fp, fn, tn with 'positive' meaning correct.")
    disagreements: list[Disagreement]


class AgreementReport(BaseModel):
    labels: int = Field(description="Labelled items (correct or incorrect) of the evaluation.")
    judges: dict[str, JudgeAgreement] = Field(description="Each judge, and the checker's strict and lenient verdicts.")


class SettingsDifference(BaseModel):
    """One determining setting whose value differs between two evaluations."""

    setting: str = Field(description="Dotted name, e.g. batch_size, sampling.seed, packages.torch.")
    a: Any
    b: Any


class SettingsMismatch(BaseModel):
    """Two groups of leaderboard rows on one eval set whose settings differ: the largest group (a)
    and another (b), by model, with what differs."""

    evalset: str
    a: list[str] = Field(description="Models of the largest group of rows sharing settings.")
    b: list[str] = Field(description="Models of a group whose settings differ from a's.")
    differences: list[SettingsDifference]


class LeftOut(BaseModel):
    """A judge metric the leaderboard did not rank by, and why."""

    metric: str
    reason: str


class LeaderboardPage(BaseModel):
    items: list[EvaluationSummary]
    next_cursor: str | None
    settings_differences: list[SettingsMismatch] = Field(
        default_factory=list, description="With force: the settings differences ranked over (empty otherwise)."
    )
    left_out: list[LeftOut] = Field(
        default_factory=list,
        description="Judge metrics whose evaluations were left out: the judge does not yet agree with human "
        "labels well enough to rank (force includes them).",
    )


async def _resolved(
    session: AsyncSession, column: InstrumentedAttribute[uuid.UUID], text: str | None, noun: str, field: str
) -> uuid.UUID | None:
    return None if text is None else await short_ids.resolve(session, column, text, noun, ("body", field))


class BaselineCreate(BaseModel):
    """A named regression baseline: one evaluation, or a run's latest evaluation on the eval set."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", description="Unique name, used by the gate.")
    evalset: str = Field(pattern=KEY_PATTERN, description="Eval set the baseline and candidates are scored on.")
    evaluation: str | None = Field(
        None, max_length=64, description=f"The eval run whose score is the bar. {short_ids.HELP}"
    )
    run: str | None = Field(
        None,
        max_length=64,
        description=f"A training run: its latest evaluation on the eval set is the bar. {short_ids.HELP}",
    )
    metric: str = Field("strict_accuracy", max_length=64, description="Scorecard metric compared.")
    direction: Literal["higher", "lower"] = Field("higher", description="Which way of the metric is better.")
    abs_tolerance: float = Field(
        0.0, ge=0.0, description="Minimum effect that counts as a regression, in the metric's units."
    )
    rel_tolerance: float = Field(
        0.0,
        ge=0.0,
        le=1.0,
        description="Minimum effect that counts, as a fraction of the baseline (the larger of the two applies).",
    )
    alpha: float = Field(
        0.05,
        gt=0.0,
        le=1.0,
        description="Significance level of the paired test a shortfall must pass to fail the gate; 1 fails on the "
        "shortfall alone.",
    )

    async def row(self, session: AsyncSession) -> RegressionBaseline:
        """The table row ``store.create_baseline`` checks and stores, its ids resolved from
        prefixes (the route and the CLI both build it here, so they cannot disagree on which
        field goes where)."""
        return RegressionBaseline(
            name=self.name,
            evalset_key=self.evalset,
            evaluation_id=await _resolved(session, Evaluation.run_id, self.evaluation, "evaluation", "evaluation"),
            run_id=await _resolved(session, Run.id, self.run, "run", "run"),
            metric=self.metric,
            direction=self.direction,
            abs_tolerance=self.abs_tolerance,
            rel_tolerance=self.rel_tolerance,
            alpha=self.alpha,
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
    alpha: float
    created_at: datetime


class RegressionCheck(BaseModel):
    model_config = ConfigDict(extra="forbid")

    baseline: str = Field(description="Name of the baseline.")
    run: str = Field(
        max_length=64, description=f"Eval run, or a training run whose latest evaluation is checked. {short_ids.HELP}"
    )
    force: bool = Field(
        False, description="Check even when the two evaluations' determining settings differ (409 otherwise)."
    )

    async def run_id(self, session: AsyncSession) -> uuid.UUID:
        """The run ``run`` names, from its full id or a unique prefix."""
        return await short_ids.resolve(session, Run.id, self.run, "run", ("body", "run"))


class RegressionResult(BaseModel):
    passed: bool
    reason: str = Field(description="Why it passed or failed, in one line.")
    baseline: str
    metric: str
    evalset: str
    direction: str
    baseline_value: float
    candidate_value: float
    delta: float
    allowed_shortfall: float = Field(description="The minimum effect: max(abs_tolerance, rel_tolerance * |baseline|).")
    abs_tolerance: float
    rel_tolerance: float
    baseline_evaluation: uuid.UUID
    candidate_evaluation: uuid.UUID
    shortfall: float = Field(description="How far the candidate fell short (negative when it is better).")
    alpha: float = Field(description="Significance level of the baseline's paired test.")
    test: str | None = Field(description="The paired test over items; null for a metric that is not an item verdict.")
    p_value: float | None
    significant: bool | None = Field(description="Whether p_value < alpha; null without a test.")
    effect: float | None = Field(description="Candidate minus baseline over the paired items.")
    effect_low: float | None = Field(description="Lower end of the effect's 95% bootstrap interval.")
    effect_high: float | None
    paired_items: int
    settings_differences: list[SettingsDifference] = Field(
        description="Determining settings that differ (a: baseline, b: candidate); non-empty only when forced."
    )
