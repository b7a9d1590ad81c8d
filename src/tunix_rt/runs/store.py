"""Run queries and the status transition table, the one place that says which status may follow
which: the queue SQL (``queue.py``), the worker, the API and the CLI write statuses only through
``transition`` or statements whose pairs ``require`` has checked.

Every function takes a session (the caller owns the transaction) and raises domain errors.
"""

from __future__ import annotations

import itertools
import posixpath
import uuid
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    delete,
    func,
    insert,
    or_,
    select,
    tuple_,
    type_coerce,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.types import NullType

from tunix_rt import pagination
from tunix_rt.db import json_array_contains, utcnow
from tunix_rt.errors import Conflict, NotFound
from tunix_rt.evaluation.tables import RegressionBaseline
from tunix_rt.runs import notify, tiers
from tunix_rt.runs.kinds import RunRefs
from tunix_rt.runs.status import RunStatus as RunStatus  # re-exported: callers name it beside TRANSITIONS
from tunix_rt.runs.tables import Run, RunArtifact, RunLog, RunMetric, RunMetricTier, Worker

TRANSITIONS: dict[RunStatus, frozenset[RunStatus]] = {
    # claimed by a worker, or cancelled before it started
    RunStatus.QUEUED: frozenset({RunStatus.RUNNING, RunStatus.CANCELLED}),
    # finished, asked to stop, or handed back (lease expired, worker stopping)
    RunStatus.RUNNING: frozenset({RunStatus.SUCCEEDED, RunStatus.FAILED, RunStatus.CANCEL_REQUESTED, RunStatus.QUEUED}),
    # the child may finish on its own before the signal lands
    RunStatus.CANCEL_REQUESTED: frozenset({RunStatus.CANCELLED, RunStatus.SUCCEEDED, RunStatus.FAILED}),
    RunStatus.SUCCEEDED: frozenset(),
    RunStatus.FAILED: frozenset(),
    RunStatus.CANCELLED: frozenset(),
}
TERMINAL = frozenset(status for status, nexts in TRANSITIONS.items() if not nexts)
ACTIVE = frozenset({RunStatus.RUNNING, RunStatus.CANCEL_REQUESTED})


def sources_of(target: RunStatus) -> tuple[RunStatus, ...]:
    """The statuses a run may be in for ``target`` to be written; the WHERE of every status write."""
    return tuple(sorted(status for status, nexts in TRANSITIONS.items() if target in nexts))


def require(source: RunStatus, target: RunStatus) -> None:
    """Fails loudly when code would write a transition the table does not allow."""
    if target not in TRANSITIONS[source]:
        raise ValueError(f"a run cannot go from {source} to {target}")


async def transition(
    session: AsyncSession, run_id: uuid.UUID, target: RunStatus, *where: ColumnElement[bool], **values: Any
) -> Run | None:
    """Move one run to ``target`` if its current status allows it (and ``where`` holds), in a
    single conditional UPDATE so concurrent writers cannot both win; None when nothing changed."""
    stmt = (
        update(Run)
        .where(Run.id == run_id, Run.status.in_(sources_of(target)), *where)
        .values(status=target, updated_at=utcnow(), **values)
        .returning(Run)
        .execution_options(populate_existing=True)
    )
    notify.mark(session, [run_id])
    return (await session.execute(stmt)).scalar_one_or_none()


