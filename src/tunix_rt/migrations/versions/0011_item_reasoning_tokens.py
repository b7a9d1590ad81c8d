"""evaluation_items: the length in tokens of each output's reasoning span (None without one)

Thinking models are judged on what they write after their reasoning span, and how long they
thought is part of the result (issue 14, reasoning-model outputs): stored per item, so the items
table and comparisons show it without re-reading run folders. Rows from before have no value.

Revision ID: 0011
Revises: 0009
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("evaluation_items", sa.Column("reasoning_tokens", sa.Integer(), nullable=True))


def downgrade() -> None:
    op.drop_column("evaluation_items", "reasoning_tokens")
