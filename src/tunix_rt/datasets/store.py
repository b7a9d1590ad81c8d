"""Dataset persistence: build (query -> choose -> rows + snapshot), read, list, diff, delete.

A build runs in the caller's transaction: the dataset row and its membership rows become visible
together on commit. Traces are read only through ``traces.store`` (``TraceFilters`` and its
streaming functions); the choice itself is the pure ``datasets.build``.
"""

from __future__ import annotations

import hashlib
import shutil
import uuid
from collections.abc import Callable
from typing import Any, Literal, cast

from sqlalchemy import Select, Table, and_, delete, func, insert, or_, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from tunix_rt import __version__
from tunix_rt.datasets import snapshot
from tunix_rt.datasets.build import Candidate, Chosen, choose, normalise_prompt, strata_counts
from tunix_rt.datasets.schema import (
    DatasetCreate,
    DatasetDiff,
    MovedTrace,
    TraceQuery,
    make_key,
    parse_key,
)
from tunix_rt.datasets.tables import Dataset, DatasetItem
from tunix_rt.datasets.transforms import filter_steps, self_correct
from tunix_rt.db import utcnow
from tunix_rt.errors import Conflict, Invalid, NotFound
from tunix_rt.settings import Settings
from tunix_rt.traces import store as traces
from tunix_rt.traces.schema import content_hash

Kind = Literal["traces", "eval"]
Progress = Callable[[str, int, int | None], None]
_ITEMS = cast(Table, DatasetItem.__table__)
_INSERT_CHUNK = 50_000
_PG_ITEMS_INSERT = text(
    "INSERT INTO dataset_items (dataset_id, trace_id, split, position, stage) "
    "SELECT CAST(:dataset_id AS uuid), t, s, p, g FROM unnest("
    "CAST(:trace_ids AS uuid[]), CAST(:splits AS text[]), CAST(:positions AS int[]), CAST(:stages AS text[])"
    ") AS batch(t, s, p, g)"
)


def _silent(_phase: str, _done: int, _total: int | None) -> None:
    """The default progress callback: the API has no progress bar to drive."""


async def get(session: AsyncSession, key: str, kind: Kind | None = "traces") -> Dataset:
    """The dataset (or eval set) with this key; a malformed key is 422, an unknown one 404."""
    parse_key(key)
    row = (await session.execute(select(Dataset).where(Dataset.key == key))).scalar_one_or_none()
    if row is None:
        raise NotFound(f"dataset {key} does not exist")
    if kind is not None and row.kind != kind:
        where = "/api/evalsets" if row.kind == "eval" else "/api/datasets"
        raise NotFound(f"{key} is {'an eval set' if row.kind == 'eval' else 'a trace dataset'}; see {where}/{key}")
    return row


async def next_version(session: AsyncSession, name: str) -> int:
    current = (await session.execute(select(func.max(Dataset.version)).where(Dataset.name == name))).scalar_one()
    return int(current or 0) + 1


async def reserve(session: AsyncSession, name: str, version: int | None, kind: Kind, description: str) -> Dataset:
    """Insert the row that claims ``name@vN`` (the next version unless one is given); taken is 409.

    The unique key makes two concurrent builds of one key impossible: the second fails here.
    """
    number = version or await next_version(session, name)
    key = make_key(name, number)
    dataset = Dataset(
        id=uuid.uuid4(),
        key=key,
        name=name,
        version=number,
        kind=kind,
        description=description,
        item_count=0,
        counts={},
        manifest={},
        created_at=utcnow(),
    )
    try:
        async with session.begin_nested():
            session.add(dataset)
    except IntegrityError as exc:
        raise Conflict(f"{key} already exists; versions are never overwritten (omit version for the next one)") from exc
    return dataset


async def _query_filters(session: AsyncSession, query: TraceQuery) -> traces.TraceFilters:
    within: Select[Any] | None = None
    if query.datasets:
        found = (
            await session.execute(select(Dataset.id, Dataset.key, Dataset.kind).where(Dataset.key.in_(query.datasets)))
        ).all()
        known = {row.key for row in found if row.kind == "traces"}
        missing = sorted(set(query.datasets) - known)
        if missing:
            raise Invalid(
                f"unknown trace dataset(s): {', '.join(missing)}",
                errors=[
                    {"loc": ["query", "datasets"], "msg": f"unknown: {key}", "type": "value_error"} for key in missing
                ],
            )
        within = select(DatasetItem.trace_id).where(DatasetItem.dataset_id.in_([row.id for row in found]))
    return traces.TraceFilters(
        source=query.source,
        meta=dict(query.meta),
        tag=query.tag,
        created_after=query.created_after,
        created_before=query.created_before,
        q=query.q,
        quality=query.quality,
        flag=query.flag,
        ids=tuple(query.ids),
        min_steps=query.min_steps,
        max_steps=query.max_steps,
        exclude_flags=tuple(query.exclude_flags),
        arithmetic=query.arithmetic,
        answer_check=query.answer_check,
        within=within,
    )


