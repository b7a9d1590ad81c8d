"""evaluation_items: each output's reasoning length in tokens, and an item's samples and agreement

Thinking models are judged on what they write after their reasoning span, and how long they
thought is part of the result; an evaluation with ``samples: k`` keeps every sample's verdicts and
how far they agree (issue 14, sections 2 and 3). Stored per item, so the items table and
comparisons show them without re-reading run folders. Rows from before have none of them.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from tunix_rt.db import JSONType

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("evaluation_items", sa.Column("reasoning_tokens", sa.Integer(), nullable=True))
    op.add_column("evaluation_items", sa.Column("samples", JSONType, nullable=True))
    op.add_column("evaluation_items", sa.Column("agreement", sa.Double(), nullable=True))


def downgrade() -> None:
    for column in ("agreement", "samples", "reasoning_tokens"):
        op.drop_column("evaluation_items", column)
