"""Registry queries: models, promotion of a run's model into an immutable version, aliases and
refused deletes. Functions take a session (the caller owns the transaction) and raise domain
errors; file hashing and blob uploads run in a thread so the event loop keeps serving.

Versions are numbered 1, 2, 3... per model, and ``vN`` always names version N. A label is a
second, fixed name for one version: promoting with a label makes the next version and attaches
the label to it, so labels never take a number's place (``latest`` is the highest number).
A version promoted without a label stores ``vN`` as its label, so every version has a name to
show; labels that look like ``vN`` or ``latest`` are refused because they would shadow those.

Promotion is idempotent by content: the version's identity is the content hash of its canonical
manifest, so promoting the same bytes again returns the existing version (and stores nothing),
unless a new label is asked for, which makes a new version sharing the same blobs.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from tunix_rt.db import utcnow
from tunix_rt.errors import Conflict, Invalid, NotFound
from tunix_rt.registry.blobs import BlobStore, sha256_file
from tunix_rt.registry.manifest import ManifestEntry, canonical, content_hash, normalize_path
from tunix_rt.registry.schema import NAME_PATTERN
from tunix_rt.registry.tables import ModelAlias, ModelFile, ModelVersion, RegisteredModel
from tunix_rt.runs import store as runs
from tunix_rt.runs.artifacts import run_dir

_NAME = re.compile(NAME_PATTERN)
_REF = re.compile(r"^(?P<name>[^:@]+)(?::(?P<version>[^:@]+)|@(?P<alias>[^:@]+))?$")
_NUMBERED = re.compile(r"^v(?P<number>[1-9][0-9]*)$")
_RESERVED = re.compile(r"^(v[0-9]+|latest)$")
LATEST = "latest"
METRICS_SOURCE = "run_manifest.final_metrics"


def version_name(number: int) -> str:
    """``vN``: the name every version has, whatever its label."""
    return f"v{number}"


def describe(version: ModelVersion) -> str:
    """``vN``, followed by `` label L`` when the version was promoted with a label."""
    numbered = version_name(version.number)
    return numbered if version.label == numbered else f"{numbered} label {version.label}"


def check_label(value: str, loc: list[str | int]) -> str:
    """A label a user gives: a valid name that is neither ``vN`` nor ``latest`` (those name
    versions by number, and a label spelled like one would hide that version)."""
    check_name(value, "version label", loc)
    if _RESERVED.match(value):
        detail = f"'{value}' names a version by number; choose a label that is not vN or '{LATEST}'"
        raise Invalid(detail, errors=[{"loc": loc, "msg": detail, "type": "reserved_label"}])
    return value


def check_name(value: str, what: str, loc: list[str | int]) -> str:
    """Names, labels and aliases: ``^[a-z0-9][a-z0-9._-]{0,63}$`` or a 422 naming the field."""
    if not _NAME.match(value):
        detail = f"'{value[:80]}' is not a valid {what}: lowercase letters, digits, '.', '_', '-', at most 64"
        raise Invalid(detail, errors=[{"loc": loc, "msg": detail, "type": "string_pattern_mismatch"}])
    return value


@dataclass(frozen=True)
class Ref:
    """``NAME``, ``NAME:VERSION`` or ``NAME@ALIAS``; VERSION is ``vN``, ``latest`` or a label,
    and a bare name means the latest version."""

    name: str
    version: str | None = None
    alias: str | None = None


def parse_ref(text: str) -> Ref:
    match = _REF.match(text)
    if match is None:
        raise Invalid(f"'{text[:80]}' is not NAME, NAME:VERSION or NAME@ALIAS")
    ref = Ref(match["name"], match["version"], match["alias"])
    check_name(ref.name, "model name", ["ref"])
    for part in (ref.version, ref.alias):
        if part is not None:
            check_name(part, "version or alias", ["ref"])
    return ref


def path_ref(name: str, ref: str) -> Ref:
    """The ``{ref}`` of a version URL: ``vN``, ``latest``, a label, or ``@alias``."""
    return Ref(name, alias=ref[1:]) if ref.startswith("@") else Ref(name, version=ref)


# models


async def get_model(session: AsyncSession, name: str) -> RegisteredModel:
    model = (await session.execute(select(RegisteredModel).where(RegisteredModel.name == name))).scalar_one_or_none()
    if model is None:
        raise NotFound(f"model '{name}' does not exist")
    return model


async def create_model(
    session: AsyncSession, name: str, description: str = "", tags: list[str] | None = None
) -> RegisteredModel:
    check_name(name, "model name", ["body", "name"])
    exists = await session.execute(select(RegisteredModel.id).where(RegisteredModel.name == name))
    if exists.first() is not None:
        raise Conflict(f"model '{name}' already exists")
    now = utcnow()
    model = RegisteredModel(
        id=uuid.uuid4(), name=name, description=description, tags=list(tags or []), created_at=now, updated_at=now
    )
    session.add(model)
    await _flush(session, f"model '{name}' was created concurrently")
    return model


async def update_model(
    session: AsyncSession, name: str, *, description: str | None, tags: list[str] | None
) -> RegisteredModel:
    model = await get_model(session, name)
    if description is not None:
        model.description = description
    if tags is not None:
        model.tags = list(tags)
    model.updated_at = utcnow()
    await session.flush()
    return model


async def list_models(
    session: AsyncSession, limit: int, cursor: str | None
) -> tuple[list[RegisteredModel], str | None]:
    """By name, keyset-paged (the cursor is the last name of the previous page)."""
    stmt = select(RegisteredModel).order_by(RegisteredModel.name).limit(limit + 1)
    if cursor:
        stmt = stmt.where(RegisteredModel.name > cursor)
    rows = list((await session.execute(stmt)).scalars())
    if len(rows) > limit:
        rows = rows[:limit]
        return rows, rows[-1].name
    return rows, None


async def delete_model(session: AsyncSession, name: str) -> None:
    """Refused (409) while the model has versions: delete them first."""
    model = await get_model(session, name)
    stmt = select(ModelVersion.number).where(ModelVersion.model_id == model.id).order_by(ModelVersion.number)
    versions = [version_name(number) for number in (await session.execute(stmt)).scalars()]
    if versions:
        raise Conflict(f"model '{name}' has versions {', '.join(versions)}; delete them first", versions=versions)
    await session.delete(model)
    await session.flush()


async def aliases_of(session: AsyncSession, model_id: uuid.UUID) -> dict[str, str]:
    """Alias name -> the ``vN`` it points at, for one model."""
    stmt = (
        select(ModelAlias.name, ModelVersion.number)
        .join(ModelVersion, ModelVersion.id == ModelAlias.version_id)
        .where(ModelAlias.model_id == model_id)
        .order_by(ModelAlias.name)
    )
    return {str(name): version_name(number) for name, number in (await session.execute(stmt)).all()}


async def _flush(session: AsyncSession, conflict: str) -> None:
    """Flush; a unique-constraint race with another writer becomes a 409 to retry."""
    try:
        await session.flush()
    except IntegrityError as exc:
        raise Conflict(f"{conflict}; retry") from exc


# promotion


@dataclass(frozen=True)
class SourceFile:
    entry: ManifestEntry
    local: Path


@dataclass(frozen=True)
class ModelOutput:
    """What a run's training backend left as its final model, hashed file by file."""

    format: str
    files: list[SourceFile]
    evidence: dict[str, Any]