@dataclass(frozen=True)
class RunFilters:
    kind: str | None = None
    status: RunStatus | None = None
    dataset: str | None = None
    model: str | None = None
    tag: str | None = None
    parent: uuid.UUID | None = None
    created_after: datetime | None = None
    created_before: datetime | None = None

    def apply(self, stmt: Select[Any]) -> Select[Any]:
        if self.kind is not None:
            stmt = stmt.where(Run.kind == self.kind)
        if self.status is not None:
            stmt = stmt.where(Run.status == self.status)
        if self.dataset is not None:
            stmt = stmt.where(or_(Run.dataset_key == self.dataset, Run.evalset_key == self.dataset))
        if self.model is not None:
            stmt = stmt.where(Run.model == self.model)
        if self.tag is not None:
            stmt = stmt.where(json_array_contains(Run.tags, self.tag))
        if self.parent is not None:
            stmt = stmt.where(Run.parent_id == self.parent)
        if self.created_after is not None:
            stmt = stmt.where(Run.created_at >= self.created_after)
        if self.created_before is not None:
            stmt = stmt.where(Run.created_at < self.created_before)
        return stmt


async def submit(
    session: AsyncSession,
    kind: str,
    config: dict[str, Any],
    refs: RunRefs,
    *,
    tags: Sequence[str] = (),
    priority: int = 0,
    retry_of: uuid.UUID | None = None,
    parent_id: uuid.UUID | None = None,
    submitted_by: str | None = None,
    name: str | None = None,
    notes: str | None = None,
) -> Run:
    """Queue a run whose config the kind has already validated; ``parent_id`` names the run
    that submitted it (a sweep's trials), whose cancellation cancels it too; ``submitted_by``
    the token that queued it; ``name`` and ``notes`` are the user's words about it."""
    now = utcnow()
    run = Run(
        id=uuid.uuid4(),
        kind=kind,
        name=name,
        notes=notes,
        status=RunStatus.QUEUED,
        config=config,
        dataset_key=refs.dataset_key,
        evalset_key=refs.evalset_key,
        model=refs.model,
        devices=refs.devices,
        tags=list(tags),
        priority=priority,
        attempts=0,
        retry_of=retry_of,
        parent_id=parent_id,
        submitted_by=submitted_by,
        created_at=now,
        updated_at=now,
    )
    session.add(run)
    await session.flush()
    return run


async def queued_by(session: AsyncSession, submitted_by: str | None) -> int:
    """How many runs the token (None: callers without one) has waiting in the queue."""
    owner = Run.submitted_by.is_(None) if submitted_by is None else Run.submitted_by == submitted_by
    stmt = select(func.count()).select_from(Run).where(Run.status == RunStatus.QUEUED, owner)
    return int((await session.execute(stmt)).scalar_one())


async def get(session: AsyncSession, run_id: uuid.UUID) -> Run:
    run = await session.get(Run, run_id, populate_existing=True)
    if run is None:
        raise NotFound(f"run {run_id} does not exist")
    return run


async def references_to(session: AsyncSession, key: str) -> list[uuid.UUID]:
    """Ids of runs (any status) that use ``key`` as their dataset or eval set, oldest first;
    the datasets feature refuses to delete a snapshot while this is not empty."""
    stmt = select(Run.id).where(or_(Run.dataset_key == key, Run.evalset_key == key)).order_by(Run.created_at, Run.id)
    return list((await session.execute(stmt)).scalars())


async def list_page(
    session: AsyncSession, filters: RunFilters, limit: int, cursor: str | None
) -> tuple[list[Run], str | None]:
    """Newest first, keyset-paged."""
    stmt = filters.apply(select(Run)).order_by(Run.created_at.desc(), Run.id.desc()).limit(limit + 1)
    if cursor:
        stmt = stmt.where(tuple_(Run.created_at, Run.id) < tuple_(*pagination.decode_time_id(cursor)))
    runs = list((await session.execute(stmt)).scalars())
    if len(runs) > limit:
        runs = runs[:limit]
        return runs, pagination.encode_time_id(runs[-1].created_at, runs[-1].id)
    return runs, None


