"""Evaluation queries: recording a finished eval run, the leaderboard, item-by-item comparison of
two evaluations, and regression baselines and checks. Each takes a session (the caller owns the
transaction) and raises domain errors; none knows HTTP.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

import orjson
from sqlalchemy import ColumnElement, Subquery, and_, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from tunix_rt import pagination
from tunix_rt.db import utcnow
from tunix_rt.errors import Conflict, Invalid, NotFound
from tunix_rt.evaluation import determinants, labels, regression, verdicts
from tunix_rt.evaluation.evaluate import PREDICTIONS, SUMMARY
from tunix_rt.evaluation.stats import mcnemar_exact
from tunix_rt.evaluation.tables import Evaluation, EvaluationItem, RegressionBaseline
from tunix_rt.runs.tables import Run


async def ingest(session: AsyncSession, run: Run, run_dir: Path) -> Evaluation:
    """Record a succeeded eval run from its folder's summary and predictions (the worker's hook)."""
    summary_path, predictions_path = run_dir / SUMMARY, run_dir / PREDICTIONS
    if not summary_path.is_file() or not predictions_path.is_file():
        raise NotFound(f"eval run {run.id} left no {SUMMARY} and {PREDICTIONS}")
    try:
        summary = json.loads(summary_path.read_text())
        card = summary["scorecard"]
        predictions = [orjson.loads(line) for line in predictions_path.read_bytes().splitlines()]
    except (ValueError, KeyError, TypeError) as exc:
        raise Invalid(f"the outputs of eval run {run.id} are malformed: {exc}") from exc
    source_run = summary["config"].get("run")
    source_id = uuid.UUID(source_run) if source_run else None
    dataset_key = None
    if source_id is not None:
        dataset_key = (await session.execute(select(Run.dataset_key).where(Run.id == source_id))).scalar_one_or_none()
    evaluation = Evaluation(
        run_id=run.id,
        evalset_key=summary["evalset"]["key"],
        model=summary["model"]["ref"],
        source_run_id=source_id,
        dataset_key=dataset_key,
        primary_metric=card["primary_metric"],
        primary_score=card["primary_score"],
        strict_accuracy=card["strict_accuracy"]["value"],
        lenient_accuracy=card["lenient_accuracy"]["value"],
        format_compliance=card["format_compliance"]["value"],
        n_items=card["n_items"],
        judges=summary["judges"],
        scorecard=card,
        settings_hash=card.get("settings_hash"),
        created_at=utcnow(),
    )
    session.add(evaluation)
    await session.flush()
    rows = []
    for position, p in enumerate(predictions):
        rows.append(
            EvaluationItem(
                run_id=run.id,
                item_id=p["id"],
                position=position,
                section=p.get("section"),
                category=p.get("category"),
                difficulty=p.get("difficulty"),
                expected_answer=p["expected_answer"],
                output=p["output"],
                extracted_answer=p.get("extracted_answer"),
                strict=bool(p["strict"]),
                lenient=bool(p["lenient"]),
                format_ok=bool(p["format_ok"]),
                failure=p.get("failure"),
                reason=p.get("reason"),
                reasoning_tokens=p.get("reasoning_tokens"),
                samples=p.get("samples"),
                agreement=p.get("agreement"),
                judges=p.get("judges", {}),
            )
        )
    session.add_all(rows)
    await session.flush()
    return evaluation


async def find(session: AsyncSession, run_id: uuid.UUID) -> Evaluation | None:
    """The evaluation recorded for an eval run; None for another kind of run, or an eval run
    that has not succeeded (yet)."""
    return await session.get(Evaluation, run_id)


async def get(session: AsyncSession, run_id: uuid.UUID) -> Evaluation:
    evaluation = await find(session, run_id)
    if evaluation is None:
        raise NotFound(f"no evaluation recorded for run {run_id}")
    return evaluation


async def of_source(session: AsyncSession, run_id: uuid.UUID, limit: int) -> list[Evaluation]:
    """The evaluations of the model a run trained (its auto-eval children and any eval run
    pointed at it), newest first: what a training run's page shows as its scores."""
    stmt = (
        select(Evaluation)
        .where(Evaluation.source_run_id == run_id)
        .order_by(Evaluation.created_at.desc(), Evaluation.run_id.desc())
        .limit(limit)
    )
    return list((await session.execute(stmt)).scalars())


