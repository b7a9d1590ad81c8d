"""evaluation_items.reason: the answer checker's reason for an item's verdicts, kept so the items
table can say when a tolerance or an unclosed answer tag let an answer pass

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("evaluation_items", sa.Column("reason", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("evaluation_items", "reason")
