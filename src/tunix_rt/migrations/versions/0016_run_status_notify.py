"""runs: on PostgreSQL, a trigger that notifies ``tunix_rt_run_events`` with the run's id when
its status changes or it is deleted, so the server's log readers (``runs/notify.py``) hear a
run finish without polling for it. A trigger rather than a call beside each write: statuses
are written by several statements (transitions, the reaper, claims, deletion) in any process.
Log lines notify from ``store.add_logs`` itself, once per batch, not per row. SQLite has no
notifications: nothing to do there.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        """
        CREATE FUNCTION tunix_rt_notify_run() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                PERFORM pg_notify('tunix_rt_run_events', OLD.id::text);
            ELSE
                PERFORM pg_notify('tunix_rt_run_events', NEW.id::text);
            END IF;
            RETURN NULL;
        END
        $$
        """
    )
    op.execute(
        "CREATE TRIGGER runs_notify AFTER UPDATE OF status OR DELETE ON runs "
        "FOR EACH ROW EXECUTE FUNCTION tunix_rt_notify_run()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER runs_notify ON runs")
    op.execute("DROP FUNCTION tunix_rt_notify_run()")
