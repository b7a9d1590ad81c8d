"""Evaluation routes: scorecards, the leaderboard, comparisons and the regression gate.

Eval runs are submitted like any run (``POST /api/runs`` with kind ``eval``); these routes read
what the worker recorded when they succeeded. Thin wrappers over ``evaluation.store``.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from tunix_rt.datasets.schema import KEY_PATTERN
from tunix_rt.deps import PageSize, SessionDep, SettingsDep
from tunix_rt.errors import Invalid
from tunix_rt.evaluation import store
from tunix_rt.evaluation.tables import RegressionBaseline

router = APIRouter(prefix="/api/evaluations", tags=["evaluations"])
leaderboard_router = APIRouter(prefix="/api/leaderboard", tags=["evaluations"])
regression_router = APIRouter(prefix="/api/regression", tags=["evaluations"])


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


@router.get("/compare")
async def compare(
    session: SessionDep,
    a: Annotated[uuid.UUID, Query(description="Evaluation (eval run id) taken as the reference.")],
    b: Annotated[uuid.UUID, Query(description="Evaluation compared with it.")],
) -> dict[str, Any]:
    """Per-item outputs and verdicts of two evaluations, fixed/broken counts and McNemar's p-value."""
    return await store.compare(session, a, b)


@router.get("/{run_id}", response_model=EvaluationRead)
async def read_evaluation(run_id: uuid.UUID, session: SessionDep) -> EvaluationRead:
    return EvaluationRead.model_validate(await store.get(session, run_id))


@router.get("/{run_id}/items", response_model=list[EvaluationItemRead])
async def read_items(run_id: uuid.UUID, session: SessionDep) -> list[EvaluationItemRead]:
    await store.get(session, run_id)
    return [EvaluationItemRead.model_validate(row) for row in await store.items_of(session, run_id)]


@leaderboard_router.get("", response_model=LeaderboardPage)
async def leaderboard(
    session: SessionDep,
    settings: SettingsDep,
    evalset: Annotated[str | None, Query(description="Only this eval set.")] = None,
    dataset: Annotated[str | None, Query(description="Only models trained on this dataset.")] = None,
    model: Annotated[str | None, Query(description="Only this model reference (run:<id> or a name).")] = None,
    since: Annotated[datetime | None, Query(description="Evaluated at or after (ISO 8601 with timezone).")] = None,
    limit: PageSize = 50,
    cursor: Annotated[str | None, Query(description="next_cursor of the previous page.")] = None,
) -> LeaderboardPage:
    """The latest evaluation of each model on each eval set, best primary score first."""
    if limit > settings.max_page_size:
        raise Invalid(f"limit {limit} is over the maximum page size {settings.max_page_size}")
    if since is not None and since.tzinfo is None:
        raise Invalid("since must carry a timezone, e.g. 2026-01-02T00:00:00Z")
    filters = store.LeaderboardFilters(evalset=evalset, dataset=dataset, model=model, since=since)
    rows, next_cursor = await store.leaderboard(session, filters, limit, cursor)
    return LeaderboardPage(items=[EvaluationSummary.model_validate(row) for row in rows], next_cursor=next_cursor)


@regression_router.post("/baselines", status_code=201, response_model=BaselineRead)
async def create_baseline(body: BaselineCreate, session: SessionDep) -> BaselineRead:
    baseline = RegressionBaseline(
        name=body.name,
        evalset_key=body.evalset,
        evaluation_id=body.evaluation,
        run_id=body.run,
        metric=body.metric,
        direction=body.direction,
        abs_tolerance=body.abs_tolerance,
        rel_tolerance=body.rel_tolerance,
    )
    return BaselineRead.model_validate(await store.create_baseline(session, baseline))


@regression_router.get("/baselines", response_model=list[BaselineRead])
async def list_baselines(session: SessionDep) -> list[BaselineRead]:
    return [BaselineRead.model_validate(row) for row in await store.list_baselines(session)]


@regression_router.delete("/baselines/{name}", status_code=204)
async def delete_baseline(name: str, session: SessionDep) -> None:
    await store.delete_baseline(session, name)


@regression_router.post("/check", response_model=RegressionResult)
async def check(body: RegressionCheck, session: SessionDep) -> RegressionResult:
    """Pass or fail of a run against a named baseline, with the delta and the numbers behind it."""
    return RegressionResult.model_validate(await store.check(session, body.baseline, body.run))
