"""Dataset and eval-set routes: thin wrappers over ``datasets.store``, ``export`` and ``evalsets``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response, StreamingResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel, Field

from tunix_rt.datasets import evalsets, export, snapshot, store
from tunix_rt.datasets.formats import FORMATS
from tunix_rt.datasets.schema import (
    KEY_PATTERN,
    MAX_VERSION,
    NAME_PATTERN,
    DatasetCreate,
    DatasetDiff,
    DatasetPage,
    DatasetRead,
    DatasetSummary,
    ExportFormat,
    Output,
    SplitName,
    TraceQuery,
)
from tunix_rt.datasets.tables import Dataset
from tunix_rt.deps import SessionDep, SettingsDep, get_state, needs_scope
from tunix_rt.errors import Invalid, Problems, TunixError
from tunix_rt.partial import problems_of
from tunix_rt.traces import store as traces

router = APIRouter(prefix="/api/datasets", tags=["datasets"])
evalsets_router = APIRouter(prefix="/api/evalsets", tags=["evalsets"])

Key = Annotated[str, Path(pattern=KEY_PATTERN, description="name@vN.")]
Limit = Annotated[int, Query(ge=1, le=1000, description="Page size.")]
Cursor = Annotated[str | None, Query(pattern=KEY_PATTERN, description="next_cursor of the previous page.")]
_JSONL_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/x-ndjson": {"schema": {"type": "string"}},
            "multipart/form-data": {
                "schema": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}
            },
        },
    }
}


def known_query(*allowed: str) -> Any:
    """Refuse unknown query parameters (422 naming the allowed ones): a misspelt ``fromat=`` must
    not silently export the default format."""

    def check(request: Request) -> None:
        unknown = sorted(set(request.query_params) - set(allowed))
        if unknown:
            raise Invalid(
                f"unknown query parameter(s): {', '.join(unknown)}",
                errors=[
                    {"loc": ["query", key], "msg": "unknown parameter", "type": "extra_forbidden"} for key in unknown
                ],
                allowed=sorted(allowed),
            )

    return Depends(check)


def _read(dataset: Dataset) -> DatasetRead:
    return DatasetRead(
        key=dataset.key,
        name=dataset.name,
        version=dataset.version,
        kind=dataset.kind,
        description=dataset.description,
        item_count=dataset.item_count,
        counts=dataset.counts,
        created_at=dataset.created_at,
        manifest=dataset.manifest,
    )


def _page(rows: list[Dataset], next_cursor: str | None) -> DatasetPage:
    return DatasetPage(
        items=[DatasetSummary.model_validate(_read(row).model_dump(exclude={"manifest"})) for row in rows],
        next_cursor=next_cursor,
    )


Refusal = Callable[[Request, RequestValidationError, Invalid], Awaitable[TunixError | None]]
"""The whole answer to a request FastAPI refused (its problems as the ``Invalid`` given): the
route's further checks on what did validate, or None to answer with FastAPI's problems alone."""


def all_problems(refusal: Refusal) -> type[APIRoute]:
    """A route class whose request, when FastAPI refuses its parameters or body, is answered by
    ``refusal``, so one answer names every problem rather than the schema's first. Only the
    request's validation reaches it: the caller's token and scope were checked before."""

    class Route(APIRoute):
        def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
            handler = super().get_route_handler()

            async def checked(request: Request) -> Response:
                try:
                    return await handler(request)
                except RequestValidationError as exc:
                    errors = problems_of(exc.errors())
                    where = ".".join(str(part) for part in errors[0]["loc"])
                    answer = await refusal(
                        request, exc, Invalid(f"{len(errors)} problem(s), first at {where}", errors=errors)
                    )
                    if answer is None:
                        raise
                    raise answer from exc

            return checked

    return Route


async def _build_refusal(request: Request, exc: RequestValidationError, schema: Invalid) -> TunixError | None:
    """A build body that fails ``DatasetCreate`` still has its ``query`` checked against the store."""
    if not isinstance(exc.body, dict) or any(error["loc"][:1] != ["body"] for error in schema.errors or []):
        return None
    async with get_state(request).sessions() as session:
        return await store.refusal(session, exc.body, schema)


async def build_dataset(body: DatasetCreate, session: SessionDep, settings: SettingsDep) -> DatasetRead:
    """Build a new version: select, dedupe, split and freeze traces into rows and a snapshot."""
    return _read(await store.build(session, settings, body))


router.add_api_route(
    "",
    build_dataset,
    methods=["POST"],
    response_model=DatasetRead,
    status_code=201,
    route_class_override=all_problems(_build_refusal),
)


class QueryCount(BaseModel):
    matched: int = Field(description="Traces the query matches, before selection, dedupe, limit and split.")


@router.post("/count", response_model=QueryCount, openapi_extra=needs_scope("read"))
async def count_query(body: TraceQuery, session: SessionDep) -> QueryCount:
    """How many traces a build's ``query`` selects (a dry run: nothing is stored, so a read token
    may ask), for a builder form's live count."""
    filters = await store._query_filters(session, body)
    return QueryCount(matched=await traces.count(session, filters))


