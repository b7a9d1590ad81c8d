"""The run routes: thin wrappers over ``runs.store``, ``runs.follow`` and ``runs.artifacts``."""

from __future__ import annotations

import asyncio
import mimetypes
import uuid
from collections import Counter
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import PurePosixPath
from typing import Annotated, Any
from urllib.parse import quote

import orjson
from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from sqlalchemy.ext.asyncio import AsyncSession
from sse_starlette import EventSourceResponse, ServerSentEvent
from starlette.types import Receive, Scope, Send

from tunix_rt import short_ids
from tunix_rt.db import transaction
from tunix_rt.deps import CallerDep, PageSize, SessionDep, SettingsDep, StateDep, id_in_path
from tunix_rt.errors import Invalid, NotFound
from tunix_rt.runs import artifacts, mirror, store
from tunix_rt.runs.downsample import bucket_width, lttb, split_budget
from tunix_rt.runs.kinds import KindRegistry
from tunix_rt.runs.schema import (
    ArtifactEntry,
    ArtifactList,
    LogLine,
    LogPage,
    MetricsBatch,
    MetricSeries,
    RunCreate,
    RunMetrics,
    RunPage,
    RunRead,
    RunSeries,
    RunSummary,
    RunUpdate,
    WorkerSummary,
)
from tunix_rt.runs.store import TERMINAL, RunFilters, RunStatus
from tunix_rt.runs.streams import LogHub, MetricsNews, StreamSlots
from tunix_rt.runs.submission import check_queue_quota, queue_run
from tunix_rt.runs.tables import Run
from tunix_rt.storable import INT32_MAX

router = APIRouter(prefix="/api/runs", tags=["runs"])
MAX_ARTIFACTS = 10_000
ANONYMOUS = "anonymous"
"""The caller streams without a token are counted as, together."""
LOG_POSITION = r"^[0-9]{1,10}$"
"""A log line's sequence number as an SSE id: ASCII digits only (``"²".isdigit()`` is true)."""


def get_registry(request: Request) -> KindRegistry:
    registry: KindRegistry = request.app.state.run_kinds
    return registry


RunIdDep = Annotated[uuid.UUID, Depends(id_in_path(Run.id, "run", "run_id"))]
"""A run id in the path: the full id or a unique prefix of it."""


async def get_run_or_404(run_id: RunIdDep, state: StateDep) -> Run:
    """The run, read in its own short session (not the request's), so a log stream that
    depends on it holds no connection while it waits for lines."""
    async with state.sessions() as session:
        return await store.get(session, run_id)


RegistryDep = Annotated[KindRegistry, Depends(get_registry)]


def get_log_hub(request: Request) -> LogHub:
    hub: LogHub = request.app.state.log_hub
    return hub


def get_stream_slots(request: Request) -> StreamSlots:
    slots: StreamSlots = request.app.state.stream_slots
    return slots


LogHubDep = Annotated[LogHub, Depends(get_log_hub)]
SlotsDep = Annotated[StreamSlots, Depends(get_stream_slots)]


def resumable_kinds(kinds: KindRegistry) -> frozenset[str]:
    return frozenset(name for name in kinds.names() if kinds.get(name).resumable)


RunDep = Annotated[Run, Depends(get_run_or_404)]


def _aware(name: str, stamp: datetime | None) -> datetime | None:
    if stamp is not None and stamp.tzinfo is None:
        raise Invalid(f"{name} must carry a timezone, e.g. 2026-01-02T00:00:00Z")
    return stamp