def _scan(folder: Path, prefix: str) -> list[SourceFile]:
    """Regular files under ``folder`` (symlinks only while they stay inside), with digests."""
    root = folder.resolve()
    found = []
    for directory, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(directory) / name
            if not path.resolve().is_relative_to(root) or not path.is_file():
                continue
            relative = normalize_path(prefix + path.relative_to(root).as_posix())
            entry = ManifestEntry(relative, path.stat().st_size, sha256_file(path))
            found.append(SourceFile(entry, path))
    return found


def model_output(folder: Path, run_id: uuid.UUID) -> ModelOutput:
    """The final model a run wrote: ``merged/`` when the backend merged, else ``adapter/`` (a
    full model after full fine-tuning; LoRA weights otherwise, with the run's own base model
    under ``base-model/`` when it was built there, so the version loads without the run)."""
    from tunix_rt.training.manifest import MANIFEST
    from tunix_rt.training.torch_backend import ADAPTER, MERGED

    manifest = folder / MANIFEST
    if not manifest.is_file():
        raise Conflict(f"run {run_id} has no {MANIFEST}: it did not train a model")
    evidence: dict[str, Any] = json.loads(manifest.read_text())
    if evidence.get("ended_at") is None:
        raise Conflict(f"run {run_id} did not finish training: it has no final model")
    if (folder / MERGED).is_dir():
        return ModelOutput("merged", _scan(folder / MERGED, ""), evidence)
    if not (folder / ADAPTER).is_dir():
        raise Conflict(f"run {run_id} wrote neither {MERGED}/ nor {ADAPTER}/: no model output to promote")
    if evidence["config"]["lora"]["full"]:
        return ModelOutput("full", _scan(folder / ADAPTER, ""), evidence)
    files = _scan(folder / ADAPTER, "")
    base = evidence["model"]
    if base["source"] == "tiny":
        files += _scan(folder / base["base"], "base-model/")
    return ModelOutput("adapter", files, evidence)


