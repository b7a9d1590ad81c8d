"""evaluations

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from tunix_rt.db import JSONType, UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "evaluations",
        sa.Column("run_id", sa.Uuid(), sa.ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("evalset_key", sa.String(80), nullable=False),
        sa.Column("model", sa.String(300), nullable=False),
        sa.Column("source_run_id", sa.Uuid(), sa.ForeignKey("runs.id", ondelete="SET NULL"), nullable=True),
        sa.Column("dataset_key", sa.String(80), nullable=True),
        sa.Column("primary_metric", sa.String(64), nullable=False),
        sa.Column("primary_score", sa.Double(), nullable=False),
        sa.Column("strict_accuracy", sa.Double(), nullable=False),
        sa.Column("lenient_accuracy", sa.Double(), nullable=False),
        sa.Column("format_compliance", sa.Double(), nullable=False),
        sa.Column("n_items", sa.Integer(), nullable=False),
        sa.Column("judges", JSONType, nullable=False),
        sa.Column("scorecard", JSONType, nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_evaluations_evalset_model", "evaluations", ["evalset_key", "model", "created_at"])
    op.create_index("ix_evaluations_score", "evaluations", ["primary_score", "run_id"])
    op.create_index("ix_evaluations_source_run_id", "evaluations", ["source_run_id"])
    op.create_table(
        "evaluation_items",
        sa.Column("run_id", sa.Uuid(), sa.ForeignKey("evaluations.run_id", ondelete="CASCADE"), primary_key=True),
        sa.Column("item_id", sa.String(200), primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("section", sa.String(200), nullable=True),
        sa.Column("category", sa.String(200), nullable=True),
        sa.Column("difficulty", sa.String(200), nullable=True),
        sa.Column("expected_answer", sa.Text(), nullable=False),
        sa.Column("output", sa.Text(), nullable=False),
        sa.Column("extracted_answer", sa.Text(), nullable=True),
        sa.Column("strict", sa.Boolean(), nullable=False),
        sa.Column("lenient", sa.Boolean(), nullable=False),
        sa.Column("format_ok", sa.Boolean(), nullable=False),
        sa.Column("failure", sa.String(32), nullable=True),
        sa.Column("judges", JSONType, nullable=False),
    )
    op.create_table(
        "regression_baselines",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("evalset_key", sa.String(80), nullable=False),
        sa.Column("evaluation_id", sa.Uuid(), sa.ForeignKey("evaluations.run_id", ondelete="RESTRICT"), nullable=True),
        sa.Column("run_id", sa.Uuid(), sa.ForeignKey("runs.id", ondelete="RESTRICT"), nullable=True),
        sa.Column("metric", sa.String(64), nullable=False),
        sa.Column("direction", sa.String(8), nullable=False),
        sa.Column("abs_tolerance", sa.Double(), nullable=False),
        sa.Column("rel_tolerance", sa.Double(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("regression_baselines")
    op.drop_table("evaluation_items")
    op.drop_index("ix_evaluations_source_run_id", table_name="evaluations")
    op.drop_index("ix_evaluations_score", table_name="evaluations")
    op.drop_index("ix_evaluations_evalset_model", table_name="evaluations")
    op.drop_table("evaluations")
