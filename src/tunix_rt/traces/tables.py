"""The traces table: one row per distinct reasoning (unique content hash)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tunix_rt.db import Base, JSONType, utcnow


class Trace(Base):
    __tablename__ = "traces"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    content_hash: Mapped[str] = mapped_column(String(64))
    trace_version: Mapped[str] = mapped_column(String(8), default="1.0")
    prompt: Mapped[str] = mapped_column(Text)
    final_answer: Mapped[str] = mapped_column(Text)
    steps: Mapped[list[dict[str, Any]]] = mapped_column(JSONType)
    meta: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    tags: Mapped[list[str]] = mapped_column(JSONType, default=list)
    source: Mapped[str | None] = mapped_column(String(200), index=True)
    step_count: Mapped[int]
    quality_ok: Mapped[bool] = mapped_column(index=True)
    quality_flags: Mapped[list[str]] = mapped_column(JSONType, default=list)
    quality: Mapped[dict[str, Any]] = mapped_column(JSONType)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        UniqueConstraint("content_hash", name="uq_traces_content_hash"),
        Index("ix_traces_created_at_id", "created_at", "id"),
    )
