"""Run queries and the status transition table (the one place that says which status may follow
which); the queue SQL (``queue.py``), the worker, the API and the CLI all write statuses
through it.

Every function takes a session (the caller owns the transaction) and raises domain errors.
"""

from __future__ import annotations

import uuid
from enum import StrEnum

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from tunix_rt.runs.tables import Run


class RunStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    CANCEL_REQUESTED = "cancel_requested"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"


async def references_to(session: AsyncSession, key: str) -> list[uuid.UUID]:
    """Ids of runs (any status) that use ``key`` as their dataset or eval set, oldest first;
    the datasets feature refuses to delete a snapshot while this is not empty."""
    stmt = (
        select(Run.id)
        .where(or_(Run.dataset_key == key, Run.evalset_key == key))
        .order_by(Run.created_at, Run.id)
    )
    return list((await session.execute(stmt)).scalars())