async def resolve(session: AsyncSession, run_id: uuid.UUID, evalset_key: str | None) -> Evaluation:
    """An evaluation by its eval run's id, or the latest evaluation of a training run (on
    ``evalset_key`` when given)."""
    direct = await session.get(Evaluation, run_id)
    if direct is not None:
        return direct
    stmt = select(Evaluation).where(Evaluation.source_run_id == run_id)
    if evalset_key is not None:
        stmt = stmt.where(Evaluation.evalset_key == evalset_key)
    latest = (await session.execute(stmt.order_by(Evaluation.created_at.desc()).limit(1))).scalar_one_or_none()
    if latest is None:
        on = f" on {evalset_key}" if evalset_key else ""
        raise NotFound(f"run {run_id} is neither an evaluation nor a run with an evaluation{on}")
    return latest


@dataclass(frozen=True)
class LeaderboardFilters:
    """What the leaderboard is narrowed to; the route and ``tunix-rt eval leaderboard`` both
    build one, so both refuse a ``since`` without a timezone (a local time is ambiguous against
    the stored UTC times)."""

    evalset: str | None = None
    dataset: str | None = None
    model: str | None = None
    since: datetime | None = None

    def __post_init__(self) -> None:
        if self.since is not None and self.since.tzinfo is None:
            raise Invalid("since must carry a timezone, e.g. 2026-01-02T00:00:00Z")


def _encode(score: float, run_id: uuid.UUID) -> str:
    return pagination.encode(repr(score), run_id.hex)


def _decode(cursor: str) -> tuple[float, uuid.UUID]:
    score, hex_id = pagination.decode(cursor, 2)
    try:
        return float(score), uuid.UUID(hex=hex_id)
    except ValueError as exc:
        raise pagination.malformed_cursor() from exc


def _latest(filters: LeaderboardFilters) -> Subquery:
    """Each (model, eval set)'s evaluations numbered newest first, narrowed by the filters: the
    rows numbered 1 are what the leaderboard ranks."""
    latest = select(
        Evaluation.run_id,
        func.row_number()
        .over(
            partition_by=(Evaluation.model, Evaluation.evalset_key),
            order_by=(Evaluation.created_at.desc(), Evaluation.run_id.desc()),
        )
        .label("rank"),
    )
    if filters.evalset is not None:
        latest = latest.where(Evaluation.evalset_key == filters.evalset)
    if filters.dataset is not None:
        latest = latest.where(Evaluation.dataset_key == filters.dataset)
    if filters.model is not None:
        latest = latest.where(Evaluation.model == filters.model)
    if filters.since is not None:
        latest = latest.where(Evaluation.created_at >= filters.since)
    return latest.subquery()


def _is_latest(latest: Subquery) -> ColumnElement[bool]:
    """The join condition keeping each (model, eval set)'s newest evaluation of ``_latest``."""
    return and_(latest.c.run_id == Evaluation.run_id, latest.c.rank == 1)


def _group_name(models: Sequence[str]) -> str:
    shown = ", ".join(models[:3])
    return shown if len(models) <= 3 else f"{shown} and {len(models) - 3} more"


async def settings_mismatches(session: AsyncSession, latest: Subquery) -> list[dict[str, Any]]:
    """Where the leaderboard would rank, on one eval set, evaluations whose determining settings
    differ: for each eval set whose rows hold more than one set of settings, each other group
    against the largest one (the first evaluated of equal ones), with the models in each and
    exactly what differs."""
    hashes = (
        await session.execute(
            select(Evaluation.evalset_key, Evaluation.model, Evaluation.settings_hash, Evaluation.run_id)
            .join(latest, _is_latest(latest))
            .order_by(Evaluation.evalset_key, Evaluation.created_at, Evaluation.run_id)
        )
    ).all()
    groups: dict[str, dict[str | None, list[tuple[str, uuid.UUID]]]] = {}
    for evalset, model, settings_hash, run_id in hashes:
        groups.setdefault(evalset, {}).setdefault(settings_hash, []).append((model, run_id))
    found = []
    for evalset, by_hash in groups.items():
        if len(by_hash) < 2:
            continue
        # The largest group is the reference; of equal ones, the one evaluated first (rows are in
        # evaluation order, and sorted() keeps that order among equal sizes).
        ordered = sorted(by_hash.values(), key=lambda rows: -len(rows))
        reference = ordered[0]
        reference_settings = determinants.of_scorecard((await get(session, reference[0][1])).scorecard)
        for group in ordered[1:]:
            settings = determinants.of_scorecard((await get(session, group[0][1])).scorecard)
            found.append(
                {
                    "evalset": evalset,
                    "a": [model for model, _ in reference],
                    "b": [model for model, _ in group],
                    "differences": determinants.differences(reference_settings, settings),
                }
            )
    return found


