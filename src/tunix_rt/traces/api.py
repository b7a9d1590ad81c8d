"""The trace routes: thin wrappers over ``traces.store`` and ``traces.ingest``."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Annotated, Any, Literal

import orjson
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from pydantic import BaseModel, ValidationError

from tunix_rt import short_ids
from tunix_rt.deps import PageSize, SessionDep, SettingsDep, StateDep, id_in_path
from tunix_rt.errors import Invalid
from tunix_rt.short_ids import HELP as ID_HELP
from tunix_rt.traces import ingest, store
from tunix_rt.traces.io import parse_batch
from tunix_rt.traces.schema import (
    BatchResult,
    ImportResult,
    SynthRequest,
    TagsUpdate,
    TraceCompare,
    TraceCreated,
    TraceIn,
    TracePage,
    TraceRead,
    TraceStats,
)
from tunix_rt.traces.tables import Trace

router = APIRouter(prefix="/api/traces", tags=["traces"])

_FILTER_KEYS = {"source", "tag", "created_after", "created_before", "q", "quality", "flag"}
Mode = Annotated[
    Literal["all", "partial"],
    Query(description="all: store nothing if any item is invalid; partial: store the valid ones."),
]


def _inline_schema(model: type[BaseModel]) -> dict[str, Any]:
    """A model's JSON schema with its ``$defs`` inlined: OpenAPI cannot resolve ``#/$defs/...``
    refs inside a hand-written request body, and client generators reject them."""
    schema = model.model_json_schema()
    defs: dict[str, Any] = schema.pop("$defs", {})

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                return resolve(defs[ref.removeprefix("#/$defs/")])
            return {key: resolve(value) for key, value in node.items()}
        if isinstance(node, list):
            return [resolve(value) for value in node]
        return node

    inlined: dict[str, Any] = resolve(schema)
    return inlined


def _json_body(schema: type[BaseModel]) -> dict[str, Any]:
    """OpenAPI for routes that read the raw body themselves (to validate with configured limits)."""
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": _inline_schema(schema)}},
        }
    }


def filters_dependency(*extra_keys: str) -> Any:
    """A dependency reading trace filters from the query string; ``meta.KEY=VALUE`` pairs match
    metadata and any other unknown key is a 422 (a misspelt filter must not return everything)."""
    allowed = _FILTER_KEYS | set(extra_keys)

    def trace_filters(
        request: Request,
        source: Annotated[str | None, Query(description="Exact source, e.g. synth:arithmetic.")] = None,
        tag: Annotated[str | None, Query(description="Traces carrying this tag.")] = None,
        created_after: Annotated[datetime | None, Query(description="Created at or after (ISO 8601).")] = None,
        created_before: Annotated[datetime | None, Query(description="Created before (ISO 8601).")] = None,
        q: Annotated[str | None, Query(max_length=200, description="Text search over prompt and answer.")] = None,
        quality: Annotated[Literal["ok", "flagged"] | None, Query(description="Quality verdict.")] = None,
        flag: Annotated[str | None, Query(description="A quality flag, e.g. arithmetic_error.")] = None,
    ) -> store.TraceFilters:
        meta: dict[str, str] = {}
        unknown: list[str] = []
        for key, value in request.query_params.multi_items():
            if key.startswith("meta.") and len(key) > 5:
                meta[key[5:]] = value
            elif key not in allowed:
                unknown.append(key)
        if unknown:
            raise Invalid(
                f"unknown query parameter(s): {', '.join(sorted(unknown))}",
                errors=[{"loc": ["query", k], "msg": "unknown filter", "type": "extra_forbidden"} for k in unknown],
                allowed=[*sorted(allowed), "meta.<key>"],
            )
        for name, stamp in (("created_after", created_after), ("created_before", created_before)):
            if stamp is not None and stamp.tzinfo is None:
                raise Invalid(f"{name} must carry a timezone, e.g. 2026-01-02T00:00:00Z")
        return store.TraceFilters(
            source=source,
            meta=meta,
            tag=tag,
            created_after=created_after,
            created_before=created_before,
            q=q,
            quality=quality,
            flag=flag,
        )

    return Depends(trace_filters)


FiltersDep = Annotated[store.TraceFilters, filters_dependency()]
PagedFiltersDep = Annotated[store.TraceFilters, filters_dependency("limit", "cursor")]


@router.post("", response_model=TraceCreated, status_code=201, openapi_extra=_json_body(TraceIn))
async def create_trace(request: Request, session: SessionDep, state: StateDep) -> JSONResponse:
    """Store one trace; the same content again answers 200 with the stored id and ``created: false``."""
    try:
        trace = TraceIn.model_validate_json(await request.body(), context={"limits": state.settings.limits})
    except ValidationError as exc:
        errors = [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in exc.errors(include_url=False)]
        raise Invalid(f"{len(errors)} problem(s) in the trace", errors=errors) from exc
    outcome = await store.ingest(session, [(0, trace.plain())], source="api")
    if outcome.errors:
        await session.rollback()
        raise Invalid(outcome.errors[0].msg, errors=[outcome.errors[0].as_dict()])
    item = outcome.items[0]
    if item.created:
        state.metrics.traces_ingested.labels("api").inc()
    row = await store.get(session, item.id)
    body = TraceCreated.model_validate({**TraceRead.model_validate(row).model_dump(), "created": item.created})
    return JSONResponse(body.model_dump(mode="json"), status_code=201 if item.created else 200)


@router.post(
    "/batch",
    response_model=BatchResult,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"type": "array", "items": _inline_schema(TraceIn)}}},
        }
    },
)
async def create_batch(request: Request, session: SessionDep, state: StateDep, mode: Mode = "all") -> Response:
    """Store up to ``max_batch_size`` traces in one transaction; every invalid item is reported."""
    settings = state.settings
    items, errors = parse_batch(await request.body(), settings.limits, settings.max_batch_size)
    outcome, summary = await ingest.store_batch(
        session,
        items,
        errors,
        partial=mode == "partial",
        source="api",
        max_errors=settings.max_reported_errors,
    )
    state.metrics.traces_ingested.labels("batch").inc(summary.created)
    return _batch_result(outcome, summary.invalid, [e.as_dict() for e in summary.errors])


def _batch_result(outcome: store.IngestOutcome, invalid: int, errors: list[dict[str, Any]]) -> Response:
    """A ``BatchResult``, written straight by orjson: returned as a model, FastAPI dumped it,
    validated it again against ``response_model`` and wrote it with the standard json module,
    which cost more per item than storing the trace (docs/benchmarks.md, trace ingest)."""
    body = {
        "created": outcome.created,
        "duplicates": outcome.duplicates,
        "invalid": invalid,
        "items": [{"index": i.index, "id": i.id, "created": i.created} for i in outcome.items],
        "errors": errors,
    }
    # default=str: ids read back for duplicates are asyncpg's own UUID type, which orjson does not know
    return Response(orjson.dumps(body, default=str), media_type="application/json")


async def _upload_chunks(request: Request) -> AsyncIterator[bytes]:
    """The file's bytes, from a multipart field ``file`` or from the raw body, never all at once."""
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        form = await request.form(max_files=1, max_fields=10)
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise Invalid("multipart upload needs a file field named 'file'")
        while chunk := await upload.read(1 << 16):
            yield chunk
        return
    async for chunk in request.stream():
        yield chunk


