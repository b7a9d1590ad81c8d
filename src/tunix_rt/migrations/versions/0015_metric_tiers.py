"""run_metric_tiers: metric series summarised per bucket of 2**level steps (first, last, lowest,
highest point and count), so a long curve is read per bucket instead of per point; filled here
for every series already recorded, one series at a time so memory stays bounded by the longest

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from tunix_rt.runs.tiers import every_level

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

_metrics = sa.table(
    "run_metrics",
    sa.column("run_id", sa.Uuid()),
    sa.column("name", sa.String(200)),
    sa.column("step", sa.BigInteger()),
    sa.column("value", sa.Double()),
)


def upgrade() -> None:
    tiers = op.create_table(
        "run_metric_tiers",
        sa.Column("run_id", sa.Uuid(), sa.ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("name", sa.String(200), primary_key=True),
        sa.Column("level", sa.SmallInteger(), primary_key=True),
        sa.Column("bucket", sa.BigInteger(), primary_key=True),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("first_step", sa.BigInteger(), nullable=False),
        sa.Column("first_value", sa.Double(), nullable=False),
        sa.Column("last_step", sa.BigInteger(), nullable=False),
        sa.Column("last_value", sa.Double(), nullable=False),
        sa.Column("low_step", sa.BigInteger(), nullable=False),
        sa.Column("low_value", sa.Double(), nullable=False),
        sa.Column("high_step", sa.BigInteger(), nullable=False),
        sa.Column("high_value", sa.Double(), nullable=False),
    )
    assert tiers is not None
    bind = op.get_bind()
    series = bind.execute(sa.select(_metrics.c.run_id, _metrics.c.name).distinct()).all()
    for run_id, name in series:
        points = bind.execute(
            sa.select(_metrics.c.step, _metrics.c.value)
            .where(_metrics.c.run_id == run_id, _metrics.c.name == name)
            .order_by(_metrics.c.step)
        ).all()
        rows = [
            {"run_id": run_id, "name": name, "level": level, "bucket": bucket, **corners.row()}
            for level, bucket, corners in every_level([(int(step), float(value)) for step, value in points])
        ]
        op.bulk_insert(tiers, rows)


def downgrade() -> None:
    op.drop_table("run_metric_tiers")