def _provenance(run_id: uuid.UUID, kind: str, output: ModelOutput) -> dict[str, Any]:
    evidence = output.evidence
    dataset = evidence.get("dataset") or {}
    return {
        "run": {"id": str(run_id), "kind": kind, "steps": evidence.get("steps")},
        "dataset": {"key": dataset.get("key"), "split": dataset.get("split"), "sha256": dataset.get("sha256")},
        "base_model": evidence.get("model"),
        "tokenizer_sha256": evidence.get("tokenizer_sha256"),
        "packages": evidence.get("packages"),
        "git_commit": evidence.get("git_commit"),
        "device": evidence.get("device"),
        "dtype": evidence.get("dtype"),
        "hardware": evidence.get("hardware"),
        "trained": {"started_at": evidence.get("started_at"), "ended_at": evidence.get("ended_at")},
        "metrics_source": METRICS_SOURCE,
    }


def _store_blobs(blobs: BlobStore, files: list[SourceFile]) -> int:
    """Upload the files whose blobs are missing; returns how many were new."""
    return sum(blobs.put_file(source.local, source.entry.sha256) for source in files)


async def _get_or_create_model(session: AsyncSession, name: str) -> RegisteredModel:
    try:
        return await get_model(session, name)
    except NotFound:
        return await create_model(session, name)


async def promote(
    session: AsyncSession,
    blobs: BlobStore,
    home: Path,
    name: str,
    run_id: uuid.UUID,
    *,
    label: str | None = None,
    description: str = "",
) -> tuple[ModelVersion, bool]:
    """Register a succeeded run's final model as a version of ``name`` (created if new);
    returns the version and whether it is new. The same content again is the same version,
    unless ``label`` is new: then it is the next version, carrying the label. An existing label
    with other content is a conflict."""
    check_name(name, "model name", ["path", "name"])
    if label is not None:
        check_label(label, ["body", "label"])
    try:
        run = await runs.get(session, run_id)
    except NotFound as exc:
        raise Invalid(exc.detail, errors=[{"loc": ["body", "run_id"], "msg": exc.detail, "type": "not_found"}]) from exc
    if run.status != runs.RunStatus.SUCCEEDED:
        raise Conflict(f"run {run_id} is {run.status}; only a succeeded run can be promoted")
    output = await asyncio.to_thread(model_output, run_dir(home, run_id), run_id)
    entries = canonical(source.entry for source in output.files)
    digest = content_hash(entries)
    model = await _get_or_create_model(session, name)
    versions = list(
        (
            await session.execute(
                select(ModelVersion).where(ModelVersion.model_id == model.id).order_by(ModelVersion.number)
            )
        ).scalars()
    )
    if label is not None:
        named = next((v for v in versions if v.label == label), None)
        if named is not None and named.content_hash != digest:
            raise Conflict(f"version {name}:{label} exists with other content; choose another label")
        if named is not None:
            return named, False
    else:
        same = next((v for v in versions if v.content_hash == digest), None)
        if same is not None:
            return same, False
    await asyncio.to_thread(_store_blobs, blobs, output.files)
    number = max((v.number for v in versions), default=0) + 1
    metrics = {k: v for k, v in (output.evidence.get("final_metrics") or {}).items() if isinstance(v, int | float)}
    version = ModelVersion(
        id=uuid.uuid4(),
        model_id=model.id,
        number=number,
        label=label or version_name(number),
        description=description,
        run_id=run_id,
        format=output.format,
        content_hash=digest,
        size=sum(e.size for e in entries),
        file_count=len(entries),
        metrics=metrics,
        config=output.evidence.get("config") or {},
        provenance=_provenance(run_id, run.kind, output),
        created_at=utcnow(),
    )
    session.add(version)
    await _flush(session, f"another version of '{name}' was promoted at the same time")
    session.add_all(ModelFile(version_id=version.id, path=e.path, size=e.size, sha256=e.sha256) for e in entries)
    await session.flush()
    return version, True


# versions


async def list_versions(session: AsyncSession, name: str) -> tuple[RegisteredModel, list[ModelVersion]]:
    """A model's versions, newest first."""
    model = await get_model(session, name)
    stmt = select(ModelVersion).where(ModelVersion.model_id == model.id).order_by(ModelVersion.number.desc())
    return model, list((await session.execute(stmt)).scalars())


