"""evaluations.settings_hash (what determined the numbers, for comparable-only rankings) and
regression_baselines.alpha (the significance level of the noise-aware gate)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("evaluations", sa.Column("settings_hash", sa.String(64), nullable=True))
    op.create_index("ix_evaluations_evalset_settings", "evaluations", ["evalset_key", "settings_hash"])
    op.add_column("regression_baselines", sa.Column("alpha", sa.Double(), nullable=False, server_default="0.05"))


def downgrade() -> None:
    op.drop_column("regression_baselines", "alpha")
    op.drop_index("ix_evaluations_evalset_settings", "evaluations")
    op.drop_column("evaluations", "settings_hash")