def _has_step_filter(request: DatasetCreate) -> bool:
    transforms = request.transforms
    return transforms.include_step_types is not None or bool(transforms.exclude_step_types)


async def _candidates(
    session: AsyncSession, request: DatasetCreate, progress: Progress
) -> tuple[list[Candidate], int, int]:
    """One streaming pass over the matching traces' light columns; returns the candidates, how many
    matched (read: a limit pushed into SQL reads only that many), and how many the step filters
    left without steps."""
    filters = await _query_filters(session, request.query)
    selection, split = request.selection, request.split
    keys: list[str] = []
    for key in (selection.stratify_by, split.stratify_by if split.stratify_by != "stage" else None):
        if key is not None and key not in keys:
            keys.append(key)
    if selection.difficulty_key is not None and selection.difficulty_key not in keys:
        keys.append(selection.difficulty_key)
    column = {key: f"meta_{n}" for n, key in enumerate(keys)}
    step_filter = _has_step_filter(request)
    near = request.dedupe.near
    # Oldest or newest N with nothing to drop is a LIMIT in SQL; anything else needs every match.
    pushed = request.limit if selection.strategy in ("all", "latest") and not (near or step_filter) else None
    newest_first = pushed is not None and selection.strategy == "latest"
    candidates: list[Candidate] = []
    matched = emptied = 0
    async for part in traces.stream_candidates(
        session, filters, keys, texts=near or step_filter, steps=step_filter, newest_first=newest_first, limit=pushed
    ):
        for row in part:
            matched += 1
            values = row._mapping
            exact = None
            if step_filter:
                steps = filter_steps(row.steps, request.transforms)
                if not steps:
                    emptied += 1
                    continue
                exact = (
                    bytes.fromhex(content_hash(row.prompt, steps, row.final_answer)) if request.dedupe.exact else None
                )
            candidates.append(
                Candidate(
                    id=row.id.bytes,
                    exact=exact,
                    near=hashlib.blake2b(normalise_prompt(row.prompt).encode(), digest_size=16).digest()
                    if near
                    else None,
                    stratum=values[column[selection.stratify_by]] if selection.stratify_by else None,
                    split_stratum=values[column[split.stratify_by]]
                    if split.stratify_by and split.stratify_by != "stage"
                    else None,
                    difficulty=values[column[selection.difficulty_key]] if selection.difficulty_key else None,
                )
            )
        progress("scanning", matched, None)
    if newest_first:
        candidates.reverse()
    return candidates, matched, emptied


async def _insert_items(session: AsyncSession, dataset_id: uuid.UUID, chosen: Chosen, progress: Progress) -> None:
    members = [("train", chosen.train), ("eval", chosen.eval)]
    total = len(chosen.train) + len(chosen.eval)
    done = 0
    postgres = session.get_bind().dialect.name == "postgresql"
    for split_name, items in members:
        for start in range(0, len(items), _INSERT_CHUNK):
            chunk = items[start : start + _INSERT_CHUNK]
            if postgres:
                await session.execute(
                    _PG_ITEMS_INSERT,
                    {
                        "dataset_id": dataset_id,
                        "trace_ids": [uuid.UUID(bytes=c.id) for c in chunk],
                        "splits": [split_name] * len(chunk),
                        "positions": list(range(start, start + len(chunk))),
                        "stages": [c.stage for c in chunk],
                    },
                )
            else:
                rows = [
                    {
                        "dataset_id": dataset_id,
                        "trace_id": uuid.UUID(bytes=c.id),
                        "split": split_name,
                        "position": start + n,
                        "stage": c.stage,
                    }
                    for n, c in enumerate(chunk)
                ]
                await session.execute(insert(_ITEMS), rows)
            done += len(chunk)
            progress("storing", done, total)


