"""runs.devices and workers.devices: the devices a run needs on the worker that claims it, and
the devices a worker offers, so a worker claims only the runs that fit it; 1 for every run and
worker recorded before (each ran on one device)

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMNs on both databases: a batch copy of runs would lose 0007's trigger on SQLite.
    op.add_column("runs", sa.Column("devices", sa.Integer(), nullable=False, server_default="1"))
    op.add_column("workers", sa.Column("devices", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    op.drop_column("workers", "devices")
    op.drop_column("runs", "devices")
