"""item_labels: people's verdicts on evaluation items, the ground truth judges are checked against

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from tunix_rt.db import UTCDateTime

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "item_labels",
        sa.Column("run_id", sa.Uuid(), sa.ForeignKey("evaluations.run_id", ondelete="CASCADE"), primary_key=True),
        sa.Column("item_id", sa.String(200), primary_key=True),
        sa.Column("label", sa.String(16), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("labeled_by", sa.String(100), nullable=False),
        sa.Column("labeled_at", UTCDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("item_labels")