@router.post(
    "/import",
    response_model=ImportResult,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {"file": {"type": "string", "format": "binary"}},
                    }
                },
                "application/x-ndjson": {"schema": {"type": "string"}},
            },
        }
    },
)
async def import_jsonl(
    request: Request,
    state: StateDep,
    mode: Mode = "all",
    source: Annotated[str | None, Query(max_length=200, description="Source recorded on imported traces.")] = None,
) -> ImportResult:
    """Import a JSONL file (multipart field ``file`` or a raw ``application/x-ndjson`` body),
    streamed in chunks, with errors reported by line number."""
    summary = await ingest.import_stream(
        state.sessions,
        _upload_chunks(request),
        state.settings,
        partial=mode == "partial",
        source=source or "import",
    )
    state.metrics.traces_ingested.labels("import").inc(summary.created)
    return ImportResult.model_validate(summary.as_dict())


@router.get("", response_model=TracePage)
async def list_traces(
    session: SessionDep,
    settings: SettingsDep,
    filters: PagedFiltersDep,
    limit: PageSize = 50,
    cursor: Annotated[str | None, Query(description="next_cursor of the previous page.")] = None,
) -> dict[str, Any]:
    """Newest first, keyset-paged."""
    if limit > settings.max_page_size:
        raise Invalid(
            f"limit {limit} is over the maximum page size {settings.max_page_size}",
            errors=[
                {
                    "loc": ["query", "limit"],
                    "msg": f"at most {settings.max_page_size}",
                    "type": "less_than_equal",
                }
            ],
        )
    items, next_cursor = await store.list_page(session, filters, limit, cursor)
    return {"items": items, "next_cursor": next_cursor}