async def run_filters(
    state: StateDep,
    kind: Annotated[str | None, Query(description="Only runs of this kind.")] = None,
    status: Annotated[RunStatus | None, Query(description="Only runs in this status.")] = None,
    dataset: Annotated[str | None, Query(description="Runs using this dataset or eval-set key.")] = None,
    model: Annotated[str | None, Query(description="Runs of this model.")] = None,
    tag: Annotated[str | None, Query(description="Runs carrying this tag.")] = None,
    parent: Annotated[
        str | None, Query(max_length=64, description="Runs submitted by this run (a sweep's trials); a prefix will do.")
    ] = None,
    created_after: Annotated[datetime | None, Query(description="Created at or after (ISO 8601).")] = None,
    created_before: Annotated[datetime | None, Query(description="Created before (ISO 8601).")] = None,
) -> RunFilters:
    return RunFilters(
        kind=kind,
        status=status,
        dataset=dataset,
        model=model,
        tag=tag,
        parent=None
        if parent is None
        else await short_ids.resolve_in(state.sessions, Run.id, parent, "run", ("query", "parent")),
        created_after=_aware("created_after", created_after),
        created_before=_aware("created_before", created_before),
    )


FiltersDep = Annotated[RunFilters, Depends(run_filters)]


def _accepted(run: Run, kinds: KindRegistry) -> JSONResponse:
    body = RunRead.of(run, resumable_kinds(kinds))
    return JSONResponse(body.model_dump(mode="json"), status_code=202, headers={"Location": body.url})


QUOTA_RESPONSES: dict[int | str, dict[str, Any]] = {
    429: {"description": "This token has max_queued_runs_per_token runs queued; see Retry-After."}
}
"""What a route that queues runs adds to its documented answers."""


@router.post("", status_code=202, response_model=RunRead, responses=QUOTA_RESPONSES)
async def submit_run(
    body: RunCreate, session: SessionDep, settings: SettingsDep, kinds: RegistryDep, caller: CallerDep
) -> JSONResponse:
    """Queue a run; it returns at once (202) and a worker picks it up. Parameters over the
    server's limits (max_run_steps, max_run_batch_size, ...) are a 422 naming the field."""
    run = await queue_run(
        session,
        settings,
        kinds,
        body.kind,
        body.config,
        tags=body.tags,
        priority=body.priority,
        submitted_by=caller,
        name=body.name,
        notes=body.notes,
    )
    return _accepted(run, kinds)


@router.get("", response_model=RunPage)
async def list_runs(
    session: SessionDep,
    settings: SettingsDep,
    kinds: RegistryDep,
    filters: FiltersDep,
    limit: PageSize = 50,
    cursor: Annotated[str | None, Query(description="next_cursor of the previous page.")] = None,
) -> RunPage:
    """Newest first, keyset-paged."""
    if limit > settings.max_page_size:
        raise Invalid(
            f"limit {limit} is over the maximum page size {settings.max_page_size}",
            errors=[{"loc": ["query", "limit"], "msg": f"at most {settings.max_page_size}", "type": "less_than_equal"}],
        )
    runs, next_cursor = await store.list_page(session, filters, limit, cursor)
    resumable = resumable_kinds(kinds)
    return RunPage(items=[RunRead.of(run, resumable) for run in runs], next_cursor=next_cursor)


@router.get("/summary", response_model=RunSummary)
async def run_summary(session: SessionDep, settings: SettingsDep) -> RunSummary:
    """Runs by status, queued runs by kind, and workers with their heartbeats (alive when one
    came within the lease); declared before ``/{run_id}`` so the path is not read as an id."""
    counts = await store.summary(session, settings.run_lease_seconds)
    return RunSummary(
        by_status=counts.by_status,
        queued_by_kind=counts.queued_by_kind,
        workers=[
            WorkerSummary(
                id=state.worker.id,
                hostname=state.worker.hostname,
                pid=state.worker.pid,
                concurrency=state.worker.concurrency,
                devices=state.worker.devices,
                started_at=state.worker.started_at,
                heartbeat_at=state.worker.heartbeat_at,
                heartbeat_age_seconds=state.age_seconds,
                alive=state.alive,
            )
            for state in counts.workers
        ],
        lease_seconds=settings.run_lease_seconds,
        generated_at=counts.generated_at,
    )


