"""Evaluation routes: scorecards, the leaderboard, comparisons and the regression gate.

Eval runs are submitted like any run (``POST /api/runs`` with kind ``eval``); these routes read
what the worker recorded when they succeeded. Thin wrappers over ``evaluation.store``.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from sqlalchemy import select

from tunix_rt import short_ids
from tunix_rt.auth.tables import ApiToken
from tunix_rt.deps import CallerDep, PageSize, SessionDep, SettingsDep, id_in_path
from tunix_rt.errors import Invalid
from tunix_rt.evaluation import history, labels, store
from tunix_rt.evaluation.schema import (
    AgreementReport,
    BaselineCreate,
    BaselineRead,
    EvaluationItemRead,
    EvaluationRead,
    EvaluationSummary,
    ItemDiff,
    ItemHistory,
    JudgeAgreement,
    LabelRead,
    LabelSet,
    LeaderboardPage,
    RegressionCheck,
    RegressionResult,
)
from tunix_rt.evaluation.tables import Evaluation
from tunix_rt.short_ids import HELP as ID_HELP

router = APIRouter(prefix="/api/evaluations", tags=["evaluations"])
leaderboard_router = APIRouter(prefix="/api/leaderboard", tags=["evaluations"])
regression_router = APIRouter(prefix="/api/regression", tags=["evaluations"])


@router.get("", response_model=list[EvaluationSummary])
async def list_evaluations(
    session: SessionDep,
    settings: SettingsDep,
    source_run: Annotated[uuid.UUID, Query(description="The training run whose model was evaluated.")],
    limit: PageSize = 50,
) -> list[EvaluationSummary]:
    """Every recorded evaluation of a run's model (its auto-eval and any eval run of it), newest
    first: the scores a training run's page shows."""
    if limit > settings.max_page_size:
        raise Invalid(f"limit {limit} is over the maximum page size {settings.max_page_size}")
    return [EvaluationSummary.model_validate(row) for row in await store.of_source(session, source_run, limit)]


@router.get("/compare")
async def compare(
    session: SessionDep,
    a: Annotated[str, Query(max_length=64, description=f"Evaluation (eval run id) taken as the reference. {ID_HELP}")],
    b: Annotated[str, Query(max_length=64, description=f"Evaluation compared with it. {ID_HELP}")],
    metric: Annotated[
        str, Query(max_length=80, description="Verdict paired on: strict, lenient, format or judge:<name>.")
    ] = "strict",
    force: Annotated[
        bool, Query(description="Compare even when the two were made with different settings (409 otherwise).")
    ] = False,
) -> dict[str, Any]:
    """Per-item outputs and verdicts of two evaluations, fixed/broken counts and McNemar's p-value.
    A 409 with the ``differences`` when the evaluations' determining settings differ, unless ``force``."""
    a_id = await short_ids.resolve(session, Evaluation.run_id, a, "evaluation", ("query", "a"))
    b_id = await short_ids.resolve(session, Evaluation.run_id, b, "evaluation", ("query", "b"))
    return await store.compare(session, a_id, b_id, metric, force=force)


EvaluationIdDep = Annotated[uuid.UUID, Depends(id_in_path(Evaluation.run_id, "evaluation", "run_id"))]
"""An evaluation (its eval run's id) in the path: the full id or a unique prefix of it."""


@router.get("/history", response_model=ItemHistory)
async def item_history(
    session: SessionDep,
    settings: SettingsDep,
    evalset: Annotated[str, Query(description="Eval set key, name@vN.")],
    item: Annotated[str, Query(description="The item's id in the eval set.")],
) -> ItemHistory:
    """Every evaluation that scored one item, in the order the models were trained, with outputs and verdicts."""
    return ItemHistory.model_validate(await history.item_history(session, settings, evalset, item))


@router.get("/history/diff", response_model=ItemDiff)
async def item_diff(
    session: SessionDep,
    evalset: Annotated[str, Query(description="Eval set key, name@vN.")],
    item: Annotated[str, Query(description="The item's id in the eval set.")],
    a: Annotated[uuid.UUID, Query(description="Evaluation whose output is the old text.")],
    b: Annotated[uuid.UUID, Query(description="Evaluation whose output is the new text.")],
) -> ItemDiff:
    """A word-level diff of the item's output in evaluation a to its output in evaluation b."""
    return ItemDiff.model_validate({"a": a, "b": b, "runs": await history.diff(session, evalset, item, a, b)})


@router.get("/agreement", response_model=JudgeAgreement)
async def judge_agreement(
    session: SessionDep, judge: Annotated[str, Query(description="Judge name, or strict / lenient.")]
) -> JudgeAgreement:
    """One judge against every human label of every evaluation it judged: what a gate on it needs."""
    return JudgeAgreement.model_validate(await labels.judge_agreement(session, judge))


