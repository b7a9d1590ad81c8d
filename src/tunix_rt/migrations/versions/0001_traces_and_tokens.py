"""traces and API tokens

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from tunix_rt.db import JSONType, UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "traces",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("trace_version", sa.String(8), nullable=False),
        sa.Column("prompt", sa.Text(), nullable=False),
        sa.Column("final_answer", sa.Text(), nullable=False),
        sa.Column("steps", JSONType, nullable=False),
        sa.Column("meta", JSONType, nullable=False),
        sa.Column("tags", JSONType, nullable=False),
        sa.Column("source", sa.String(200), nullable=True),
        sa.Column("step_count", sa.Integer(), nullable=False),
        sa.Column("quality_ok", sa.Boolean(), nullable=False),
        sa.Column("quality_flags", JSONType, nullable=False),
        sa.Column("quality", JSONType, nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("content_hash", name="uq_traces_content_hash"),
    )
    op.create_index("ix_traces_created_at_id", "traces", ["created_at", "id"])
    op.create_index("ix_traces_source", "traces", ["source"])
    op.create_index("ix_traces_quality_ok", "traces", ["quality_ok"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE INDEX ix_traces_tags ON traces USING gin (tags jsonb_path_ops)")
        op.execute("CREATE INDEX ix_traces_quality_flags ON traces USING gin (quality_flags jsonb_path_ops)")

    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("scope", sa.String(10), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("last_used_at", UTCDateTime(), nullable=True),
        sa.Column("revoked_at", UTCDateTime(), nullable=True),
        sa.UniqueConstraint("token_hash", name="uq_api_tokens_token_hash"),
    )


def downgrade() -> None:
    op.drop_table("api_tokens")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_traces_quality_flags")
        op.execute("DROP INDEX IF EXISTS ix_traces_tags")
    op.drop_index("ix_traces_quality_ok", table_name="traces")
    op.drop_index("ix_traces_source", table_name="traces")
    op.drop_index("ix_traces_created_at_id", table_name="traces")
    op.drop_table("traces")