MAX_OVERLAY_RUNS = 1000
# Series are read a group of runs at a time, so memory stays bounded however many points they hold.
READ_POINTS = 250_000
# A series with more than this many times its share of points is reduced in the database first
# (M4, to about its share: ``downsample.bucket_width``), so a fraction of it is read; shorter ones
# are read whole, where that would save little, and LTTB works on every point.
REDUCE_ABOVE = 8


async def _reduced(
    session: AsyncSession,
    extents: dict[tuple[uuid.UUID, str], store.SeriesExtent],
    shares: dict[tuple[uuid.UUID, str], int],
) -> dict[tuple[uuid.UUID, str], tuple[list[int], list[float]]]:
    """The series of ``shares`` that are long enough for it, reduced in one query (M4) and then
    by LTTB to exactly their share; the others are left to the caller to read whole."""
    keys = [key for key, share in shares.items() if extents[key].count > REDUCE_ABOVE * share]
    if not keys:
        return {}
    width = bucket_width([extents[key].span for key in keys], [shares[key] for key in keys])
    buckets = await store.metric_buckets(session, {run_id for run_id, _ in keys}, {name for _, name in keys}, width)
    out = {}
    for key in keys:
        steps, values = buckets[key]
        keep = lttb(steps, values, shares[key]) if shares[key] < len(steps) else range(len(steps))
        out[key] = ([steps[i] for i in keep], [values[i] for i in keep])
    return out


async def _id_list(session: AsyncSession, ids: str) -> list[uuid.UUID]:
    """The runs ``ids`` names, each a full id or a unique prefix, in order and without repeats."""
    parts = list(dict.fromkeys(part.strip() for part in ids.split(",") if part.strip()))
    if not parts or len(parts) > MAX_OVERLAY_RUNS:
        raise Invalid(
            f"give between 1 and {MAX_OVERLAY_RUNS} run ids (got {len(parts)})",
            errors=[{"loc": ["query", "ids"], "msg": f"1 to {MAX_OVERLAY_RUNS} ids", "type": "value_error"}],
        )
    resolved = [await short_ids.resolve(session, Run.id, part, "run", ("query", "ids")) for part in parts]
    return list(dict.fromkeys(resolved))


@router.get("/metrics", response_model=MetricsBatch)
async def overlay_metrics(
    session: SessionDep,
    ids: Annotated[str, Query(description=f"Comma-separated run ids, at most {MAX_OVERLAY_RUNS}.")],
    names: Annotated[str | None, Query(description="Comma-separated series names; all when absent.")] = None,
    points: Annotated[
        int, Query(ge=3, le=1_000_000, description="Points in all, split across the series (LTTB per series).")
    ] = 20_000,
) -> MetricsBatch:
    """Many runs' series in one request, for overlaying them: the point budget is split evenly
    across the series that have points (a short series' unused share goes to the longer ones)
    and each series is downsampled with LTTB to its share, so the answer stays small however
    many runs or steps there are. A series far longer than its share is first reduced in the
    database (M4 over buckets of steps, ``store.metric_buckets``), so only a few times the
    budget is read, however long the series. Unknown ids are a 404; series a run lacks come back empty.
    Declared before ``/{run_id}`` so the path is not read as an id."""
    run_ids = await _id_list(session, ids)
    wanted = list(dict.fromkeys(name.strip() for name in names.split(",") if name.strip())) if names else None
    found = await store.existing(session, run_ids)
    missing = [str(run_id) for run_id in run_ids if run_id not in found]
    if missing:
        raise NotFound(f"{len(missing)} run(s) do not exist: {', '.join(missing[:5])}")
    extents = await store.metric_extents(session, run_ids, wanted)
    counts = {key: extent.count for key, extent in extents.items()}
    keys = [
        (run_id, name)
        for run_id in run_ids
        for name in (wanted or sorted(name for owner, name in counts if owner == run_id))
    ]
    filled = [key for key in keys if counts.get(key, 0) > 0]
    if points < 3 * len(filled):
        raise Invalid(
            f"points must be at least 3 per series: {3 * len(filled)} for these {len(filled)} series",
            errors=[{"loc": ["query", "points"], "msg": f"at least {3 * len(filled)}", "type": "greater_than_equal"}],
        )
    shares = dict(zip(filled, split_budget([counts[key] for key in filled], points), strict=True))
    downsampled = await _reduced(session, extents, shares)
    per_run = Counter[uuid.UUID]()
    for (owner, name), count in counts.items():
        if (owner, name) not in downsampled:
            per_run[owner] += count
    group: list[uuid.UUID] = []
    group_points = 0
    whole = [run_id for run_id in run_ids if per_run[run_id]]
    for index, run_id in enumerate(whole):
        group.append(run_id)
        group_points += per_run[run_id]
        if group_points >= READ_POINTS or index == len(whole) - 1:
            for key, (steps, values) in (await store.metric_arrays(session, group, wanted)).items():
                if key in downsampled:
                    continue
                keep = lttb(steps, values, shares[key]) if shares[key] < len(steps) else range(len(steps))
                downsampled[key] = ([steps[i] for i in keep], [values[i] for i in keep])
            group, group_points = [], 0
    series = [
        RunSeries(
            run_id=run_id,
            name=name,
            count=counts.get((run_id, name), 0),
            steps=downsampled.get((run_id, name), ([], []))[0],
            values=downsampled.get((run_id, name), ([], []))[1],
        )
        for run_id, name in keys
    ]
    return MetricsBatch(points=points, returned=sum(len(item.steps) for item in series), series=series)