@router.get("", response_model=DatasetPage, dependencies=[known_query("limit", "cursor")])
async def list_datasets(session: SessionDep, limit: Limit = 50, cursor: Cursor = None) -> DatasetPage:
    """Trace datasets by name, newest version first."""
    return _page(*await store.list_page(session, "traces", limit, cursor))


@router.get("/diff", response_model=DatasetDiff, dependencies=[known_query("a", "b", "sample")])
async def diff_datasets(
    session: SessionDep,
    a: Annotated[str, Query(pattern=KEY_PATTERN, description="The older dataset key.")],
    b: Annotated[str, Query(pattern=KEY_PATTERN, description="The newer dataset key.")],
    sample: Annotated[int, Query(ge=0, le=1000, description="How many ids to list per change.")] = 20,
) -> DatasetDiff:
    """Traces added, removed and moved between splits from a to b."""
    return await store.diff(session, a, b, sample)


@router.get("/{key}", response_model=DatasetRead)
async def read_dataset(session: SessionDep, key: Key) -> DatasetRead:
    """The manifest: request, counts per split and stratum, sha256 per split, length and step statistics."""
    return _read(await store.get(session, key))


@router.delete("/{key}", status_code=204)
async def delete_dataset(session: SessionDep, settings: SettingsDep, key: Key) -> None:
    """Delete a dataset and its snapshot; 409 while a run references it."""
    await store.remove(session, settings, key)


@router.get(
    "/{key}/export",
    response_class=StreamingResponse,
    dependencies=[known_query("format", "split", "output")],
    responses={200: {"content": {"application/x-ndjson": {}, "application/vnd.apache.parquet": {}}}},
)
async def export_dataset(
    session: SessionDep,
    settings: SettingsDep,
    key: Key,
    format: Annotated[ExportFormat, Query(description=f"One of: {', '.join(FORMATS)}.")] = "trace",
    split: Annotated[SplitName, Query(description="train, eval, or all (train then eval).")] = "all",
    output: Annotated[Output, Query(description="jsonl, or parquet (needs the parquet extra).")] = "jsonl",
) -> StreamingResponse:
    """Stream a split in a format, from the frozen snapshot; ``trace`` JSONL is byte-identical to
    the snapshot, so its sha256 is the manifest's (also sent as ``X-Content-SHA256``)."""
    dataset = await store.get(session, key)
    if output == "parquet":
        export.require_parquet()
    chunks = export.export_chunks(snapshot.folder(settings, key), dataset.manifest, format, split, output)
    headers = {"Content-Disposition": f'attachment; filename="{key}-{split}-{format}.{output}"'}
    if format == "trace" and output == "jsonl":
        headers["X-Content-SHA256"] = dataset.manifest["sha256"][split]
    media = "application/vnd.apache.parquet" if output == "parquet" else "application/x-ndjson"
    return StreamingResponse(chunks, media_type=media, headers=headers)


