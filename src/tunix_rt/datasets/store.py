"""Dataset persistence: build (query -> choose -> rows + snapshot), read, list, diff, delete.

A build runs in the caller's transaction: the dataset row and its membership rows become visible
together on commit. Traces are read only through ``traces.store`` (``TraceFilters`` and its
streaming functions); the choice itself is the pure ``datasets.build``.
"""

from __future__ import annotations

import hashlib
import shutil
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, cast

from pydantic import ValidationError
from sqlalchemy import (
    Column,
    Integer,
    LargeBinary,
    MetaData,
    Select,
    Table,
    Text,
    Uuid,
    and_,
    case,
    delete,
    func,
    insert,
    literal,
    or_,
    select,
    text,
)
from sqlalchemy.engine import CursorResult
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from tunix_rt import __version__, short_ids
from tunix_rt.datasets import snapshot
from tunix_rt.datasets.build import (
    MISSING,
    Candidate,
    allocate,
    equal_shares,
    group_digest,
    normalise_prompt,
    order_key,
    split_bytes,
)
from tunix_rt.datasets.schema import (
    DIFF_PROMPT_CHARS,
    DatasetCreate,
    DatasetDiff,
    MovedTrace,
    TraceQuery,
    make_key,
    parse_key,
)
from tunix_rt.datasets.tables import Dataset, DatasetItem
from tunix_rt.datasets.transforms import filter_steps, self_correct
from tunix_rt.db import hold_write_lock, utcnow
from tunix_rt.errors import Conflict, Invalid, NotFound, Problems, TunixError
from tunix_rt.partial import problems_of, valid_fields
from tunix_rt.settings import Settings
from tunix_rt.traces import store as traces
from tunix_rt.traces.schema import content_hash
from tunix_rt.traces.tables import Trace

Kind = Literal["traces", "eval"]
Progress = Callable[[str, int, int | None], None]
_ITEMS = cast(Table, DatasetItem.__table__)
_INSERT_CHUNK = 50_000

# Temporary tables of one build, on the build's own connection: its candidates with their sort
# keys, and the small per-group quota lists of the stratified limit and of the split.
_STAGING = MetaData()
_CANDIDATES = Table(
    "build_candidates",
    _STAGING,
    Column("trace_id", Uuid(), nullable=False),
    Column("sort_key", LargeBinary(), nullable=False),
    Column("dedupe_key", LargeBinary()),
    Column("stratum", Text(), nullable=False),
    Column("split_group", Text(), nullable=False),
    Column("split_key", LargeBinary(), nullable=False),
    Column("stage", Text()),
    prefixes=["TEMPORARY"],
    postgresql_on_commit="DROP",
)
_QUOTAS = Table(
    "build_quotas",
    _STAGING,
    Column("name", Text(), primary_key=True),
    Column("quota", Integer(), nullable=False),
    prefixes=["TEMPORARY"],
    postgresql_on_commit="DROP",
)
_STAGED_COLUMNS = ("trace_id", "sort_key", "dedupe_key", "stratum", "split_group", "split_key", "stage")
_PG_STAGED_TYPES = ("uuid", "bytea", "bytea", "text", "text", "bytea", "text")
_PG_STAGE_INSERT = text(
    f"INSERT INTO build_candidates ({', '.join(_STAGED_COLUMNS)}) SELECT * FROM unnest("
    + ", ".join(f"CAST(:{name} AS {kind}[])" for name, kind in zip(_STAGED_COLUMNS, _PG_STAGED_TYPES, strict=True))
    + ")"
)


@dataclass
class _Staged:
    """Tallies of the staging pass; ``count`` follows the rows left in the staging table."""

    matched: int = 0
    emptied: int = 0
    no_stage: int = 0
    count: int = 0
    dedupe: bool = False
    ungrouped: int = 0


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


async def full_trace_ids(session: AsyncSession, ids: list[str]) -> list[uuid.UUID]:
    """The traces a query's ``ids`` name, each prefix looked up (``short_ids``); a prefix no trace
    starts with is a problem of its entry, several are ``Ambiguous``."""
    found = []
    for index, given in enumerate(ids):
        loc: list[str | int] = ["query", "ids", index]
        try:
            found.append(await short_ids.resolve(session, Trace.id, given, "trace", loc))
        except NotFound as exc:
            raise Invalid(exc.detail, errors=[{"loc": loc, "msg": exc.detail, "type": "not_found"}]) from None
    return found


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
        ids=tuple(await full_trace_ids(session, query.ids)),
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