@router.get("/{run_id}", response_model=RunRead)
async def read_run(run: RunDep, kinds: RegistryDep) -> RunRead:
    return RunRead.of(run, resumable_kinds(kinds))


@router.patch("/{run_id}", response_model=RunRead)
async def edit_run(run_id: RunIdDep, body: RunUpdate, session: SessionDep, kinds: RegistryDep) -> RunRead:
    """Set or clear (null) a run's name and notes, in any status; fields left out stay."""
    run = await store.annotate(session, run_id, body.model_dump(exclude_unset=True))
    return RunRead.of(run, resumable_kinds(kinds))


@router.delete("/{run_id}", status_code=204)
async def delete_run(run_id: RunIdDep, state: StateDep) -> None:
    """Delete a run, its records and its folder; refused (409) while it runs."""
    async with transaction(state.sessions) as session:
        await store.remove(session, run_id)
    await asyncio.to_thread(mirror.remove_files, state.settings, run_id)


@router.post("/{run_id}/cancel", status_code=202, response_model=RunRead)
async def cancel_run(run_id: RunIdDep, session: SessionDep, kinds: RegistryDep) -> JSONResponse:
    """Cancel a queued run at once, or ask a running one to stop (SIGTERM, then SIGKILL)."""
    return _accepted(await store.cancel(session, run_id), kinds)


@router.post("/{run_id}/retry", status_code=202, response_model=RunRead, responses=QUOTA_RESPONSES)
async def retry_run(
    run_id: RunIdDep, session: SessionDep, settings: SettingsDep, kinds: RegistryDep, caller: CallerDep
) -> JSONResponse:
    """Queue a new run with the config of a failed or cancelled one."""
    await check_queue_quota(session, settings, caller)
    return _accepted(await store.retry(session, run_id, submitted_by=caller), kinds)


@router.post("/{run_id}/resume", status_code=202, response_model=RunRead, responses=QUOTA_RESPONSES)
async def resume_run(
    run_id: RunIdDep, session: SessionDep, settings: SettingsDep, kinds: RegistryDep, caller: CallerDep
) -> JSONResponse:
    """Queue a new run with the config of a failed or cancelled one that continues from its last
    checkpoint (``retry_of`` names the original); 409 unless ``resumable`` says it can."""
    await check_queue_quota(session, settings, caller)
    return _accepted(await store.resume(session, run_id, resumable_kinds(kinds), submitted_by=caller), kinds)


