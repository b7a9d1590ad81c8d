"""Trace queries: ingest with dedupe, keyset listing, filters, export, tags, compare, stats.

Every function takes a session (the caller owns the transaction) and raises domain errors;
the API, the CLI and later the dataset builder call these same functions.
"""

from __future__ import annotations

import difflib
import uuid
from collections.abc import AsyncIterator, Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal, cast

import orjson
from sqlalchemy import Row, Select, Subquery, Table, delete, func, select, text, tuple_
from sqlalchemy.dialects import sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tunix_rt import pagination
from tunix_rt.db import json_array_contains, json_text, utcnow
from tunix_rt.errors import Conflict, Invalid, NotFound
from tunix_rt.traces.tables import Trace

if TYPE_CHECKING:
    # Writes need these; listing does not, and `tunix-rt traces list` must not pay for the
    # quality checker's patterns and the trace schemas (imported in the functions that write).
    from tunix_rt.settings import TraceLimits
    from tunix_rt.traces.io import ItemError
    from tunix_rt.traces.quality import QualityReport
    from tunix_rt.traces.schema import TagsUpdate, TraceDict

_TABLE = cast(Table, Trace.__table__)
SUMMARY_COLUMNS = (
    Trace.id,
    Trace.prompt,
    Trace.final_answer,
    Trace.step_count,
    Trace.source,
    Trace.tags,
    Trace.meta,
    Trace.quality_ok,
    Trace.quality_flags,
    Trace.created_at,
)


@dataclass(frozen=True)
class TraceFilters:
    """The selection language shared by listing, export and (later) dataset builds."""

    source: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    tag: str | None = None
    created_after: datetime | None = None
    created_before: datetime | None = None
    q: str | None = None
    quality: Literal["ok", "flagged"] | None = None
    flag: str | None = None
    ids: tuple[uuid.UUID, ...] = ()
    min_steps: int | None = None
    max_steps: int | None = None
    exclude_flags: tuple[str, ...] = ()
    arithmetic: Literal["verified", "unchecked", "wrong"] | None = None
    answer_check: Literal["stated", "not_stated"] | None = None
    within: Select[Any] | None = None
    """Only traces whose id this one-column select returns (e.g. a dataset's members): the caller's
    feature owns that query, so the traces store needs no knowledge of other tables."""

    def apply(self, stmt: Select[Any]) -> Select[Any]:
        if self.source is not None:
            stmt = stmt.where(Trace.source == self.source)
        for key, value in self.meta.items():
            stmt = stmt.where(json_text(Trace.meta, key) == value)
        if self.tag is not None:
            stmt = stmt.where(json_array_contains(Trace.tags, self.tag))
        if self.created_after is not None:
            stmt = stmt.where(Trace.created_at >= self.created_after)
        if self.created_before is not None:
            stmt = stmt.where(Trace.created_at < self.created_before)
        if self.q:
            # autoescape: q is text to find, so its % and _ must not act as LIKE wildcards
            stmt = stmt.where(
                Trace.prompt.icontains(self.q, autoescape=True) | Trace.final_answer.icontains(self.q, autoescape=True)
            )
        if self.quality is not None:
            stmt = stmt.where(Trace.quality_ok.is_(self.quality == "ok"))
        if self.flag is not None:
            stmt = stmt.where(json_array_contains(Trace.quality_flags, self.flag))
        if self.ids:
            stmt = stmt.where(Trace.id.in_(self.ids))
        return self._apply_quality(stmt)

    def _apply_quality(self, stmt: Select[Any]) -> Select[Any]:
        """Thresholds on the ingest quality report (dataset builds); JSON paths work on both databases."""
        if self.min_steps is not None:
            stmt = stmt.where(Trace.step_count >= self.min_steps)
        if self.max_steps is not None:
            stmt = stmt.where(Trace.step_count <= self.max_steps)
        for flag in self.exclude_flags:
            stmt = stmt.where(~json_array_contains(Trace.quality_flags, flag))
        if self.arithmetic is not None:
            wrong = json_array_contains(Trace.quality_flags, "arithmetic_error")
            checked = Trace.quality[("stats", "arithmetic_checked")].as_integer()
            condition = {"wrong": wrong, "verified": ~wrong & (checked > 0), "unchecked": checked == 0}
            stmt = stmt.where(condition[self.arithmetic])
        if self.answer_check is not None:
            missed = json_array_contains(Trace.quality_flags, "answer_not_in_steps") | json_array_contains(
                Trace.quality_flags, "answer_missing"
            )
            stmt = stmt.where(missed if self.answer_check == "not_stated" else ~missed)
        if self.within is not None:
            stmt = stmt.where(Trace.id.in_(self.within))
        return stmt


