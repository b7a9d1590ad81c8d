"""The registry API's request and response models, and the name rule every name obeys.

Model names, version labels and alias names share one pattern: lowercase, URL- and
file-name-safe, so ``NAME:LABEL`` and ``NAME@ALIAS`` references parse without escaping.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from tunix_rt import short_ids

NAME_PATTERN = r"^[a-z0-9][a-z0-9._-]{0,63}$"
REF_PATTERN = r"^@?[a-z0-9][a-z0-9._-]{0,63}$"
Name = Annotated[str, Field(pattern=NAME_PATTERN, description="Lowercase letters, digits, '.', '_', '-'; ≤64.")]
Tag = Annotated[str, Field(min_length=1, max_length=64)]
VersionFormat = Literal["merged", "full", "adapter"]


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ModelCreate(_Input):
    name: Name
    description: str = Field("", max_length=10_000, description="What this model is for.")
    tags: list[Tag] = Field(default_factory=list, max_length=32, description="Labels for filtering.")


class ModelUpdate(_Input):
    description: str | None = Field(None, max_length=10_000, description="Replaces the description when given.")
    tags: list[Tag] | None = Field(None, max_length=32, description="Replaces the tags when given.")


class ModelRead(BaseModel):
    name: str
    description: str
    tags: list[str]
    aliases: dict[str, str] = Field(description="Alias name -> the version it points at, as vN.")
    version_count: int
    latest: str | None = Field(description="The highest version, as vN.")
    created_at: datetime
    updated_at: datetime


class ModelPage(BaseModel):
    items: list[ModelRead]
    next_cursor: str | None = Field(description="Pass as cursor for the next page; null on the last.")


class VersionCreate(_Input):
    """Promote a run's final model into a new (or the identical existing) version."""

    run_id: str = Field(
        max_length=64,
        description=f"A succeeded training run whose adapter or merged model is promoted. {short_ids.HELP}",
    )
    label: Name | None = Field(
        None, description="A label attached to the new version beside its number vN; not vN or latest."
    )
    description: str = Field("", max_length=10_000, description="Notes on this version.")


class FileRead(BaseModel):
    path: str = Field(description="Posix path relative to the version root.")
    size: int
    sha256: str


class VersionRead(BaseModel):
    model: str
    label: str = Field(description="The label given at promotion, else vN.")
    number: int = Field(description="Order of promotion within the model, from 1; vN names version N.")
    description: str
    run_id: uuid.UUID | None = Field(description="The source run (null once that run is deleted; provenance keeps it).")
    format: VersionFormat = Field(
        description="merged: base + adapter as one model; full: a full fine-tune; "
        "adapter: LoRA weights (with base-model/ when the base came from the run)."
    )
    content_hash: str = Field(description="sha256 of the canonical manifest of (path, size, sha256) entries.")
    size: int = Field(description="Total bytes of the version's files.")
    file_count: int
    metrics: dict[str, Any] = Field(description="Evaluation metrics recorded when it was promoted.")
    config: dict[str, Any] = Field(description="The training config of the source run.")
    provenance: dict[str, Any] = Field(
        description="Dataset key + sha256, base model, tokenizer hash, package versions, run and hardware."
    )
    aliases: list[str]
    created_at: datetime
    archive_url: str


class VersionDetail(VersionRead):
    files: list[FileRead]


class PromoteResult(VersionRead):
    created: bool = Field(description="False when identical content was already this model's version.")


class VersionList(BaseModel):
    items: list[VersionRead]


class AliasSet(_Input):
    version: Name = Field(description="The version the alias points at from now on: vN, latest or a label.")


class AliasRead(BaseModel):
    name: str
    version: str = Field(description="The version it points at, as vN.")
    previous: str | None = Field(None, description="The version it pointed at before this change, as vN.")
    updated_at: datetime


class AliasList(BaseModel):
    items: list[AliasRead]