class _Transformer:
    """Applies the request's transforms to one stored row, in snapshot order."""

    def __init__(self, request: DatasetCreate) -> None:
        self.transforms = request.transforms
        self.step_filter = _has_step_filter(request)
        self.verification_steps = 0
        self.injected_errors = 0

    def __call__(self, row: dict[str, Any], candidate: Candidate) -> tuple[dict[str, Any], bytes]:
        if row["id"].bytes != candidate.id:
            raise RuntimeError("snapshot rows came back out of order")
        steps = filter_steps(row["steps"], self.transforms) if self.step_filter else row["steps"]
        correction = self.transforms.self_correction
        if correction is not None:
            steps, injected = self_correct(steps, row["final_answer"], candidate.id, correction)
            self.verification_steps += correction.verify
            self.injected_errors += injected
        row["steps"] = steps
        if candidate.stage is not None:
            row["meta"] = {**row["meta"], "curriculum_stage": candidate.stage}
        return row, traces.export_line(row)


async def _write_snapshot(
    session: AsyncSession,
    dataset: Dataset,
    request: DatasetCreate,
    chosen: Chosen,
    staged: Any,
    progress: Progress,
) -> tuple[dict[str, snapshot.SplitWriter], Any, _Transformer]:
    everything = hashlib.sha256()
    transformer = _Transformer(request)
    writers: dict[str, snapshot.SplitWriter] = {}
    total = len(chosen.train) + len(chosen.eval)
    done = 0
    for split_name, members in (("train", chosen.train), ("eval", chosen.eval)):
        writer = snapshot.SplitWriter(staged / f"{split_name}.jsonl", request.transforms.template, everything)
        writers[split_name] = writer
        listing = (
            select(DatasetItem.trace_id, DatasetItem.position)
            .where(DatasetItem.dataset_id == dataset.id, DatasetItem.split == split_name)
            .subquery()
        )
        position = 0
        try:
            async for rows in traces.stream_listed(session, listing):
                batch = members[position : position + len(rows)]
                writer.write(transformer(row, candidate) for row, candidate in zip(rows, batch, strict=True))
                position += len(rows)
                done += len(rows)
                progress("writing", done, total)
        finally:
            writer.close()
    return writers, everything, transformer


async def build(
    session: AsyncSession, settings: Settings, request: DatasetCreate, progress: Progress = _silent
) -> Dataset:
    """Build a dataset: a new version row, its membership rows and its snapshot folder.

    An empty selection is ``Invalid`` (a dataset of nothing is a mistake, not a result).
    """
    candidates, matched, emptied = await _candidates(session, request, progress)
    if not candidates:
        raise Invalid(
            "the query selects no traces" if matched == 0 else "the step filters leave no trace with any step",
            errors=[{"loc": ["query"], "msg": "empty selection", "type": "empty_selection"}],
        )
    chosen = choose(candidates, request.selection, request.dedupe, request.limit, request.split)
    del candidates
    if not chosen.train and not chosen.eval:
        raise Invalid(
            "no trace fits any curriculum stage",
            errors=[{"loc": ["selection", "stages"], "msg": "empty selection", "type": "empty_selection"}],
        )
    dataset = await reserve(session, request.name, request.version, "traces", request.description)
    await _insert_items(session, dataset.id, chosen, progress)
    staged = snapshot.staging(settings)
    try:
        writers, everything, transformer = await _write_snapshot(session, dataset, request, chosen, staged, progress)
        counts = {"train": writers["train"].count, "eval": writers["eval"].count}
        manifest = {
            "manifest_version": 1,
            "key": dataset.key,
            "name": dataset.name,
            "version": dataset.version,
            "kind": "traces",
            "created_at": dataset.created_at.isoformat().replace("+00:00", "Z"),
            "package_version": __version__,
            "request": request.model_dump(mode="json"),
            "counts": {
                **counts,
                "total": counts["train"] + counts["eval"],
                "considered": matched,
                "dropped_empty_steps": emptied,
                "dropped_duplicates": chosen.dropped_duplicates,
                "dropped_no_stage": chosen.dropped_no_stage,
            },
            "strata": _strata(request, chosen),
            "transforms": {
                "verification_steps": transformer.verification_steps,
                "injected_errors": transformer.injected_errors,
            },
            "files": {"train": "train.jsonl", "eval": "eval.jsonl"},
            "bytes": {name: writer.bytes for name, writer in writers.items()},
            "sha256": {
                "train": writers["train"].sha256.hexdigest(),
                "eval": writers["eval"].sha256.hexdigest(),
                "all": everything.hexdigest(),
            },
            "stats": {name: writer.stats() for name, writer in writers.items()},
        }
        snapshot.write_manifest(staged, manifest)
        snapshot.place(staged, settings, dataset.key)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    dataset.manifest = manifest
    dataset.counts = counts
    dataset.item_count = counts["train"] + counts["eval"]
    await session.flush()
    return dataset


