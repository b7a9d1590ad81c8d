"""run_rollouts: the GRPO completions a run recorded every N steps (prompt, completion, each
reward's value, the weighted total, the advantage, the length), queryable by step and reward;
run_rollout_steps: each recorded step's summary (per-reward means, total, length, zero-spread
groups), which curves and alarms read

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from tunix_rt.db import JSONType, UTCDateTime

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "run_rollouts",
        sa.Column("run_id", sa.Uuid(), sa.ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("step", sa.BigInteger(), primary_key=True),
        sa.Column("group_index", sa.Integer(), primary_key=True),
        sa.Column("sample_index", sa.Integer(), primary_key=True),
        sa.Column("prompt", sa.Text(), nullable=False),
        sa.Column("completion", sa.Text(), nullable=False),
        sa.Column("answer", sa.String(1000), nullable=True),
        sa.Column("rewards", JSONType(), nullable=False),
        sa.Column("total", sa.Double(), nullable=False),
        sa.Column("advantage", sa.Double(), nullable=False),
        sa.Column("length", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_run_rollouts_run_total", "run_rollouts", ["run_id", "total"])
    op.create_table(
        "run_rollout_steps",
        sa.Column("run_id", sa.Uuid(), sa.ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("step", sa.BigInteger(), primary_key=True),
        sa.Column("rewards", JSONType(), nullable=False),
        sa.Column("total", sa.Double(), nullable=False),
        sa.Column("length", sa.Double(), nullable=False),
        sa.Column("zero_std_groups", sa.Double(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("run_rollout_steps")
    op.drop_index("ix_run_rollouts_run_total", table_name="run_rollouts")
    op.drop_table("run_rollouts")
