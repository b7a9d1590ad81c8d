"""sweeps: a trigger settles a sweep's unfinished trials when the sweep stops running

A trial's row is written from inside its Ray worker and by the sweep's Tune driver, and both
die with the sweep's process: on cancel the worker signals the sweep's whole process group,
Ray's workers included, and a killed or reaped sweep never gets to run any code at all. The
statement that moves the sweep out of running (a worker recording its outcome or releasing
it, the reaper, a cancel of a queued sweep) is the one thing every ending has in common, so
the database settles the trials in that statement's transaction:

- back to the queue (worker stopping, lease expired with attempts left): running -> pending,
  resumed by the sweep's next attempt;
- cancelled: pending and running -> cancelled; failed: -> failed; succeeded (a trial Tune ended
  without the driver recording it) -> stopped; each with the sweep's ending as the error.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TRIGGER = "runs_settle_sweep_trials"
WHEN = (
    "NEW.kind = 'sweep' AND NEW.status IN ('queued', 'succeeded', 'failed', 'cancelled')"
    " AND OLD.status IS DISTINCT FROM NEW.status"
)
SETTLE = """
    UPDATE sweep_trials
    SET status = CASE NEW.status
            WHEN 'queued' THEN 'pending'
            WHEN 'succeeded' THEN 'stopped'
            ELSE NEW.status
        END,
        error = CASE NEW.status
            WHEN 'queued' THEN error
            WHEN 'cancelled' THEN 'the sweep was cancelled before this trial finished'
            ELSE 'the sweep ' || NEW.status || ' before this trial finished' || COALESCE(': ' || NEW.error, '')
        END,
        updated_at = NEW.updated_at
    WHERE sweep_run_id = NEW.id
        AND (status = 'running' OR (status = 'pending' AND NEW.status <> 'queued'));
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            f"CREATE TRIGGER {TRIGGER} AFTER UPDATE OF status ON runs FOR EACH ROW"
            f" WHEN {WHEN.replace('IS DISTINCT FROM', 'IS NOT')} BEGIN {SETTLE} END"
        )
        return
    op.execute(f"CREATE FUNCTION {TRIGGER}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {SETTLE} RETURN NULL; END $$")
    op.execute(
        f"CREATE TRIGGER {TRIGGER} AFTER UPDATE OF status ON runs FOR EACH ROW"
        f" WHEN ({WHEN}) EXECUTE FUNCTION {TRIGGER}()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"DROP TRIGGER {TRIGGER}")
        return
    op.execute(f"DROP TRIGGER {TRIGGER} ON runs")
    op.execute(f"DROP FUNCTION {TRIGGER}()")