@router.get("/export", response_class=StreamingResponse, responses={200: {"content": {"application/x-ndjson": {}}}})
async def export_traces(state: StateDep, filters: FiltersDep) -> StreamingResponse:
    """Stream the selection as JSONL that ``/import`` takes back (ids and times kept)."""
    return StreamingResponse(
        store.export_lines(state.sessions, filters),
        media_type="application/x-ndjson",
        headers={"Content-Disposition": 'attachment; filename="traces.jsonl"'},
    )


@router.get("/stats", response_model=TraceStats)
async def trace_stats(session: SessionDep, filters: FiltersDep) -> dict[str, Any]:
    """Counts by source, category and quality flag, and step-count range, for a selection."""
    return await store.stats(session, filters)


@router.get("/compare", response_model=TraceCompare)
async def compare_traces(
    session: SessionDep,
    a: Annotated[str, Query(max_length=64, description=ID_HELP)],
    b: Annotated[str, Query(max_length=64, description=ID_HELP)],
) -> TraceCompare:
    """Both traces with their quality reports, and a step-level diff."""
    a_id = await short_ids.resolve(session, Trace.id, a, "trace", ("query", "a"))
    b_id = await short_ids.resolve(session, Trace.id, b, "trace", ("query", "b"))
    first = TraceRead.model_validate(await store.get(session, a_id))
    second = TraceRead.model_validate(await store.get(session, b_id))
    diff = store.step_diff([s.model_dump() for s in first.steps], [s.model_dump() for s in second.steps])
    return TraceCompare(a=first, b=second, step_diff=diff)


@router.post("/synth", response_model=BatchResult)
async def synthesize(body: SynthRequest, session: SessionDep, state: StateDep) -> Response:
    """Generate and store deterministic synthetic traces."""
    if body.count > state.settings.max_batch_size:
        raise Invalid(f"count {body.count} is over the batch limit {state.settings.max_batch_size}")
    outcome = await ingest.store_synthetic(
        session, body.kind, body.count, body.seed, body.tags, state.settings.limits, body.column_arithmetic
    )
    state.metrics.traces_ingested.labels("synth").inc(outcome.created)
    return _batch_result(outcome, 0, [])


TraceIdDep = Annotated[uuid.UUID, Depends(id_in_path(Trace.id, "trace", "trace_id"))]
"""A trace id in the path: the full id or a unique prefix of it."""


@router.get("/{trace_id}", response_model=TraceRead)
async def read_trace(session: SessionDep, trace_id: TraceIdDep) -> TraceRead:
    return TraceRead.model_validate(await store.get(session, trace_id))


@router.patch("/{trace_id}", response_model=TraceRead)
async def update_trace_tags(
    session: SessionDep, settings: SettingsDep, trace_id: TraceIdDep, body: TagsUpdate
) -> TraceRead:
    """Replace (``tags``) or edit (``add`` / ``remove``) a trace's tags."""
    return TraceRead.model_validate(await store.update_tags(session, trace_id, body, settings.limits))


@router.delete("/{trace_id}", status_code=204)
async def delete_trace(session: SessionDep, trace_id: TraceIdDep) -> None:
    await store.remove(session, trace_id)