async def untrusted_judges(session: AsyncSession, latest: Subquery, trust: JudgeTrust) -> list[dict[str, str]]:
    """The judge metrics some ranked evaluation takes as its primary score whose judge does not
    yet agree with human labels well enough to rank (``labels.require_trusted``)."""
    metrics = (
        await session.execute(
            select(Evaluation.primary_metric)
            .join(latest, _is_latest(latest))
            .where(Evaluation.primary_metric.like("judge:%"))
            .distinct()
            .order_by(Evaluation.primary_metric)
        )
    ).scalars()
    refused = []
    for metric in list(metrics):
        try:
            await labels.require_trusted(session, metric, trust.kappa_floor, trust.min_labels, "rank the leaderboard")
        except Invalid as exc:
            refused.append({"metric": metric, "reason": exc.detail})
    return refused


@dataclass(frozen=True)
class Leaderboard:
    """One page of the leaderboard and what it had to say about comparability: the settings
    differences ``force`` ranked over, and the judge metrics it left out."""

    rows: list[Evaluation]
    next_cursor: str | None
    settings_differences: list[dict[str, Any]]
    left_out: list[dict[str, str]]


async def leaderboard(
    session: AsyncSession,
    filters: LeaderboardFilters,
    limit: int,
    cursor: str | None,
    trust: JudgeTrust,
    *,
    force: bool = False,
) -> Leaderboard:
    """The latest evaluation of each model on each eval set, best primary score first, keyset-paged.

    Refused (Conflict, with ``mismatches``) when evaluations on one eval set were made with
    different determining settings, unless ``force``. Evaluations whose primary score is an
    untrusted judge's are left out (and named) unless ``force``: a judge no one has checked
    against people does not decide a ranking by default."""
    latest = _latest(filters)
    mismatches = await settings_mismatches(session, latest)
    if mismatches and not force:
        raise Conflict(
            "the leaderboard would rank evaluations made with different settings: "
            + " | ".join(
                f"on {m['evalset']}, "
                + determinants.describe(m["differences"], _group_name(m["a"]), _group_name(m["b"]))
                for m in mismatches
            )
            + "; filter to comparable evaluations, or rank them anyway with force",
            mismatches=mismatches,
        )
    left_out = [] if force else await untrusted_judges(session, latest, trust)
    stmt = (
        select(Evaluation)
        .join(latest, _is_latest(latest))
        .order_by(Evaluation.primary_score.desc(), Evaluation.run_id)
        .limit(limit + 1)
    )
    if left_out:
        stmt = stmt.where(Evaluation.primary_metric.not_in([entry["metric"] for entry in left_out]))
    if cursor:
        score, run_id = _decode(cursor)
        stmt = stmt.where(
            or_(
                Evaluation.primary_score < score,
                and_(Evaluation.primary_score == score, Evaluation.run_id > run_id),
            )
        )
    rows = list((await session.execute(stmt)).scalars())
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = _encode(rows[-1].primary_score, rows[-1].run_id)
    return Leaderboard(rows, next_cursor, mismatches, left_out)


async def items_of(session: AsyncSession, run_id: uuid.UUID) -> list[EvaluationItem]:
    stmt = select(EvaluationItem).where(EvaluationItem.run_id == run_id).order_by(EvaluationItem.position)
    return list((await session.execute(stmt)).scalars())


