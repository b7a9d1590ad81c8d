"""Loop queries: the loop's run and its round rows. Each takes a session (the caller owns the
transaction) and raises domain errors."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from tunix_rt.db import utcnow
from tunix_rt.errors import NotFound
from tunix_rt.loops.tables import LoopRound
from tunix_rt.runs import store as runs
from tunix_rt.runs.tables import Run

LOOP_KIND = "loop"


async def get_loop(session: AsyncSession, run_id: uuid.UUID) -> Run:
    run = await runs.get(session, run_id)
    if run.kind != LOOP_KIND:
        raise NotFound(f"run {run_id} is a {run.kind} run, not a loop")
    return run


async def list_rounds(session: AsyncSession, loop_id: uuid.UUID) -> list[LoopRound]:
    stmt = select(LoopRound).where(LoopRound.loop_run_id == loop_id).order_by(LoopRound.round)
    return list((await session.scalars(stmt)).all())


async def rounds_of(session: AsyncSession, loop_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[LoopRound]]:
    """The rounds of several loops at once (a list page), by loop."""
    found: dict[uuid.UUID, list[LoopRound]] = {loop_id: [] for loop_id in loop_ids}
    stmt = select(LoopRound).where(LoopRound.loop_run_id.in_(loop_ids)).order_by(LoopRound.round)
    for row in (await session.scalars(stmt)).all():
        found[row.loop_run_id].append(row)
    return found


async def get_round(session: AsyncSession, loop_id: uuid.UUID, number: int) -> LoopRound:
    row = await session.get(LoopRound, (loop_id, number), populate_existing=True)
    if row is None:
        raise NotFound(f"loop {loop_id} has no round {number}")
    return row


async def ensure_round(session: AsyncSession, loop_id: uuid.UUID, number: int) -> LoopRound:
    """The round's row, created pending when the loop reaches it the first time."""
    row = await session.get(LoopRound, (loop_id, number))
    if row is None:
        now = utcnow()
        row = LoopRound(loop_run_id=loop_id, round=number, status="pending", created_at=now, updated_at=now)
        session.add(row)
        await session.flush()
    return row


async def update_round(session: AsyncSession, loop_id: uuid.UUID, number: int, **values: Any) -> LoopRound:
    """Set the given columns of a round (links, numbers, status)."""
    row = await get_round(session, loop_id, number)
    for column, value in values.items():
        setattr(row, column, value)
    row.updated_at = utcnow()
    await session.flush()
    return row


async def adopt_rounds(session: AsyncSession, original: uuid.UUID, loop_id: uuid.UUID) -> int:
    """A retried loop's first attempt takes over the rounds of the loop it retries (links and
    numbers; a failed round becomes running again, its failed run to be submitted anew), so a
    retry continues where the original stopped instead of starting over. Nothing is taken when
    the loop already has rounds; returns how many were."""
    if await list_rounds(session, loop_id):
        return 0
    columns = [column.key for column in LoopRound.__table__.columns if column.key != "loop_run_id"]
    taken = await list_rounds(session, original)
    for row in taken:
        values = {column: getattr(row, column) for column in columns}
        if row.status == "failed":
            values.update(status="running", error=None)
        session.add(LoopRound(loop_run_id=loop_id, **values))
    await session.flush()
    return len(taken)