async def cancel(session: AsyncSession, run_id: uuid.UUID) -> Run:
    """A queued run is cancelled at once; a running one is asked to stop (its worker signals the
    child within a poll interval); asking twice is harmless; a finished run is a conflict.
    Unfinished runs it submitted (``parent_id``: a sweep's trials) are cancelled the same way."""
    now = utcnow()
    run = await transition(session, run_id, RunStatus.CANCELLED, Run.status == RunStatus.QUEUED, finished_at=now)
    run = run or await transition(session, run_id, RunStatus.CANCEL_REQUESTED)
    if run is not None:
        await cancel_children(session, run_id)
        return run
    run = await get(session, run_id)
    if run.status in TERMINAL:
        raise Conflict(f"run {run_id} is already {run.status}")
    return run


async def cancel_children(session: AsyncSession, parent_id: uuid.UUID) -> list[uuid.UUID]:
    """Cancel every unfinished run whose parent is ``parent_id`` (queued ones at once, running
    ones asked to stop), in two statements; returns their ids."""
    now = utcnow()
    touched: list[uuid.UUID] = []
    for target, source, values in (
        (RunStatus.CANCELLED, RunStatus.QUEUED, {"finished_at": now}),
        (RunStatus.CANCEL_REQUESTED, RunStatus.RUNNING, {}),
    ):
        require(source, target)
        stmt = (
            update(Run)
            .where(Run.parent_id == parent_id, Run.status == source)
            .values(status=target, updated_at=now, **values)
            .returning(Run.id)
        )
        touched.extend((await session.execute(stmt)).scalars())
    return touched


async def retry(session: AsyncSession, run_id: uuid.UUID, *, submitted_by: str | None = None) -> Run:
    """A new run with the same kind, config, tags, priority and name as a failed or cancelled
    one, queued by ``submitted_by`` (its notes stay with the original, which they describe)."""
    original = await get(session, run_id)
    if original.status not in (RunStatus.FAILED, RunStatus.CANCELLED):
        raise Conflict(f"run {run_id} is {original.status}; only failed or cancelled runs can be retried")
    refs = RunRefs(original.dataset_key, original.evalset_key, original.model, original.devices)
    return await submit(
        session,
        original.kind,
        dict(original.config),
        refs,
        tags=original.tags,
        priority=original.priority,
        retry_of=original.id,
        submitted_by=submitted_by,
        name=original.name,
    )


ANNOTATIONS = frozenset({"name", "notes"})
"""What ``annotate`` may change: the user's words about a run, never what it does."""


async def annotate(session: AsyncSession, run_id: uuid.UUID, changes: Mapping[str, str | None]) -> Run:
    """Set, or clear with None, the fields named in ``changes`` (``ANNOTATIONS`` only), in
    any status: a name or a note changes nothing a run does, so even a running one takes them."""
    unknown = set(changes) - ANNOTATIONS
    if unknown:
        raise ValueError(f"not a run annotation: {sorted(unknown)}")
    run = await get(session, run_id)
    for field, value in changes.items():
        setattr(run, field, value)
    run.updated_at = utcnow()
    await session.flush()
    return run


RESUMABLE_FROM = frozenset({RunStatus.FAILED, RunStatus.CANCELLED})


def resume_refusal(run: Run, resumable_kinds: Collection[str]) -> str | None:
    """Why ``run`` cannot be resumed, or None when it can: it must have stopped early (failed or
    cancelled), be of a kind that continues from a checkpoint, and have recorded one."""
    if run.status not in RESUMABLE_FROM:
        return f"run {run.id} is {run.status}; only failed or cancelled runs can be resumed"
    if run.kind not in resumable_kinds:
        return f"runs of kind '{run.kind}' cannot continue from a checkpoint; retry it instead"
    if not run.last_checkpoint:
        return f"run {run.id} recorded no checkpoint; retry it instead"
    return None