def _item(row: EvaluationItem | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {
        "output": row.output,
        "extracted_answer": row.extracted_answer,
        "strict": row.strict,
        "lenient": row.lenient,
        "format_ok": row.format_ok,
        "failure": row.failure,
        "reason": row.reason,
        "judges": row.judges,
    }


def require_comparable(
    a: Evaluation, b: Evaluation, force: bool, names: tuple[str, str] = ("a", "b")
) -> list[dict[str, Any]]:
    """What differs between the determining settings of two evaluations; refused (Conflict, with
    ``differences``) when anything does, unless ``force``. What compare and the gate both ask;
    ``names`` are what the message calls the two (the gate's baseline and candidate)."""
    found = determinants.differences(determinants.of_scorecard(a.scorecard), determinants.of_scorecard(b.scorecard))
    if found and not force:
        raise Conflict(
            f"evaluations {a.run_id} and {b.run_id} were made with different settings: "
            f"{determinants.describe(found, *names)}; their scores are not comparable (force compares them anyway)",
            differences=found,
        )
    return found


async def compare(
    session: AsyncSession, a_id: uuid.UUID, b_id: uuid.UUID, metric: str = "strict", *, force: bool = False
) -> dict[str, Any]:
    """Item by item, on one verdict (``metric``: strict by default, lenient, format or a judge's):
    fixed (wrong in a, right in b), broken, both right, both wrong, McNemar's exact p-value on the
    discordant items, and per-category accuracy deltas. Only items present in both evaluations,
    and decided in both when the metric is a judge's, are paired. Any metric, because training
    often changes what strict accuracy cannot see yet: the format first. Refused when the two
    were made with different settings, unless ``force`` (then the differences are in the answer)."""
    verdict = verdicts.reader(metric)
    a, b = await get(session, a_id), await get(session, b_id)
    if a.evalset_key != b.evalset_key:
        raise Invalid(f"evaluations are on different eval sets ({a.evalset_key}, {b.evalset_key})")
    differences = require_comparable(a, b, force)
    counts: Counter[str] = Counter()
    per_category: dict[str, Counter[str]] = {}
    items = []
    for left, right, was, now in verdicts.paired(await items_of(session, a_id), await items_of(session, b_id), verdict):
        outcome = {
            (False, True): "fixed",
            (True, False): "broken",
            (True, True): "both_right",
            (False, False): "both_wrong",
        }[(was, now)]
        counts[outcome] += 1
        tally = per_category.setdefault(left.category or "(missing)", Counter())
        tally["n"] += 1
        tally["a"] += was
        tally["b"] += now
        items.append(
            {
                "id": left.item_id,
                "category": left.category,
                "expected_answer": left.expected_answer,
                "outcome": outcome,
                "a": _item(left),
                "b": _item(right),
            }
        )
    paired = len(items)
    return {
        "a": a_id,
        "b": b_id,
        "metric": metric,
        "evalset": a.evalset_key,
        "settings_differences": differences,
        "paired": paired,
        "counts": {key: counts[key] for key in ("fixed", "broken", "both_right", "both_wrong")},
        "a_accuracy": (counts["broken"] + counts["both_right"]) / paired if paired else 0.0,
        "b_accuracy": (counts["fixed"] + counts["both_right"]) / paired if paired else 0.0,
        "mcnemar_p": mcnemar_exact(counts["fixed"], counts["broken"]),
        "categories": {
            name: {"n": t["n"], "a": t["a"] / t["n"], "b": t["b"] / t["n"], "delta": (t["b"] - t["a"]) / t["n"]}
            for name, t in sorted(per_category.items())
        },
        "items": items,
    }


async def create_baseline(session: AsyncSession, baseline: RegressionBaseline) -> RegressionBaseline:
    """Store a named baseline; it must point at an evaluation (or run with one) on its eval set."""
    if (baseline.evaluation_id is None) == (baseline.run_id is None):
        raise Invalid("a baseline names exactly one of evaluation or run")
    reference = baseline.evaluation_id or baseline.run_id
    assert reference is not None
    evaluation = await resolve(session, reference, baseline.evalset_key)
    if evaluation.evalset_key != baseline.evalset_key:
        raise Invalid(f"evaluation {evaluation.run_id} is on {evaluation.evalset_key}, not {baseline.evalset_key}")
    if regression.metric_value(evaluation.scorecard, baseline.metric) is None:
        raise Invalid(f"evaluation {evaluation.run_id} has no metric {baseline.metric!r}")
    baseline.created_at = utcnow()
    session.add(baseline)
    try:
        await session.flush()
    except IntegrityError as exc:
        raise Conflict(f"a baseline named {baseline.name!r} already exists") from exc
    return baseline


async def get_baseline(session: AsyncSession, name: str) -> RegressionBaseline:
    baseline = await session.get(RegressionBaseline, name)
    if baseline is None:
        raise NotFound(f"no regression baseline named {name!r}")
    return baseline


async def list_baselines(session: AsyncSession) -> list[RegressionBaseline]:
    return list((await session.execute(select(RegressionBaseline).order_by(RegressionBaseline.name))).scalars())


async def delete_baseline(session: AsyncSession, name: str) -> None:
    await session.delete(await get_baseline(session, name))
    await session.flush()


class JudgeTrust(NamedTuple):
    """How far a judge must agree with people before it may gate (``labels.require_trusted``)."""

    kappa_floor: float
    min_labels: int


async def paired_test(
    session: AsyncSession, metric: str, baseline_id: uuid.UUID, candidate_id: uuid.UUID
) -> tuple[regression.PairedTest | None, str]:
    """The gate's paired test of ``metric`` over the items both evaluations decided, or None and
    why there is none. An item's value is its verdict, or with ``samples: k`` the share of its
    samples judged right; the permutation test takes over from McNemar's when any item has samples."""
    verdict_name = regression.verdict_metric(metric)
    if verdict_name is None:
        return None, f"{metric} is not an item verdict"
    pairs = verdicts.paired(
        await items_of(session, baseline_id), await items_of(session, candidate_id), verdicts.reader(verdict_name)
    )
    if not pairs:
        return None, "no item is decided in both evaluations"

    def value(row: EvaluationItem, verdict: bool) -> float:
        votes = verdicts.sampled(row, verdict_name)
        return float(verdict) if votes is None else sum(votes) / len(votes)

    base, candidate = [value(p.a, p.was) for p in pairs], [value(p.b, p.now) for p in pairs]
    sampled = any(verdicts.sampled(row, verdict_name) is not None for p in pairs for row in (p.a, p.b))
    return regression.paired_test(base, candidate, sampled=sampled), ""


async def check(
    session: AsyncSession, name: str, candidate_id: uuid.UUID, trust: JudgeTrust, *, force: bool = False
) -> dict[str, Any]:
    """Pass or fail of a candidate (an evaluation, or a run's latest evaluation on the baseline's
    eval set) against the named baseline, with the numbers behind the verdict and its paired test
    (``regression.check`` holds the rule). A baseline on a judge's score is refused while that
    judge's agreement with human labels is under ``trust``. Evaluations whose determining
    settings differ are refused (``Conflict`` with the ``differences``) unless ``force``: their
    scores may differ for reasons that are not the model's."""
    baseline = await get_baseline(session, name)
    await labels.require_trusted(session, baseline.metric, trust.kappa_floor, trust.min_labels)
    reference = baseline.evaluation_id or baseline.run_id
    assert reference is not None
    base_eval = await resolve(session, reference, baseline.evalset_key)
    candidate = await resolve(session, candidate_id, baseline.evalset_key)
    if candidate.evalset_key != baseline.evalset_key:
        raise Invalid(f"evaluation {candidate.run_id} is on {candidate.evalset_key}, not {baseline.evalset_key}")
    differ = require_comparable(base_eval, candidate, force, ("baseline", "candidate"))
    base_value = regression.metric_value(base_eval.scorecard, baseline.metric)
    value = regression.metric_value(candidate.scorecard, baseline.metric)
    if base_value is None or value is None:
        raise Invalid(f"metric {baseline.metric!r} is missing from one of the evaluations")
    direction: regression.Direction = "lower" if baseline.direction == "lower" else "higher"
    test, untested = await paired_test(session, baseline.metric, base_eval.run_id, candidate.run_id)
    verdict = regression.check(
        base_value,
        value,
        direction,
        abs_tolerance=baseline.abs_tolerance,
        rel_tolerance=baseline.rel_tolerance,
        alpha=baseline.alpha,
        test=test,
        untested=untested,
    )
    return {
        **verdict,
        "baseline": baseline.name,
        "metric": baseline.metric,
        "evalset": baseline.evalset_key,
        "baseline_evaluation": base_eval.run_id,
        "candidate_evaluation": candidate.run_id,
        "abs_tolerance": baseline.abs_tolerance,
        "rel_tolerance": baseline.rel_tolerance,
        "settings_differences": differ,
    }
