"""The registry tables: registered models, their immutable versions and files, and aliases.

A version's files are rows (path, size, sha256) whose bytes live in the blob store, so deleting
rows never touches shared bytes. Deletes that would leave a dangling reference are refused by
the database as well as by the store: a model with versions, a version an alias points at.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tunix_rt.db import Base, JSONType, utcnow


class RegisteredModel(Base):
    """A named model: what its versions are versions of."""

    __tablename__ = "registered_models"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[list[str]] = mapped_column(JSONType, default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class ModelVersion(Base):
    """One promoted model output, frozen: nothing here changes after the insert."""

    __tablename__ = "model_versions"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    model_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("registered_models.id", ondelete="RESTRICT"))
    number: Mapped[int]
    label: Mapped[str] = mapped_column(String(64))
    description: Mapped[str] = mapped_column(Text, default="")
    run_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"))
    format: Mapped[str] = mapped_column(String(16))
    content_hash: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger)
    file_count: Mapped[int]
    metrics: Mapped[dict[str, Any]] = mapped_column(JSONType)
    config: Mapped[dict[str, Any]] = mapped_column(JSONType)
    provenance: Mapped[dict[str, Any]] = mapped_column(JSONType)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        UniqueConstraint("model_id", "label", name="uq_model_versions_label"),
        UniqueConstraint("model_id", "number", name="uq_model_versions_number"),
        Index("ix_model_versions_content", "model_id", "content_hash"),
        Index("ix_model_versions_run_id", "run_id"),
    )


class ModelFile(Base):
    """One file of a version; ``sha256`` is its key in the blob store."""

    __tablename__ = "model_files"

    version_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("model_versions.id", ondelete="CASCADE"), primary_key=True)
    path: Mapped[str] = mapped_column(String(1000), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))

    __table_args__ = (Index("ix_model_files_sha256", "sha256"),)


class ModelAlias(Base):
    """A movable name for one version of a model (``champion``, ``candidate``, ...)."""

    __tablename__ = "model_aliases"

    model_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("registered_models.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    version_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("model_versions.id", ondelete="RESTRICT"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (Index("ix_model_aliases_version_id", "version_id"),)