@dataclass(frozen=True)
class Ingested:
    index: int
    id: uuid.UUID
    created: bool


@dataclass
class IngestOutcome:
    items: list[Ingested] = field(default_factory=list)
    errors: list[ItemError] = field(default_factory=list)

    @property
    def created(self) -> int:
        return sum(item.created for item in self.items)

    @property
    def duplicates(self) -> int:
        return len(self.items) - self.created


CONTENT_IDS = uuid.UUID("5f1d7c62-2b8e-4a0c-9d3e-6b7a1c2e4f80")
"""The namespace of the ids the store gives traces that bring none (uuid5 of the content hash)."""


def _row(trace: TraceDict, report: QualityReport, digest: str, source: str | None, now: datetime) -> dict[str, Any]:
    """A new trace's table row. A trace that brings no id gets one derived from its content: a
    dataset's order, random selection and split are keyed by trace id, so with random ids the
    same traces imported into two homes built differently ordered datasets, and the same seed
    trained a different model in each (a tiny model's held-out accuracy moved from 0.44 to 0.18
    on synthetic traces, and a distilled student's from 0.32 to 0.18 on sampled ones). Same
    content, same id: the same build trains the same model anywhere."""
    return {
        "id": trace["id"] or uuid.uuid5(CONTENT_IDS, digest),
        "content_hash": digest,
        "trace_version": trace["trace_version"],
        "prompt": trace["prompt"],
        "final_answer": trace["final_answer"],
        "steps": trace["steps"],
        "meta": trace["meta"],
        "tags": trace["tags"],
        "source": trace["source"] or source,
        "step_count": len(trace["steps"]),
        "quality_ok": report["ok"],
        "quality_flags": report["flags"],
        "quality": report,
        "created_at": trace["created_at"] or now,
    }


# Every column a new trace row fills, in table order (benchmarks load rows with the same list).
INSERT_COLUMNS = (
    "id",
    "content_hash",
    "trace_version",
    "prompt",
    "final_answer",
    "steps",
    "meta",
    "tags",
    "source",
    "step_count",
    "quality_ok",
    "quality_flags",
    "quality",
    "created_at",
)
JSON_COLUMNS = frozenset({"steps", "meta", "tags", "quality_flags", "quality"})
_COPY_COLUMNS = tuple((column, column in JSON_COLUMNS) for column in INSERT_COLUMNS)
_STAGING = "traces_ingest_staging"
_PG_CREATE_STAGING = text(f"CREATE TEMPORARY TABLE IF NOT EXISTS {_STAGING} (LIKE traces)")
# The DELETE empties the staging table in the same statement, so the next batch of the same
# transaction (a CLI import writes many) starts from an empty one.
_PG_INSERT_STAGED = (
    f"WITH staged AS (DELETE FROM {_STAGING} RETURNING *) "
    f"INSERT INTO traces ({', '.join(INSERT_COLUMNS)}) SELECT {', '.join(INSERT_COLUMNS)} FROM staged "
    "ON CONFLICT DO NOTHING RETURNING content_hash"
)