async def _jsonl_body(request: Request) -> tuple[bytes, str | None]:
    """A JSONL upload: multipart field ``file`` or the raw body; also the uploaded file name."""
    if request.headers.get("content-type", "").startswith("multipart/form-data"):
        form = await request.form(max_files=1, max_fields=10)
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise Invalid("multipart upload needs a file field named 'file'")
        return await upload.read(), upload.filename
    return await request.body(), None


async def _import_refusal(request: Request, _exc: RequestValidationError, schema: Invalid) -> TunixError:
    """An import whose name or version is refused still has its file's lines checked."""
    problems = Problems("import")
    problems.add(schema)
    with problems.collect():
        evalsets.parse((await _jsonl_body(request))[0])
    error = problems.error()
    assert error is not None  # the parameters' problems are among them
    return error


async def import_evalset(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    name: Annotated[str, Query(pattern=NAME_PATTERN, description="Eval set name; the key is name@vN.")],
    version: Annotated[
        int | None, Query(ge=1, le=MAX_VERSION, description="Version to create (default: next).")
    ] = None,
    description: Annotated[str, Query(max_length=2000, description="What the eval set measures.")] = "",
) -> DatasetRead:
    """Import eval items from JSONL; any invalid line refuses the whole file (errors by line)."""
    body, filename = await _jsonl_body(request)
    items = evalsets.parse(body)
    dataset = await evalsets.create(
        session,
        settings,
        name=name,
        version=version,
        description=description,
        items=items,
        source={"type": "import", "filename": filename},
    )
    return _read(dataset)


evalsets_router.add_api_route(
    "",
    import_evalset,
    methods=["POST"],
    response_model=DatasetRead,
    status_code=201,
    openapi_extra=_JSONL_BODY,
    route_class_override=all_problems(_import_refusal),
)


@evalsets_router.post("/validate", openapi_extra={**_JSONL_BODY, **needs_scope("read")})
async def validate_evalset(request: Request) -> dict[str, Any]:
    """Check a JSONL file without storing it (so a read token may ask): duplicate ids, empty
    answers, unknown fields, by line."""
    body, _filename = await _jsonl_body(request)
    report = evalsets.validate_lines(body.split(b"\n"))
    return report.as_dict()


@evalsets_router.post("/derive", response_model=DatasetRead, status_code=201)
async def derive_evalset(body: evalsets.EvalSetDerive, session: SessionDep, settings: SettingsDep) -> DatasetRead:
    """Make an eval set from a trace dataset's eval split (answer = the trace's final answer)."""
    return _read(await evalsets.derive(session, settings, body))


@evalsets_router.get("", response_model=DatasetPage, dependencies=[known_query("limit", "cursor")])
async def list_evalsets(session: SessionDep, limit: Limit = 50, cursor: Cursor = None) -> DatasetPage:
    return _page(*await store.list_page(session, "eval", limit, cursor))


@evalsets_router.get("/{key}", response_model=DatasetRead)
async def read_evalset(session: SessionDep, key: Key) -> DatasetRead:
    return _read(await store.get(session, key, "eval"))


@evalsets_router.get(
    "/{key}/items", response_class=StreamingResponse, responses={200: {"content": {"application/x-ndjson": {}}}}
)
async def evalset_items(session: SessionDep, settings: SettingsDep, key: Key) -> StreamingResponse:
    """The items as canonical JSONL (its sha256 is the manifest's)."""
    dataset = await store.get(session, key, "eval")
    path = evalsets.items_file(settings, dataset)
    return StreamingResponse(
        export.file_blocks([path]),
        media_type="application/x-ndjson",
        headers={"X-Content-SHA256": dataset.manifest["sha256"]["items"]},
    )


@evalsets_router.delete("/{key}", status_code=204)
async def delete_evalset(session: SessionDep, settings: SettingsDep, key: Key) -> None:
    """Delete an eval set; 409 while a run references it."""
    await store.remove(session, settings, key, "eval")
