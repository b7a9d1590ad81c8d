"""datasets

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from tunix_rt.db import JSONType, UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "datasets",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("key", sa.String(80), nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("item_count", sa.Integer(), nullable=False),
        sa.Column("counts", JSONType, nullable=False),
        sa.Column("manifest", JSONType, nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("key", name="uq_datasets_key"),
        sa.UniqueConstraint("name", "version", name="uq_datasets_name_version"),
    )
    op.create_table(
        "dataset_items",
        sa.Column("dataset_id", sa.Uuid(), sa.ForeignKey("datasets.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("trace_id", sa.Uuid(), sa.ForeignKey("traces.id", ondelete="RESTRICT"), primary_key=True),
        sa.Column("split", sa.String(8), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(64), nullable=True),
    )
    op.create_index("ix_dataset_items_order", "dataset_items", ["dataset_id", "split", "position"])
    op.create_index("ix_dataset_items_trace_id", "dataset_items", ["trace_id"])


def downgrade() -> None:
    op.drop_index("ix_dataset_items_trace_id", table_name="dataset_items")
    op.drop_index("ix_dataset_items_order", table_name="dataset_items")
    op.drop_table("dataset_items")
    op.drop_table("datasets")