async def _insert_new(session: AsyncSession, rows: list[dict[str, Any]]) -> list[tuple[uuid.UUID, str]]:
    """Insert rows whose content is not stored yet; returns (id, hash) of those actually inserted.

    On PostgreSQL the batch is COPYed (binary) into a temporary staging table of this
    connection and moved with one ``INSERT ... SELECT ... ON CONFLICT DO NOTHING`` (COPY cannot
    skip conflicts itself); this beat the former ``INSERT ... SELECT FROM unnest(arrays)`` sent
    through SQLAlchemy (docs/benchmarks.md). The staging table is created through the session,
    which also opens SQLAlchemy's transaction on the connection, so the COPY on the driver
    connection runs inside it. JSON goes pre-serialised by orjson.
    """
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(_PG_CREATE_STAGING)
        driver = (await (await session.connection()).get_raw_connection()).driver_connection
        assert driver is not None, "an open session has a driver connection"
        dumps = orjson.dumps
        # the COPY's columns in INSERT_COLUMNS' order, JSON pre-serialised
        records = [
            tuple(dumps(row[column]).decode() if is_json else row[column] for column, is_json in _COPY_COLUMNS)
            for row in rows
        ]
        await driver.copy_records_to_table(_STAGING, records=records, columns=INSERT_COLUMNS)
        id_of = {row["content_hash"]: row["id"] for row in rows}
        return [(id_of[digest], digest) for (digest,) in await driver.fetch(_PG_INSERT_STAGED)]
    stmt = sqlite.insert(_TABLE).on_conflict_do_nothing().returning(_TABLE.c.id, _TABLE.c.content_hash)
    return [(trace_id, digest) for trace_id, digest in (await session.execute(stmt, rows)).all()]


async def ingest(
    session: AsyncSession, items: Sequence[tuple[int, TraceDict]], *, source: str | None, key: str = "index"
) -> IngestOutcome:
    """Store traces, skipping content already stored; each item gets its id and whether it is new.

    Items are validated plain data (``traces.io`` parses into it; ``TraceIn.plain()`` gives it).

    Dedupe is by content hash, inside the batch and against the table, with
    ``ON CONFLICT DO NOTHING`` so two concurrent batches with the same trace cannot both
    create it. A trace that brings its own id which already belongs to *different* content
    is an item error.
    """
    from tunix_rt.traces.io import ItemError, gc_paused
    from tunix_rt.traces.quality import assess
    from tunix_rt.traces.schema import content_hash

    now = utcnow()
    rows: list[dict[str, Any]] = []
    digest_of: list[str] = []
    first_seen: dict[str, int] = {}
    with gc_paused():  # the rows live until stored, so collecting during this loop frees nothing
        for _index, trace in items:
            digest = content_hash(trace["prompt"], trace["steps"], trace["final_answer"])
            digest_of.append(digest)
            if digest not in first_seen:
                first_seen[digest] = len(rows)
                rows.append(_row(trace, assess(trace), digest, source, now))
    stored: dict[str, uuid.UUID] = {}
    created: set[str] = set()
    if rows:
        for trace_id, digest in await _insert_new(session, rows):
            stored[digest] = trace_id
            created.add(digest)
        missing = [d for d in first_seen if d not in stored]
        for start in range(0, len(missing), 1000):
            chunk = missing[start : start + 1000]
            found = await session.execute(select(Trace.id, Trace.content_hash).where(Trace.content_hash.in_(chunk)))
            stored.update({digest: trace_id for trace_id, digest in found.all()})
    outcome = IngestOutcome()
    claimed: set[str] = set()
    for (index, _trace), digest in zip(items, digest_of, strict=True):
        if digest not in stored:
            outcome.errors.append(
                ItemError(index, ("id",), "this id already belongs to a different trace", "id_conflict", key)
            )
            continue
        is_new = digest in created and digest not in claimed
        claimed.add(digest)
        outcome.items.append(Ingested(index, stored[digest], is_new))
    return outcome


async def get(session: AsyncSession, trace_id: uuid.UUID) -> Trace:
    trace = await session.get(Trace, trace_id)
    if trace is None:
        raise NotFound(f"trace {trace_id} does not exist")
    return trace


async def prompts(session: AsyncSession, trace_ids: Collection[uuid.UUID], limit: int) -> dict[uuid.UUID, str]:
    """The prompts of some traces by id, each cut to ``limit`` characters (an ellipsis marks a
    cut one): what a listing of trace ids shows so a reader sees which traces they are."""
    if not trace_ids:
        return {}
    rows = await session.execute(select(Trace.id, Trace.prompt).where(Trace.id.in_(list(trace_ids))))
    return {trace_id: prompt if len(prompt) <= limit else prompt[: limit - 1] + "…" for trace_id, prompt in rows.all()}


