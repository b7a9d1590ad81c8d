"""sweeps: runs.parent_id and the sweep_trials table

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from tunix_rt.db import JSONType, UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # SQLite adds a column with its foreign key inline; Alembic would drop the constraint.
        op.execute("ALTER TABLE runs ADD COLUMN parent_id CHAR(32) REFERENCES runs (id) ON DELETE SET NULL")
    else:
        op.add_column(
            "runs", sa.Column("parent_id", sa.Uuid(), sa.ForeignKey("runs.id", ondelete="SET NULL"), nullable=True)
        )
    op.create_index("ix_runs_parent_id", "runs", ["parent_id"])
    op.create_table(
        "sweep_trials",
        sa.Column("sweep_run_id", sa.Uuid(), sa.ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("trial_id", sa.String(64), primary_key=True),
        sa.Column("params", JSONType, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("train_run_id", sa.Uuid(), sa.ForeignKey("runs.id", ondelete="SET NULL"), nullable=True),
        sa.Column("eval_run_id", sa.Uuid(), sa.ForeignKey("runs.id", ondelete="SET NULL"), nullable=True),
        sa.Column("objective", sa.Double(), nullable=True),
        sa.Column("last_loss", sa.Double(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("sweep_trials")
    op.drop_index("ix_runs_parent_id", table_name="runs")
    op.drop_column("runs", "parent_id")