async def _create_staging(session: AsyncSession) -> None:
    """Fresh, empty staging tables on this transaction's connection (a failed build on a pooled
    SQLite connection can leave old ones behind; PostgreSQL drops them at commit or rollback)."""
    for table in _STAGING.sorted_tables:
        await session.execute(text(f"DROP TABLE IF EXISTS {table.name}"))
    connection = await session.connection()
    await connection.run_sync(_STAGING.create_all, checkfirst=False)


async def _drop_staging(session: AsyncSession) -> None:
    for table in _STAGING.sorted_tables:
        await session.execute(text(f"DROP TABLE {table.name}"))


async def _stage_rows(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(_PG_STAGE_INSERT, {name: [row[name] for row in rows] for name in _STAGED_COLUMNS})
    else:
        await session.execute(insert(_CANDIDATES), rows)


async def _stage_candidates(session: AsyncSession, request: DatasetCreate, progress: Progress) -> _Staged:
    """One streaming pass over the matching traces' light columns into the staging table, a batch
    at a time: per trace its sort keys (``order_key``, ``rank_bytes``), dedupe key, strata and
    stage, so that nothing per trace stays in Python memory."""
    filters = await _query_filters(session, request.query)
    selection, split = request.selection, request.split
    keys: list[str] = []
    for key in (selection.stratify_by, split.stratify_by if split.stratify_by != "stage" else None):
        if key is not None and key not in keys:
            keys.append(key)
    if selection.difficulty_key is not None and selection.difficulty_key not in keys:
        keys.append(selection.difficulty_key)
    by_prompt = split.group_by == "prompt"
    if split.group_by is not None and not by_prompt and split.group_by not in keys:
        keys.append(split.group_by)
    column = {key: f"meta_{n}" for n, key in enumerate(keys)}
    step_filter = _has_step_filter(request)
    near = request.dedupe.near
    # Oldest or newest N with nothing to drop is a LIMIT in SQL; anything else needs every match.
    pushed = request.limit if selection.strategy in ("all", "latest") and not (near or step_filter) else None
    newest_first = pushed is not None and selection.strategy == "latest"
    staged = _Staged()
    async for part in traces.stream_candidates(
        session,
        filters,
        keys,
        texts=near or step_filter or by_prompt,
        steps=step_filter,
        newest_first=newest_first,
        limit=pushed,
    ):
        rows: list[dict[str, Any]] = []
        for row in part:
            # The ordinal counts oldest first; a newest-first stream of at most ``pushed`` counts down.
            ordinal = pushed - 1 - staged.matched if newest_first and pushed is not None else staged.matched
            staged.matched += 1
            values = row._mapping
            exact = None
            if step_filter:
                steps = filter_steps(row.steps, request.transforms)
                if not steps:
                    staged.emptied += 1
                    continue
                exact = (
                    bytes.fromhex(content_hash(row.prompt, steps, row.final_answer)) if request.dedupe.exact else None
                )
            candidate = Candidate(
                id=row.id.bytes,
                stratum=values[column[selection.stratify_by]] if selection.stratify_by else None,
                split_stratum=values[column[split.stratify_by]]
                if split.stratify_by and split.stratify_by != "stage"
                else None,
                difficulty=values[column[selection.difficulty_key]] if selection.difficulty_key else None,
            )
            sort_key = order_key(candidate, selection, ordinal)
            if sort_key is None:
                staged.no_stage += 1
                continue
            if near:
                # A near duplicate is also an exact one, so one key per trace covers both checks.
                exact = hashlib.blake2b(normalise_prompt(row.prompt).encode(), digest_size=16).digest()
            if split.group_by is not None:
                value = normalise_prompt(row.prompt) if by_prompt else values[column[split.group_by]]
                if value is None:
                    staged.ungrouped += 1
                else:
                    candidate.group = group_digest(value)
            staged.dedupe = staged.dedupe or exact is not None
            group = candidate.stage if split.stratify_by == "stage" else candidate.split_stratum
            rows.append(
                {
                    "trace_id": row.id,
                    "sort_key": sort_key,
                    "dedupe_key": exact,
                    "stratum": MISSING if candidate.stratum is None else candidate.stratum,
                    "split_group": "" if split.stratify_by is None else MISSING if group is None else group,
                    "split_key": split_bytes(split.seed, candidate),
                    "stage": candidate.stage,
                }
            )
        await _stage_rows(session, rows)
        staged.count += len(rows)
        progress("scanning", staged.matched, None)
    return staged


async def _set_quotas(session: AsyncSession, quotas: dict[str, int]) -> None:
    await session.execute(delete(_QUOTAS))
    rows = [{"name": name, "quota": quota} for name, quota in quotas.items()]
    for start in range(0, len(rows), _INSERT_CHUNK):
        await session.execute(insert(_QUOTAS), rows[start : start + _INSERT_CHUNK])


async def _group_sizes(session: AsyncSession, column: Any) -> dict[str, int]:
    result = await session.execute(select(column, func.count()).group_by(column))
    return {name: int(size) for name, size in result.all()}


async def _select(session: AsyncSession, request: DatasetCreate, staged: _Staged) -> int:
    """Dedupe and limit, by deleting from the staging table what ``dedupe`` and ``limit`` drop;
    returns how many duplicates went. Window functions do in SQL what those do over a list."""
    c = _CANDIDATES.c
    key = c.sort_key
    if staged.dedupe:
        first = func.row_number().over(partition_by=c.dedupe_key, order_by=key).label("first")
        ranked = select(key, first).subquery()
        later = select(ranked.c.sort_key).where(ranked.c.first > 1)
        result = cast(CursorResult[Any], await session.execute(delete(_CANDIDATES).where(key.in_(later))))
        duplicates = int(result.rowcount)
        staged.count -= duplicates
    else:
        duplicates = 0
    count = request.limit
    if count is None or count >= staged.count:
        return duplicates
    if request.selection.strategy != "stratified":
        last = select(key).order_by(key).offset(count - 1).limit(1).scalar_subquery()
        await session.execute(delete(_CANDIDATES).where(key > last))
    else:
        sizes = await _group_sizes(session, c.stratum)
        balance = equal_shares if request.selection.balance == "equal" else allocate
        await _set_quotas(session, balance(count, sizes))
        place = func.row_number().over(partition_by=c.stratum, order_by=key).label("place")
        ranked = select(key, c.stratum, place).subquery()
        beyond = (
            select(ranked.c.sort_key)
            .join(_QUOTAS, _QUOTAS.c.name == ranked.c.stratum)
            .where(ranked.c.place > _QUOTAS.c.quota)
        )
        await session.execute(delete(_CANDIDATES).where(key.in_(beyond)))
    staged.count = count
    return duplicates


async def _insert_items(session: AsyncSession, dataset_id: uuid.UUID, request: DatasetCreate, staged: _Staged) -> None:
    """The membership rows in one ``INSERT ... SELECT``: each split group's lowest split ranks up
    to its quota go to eval, and positions number each split in selection order, as ``split`` does.
    The rank is SQL's ``rank()``: the traces of one hold-out group share a split key, so they share
    the rank of the group's first place and go to eval together (unique keys rank as row numbers)."""
    c = _CANDIDATES.c
    sizes = await _group_sizes(session, c.split_group)
    await _set_quotas(session, allocate(request.split.eval_size(staged.count), sizes))
    split_rank = func.rank().over(partition_by=c.split_group, order_by=c.split_key)
    assigned = (
        select(
            c.trace_id,
            c.sort_key,
            c.stage,
            case((split_rank <= _QUOTAS.c.quota, "eval"), else_="train").label("split"),
        )
        .join(_QUOTAS, _QUOTAS.c.name == c.split_group)
        .subquery()
    )
    position = func.row_number().over(partition_by=assigned.c.split, order_by=assigned.c.sort_key) - 1
    rows = select(literal(dataset_id, Uuid()), assigned.c.trace_id, assigned.c.split, position, assigned.c.stage)
    await session.execute(insert(_ITEMS).from_select(["dataset_id", "trace_id", "split", "position", "stage"], rows))


class _Transformer:
    """Applies the request's transforms to one stored row, in snapshot order."""

    def __init__(self, request: DatasetCreate) -> None:
        self.transforms = request.transforms
        self.step_filter = _has_step_filter(request)
        self.verification_steps = 0
        self.injected_errors = 0

    def __call__(self, row: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
        stage = row.pop("stage")
        steps = filter_steps(row["steps"], self.transforms) if self.step_filter else row["steps"]
        if self.transforms.answer_only:
            steps = []
        correction = self.transforms.self_correction
        if correction is not None:
            steps, injected = self_correct(steps, row["final_answer"], row["id"].bytes, correction)
            self.verification_steps += correction.verify
            self.injected_errors += injected
        row["steps"] = steps
        if stage is not None:
            row["meta"] = {**row["meta"], "curriculum_stage": stage}
        return row, traces.export_line(row)


async def _write_snapshot(
    session: AsyncSession,
    dataset: Dataset,
    request: DatasetCreate,
    total: int,
    staged: Any,
    progress: Progress,
) -> tuple[dict[str, snapshot.SplitWriter], Any, _Transformer]:
    everything = hashlib.sha256()
    transformer = _Transformer(request)
    writers: dict[str, snapshot.SplitWriter] = {}
    done = 0
    for split_name in ("train", "eval"):
        writer = snapshot.SplitWriter(staged / f"{split_name}.jsonl", request.transforms.template, everything)
        writers[split_name] = writer
        listing = (
            select(DatasetItem.trace_id, DatasetItem.position, DatasetItem.stage)
            .where(DatasetItem.dataset_id == dataset.id, DatasetItem.split == split_name)
            .subquery()
        )
        try:
            async for rows in traces.stream_listed(session, listing, columns=("stage",)):
                writer.write(transformer(row) for row in rows)
                done += len(rows)
                progress("writing", done, total)
        finally:
            writer.close()
    return writers, everything, transformer


def _empty_selection(detail: str) -> Invalid:
    return Invalid(detail, errors=[{"loc": ["query"], "msg": detail, "type": "empty_selection"}])


async def checked_request(session: AsyncSession, body: Mapping[str, Any]) -> DatasetCreate:
    """A build request as a file and a command's options give it, refused (``refusal``) with
    every problem at once when it fails its schema. A valid request is checked by ``build``."""
    try:
        return DatasetCreate.model_validate(body)
    except ValidationError as exc:
        errors = problems_of(exc.errors(include_url=False))
        schema = Invalid(f"{len(errors)} problem(s) in the build request", errors=errors)
        raise await refusal(session, body, schema) from exc


async def refusal(session: AsyncSession, body: Any, schema: Invalid) -> TunixError:
    """The answer to a build request that failed its schema (``schema``: its problems), with the
    store's checks of its ``query`` when that validated (each dataset it names is a trace
    dataset, it matches some trace), so a misspelled key does not hide an unknown dataset until
    the next try."""
    problems = Problems("build request")
    problems.add(schema)
    query = valid_fields(DatasetCreate, body).get("query")
    if query is not None:
        with problems.collect():
            if not await traces.count(session, await _query_filters(session, query)):
                raise _empty_selection("the query selects no traces")
    error = problems.error()
    assert error is not None  # the schema's problems are among them
    return error


async def build(
    session: AsyncSession, settings: Settings, request: DatasetCreate, progress: Progress = _silent
) -> Dataset:
    """Build a dataset: a new version row, its membership rows and its snapshot folder.

    The choice runs in the database over a temporary staging table (see ``datasets.build``), so the
    build's memory depends on the batch size and the number of strata, not on the number of traces.
    An empty selection is ``Invalid`` (a dataset of nothing is a mistake, not a result). On SQLite
    the build holds the write lock from its start (``hold_write_lock``): it reads the traces long
    before it writes its version row.
    """
    await hold_write_lock(session)
    if any(len(given) != 36 for given in request.query.ids):  # prefixes: the manifest records full ids
        full = [str(trace_id) for trace_id in await full_trace_ids(session, request.query.ids)]
        request = request.model_copy(update={"query": request.query.model_copy(update={"ids": full})})
    await _create_staging(session)
    staged = await _stage_candidates(session, request, progress)
    if staged.count + staged.no_stage == 0:
        raise _empty_selection(
            "the query selects no traces" if staged.matched == 0 else "the step filters leave no trace with any step"
        )
    if staged.count == 0:
        raise Invalid(
            "no trace fits any curriculum stage",
            errors=[{"loc": ["selection", "stages"], "msg": "empty selection", "type": "empty_selection"}],
        )
    duplicates = await _select(session, request, staged)
    dataset = await reserve(session, request.name, request.version, "traces", request.description)
    await _insert_items(session, dataset.id, request, staged)
    progress("storing", staged.count, staged.count)
    strata = await _strata(session, request, dataset.id)
    holdout = await _holdout(session, request, dataset.id, staged) if request.split.group_by is not None else None
    await _drop_staging(session)
    folder = snapshot.staging(settings)
    try:
        writers, everything, transformer = await _write_snapshot(
            session, dataset, request, staged.count, folder, progress
        )
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
                "considered": staged.matched,
                "dropped_empty_steps": staged.emptied,
                "dropped_duplicates": duplicates,
                "dropped_no_stage": staged.no_stage,
            },
            "strata": strata,
            **({"holdout": holdout} if holdout is not None else {}),
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
        snapshot.write_manifest(folder, manifest)
        snapshot.place(folder, settings, dataset.key)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    dataset.manifest = manifest
    dataset.counts = counts
    dataset.item_count = counts["train"] + counts["eval"]
    await session.flush()
    return dataset


async def _strata(session: AsyncSession, request: DatasetCreate, dataset_id: uuid.UUID) -> dict[str, Any]:
    """Per split, how many items each stratum, split stratum and stage holds, names in order."""
    c, items = _CANDIDATES.c, _ITEMS.c
    wanted: dict[str, Any] = {}
    if request.selection.stratify_by:
        wanted["selection"] = c.stratum
    if request.split.stratify_by and request.split.stratify_by != "stage":
        wanted["split"] = c.split_group
    if request.selection.strategy == "curriculum":
        wanted["stages"] = c.stage
    strata: dict[str, Any] = {}
    for name, column in wanted.items():
        counted = (
            select(items.split, column, func.count())
            .join(_CANDIDATES, c.trace_id == items.trace_id)
            .where(items.dataset_id == dataset_id)
            .group_by(items.split, column)
        )
        found: dict[str, dict[str, int]] = {"train": {}, "eval": {}}
        for split_name, value, size in (await session.execute(counted)).all():
            found[split_name][MISSING if value is None else value] = int(size)
        strata[name] = {split_name: dict(sorted(sizes.items())) for split_name, sizes in found.items()}
    return strata


async def _holdout(
    session: AsyncSession, request: DatasetCreate, dataset_id: uuid.UUID, staged: _Staged
) -> dict[str, Any]:
    """The check that a grouped split held problems out: groups per split, and the groups found in
    both, counted from the membership rows (so from what was stored, not from how it was chosen).

    The traces of a group share one split key. A group can reach both splits only when its traces
    lie in different split strata (``stratify_by`` disagreeing with ``group_by``), and such a
    build is refused rather than stored with the leak."""
    c, items = _CANDIDATES.c, _ITEMS.c
    per_group = (
        select(c.split_key, func.min(items.split).label("first"), func.max(items.split).label("last"))
        .join(_CANDIDATES, c.trace_id == items.trace_id)
        .where(items.dataset_id == dataset_id)
        .group_by(c.split_key)
        .subquery()
    )
    counted = select(per_group.c.first, per_group.c.last, func.count()).group_by(per_group.c.first, per_group.c.last)
    groups = {"train": 0, "eval": 0}
    shared = 0
    for first, last, size in (await session.execute(counted)).all():
        if first != last:
            shared += int(size)
        else:
            groups[first] += int(size)
    group_by = request.split.group_by
    if shared:
        raise Invalid(
            f"{shared} group(s) of split.group_by '{group_by}' would be in both train and eval: their traces "
            f"differ in split.stratify_by '{request.split.stratify_by}'; group and stratify by keys that agree",
            errors=[{"loc": ["split", "group_by"], "msg": "groups span split strata", "type": "value_error"}],
        )
    return {"group_by": group_by, "groups": groups, "ungrouped": staged.ungrouped, "shared_groups": shared}


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
    added_ids = await first_ids(only(items_b, items_a))
    removed_ids = await first_ids(only(items_a, items_b))
    listed = [*added_ids, *removed_ids, *(row[0] for row in moved)]
    return DatasetDiff(
        a=a_key,
        b=b_key,
        added=await count(only(items_b, items_a)),
        removed=await count(only(items_a, items_b)),
        moved=moved_count,
        unchanged=in_both - moved_count,
        added_ids=added_ids,
        removed_ids=removed_ids,
        moved_items=[MovedTrace(id=row[0], from_split=row[1], to_split=row[2]) for row in moved],
        prompts=await traces.prompts(session, listed, DIFF_PROMPT_CHARS),
    )