async def remove(session: AsyncSession, trace_id: uuid.UUID) -> None:
    """Delete one trace; one that a dataset holds is refused (the foreign key restricts it), since
    a frozen dataset must keep meaning what it meant."""
    try:
        async with session.begin_nested():
            result = await session.execute(delete(Trace).where(Trace.id == trace_id).returning(Trace.id))
            deleted = result.first() is not None
    except IntegrityError as exc:
        raise Conflict(f"trace {trace_id} is held by a dataset; delete the dataset(s) holding it first") from exc
    if not deleted:
        raise NotFound(f"trace {trace_id} does not exist")


async def update_tags(session: AsyncSession, trace_id: uuid.UUID, update: TagsUpdate, limits: TraceLimits) -> Trace:
    from tunix_rt.traces.schema import validate_tags

    trace = await get(session, trace_id)
    tags = list(trace.tags) if update.tags is None else list(update.tags)
    tags.extend(update.add)
    tags = [tag for tag in tags if tag not in set(update.remove)]
    try:
        trace.tags = validate_tags(tags, limits)
    except ValueError as exc:
        raise Invalid(str(exc), errors=[{"loc": ["tags"], "msg": str(exc), "type": "value_error"}]) from exc
    await session.flush()
    return trace


def _page_query(columns: Sequence[Any], filters: TraceFilters, limit: int, cursor: str | None) -> Select[Any]:
    stmt = filters.apply(select(*columns)).order_by(Trace.created_at.desc(), Trace.id.desc()).limit(limit)
    if cursor:
        created_at, trace_id = pagination.decode_time_id(cursor)
        stmt = stmt.where(tuple_(Trace.created_at, Trace.id) < tuple_(created_at, trace_id))
    return stmt


async def list_page(
    session: AsyncSession, filters: TraceFilters, limit: int, cursor: str | None
) -> tuple[list[dict[str, Any]], str | None]:
    """One page, newest first, by keyset: page 1,000 costs what page 1 costs."""
    result = await session.execute(_page_query(SUMMARY_COLUMNS, filters, limit + 1, cursor))
    rows = [dict(row._mapping) for row in result.all()]
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = pagination.encode_time_id(rows[-1]["created_at"], rows[-1]["id"])
    return rows, next_cursor


EXPORT_COLUMNS = (
    Trace.id,
    Trace.trace_version,
    Trace.prompt,
    Trace.final_answer,
    Trace.steps,
    Trace.meta,
    Trace.tags,
    Trace.source,
    Trace.created_at,
)


def export_line(row: dict[str, Any]) -> bytes:
    """One trace as a JSONL line that ``POST /api/traces/import`` takes back unchanged."""
    return orjson.dumps(row, default=str, option=orjson.OPT_SORT_KEYS | orjson.OPT_UTC_Z) + b"\n"


async def export_lines(
    factory: async_sessionmaker[AsyncSession], filters: TraceFilters, batch: int = 2000
) -> AsyncIterator[bytes]:
    """Stream a selection as JSONL, one short transaction per batch, so memory stays flat and
    no connection is held while the client reads slowly."""
    cursor: str | None = None
    while True:
        async with factory() as session:
            rows = (await session.execute(_page_query(EXPORT_COLUMNS, filters, batch, cursor))).all()
        if not rows:
            return
        yield b"".join(export_line(dict(row._mapping)) for row in rows)
        if len(rows) < batch:
            return
        last = rows[-1]
        cursor = pagination.encode_time_id(last.created_at, last.id)