async def resume(
    session: AsyncSession, run_id: uuid.UUID, resumable_kinds: Collection[str], *, submitted_by: str | None = None
) -> Run:
    """A new run like ``retry`` makes, that continues from the original's last checkpoint.

    The checkpoint stays in the original's folder: the new run's ``last_checkpoint`` points at it
    relative to the new run's own folder (``../<original id>/<checkpoint>``, which the worker hands
    the child as ``resume_from``), so the new run writes its own checkpoints into its own folder
    and a resumed run can itself be resumed. Deleting the original before the new run starts
    makes the new one fail with a missing checkpoint."""
    original = await get(session, run_id)
    refusal = resume_refusal(original, resumable_kinds)
    if refusal is not None:
        raise Conflict(refusal)
    assert original.last_checkpoint is not None
    run = await retry(session, run_id, submitted_by=submitted_by)
    run.last_checkpoint = posixpath.normpath(f"../{original.id}/{original.last_checkpoint}")
    await session.flush()
    return run


async def remove(session: AsyncSession, run_id: uuid.UUID) -> None:
    """Delete a run with its logs, metrics and artifact records; refused while it runs, and
    while a regression baseline stands on it (as the run, or as the evaluation it recorded)."""
    baselines = list(
        (
            await session.execute(
                select(RegressionBaseline.name)
                .where(or_(RegressionBaseline.run_id == run_id, RegressionBaseline.evaluation_id == run_id))
                .order_by(RegressionBaseline.name)
            )
        ).scalars()
    )
    if baselines:
        named = ", ".join(repr(name) for name in baselines)
        raise Conflict(
            f"run {run_id} is the regression baseline {named}; delete the baseline first", baselines=baselines
        )
    result = await session.execute(delete(Run).where(Run.id == run_id, Run.status.not_in(ACTIVE)).returning(Run.id))
    notify.mark(session, [run_id])
    if result.first() is None:
        run = await get(session, run_id)
        raise Conflict(f"run {run_id} is {run.status}; cancel it before deleting")


async def next_seq(session: AsyncSession, run_id: uuid.UUID) -> int:
    """The sequence number the next log line gets (numbering continues across attempts)."""
    last = (await session.execute(select(func.max(RunLog.seq)).where(RunLog.run_id == run_id))).scalar_one()
    return int(last or 0) + 1