async def _log_events(
    hub: LogHub, run_id: uuid.UUID, after: int, resumable: frozenset[str]
) -> AsyncIterator[ServerSentEvent]:
    async for item in hub.follow(run_id, after):
        if isinstance(item, list):
            for line in item:
                yield ServerSentEvent(data=line.data, event="log", id=str(line.seq))
        elif isinstance(item, MetricsNews):
            yield ServerSentEvent(
                data=orjson.dumps({"points": item.points, "step": item.step}).decode(), event="metrics"
            )
        else:
            body = RunRead.of(item, resumable).model_dump(mode="json")
            yield ServerSentEvent(data=orjson.dumps(body).decode(), event="status")


class _CountedStream(EventSourceResponse):
    """A stream that gives its slot back when it ends, however it ends (finished, client gone,
    server stopping): counting in the response rather than the generator also covers a client
    that leaves before the first event, when the generator never starts."""

    def __init__(self, events: AsyncIterator[ServerSentEvent], slots: StreamSlots, caller: str) -> None:
        super().__init__(events, ping=15)
        self._slots, self._caller = slots, caller

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self._slots.give_back(self._caller)


@router.get(
    "/{run_id}/logs",
    response_model=LogPage,
    responses={
        200: {"content": {"text/event-stream": {}}, "description": "A page, or the live stream."},
        429: {
            "description": "Too many live streams open (max_log_streams, max_log_streams_per_token); see Retry-After."
        },
    },
)
async def run_logs(
    run: RunDep,
    state: StateDep,
    kinds: RegistryDep,
    caller: CallerDep,
    hub: LogHubDep,
    slots: SlotsDep,
    accept: Annotated[str, Header()] = "application/json",
    last_event_id: Annotated[
        str | None,
        Header(pattern=LOG_POSITION, description="Resume the stream after this line (its sequence number)."),
    ] = None,
    after: Annotated[int, Query(ge=0, le=INT32_MAX, description="Return lines after this sequence number.")] = 0,
    limit: Annotated[int, Query(ge=1, le=10_000, description="Page size (JSON only).")] = 1000,
) -> Any:
    """With ``Accept: text/event-stream``: server-sent events, one ``log`` event per line (``id:``
    is its sequence number, so reconnecting with ``Last-Event-ID`` resumes), a ``metrics`` event
    (no ``id:``) whenever the run's metric series grow, with how many points they hold and their
    newest step, so a chart refetches them then instead of polling, and a final ``status`` event
    once the run is finished. Otherwise: a JSON page of lines. Followers of
    one run share one database reader (``runs/streams.py``); open streams are capped in all
    and per token (429 with Retry-After)."""
    if "text/event-stream" in accept:
        start = after
        if last_event_id is not None:
            start = int(last_event_id)
            if start > INT32_MAX:
                raise Invalid(
                    f"Last-Event-ID is past the last possible line ({INT32_MAX})",
                    errors=[
                        {"loc": ["header", "last-event-id"], "msg": f"at most {INT32_MAX}", "type": "less_than_equal"}
                    ],
                )
        slots.take(caller or ANONYMOUS)
        events = _log_events(hub, run.id, start, resumable_kinds(kinds))
        return _CountedStream(events, slots, caller or ANONYMOUS)
    async with state.sessions() as session:
        lines = await store.logs_after(session, run.id, after, limit)
    next_after = lines[-1].seq if lines else after
    return LogPage(
        items=[LogLine.model_validate(line) for line in lines],
        next_after=next_after,
        status=RunStatus(run.status),
        done=run.status in TERMINAL and len(lines) < limit,
    )