async def resolve(session: AsyncSession, ref: Ref) -> ModelVersion:
    """The version a reference names: ``vN`` by number, a label, through an alias, or the
    latest (highest number)."""
    model = await get_model(session, ref.name)
    stmt = select(ModelVersion).where(ModelVersion.model_id == model.id)
    numbered = _NUMBERED.match(ref.version or "")
    if ref.alias is not None:
        stmt = stmt.join(ModelAlias, ModelAlias.version_id == ModelVersion.id).where(ModelAlias.name == ref.alias)
        missing = f"model '{ref.name}' has no alias '{ref.alias}'"
    elif numbered is not None:
        stmt = stmt.where(ModelVersion.number == int(numbered["number"]))
        missing = f"model '{ref.name}' has no version '{ref.version}'"
    elif ref.version is not None and ref.version != LATEST:
        stmt = stmt.where(ModelVersion.label == ref.version)
        missing = f"model '{ref.name}' has no version or label '{ref.version}'"
    else:
        stmt = stmt.order_by(ModelVersion.number.desc()).limit(1)
        missing = f"model '{ref.name}' has no versions"
    version = (await session.execute(stmt)).scalars().first()
    if version is None:
        raise NotFound(missing)
    return version


async def files_of(session: AsyncSession, version_id: uuid.UUID) -> list[ManifestEntry]:
    """A version's manifest, canonical (paths re-checked, sorted)."""
    stmt = select(ModelFile.path, ModelFile.size, ModelFile.sha256).where(ModelFile.version_id == version_id)
    return canonical(ManifestEntry(path, size, sha) for path, size, sha in (await session.execute(stmt)).all())


async def delete_version(session: AsyncSession, name: str, ref: str) -> None:
    """Delete a version (``vN`` or its label) with its rows; its blobs stay, since other versions
    may share them. Refused (409) while an alias points at it."""
    version = await resolve(session, Ref(name, version=ref))
    stmt = select(ModelAlias.name).where(ModelAlias.version_id == version.id).order_by(ModelAlias.name)
    aliases = list((await session.execute(stmt)).scalars())
    if aliases:
        raise Conflict(
            f"version {name}:{ref} is aliased as {', '.join(aliases)}; move or delete the alias first",
            aliases=aliases,
        )
    await session.delete(version)
    await session.flush()


# aliases


@dataclass(frozen=True)
class AliasChange:
    alias: ModelAlias
    version: str
    previous: str | None


async def set_alias(session: AsyncSession, name: str, alias: str, ref: str) -> AliasChange:
    """Point ``alias`` at a version (``vN``, ``latest`` or a label), creating the alias or moving
    it from where it was; the change names versions as ``vN``."""
    check_name(alias, "alias", ["path", "alias"])
    version = await resolve(session, Ref(name, version=ref))
    current = await session.get(ModelAlias, (version.model_id, alias), populate_existing=True)
    previous: str | None = None
    if current is None:
        current = ModelAlias(model_id=version.model_id, name=alias, version_id=version.id, updated_at=utcnow())
        session.add(current)
    else:
        previous_version = await session.get(ModelVersion, current.version_id)
        previous = version_name(previous_version.number) if previous_version is not None else None
        current.version_id = version.id
        current.updated_at = utcnow()
    await _flush(session, f"alias '{alias}' was set concurrently")
    return AliasChange(current, version_name(version.number), previous)


async def list_aliases(session: AsyncSession, name: str) -> list[tuple[ModelAlias, str]]:
    """A model's aliases, each with the ``vN`` it points at."""
    model = await get_model(session, name)
    stmt = (
        select(ModelAlias, ModelVersion.number)
        .join(ModelVersion, ModelVersion.id == ModelAlias.version_id)
        .where(ModelAlias.model_id == model.id)
        .order_by(ModelAlias.name)
    )
    return [(alias, version_name(number)) for alias, number in (await session.execute(stmt)).all()]


async def delete_alias(session: AsyncSession, name: str, alias: str) -> None:
    model = await get_model(session, name)
    current = await session.get(ModelAlias, (model.id, alias))
    if current is None:
        raise NotFound(f"model '{name}' has no alias '{alias}'")
    await session.delete(current)
    await session.flush()


async def version_counts(session: AsyncSession, model_ids: list[uuid.UUID]) -> dict[uuid.UUID, tuple[int, str | None]]:
    """Per model: how many versions, and the latest as ``vN`` (one query for a whole page)."""
    stmt = (
        select(ModelVersion.model_id, func.count(), func.max(ModelVersion.number))
        .where(ModelVersion.model_id.in_(model_ids))
        .group_by(ModelVersion.model_id)
    )
    summary: dict[uuid.UUID, tuple[int, str | None]] = dict.fromkeys(model_ids, (0, None))
    for model_id, count, highest in (await session.execute(stmt)).all():
        summary[model_id] = (count, version_name(highest))
    return summary
