"""runs: who queued a run (the sha256 of the bearer token), for the queued-runs quota per token

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN on both databases: a batch copy of runs would lose 0007's trigger on SQLite.
    op.add_column("runs", sa.Column("submitted_by", sa.String(64), nullable=True))


def downgrade() -> None:
    op.drop_column("runs", "submitted_by")