@router.get("/{run_id}/metrics", response_model=RunMetrics)
async def run_metrics(
    run: RunDep,
    session: SessionDep,
    names: Annotated[str | None, Query(description="Comma-separated series names; all when absent.")] = None,
    downsample: Annotated[
        int, Query(ge=0, le=100_000, description="Points per series at most (LTTB); 0 returns every point.")
    ] = 1000,
) -> RunMetrics:
    """Metric series, downsampled on the server so a 100,000-step run draws at once: like the
    overlay, a series far longer than ``downsample`` is reduced in the database first."""
    if 0 < downsample < 3:
        raise Invalid(
            "downsample must be 0 (off) or at least 3",
            errors=[{"loc": ["query", "downsample"], "msg": "0 or at least 3", "type": "value_error"}],
        )
    available = await store.metric_names(session, run.id)
    wanted = [name.strip() for name in names.split(",") if name.strip()] if names else available
    extents = await store.metric_extents(session, [run.id], wanted)
    reduced = await _reduced(session, extents, dict.fromkeys(extents, downsample)) if downsample else {}
    series = []
    for name in wanted:
        count = extents[(run.id, name)].count if (run.id, name) in extents else 0
        if (run.id, name) in reduced:
            steps, values = reduced[(run.id, name)]
            times = await store.metric_times(session, run.id, name, steps)
        else:
            points = await store.metric_points(session, run.id, name)
            keep = (
                lttb([p[0] for p in points], [p[1] for p in points], downsample) if downsample else range(len(points))
            )
            steps, values, times = (
                [points[i][0] for i in keep],
                [points[i][1] for i in keep],
                [points[i][2] for i in keep],
            )
        series.append(MetricSeries(name=name, count=count, steps=steps, values=values, times=times))
    return RunMetrics(run_id=run.id, names=available, series=series)


@router.get("/{run_id}/artifacts", response_model=ArtifactList)
async def list_artifacts(run: RunDep, session: SessionDep, settings: SettingsDep) -> ArtifactList:
    """Every file in the run folder with size and sha256, and what the run reported it as. With
    an artifact store, the files uploaded there so far (checkpoints and artifacts as the run
    reports them, the rest when an attempt ends)."""
    records = {record.path: record for record in await store.artifact_records(session, run.id)}
    stored = mirror.mirror_of(settings, run.id)
    if stored is None:
        folder = artifacts.run_dir(settings.home, run.id)
        entries = await asyncio.to_thread(artifacts.listing, folder, MAX_ARTIFACTS + 1)
    else:
        entries = await asyncio.to_thread(stored.listing, MAX_ARTIFACTS + 1)
    items = []
    for entry in entries[:MAX_ARTIFACTS]:
        record = records.get(entry.path)
        items.append(
            ArtifactEntry(
                path=entry.path,
                size=entry.size,
                sha256=entry.sha256,
                modified_at=entry.modified_at,
                kind=record.kind if record else None,
                step=record.step if record else None,
            )
        )
    return ArtifactList(items=items, truncated=len(entries) > MAX_ARTIFACTS)


@router.get("/{run_id}/artifacts/{path:path}", response_class=FileResponse)
async def download_artifact(run: RunDep, settings: SettingsDep, path: str) -> Response:
    """One file from the run folder; paths leading outside it (``..``, absolute, symlinks) are refused.
    With an artifact store, the file streams from the store as it is read, never staged here."""
    stored = mirror.mirror_of(settings, run.id)
    if stored is None:
        target = await asyncio.to_thread(artifacts.file_for_download, artifacts.run_dir(settings.home, run.id), path)
        return FileResponse(target, filename=target.name)
    size, chunks = await asyncio.to_thread(stored.file, path)
    name = PurePosixPath(path).name
    quoted = quote(name)
    disposition = f'attachment; filename="{name}"' if quoted == name else f"attachment; filename*=utf-8''{quoted}"
    return StreamingResponse(
        chunks,
        media_type=mimetypes.guess_type(name)[0] or "text/plain",
        headers={"Content-Length": str(size), "Content-Disposition": disposition},
    )