def _strata(request: DatasetCreate, chosen: Chosen) -> dict[str, Any]:
    strata: dict[str, Any] = {}
    splits = (("train", chosen.train), ("eval", chosen.eval))
    if request.selection.stratify_by:
        strata["selection"] = {name: strata_counts(members, "stratum") for name, members in splits}
    if request.split.stratify_by and request.split.stratify_by != "stage":
        strata["split"] = {name: strata_counts(members, "split_stratum") for name, members in splits}
    if request.selection.strategy == "curriculum":
        strata["stages"] = {name: strata_counts(members, "stage") for name, members in splits}
    return strata


async def list_page(
    session: AsyncSession, kind: Kind, limit: int, cursor: str | None
) -> tuple[list[Dataset], str | None]:
    """Datasets by name, newest version first; the cursor is the last key of the previous page."""
    stmt = select(Dataset).where(Dataset.kind == kind).order_by(Dataset.name, Dataset.version.desc()).limit(limit + 1)
    if cursor:
        name, version = parse_key(cursor)
        stmt = stmt.where(or_(Dataset.name > name, and_(Dataset.name == name, Dataset.version < version)))
    rows = list((await session.execute(stmt)).scalars())
    if len(rows) > limit:
        return rows[:limit], rows[limit - 1].key
    return rows, None


async def remove(session: AsyncSession, settings: Settings, key: str, kind: Kind = "traces") -> None:
    """Delete a dataset or eval set and its snapshot; refused (409) while a run references it."""
    from tunix_rt.runs.store import references_to

    dataset = await get(session, key, kind)
    runs = await references_to(session, key)
    if runs:
        shown = ", ".join(str(run) for run in runs[:5])
        raise Conflict(
            f"{key} is used by {len(runs)} run(s) ({shown}); delete those runs first",
            runs=[str(run) for run in runs[:100]],
        )
    await session.execute(delete(Dataset).where(Dataset.id == dataset.id))
    await session.flush()
    snapshot.discard(settings, key)


async def diff(session: AsyncSession, a_key: str, b_key: str, sample: int = 20) -> DatasetDiff:
    """Traces added (in b only), removed (in a only) and moved between splits, in SQL."""
    a = await get(session, a_key)
    b = await get(session, b_key)
    items_a = select(DatasetItem).where(DatasetItem.dataset_id == a.id).subquery()
    items_b = select(DatasetItem).where(DatasetItem.dataset_id == b.id).subquery()

    def only(first: Any, second: Any) -> Select[Any]:
        missing = ~select(second.c.trace_id).where(second.c.trace_id == first.c.trace_id).exists()
        return select(first.c.trace_id).where(missing)

    both = select(items_a.c.trace_id, items_a.c.split.label("from_split"), items_b.c.split.label("to_split")).join(
        items_b, items_b.c.trace_id == items_a.c.trace_id
    )
    moved_rows = both.where(items_a.c.split != items_b.c.split)

    async def count(stmt: Select[Any]) -> int:
        return int((await session.execute(select(func.count()).select_from(stmt.subquery()))).scalar_one())

    async def first_ids(stmt: Select[Any]) -> list[uuid.UUID]:
        return list((await session.execute(stmt.order_by(stmt.selected_columns[0]).limit(sample))).scalars())

    moved = (await session.execute(moved_rows.order_by(items_a.c.trace_id).limit(sample))).all()
    in_both = await count(both)
    moved_count = await count(moved_rows)
    return DatasetDiff(
        a=a_key,
        b=b_key,
        added=await count(only(items_b, items_a)),
        removed=await count(only(items_a, items_b)),
        moved=moved_count,
        unchanged=in_both - moved_count,
        added_ids=await first_ids(only(items_b, items_a)),
        removed_ids=await first_ids(only(items_a, items_b)),
        moved_items=[MovedTrace(id=row[0], from_split=row[1], to_split=row[2]) for row in moved],
    )