async def add_logs(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> None:
    """Insert log lines (``run_id``, ``seq``, ``stream``, ``line``, ``created_at``) in one
    statement, and announce them to the runs' followers (``runs/notify.py``) with the commit."""
    if rows:
        await session.execute(insert(RunLog), list(rows))
        await notify.announce(session, {row["run_id"] for row in rows})


def upsert_statement(
    session: AsyncSession, model: type[Any], keys: Sequence[str], rows: Sequence[dict[str, Any]]
) -> Any:
    """An INSERT of ``rows`` into ``model`` that updates the other columns of a row whose ``keys``
    exist (both databases' ON CONFLICT); also how ``rollouts/store.py`` replaces re-recorded rows."""
    dialect_insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    stmt = dialect_insert(model)
    updated = {name: stmt.excluded[name] for name in rows[0] if name not in keys}
    return stmt.on_conflict_do_update(index_elements=list(keys), set_=updated)


async def upsert_metrics(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> None:
    """Metric points (``run_id``, ``name``, ``step``, ``value``, ``recorded_at``); a step reported
    again (a run resumed from an earlier checkpoint) replaces the old value. The series' tiers
    are brought up to date in the same transaction, so a live run's newest points are drawn, and
    the runs' followers are told (``runs/notify.py``), so their curves are redrawn without polling."""
    if rows:
        await session.execute(upsert_statement(session, RunMetric, ("run_id", "name", "step"), rows), list(rows))
        await _refresh_tiers(session, rows)
        await notify.announce(session, {row["run_id"] for row in rows})


_CORNERS = [getattr(RunMetricTier, column) for column in tiers.COLUMNS]


async def _refresh_tiers(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> None:
    """Recompute the tier buckets the points ``rows`` fall in: the finest from the stored points
    of the step range they cover, each coarser one from the four buckets below it. Not merged
    into the old bucket, as a replaced point may have been its extreme. Three statements whatever
    the levels (one read of the points, one of the neighbouring buckets of every level, one
    write), as the worker does this for every batch of a live run; they read the batch's own
    points plus at most a finest bucket's worth at each end, and at most three buckets each side
    per level above. A 10-step batch of two series costs 2.8x what the points alone do
    (``benchmarks/curves.py``)."""
    spans: dict[tuple[uuid.UUID, str], tuple[int, int]] = {}
    for row in rows:
        key, bucket = (row["run_id"], row["name"]), row["step"] >> tiers.FINEST
        low, high = spans.get(key, (bucket, bucket))
        spans[key] = (min(low, bucket), max(high, bucket))
    points = (
        select(RunMetric.run_id, RunMetric.name, RunMetric.step, RunMetric.value)
        .where(
            or_(
                *(
                    and_(
                        RunMetric.run_id == run_id,
                        RunMetric.name == name,
                        RunMetric.step >= low << tiers.FINEST,
                        RunMetric.step < (high + 1) << tiers.FINEST,
                    )
                    for (run_id, name), (low, high) in spans.items()
                )
            )
        )
        .order_by(RunMetric.run_id, RunMetric.name, RunMetric.step)
    )
    # the children of every touched bucket above the finest that no point of the batch fell in
    # (those are recomputed below): a few keys each side per level, looked up by primary key
    siblings = [
        (run_id, name, below, child)
        for (run_id, name), (low, high) in spans.items()
        for below, level in itertools.pairwise(tiers.LEVELS)
        for child in range(
            (low >> (level - tiers.FINEST)) << (level - below),
            ((high >> (level - tiers.FINEST)) + 1) << (level - below),
        )
        if not low >> (below - tiers.FINEST) <= child <= high >> (below - tiers.FINEST)
    ]
    neighbours = select(RunMetricTier.run_id, RunMetricTier.name, RunMetricTier.level, RunMetricTier.bucket, *_CORNERS)
    neighbours = neighbours.where(
        tuple_(RunMetricTier.run_id, RunMetricTier.name, RunMetricTier.level, RunMetricTier.bucket).in_(siblings)
    )
    stored: dict[int, dict[tuple[tuple[uuid.UUID, str], int], tiers.Corners]] = {level: {} for level in tiers.LEVELS}
    for run_id, name, level, bucket, *corners in (await session.execute(neighbours)).all():
        stored[level][((run_id, name), bucket)] = tiers.stored(corners)
    found = (
        ((run_id, name), int(step), tiers.point(int(step), float(value)))
        for run_id, name, step, value in (await session.execute(points)).all()
    )
    fresh: dict[int, dict[tuple[tuple[uuid.UUID, str], int], tiers.Corners]] = {
        tiers.FINEST: {(key, bucket): corners for key, bucket, corners in tiers.grouped(found, tiers.FINEST)}
    }
    for below, level in itertools.pairwise(tiers.LEVELS):
        children = sorted({**stored[below], **fresh[below]}.items())
        parents = tiers.grouped(((key, bucket, corners) for (key, bucket), corners in children), level - below)
        fresh[level] = {(key, bucket): corners for key, bucket, corners in parents}
    written = [
        {"run_id": run_id, "name": name, "level": level, "bucket": bucket, **corners.row()}
        for level, buckets in fresh.items()
        for ((run_id, name), bucket), corners in buckets.items()
    ]
    if written:
        await session.execute(
            upsert_statement(session, RunMetricTier, ("run_id", "name", "level", "bucket"), written), written
        )


async def upsert_artifacts(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        await session.execute(upsert_statement(session, RunArtifact, ("run_id", "path"), rows), list(rows))


async def set_checkpoint(session: AsyncSession, run_id: uuid.UUID, path: str) -> None:
    await session.execute(update(Run).where(Run.id == run_id).values(last_checkpoint=path))


async def logs_after(session: AsyncSession, run_id: uuid.UUID, after: int, limit: int) -> list[RunLog]:
    stmt = select(RunLog).where(RunLog.run_id == run_id, RunLog.seq > after).order_by(RunLog.seq).limit(limit)
    return list((await session.execute(stmt)).scalars())


async def metric_names(session: AsyncSession, run_id: uuid.UUID) -> list[str]:
    """The run's series (from their coarsest tier: a row or so each, not every point)."""
    stmt = (
        select(RunMetricTier.name)
        .where(RunMetricTier.run_id == run_id, RunMetricTier.level == tiers.COARSEST)
        .distinct()
        .order_by(RunMetricTier.name)
    )
    return list((await session.execute(stmt)).scalars())


async def metrics_mark(session: AsyncSession, run_id: uuid.UUID) -> tuple[int, int]:
    """How many metric points the run's series hold, and their newest step ((0, -1) before the
    first): it changes whenever points are added, which tells a log follower its curves grew.
    From the coarsest tier, a row or so per series, so a notified reader can afford it."""
    stmt = select(
        func.coalesce(func.sum(RunMetricTier.points), 0), func.coalesce(func.max(RunMetricTier.last_step), -1)
    )
    points, step = (
        await session.execute(stmt.where(RunMetricTier.run_id == run_id, RunMetricTier.level == tiers.COARSEST))
    ).one()
    return int(points), int(step)


async def metric_points(
    session: AsyncSession, run_id: uuid.UUID, name: str, *, after_step: int | None = None
) -> list[tuple[int, float, datetime]]:
    """One series in step order; only the steps past ``after_step`` when a follower has the rest."""
    stmt = (
        select(RunMetric.step, RunMetric.value, RunMetric.recorded_at)
        .where(RunMetric.run_id == run_id, RunMetric.name == name)
        .order_by(RunMetric.step)
    )
    if after_step is not None:
        stmt = stmt.where(RunMetric.step > after_step)
    return [(int(step), float(value), at) for step, value, at in (await session.execute(stmt)).all()]


async def existing(session: AsyncSession, run_ids: Collection[uuid.UUID]) -> set[uuid.UUID]:
    """Which of ``run_ids`` are runs."""
    return set((await session.execute(select(Run.id).where(Run.id.in_(run_ids)))).scalars())


def _series_filter(run_ids: Collection[uuid.UUID], names: Collection[str] | None) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [RunMetric.run_id.in_(run_ids)]
    if names is not None:
        where.append(RunMetric.name.in_(names))
    return where


@dataclass(frozen=True)
class SeriesExtent:
    count: int
    first: int
    last: int

    @property
    def span(self) -> int:
        """Steps from the first to the last, both included."""
        return self.last - self.first + 1


async def metric_extents(
    session: AsyncSession, run_ids: Collection[uuid.UUID], names: Collection[str] | None
) -> dict[tuple[uuid.UUID, str], SeriesExtent]:
    """Points stored and first/last step per (run, series) of these runs (every series when
    ``names`` is None), so a budget can be split and a bucket width chosen before any point is
    read; from the coarsest tier, a row per series under a million steps."""
    where = [RunMetricTier.run_id.in_(run_ids), RunMetricTier.level == tiers.COARSEST]
    if names is not None:
        where.append(RunMetricTier.name.in_(names))
    stmt = (
        select(
            RunMetricTier.run_id,
            RunMetricTier.name,
            func.sum(RunMetricTier.points),
            func.min(RunMetricTier.first_step),
            func.max(RunMetricTier.last_step),
        )
        .where(*where)
        .group_by(RunMetricTier.run_id, RunMetricTier.name)
    )
    return {
        (run_id, name): SeriesExtent(int(count), int(first), int(last))
        for run_id, name, count, first, last in (await session.execute(stmt)).all()
    }


async def metric_arrays(
    session: AsyncSession, run_ids: Collection[uuid.UUID], names: Collection[str] | None
) -> dict[tuple[uuid.UUID, str], tuple[list[int], list[float]]]:
    """Steps and values per (run, series), in step order. PostgreSQL aggregates each series into
    two arrays (one row per series instead of one per point: several times faster to read);
    SQLite returns the points, grouped here."""
    where = _series_filter(run_ids, names)
    out: dict[tuple[uuid.UUID, str], tuple[list[int], list[float]]] = {}
    if session.get_bind().dialect.name == "postgresql":
        stmt = (
            select(
                RunMetric.run_id,
                RunMetric.name,
                # untyped, so the driver's lists come through as they are: typed, SQLAlchemy would
                # convert every element in Python, which took twice as long as the query
                type_coerce(func.array_agg(postgresql.aggregate_order_by(RunMetric.step, RunMetric.step)), NullType()),
                type_coerce(func.array_agg(postgresql.aggregate_order_by(RunMetric.value, RunMetric.step)), NullType()),
            )
            .where(*where)
            .group_by(RunMetric.run_id, RunMetric.name)
        )
        for run_id, name, step_array, value_array in (await session.execute(stmt)).all():
            out[(run_id, name)] = (cast("list[int]", step_array), cast("list[float]", value_array))
        return out
    points = (
        select(RunMetric.run_id, RunMetric.name, RunMetric.step, RunMetric.value)
        .where(*where)
        .order_by(RunMetric.run_id, RunMetric.name, RunMetric.step)
    )
    for run_id, name, step, value in (await session.execute(points)).all():
        steps, values = out.setdefault((run_id, name), ([], []))
        steps.append(int(step))
        values.append(float(value))
    return out


async def metric_buckets(
    session: AsyncSession, run_ids: Collection[uuid.UUID], names: Collection[str] | None, width: int
) -> dict[tuple[uuid.UUID, str], tuple[list[int], list[float]]]:
    """Each series of these runs reduced before it is read (M4): its steps cut into buckets of
    ``width`` steps (``step // width``), and of each bucket only the first, last, lowest and
    highest point kept (at most four, fewer where they coincide; among equal values the earliest
    step). Drawn at a bucket per pixel that is the picture every point would give, so a
    downsampler working on it still sees each spike and extreme while a fraction of the rows
    leaves the database. Steps and values per (run, series), in step order.

    Read from the tiers (``runs/tiers.py``), not the points: ``width`` is a power of two at
    least the finest tier's (``downsample.bucket_width``), so each bucket is the exact merge of
    at most four buckets of the tier at or below it, and the rows read are a few per bucket
    however long the series."""
    shift = width.bit_length() - 1
    if width != 1 << shift or shift < tiers.FINEST:
        raise ValueError(f"bucket width must be a power of two of at least {1 << tiers.FINEST}, not {width}")
    level = max(level for level in tiers.LEVELS if level <= shift)
    where = [RunMetricTier.run_id.in_(run_ids), RunMetricTier.level == level]
    if names is not None:
        where.append(RunMetricTier.name.in_(names))
    series: Iterable[tuple[uuid.UUID, str, Sequence[int], Iterable[tiers.Corners]]]
    if session.get_bind().dialect.name == "postgresql":
        # a row per series with a column's buckets in an array each, as in metric_arrays: a
        # fraction of the time of a row per bucket, tens of thousands of them for an overlay
        arrays = [
            type_coerce(func.array_agg(postgresql.aggregate_order_by(column, RunMetricTier.bucket)), NullType())
            for column in (RunMetricTier.bucket, *_CORNERS)
        ]
        stmt = select(RunMetricTier.run_id, RunMetricTier.name, *arrays).where(*where)
        stmt = stmt.group_by(RunMetricTier.run_id, RunMetricTier.name)
        series = (
            (run_id, name, cast("list[int]", buckets), map(tiers.Corners, *columns))
            for run_id, name, buckets, *columns in (await session.execute(stmt)).all()
        )
    else:
        stmt = (
            select(RunMetricTier.run_id, RunMetricTier.name, RunMetricTier.bucket, *_CORNERS)
            .where(*where)
            .order_by(RunMetricTier.run_id, RunMetricTier.name, RunMetricTier.bucket)
        )
        grouped = itertools.groupby((await session.execute(stmt)).all(), key=lambda row: (row[0], row[1]))
        series = (
            (run_id, name, [row[2] for row in rows], [tiers.stored(row[3:]) for row in rows])
            for (run_id, name), group in grouped
            for rows in [list(group)]
        )
    out: dict[tuple[uuid.UUID, str], tuple[list[int], list[float]]] = {}
    for run_id, name, buckets, corners in series:
        if shift > level:
            corners = tiers.widened(buckets, corners, shift - level)
        out[(run_id, name)] = tiers.m4(corners)
    return out


async def metric_times(session: AsyncSession, run_id: uuid.UUID, name: str, steps: Collection[int]) -> list[datetime]:
    """When each of ``steps`` of one series was recorded, in step order (primary-key lookups, for
    the few points a reduced series keeps)."""
    stmt = (
        select(RunMetric.recorded_at)
        .where(RunMetric.run_id == run_id, RunMetric.name == name, RunMetric.step.in_(list(steps)))
        .order_by(RunMetric.step)
    )
    return list((await session.execute(stmt)).scalars())


async def artifact_records(session: AsyncSession, run_id: uuid.UUID) -> list[RunArtifact]:
    stmt = select(RunArtifact).where(RunArtifact.run_id == run_id).order_by(RunArtifact.path)
    return list((await session.execute(stmt)).scalars())


@dataclass(frozen=True)
class WorkerState:
    worker: Worker
    age_seconds: float
    alive: bool


@dataclass(frozen=True)
class Summary:
    by_status: dict[RunStatus, int]
    queued_by_kind: dict[str, int]
    workers: list[WorkerState]
    generated_at: datetime


async def summary(session: AsyncSession, lease_seconds: float) -> Summary:
    """Runs by status (every status, zeros included), queued runs by kind, and each registered
    worker with its heartbeat age; alive means it heartbeated within ``lease_seconds``."""
    now = utcnow()
    counts = {
        status: int(count)
        for status, count in (await session.execute(select(Run.status, func.count()).group_by(Run.status))).all()
    }
    queued = (
        await session.execute(
            select(Run.kind, func.count()).where(Run.status == RunStatus.QUEUED).group_by(Run.kind).order_by(Run.kind)
        )
    ).all()
    workers = (await session.execute(select(Worker).order_by(Worker.id))).scalars()
    cutoff = now - timedelta(seconds=lease_seconds)
    return Summary(
        by_status={status: counts.get(status.value, 0) for status in RunStatus},
        queued_by_kind={kind: int(count) for kind, count in queued},
        workers=[
            WorkerState(w, max(0.0, (now - w.heartbeat_at).total_seconds()), w.heartbeat_at >= cutoff) for w in workers
        ],
        generated_at=now,
    )


@dataclass(frozen=True)
class QueueHealth:
    queued: int
    live_workers: int


async def queue_health(session: AsyncSession, lease_seconds: float) -> QueueHealth:
    """How many runs wait and how many workers heartbeated within ``lease_seconds``: queued
    runs with no live worker is the state health must call degraded (they wait forever)."""
    cutoff = utcnow() - timedelta(seconds=lease_seconds)
    queued = await session.scalar(select(func.count()).select_from(Run).where(Run.status == RunStatus.QUEUED))
    live = await session.scalar(select(func.count()).select_from(Worker).where(Worker.heartbeat_at >= cutoff))
    return QueueHealth(int(queued or 0), int(live or 0))
