"""The datasets table (trace datasets and eval sets share one key space) and its trace membership.

Runs refer to a dataset or eval set by key, so both kinds live in one table with one unique key:
a key never names two things. Membership rows hold the split and position of each trace; a trace
held by a dataset cannot be deleted (``RESTRICT``), deleting a dataset drops its rows (``CASCADE``).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tunix_rt.db import Base, JSONType, utcnow


class Dataset(Base):
    __tablename__ = "datasets"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    key: Mapped[str] = mapped_column(String(80))
    name: Mapped[str] = mapped_column(String(64))
    version: Mapped[int]
    kind: Mapped[str] = mapped_column(String(16))
    description: Mapped[str] = mapped_column(Text, default="")
    item_count: Mapped[int]
    counts: Mapped[dict[str, Any]] = mapped_column(JSONType)
    manifest: Mapped[dict[str, Any]] = mapped_column(JSONType)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        UniqueConstraint("key", name="uq_datasets_key"),
        UniqueConstraint("name", "version", name="uq_datasets_name_version"),
    )


class DatasetItem(Base):
    __tablename__ = "dataset_items"

    dataset_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("datasets.id", ondelete="CASCADE"), primary_key=True)
    trace_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("traces.id", ondelete="RESTRICT"), primary_key=True)
    split: Mapped[str] = mapped_column(String(8))
    position: Mapped[int]
    stage: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (
        Index("ix_dataset_items_order", "dataset_id", "split", "position"),
        Index("ix_dataset_items_trace_id", "trace_id"),
    )
