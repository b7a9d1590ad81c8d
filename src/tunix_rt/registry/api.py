"""Registry routes under ``/api/models``: thin wrappers over ``registry.store`` and ``download``.

A version is addressed as ``{ref}``: its number (``v3``), ``latest``, its label (``release-1``) or
an alias with an ``@`` (``@champion``).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Response
from fastapi.responses import StreamingResponse
from sqlalchemy.ext.asyncio import AsyncSession

from tunix_rt import short_ids
from tunix_rt.deps import PageSize, SessionDep, SettingsDep
from tunix_rt.registry import download, store
from tunix_rt.registry.blobs import BlobStore
from tunix_rt.registry.schema import (
    NAME_PATTERN,
    REF_PATTERN,
    AliasList,
    AliasRead,
    AliasSet,
    FileRead,
    ModelCreate,
    ModelPage,
    ModelRead,
    ModelUpdate,
    PromoteResult,
    VersionCreate,
    VersionDetail,
    VersionList,
    VersionRead,
)
from tunix_rt.registry.tables import ModelVersion, RegisteredModel
from tunix_rt.runs.mirror import fetch_outputs
from tunix_rt.runs.tables import Run

router = APIRouter(prefix="/api/models", tags=["models"])

ModelName = Annotated[str, Path(pattern=NAME_PATTERN, description="Model name.")]
VersionRef = Annotated[str, Path(pattern=REF_PATTERN, description="vN, latest, a version label, or @alias.")]
Label = Annotated[str, Path(pattern=NAME_PATTERN, description="vN, latest or a version label.")]
AliasName = Annotated[str, Path(pattern=NAME_PATTERN, description="Alias name.")]


def get_blobs(settings: SettingsDep) -> BlobStore:
    return BlobStore.of(settings)


BlobsDep = Annotated[BlobStore, Depends(get_blobs)]


async def _model_reads(session: AsyncSession, models: list[RegisteredModel]) -> list[ModelRead]:
    summary = await store.version_counts(session, [m.id for m in models])
    return [
        ModelRead(
            name=m.name,
            description=m.description,
            tags=m.tags,
            aliases=await store.aliases_of(session, m.id),
            version_count=summary[m.id][0],
            latest=summary[m.id][1],
            created_at=m.created_at,
            updated_at=m.updated_at,
        )
        for m in models
    ]


def version_read(name: str, version: ModelVersion, aliases: dict[str, str]) -> dict[str, object]:
    """A version as ``VersionRead`` fields (the CLI prints the same shape with ``--json``);
    ``aliases`` maps alias names to ``vN`` as ``store.aliases_of`` returns them."""
    return {
        "model": name,
        "label": version.label,
        "number": version.number,
        "description": version.description,
        "run_id": version.run_id,
        "format": version.format,
        "content_hash": version.content_hash,
        "size": version.size,
        "file_count": version.file_count,
        "metrics": version.metrics,
        "config": version.config,
        "provenance": version.provenance,
        "aliases": sorted(alias for alias, target in aliases.items() if target == store.version_name(version.number)),
        "created_at": version.created_at,
        "archive_url": f"/api/models/{name}/versions/{store.version_name(version.number)}/archive",
    }


@router.post("", response_model=ModelRead, status_code=201)
async def create_model(body: ModelCreate, session: SessionDep) -> ModelRead:
    model = await store.create_model(session, body.name, body.description, body.tags)
    return (await _model_reads(session, [model]))[0]


@router.get("", response_model=ModelPage)
async def list_models(
    session: SessionDep,
    settings: SettingsDep,
    limit: PageSize = 50,
    cursor: Annotated[str | None, Query(pattern=NAME_PATTERN, description="next_cursor of the previous page.")] = None,
) -> ModelPage:
    rows, next_cursor = await store.list_models(session, min(limit, settings.max_page_size), cursor)
    return ModelPage(items=await _model_reads(session, rows), next_cursor=next_cursor)


@router.get("/{name}", response_model=ModelRead)
async def read_model(session: SessionDep, name: ModelName) -> ModelRead:
    return (await _model_reads(session, [await store.get_model(session, name)]))[0]


@router.patch("/{name}", response_model=ModelRead)
async def update_model(body: ModelUpdate, session: SessionDep, name: ModelName) -> ModelRead:
    model = await store.update_model(session, name, description=body.description, tags=body.tags)
    return (await _model_reads(session, [model]))[0]


@router.delete("/{name}", status_code=204, responses={409: {"description": "The model still has versions."}})
async def delete_model(session: SessionDep, name: ModelName) -> None:
    await store.delete_model(session, name)


@router.post(
    "/{name}/versions",
    response_model=PromoteResult,
    status_code=201,
    responses={
        200: {"model": PromoteResult, "description": "The same content is already a version (created: false)."},
        409: {"description": "The run has not succeeded, has no model output, or the label holds other content."},
    },
)
async def promote(
    body: VersionCreate,
    session: SessionDep,
    settings: SettingsDep,
    blobs: BlobsDep,
    name: ModelName,
    response: Response,
) -> PromoteResult:
    """Promote a run's final model (merged, full, or adapter) into a version of ``name``; the
    model is created on first promotion."""
    run_id = await short_ids.resolve(session, Run.id, body.run_id, "run", ("body", "run_id"))
    await fetch_outputs(settings, session, run_id)
    version, created = await store.promote(
        session, blobs, settings.home, name, run_id, label=body.label, description=body.description
    )
    if not created:
        response.status_code = 200
    aliases = await store.aliases_of(session, version.model_id)
    return PromoteResult.model_validate({**version_read(name, version, aliases), "created": created})


@router.get("/{name}/versions", response_model=VersionList)
async def list_versions(session: SessionDep, name: ModelName) -> VersionList:
    model, versions = await store.list_versions(session, name)
    aliases = await store.aliases_of(session, model.id)
    return VersionList(items=[VersionRead.model_validate(version_read(name, v, aliases)) for v in versions])


@router.get("/{name}/versions/{ref}", response_model=VersionDetail)
async def read_version(session: SessionDep, name: ModelName, ref: VersionRef) -> VersionDetail:
    version = await store.resolve(session, store.path_ref(name, ref))
    aliases = await store.aliases_of(session, version.model_id)
    files = [FileRead(path=e.path, size=e.size, sha256=e.sha256) for e in await store.files_of(session, version.id)]
    return VersionDetail.model_validate({**version_read(name, version, aliases), "files": files})


@router.get(
    "/{name}/versions/{ref}/archive",
    response_class=StreamingResponse,
    responses={200: {"content": {"application/x-tar": {}}, "description": "The version's files as a tar."}},
)
async def download_version(session: SessionDep, blobs: BlobsDep, name: ModelName, ref: VersionRef) -> StreamingResponse:
    """The version's files as an uncompressed tar streamed from the blob store, members at the
    archive root (extract it and load the folder); ``ETag`` is the content hash."""
    version = await store.resolve(session, store.path_ref(name, ref))
    entries = await store.files_of(session, version.id)
    mtime = int(version.created_at.timestamp())
    headers = {
        "Content-Length": str(download.tar_size(entries, mtime)),
        "Content-Disposition": f'attachment; filename="{name}-{store.version_name(version.number)}.tar"',
        "ETag": f'"{version.content_hash}"',
    }
    stream = download.tar_stream(blobs, entries, mtime)
    return StreamingResponse(stream, media_type="application/x-tar", headers=headers)


@router.delete(
    "/{name}/versions/{label}", status_code=204, responses={409: {"description": "An alias points at the version."}}
)
async def delete_version(session: SessionDep, name: ModelName, label: Label) -> None:
    await store.delete_version(session, name, label)


@router.get("/{name}/aliases", response_model=AliasList)
async def list_aliases(session: SessionDep, name: ModelName) -> AliasList:
    rows = await store.list_aliases(session, name)
    return AliasList(items=[AliasRead(name=a.name, version=label, updated_at=a.updated_at) for a, label in rows])


@router.put("/{name}/aliases/{alias}", response_model=AliasRead)
async def set_alias(body: AliasSet, session: SessionDep, name: ModelName, alias: AliasName) -> AliasRead:
    """Create the alias or move it to another version; ``previous`` says where it was."""
    change = await store.set_alias(session, name, alias, body.version)
    return AliasRead(name=alias, version=change.version, previous=change.previous, updated_at=change.alias.updated_at)


@router.delete("/{name}/aliases/{alias}", status_code=204)
async def delete_alias(session: SessionDep, name: ModelName, alias: AliasName) -> None:
    await store.delete_alias(session, name, alias)