async def stream_candidates(
    session: AsyncSession,
    filters: TraceFilters,
    meta_keys: Sequence[str] = (),
    *,
    texts: bool = False,
    steps: bool = False,
    newest_first: bool = False,
    limit: int | None = None,
    batch: int = 20_000,
) -> AsyncIterator[Sequence[Row[Any]]]:
    """The light columns of a selection, oldest first, in batches over a server-side cursor.

    A dataset build chooses among possibly millions of traces; it needs id, time, content hash,
    the metadata values it groups by (``meta_0``, ``meta_1``... in ``meta_keys`` order) and only
    on request prompt and answer (``texts``) or steps, never whole rows, never all at once.
    ``newest_first`` and ``limit`` let a build that only wants the oldest or newest N say so in SQL.
    """
    columns: list[Any] = [Trace.id, Trace.created_at, Trace.content_hash]
    if texts:
        columns.extend((Trace.prompt, Trace.final_answer))
    if steps:
        columns.append(Trace.steps)
    columns.extend(json_text(Trace.meta, key).label(f"meta_{n}") for n, key in enumerate(meta_keys))
    stmt = filters.apply(select(*columns))
    if newest_first:
        stmt = stmt.order_by(Trace.created_at.desc(), Trace.id.desc())
    else:
        stmt = stmt.order_by(Trace.created_at, Trace.id)
    if limit is not None:
        stmt = stmt.limit(limit)
    result = await session.stream(stmt.execution_options(yield_per=batch))
    async for part in result.partitions():
        yield part


async def stream_listed(
    session: AsyncSession, listing: Subquery, batch: int = 5_000, columns: Sequence[str] = ()
) -> AsyncIterator[list[dict[str, Any]]]:
    """Export rows (what ``export_line`` takes) of the traces a caller's subquery lists, ordered by
    its ``position`` column; the subquery needs ``trace_id`` and ``position`` columns. ``columns``
    names further listing columns to return in each row (a dataset item's stage, say), for the
    caller to take out before ``export_line``."""
    stmt = (
        select(*EXPORT_COLUMNS, *(listing.c[name] for name in columns))
        .join(listing, listing.c.trace_id == Trace.id)
        .order_by(listing.c.position)
        .execution_options(yield_per=batch)
    )
    result = await session.stream(stmt)
    async for part in result.partitions():
        yield [dict(row._mapping) for row in part]


async def count(session: AsyncSession, filters: TraceFilters) -> int:
    return int((await session.execute(filters.apply(select(func.count()).select_from(Trace)))).scalar_one())


def _step_text(step: dict[str, Any]) -> str:
    return f"{step['type']}: {step['content']}"


def step_diff(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Aligns the two step lists (difflib over "type: content") into equal/replace/insert/delete runs."""
    matcher = difflib.SequenceMatcher(a=[_step_text(s) for s in a], b=[_step_text(s) for s in b], autojunk=False)
    return [{"op": op, "a": a[i1:i2], "b": b[j1:j2]} for op, i1, i2, j1, j2 in matcher.get_opcodes()]


async def stats(session: AsyncSession, filters: TraceFilters) -> dict[str, Any]:
    """Counts for a selection: total, flagged, per source, per flag, per category, step counts."""
    base = filters.apply(select(Trace.id)).subquery()
    joined = Trace.id.in_(select(base.c.id))
    total = int((await session.execute(select(func.count()).where(joined))).scalar_one())
    flagged = int((await session.execute(select(func.count()).where(joined, Trace.quality_ok.is_(False)))).scalar_one())
    by_source = {
        (source or "unknown"): int(n)
        for source, n in (
            await session.execute(select(Trace.source, func.count()).where(joined).group_by(Trace.source))
        )
    }
    category = json_text(Trace.meta, "category")
    by_category = {
        (cat or "unknown"): int(n)
        for cat, n in (await session.execute(select(category, func.count()).where(joined).group_by(category)))
    }
    by_flag: dict[str, int] = {}
    for (flags,) in await session.execute(select(Trace.quality_flags).where(joined, Trace.quality_ok.is_(False))):
        for flag in flags:
            by_flag[flag] = by_flag.get(flag, 0) + 1
    steps = (
        await session.execute(
            select(func.min(Trace.step_count), func.avg(Trace.step_count), func.max(Trace.step_count)).where(joined)
        )
    ).one()
    return {
        "total": total,
        "flagged": flagged,
        "by_source": dict(sorted(by_source.items())),
        "by_category": dict(sorted(by_category.items())),
        "by_flag": dict(sorted(by_flag.items())),
        "steps": {
            "min": steps[0],
            "mean": round(float(steps[1]), 2) if steps[1] is not None else None,
            "max": steps[2],
        },
    }
