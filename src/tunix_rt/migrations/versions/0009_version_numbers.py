"""registry: vN names version N, so a label spelled vK on another version is renamed to its own vN

Labels no longer take version numbers (``store.promote`` numbers every version 1, 2, 3 and keeps
a given label beside the number), and ``vN`` in a reference means version N. Before this, a
version promoted without a label got the first free ``vK`` with K >= its number, and a user could
give any ``vK`` as a label: such a label now names another version (or none), and the next
unlabelled version N, stored as ``vN``, could collide with it. This renames every label spelled
``vK`` to its version's own ``vN``; other labels, numbers and aliases (which point at version ids)
are unchanged. The downgrade has nothing to undo: the old code reads the new rows as they are.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_NUMBERED = re.compile(r"^v[0-9]+$")
_versions = sa.table(
    "model_versions",
    sa.column("id", sa.Uuid()),
    sa.column("number", sa.Integer()),
    sa.column("label", sa.String(64)),
)


def upgrade() -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.select(_versions.c.id, _versions.c.number, _versions.c.label)).all()
    renamed = [(id_, f"v{number}") for id_, number, label in rows if _NUMBERED.match(label) and label != f"v{number}"]
    # Two steps, so that no row takes a vN another renamed row still holds (labels are unique).
    for id_, _label in renamed:
        bind.execute(sa.update(_versions).where(_versions.c.id == id_).values(label=f"renaming-{id_.hex}"))
    for id_, label in renamed:
        bind.execute(sa.update(_versions).where(_versions.c.id == id_).values(label=label))


def downgrade() -> None:
    """Nothing to undo: every label after the upgrade was already valid before it."""