@router.get("/{run_id}", response_model=EvaluationRead)
async def read_evaluation(run_id: EvaluationIdDep, session: SessionDep) -> EvaluationRead:
    return EvaluationRead.model_validate(await store.get(session, run_id))


@router.get("/{run_id}/items", response_model=list[EvaluationItemRead])
async def read_items(run_id: EvaluationIdDep, session: SessionDep) -> list[EvaluationItemRead]:
    await store.get(session, run_id)
    return [EvaluationItemRead.model_validate(row) for row in await store.items_of(session, run_id)]


async def _labeler(session: SessionDep, caller: CallerDep) -> str:
    """Who a label is recorded as: the request's token's name (``settings token`` for one from
    TUNIX_RT_API_TOKENS, which has none), or ``local`` for a request without a token."""
    if caller is None:
        return "local"
    name = (await session.execute(select(ApiToken.name).where(ApiToken.token_hash == caller))).scalar_one_or_none()
    return name or "settings token"


@router.put("/{run_id}/items/{item_id}/label", response_model=LabelRead)
async def set_label(
    run_id: EvaluationIdDep,
    item_id: str,
    body: LabelSet,
    session: SessionDep,
    by: Annotated[str, Depends(_labeler)],
) -> LabelRead:
    """Label one item correct, incorrect or unsure (replacing an earlier label), recording who and when."""
    return LabelRead.model_validate(await labels.set_label(session, run_id, item_id, body.label, body.note, by))


@router.delete("/{run_id}/items/{item_id}/label", status_code=204)
async def delete_label(run_id: EvaluationIdDep, item_id: str, session: SessionDep) -> None:
    await labels.delete_label(session, run_id, item_id)


@router.get("/{run_id}/labels", response_model=list[LabelRead])
async def read_labels(run_id: EvaluationIdDep, session: SessionDep) -> list[LabelRead]:
    await store.get(session, run_id)
    return [LabelRead.model_validate(row) for row in await labels.labels_of(session, run_id)]


@router.get("/{run_id}/agreement", response_model=AgreementReport)
async def evaluation_agreement(run_id: EvaluationIdDep, session: SessionDep) -> AgreementReport:
    """Each judge of the evaluation (and the checker's strict and lenient verdicts) against its labels."""
    return AgreementReport.model_validate(await labels.evaluation_agreement(session, run_id))


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
    force: Annotated[
        bool,
        Query(
            description="Rank evaluations made with different settings together (409 otherwise), and include "
            "those whose primary metric is a judge not yet checked against human labels."
        ),
    ] = False,
) -> LeaderboardPage:
    """The latest evaluation of each model on each eval set, best primary score first. A 409 with
    the ``mismatches`` when evaluations on one eval set were made with different settings."""
    if limit > settings.max_page_size:
        raise Invalid(f"limit {limit} is over the maximum page size {settings.max_page_size}")
    filters = store.LeaderboardFilters(evalset=evalset, dataset=dataset, model=model, since=since)
    trust = store.JudgeTrust(settings.judge_kappa_floor, settings.judge_min_labels)
    board = await store.leaderboard(session, filters, limit, cursor, trust, force=force)
    return LeaderboardPage(
        items=[EvaluationSummary.model_validate(row) for row in board.rows],
        next_cursor=board.next_cursor,
        settings_differences=board.settings_differences,
        left_out=board.left_out,
    )


@regression_router.post("/baselines", status_code=201, response_model=BaselineRead)
async def create_baseline(body: BaselineCreate, session: SessionDep) -> BaselineRead:
    return BaselineRead.model_validate(await store.create_baseline(session, await body.row(session)))


@regression_router.get("/baselines", response_model=list[BaselineRead])
async def list_baselines(session: SessionDep) -> list[BaselineRead]:
    return [BaselineRead.model_validate(row) for row in await store.list_baselines(session)]


@regression_router.delete("/baselines/{name}", status_code=204)
async def delete_baseline(name: str, session: SessionDep) -> None:
    await store.delete_baseline(session, name)


@regression_router.post("/check", response_model=RegressionResult)
async def check(body: RegressionCheck, session: SessionDep, settings: SettingsDep) -> RegressionResult:
    """Pass or fail of a run against a named baseline: the delta, the paired test over items with its
    p-value and effect, and the reason. 409 with the ``differences`` when the two evaluations'
    determining settings differ, unless ``force``."""
    trust = store.JudgeTrust(settings.judge_kappa_floor, settings.judge_min_labels)
    result = await store.check(session, body.baseline, await body.run_id(session), trust, force=body.force)
    return RegressionResult.model_validate(result)
