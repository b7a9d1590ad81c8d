"""Loop rounds in the store, on both databases: a retried loop takes over the rounds of the
loop it retries, so it continues where that one stopped; deleting a round's run keeps the round."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tunix_rt import db
from tunix_rt.loops import store
from tunix_rt.runs import store as runs
from tunix_rt.runs.kinds import RunRefs


async def _run(session: AsyncSession, kind: str) -> uuid.UUID:
    return (await runs.submit(session, kind, {}, RunRefs())).id


async def test_a_retried_loop_takes_over_the_rounds_of_the_one_it_retries(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with db.transaction(sessions) as session:
        original, retried = await _run(session, "loop"), await _run(session, "loop")
        evaluation, sample = await _run(session, "eval"), await _run(session, "sample")
        await store.ensure_round(session, original, 0)
        await store.update_round(session, original, 0, status="succeeded", eval_run_id=evaluation, strict_accuracy=0.1)
        await store.ensure_round(session, original, 1)
        await store.update_round(session, original, 1, status="failed", sample_run_id=sample, traces_kept=5, error="x")

    async with db.transaction(sessions) as session:
        assert await store.adopt_rounds(session, original, retried) == 2
    async with db.transaction(sessions) as session:
        assert await store.adopt_rounds(session, original, retried) == 0  # it has rounds now
        taken = await store.list_rounds(session, retried)
        assert [(r.round, r.status, r.eval_run_id, r.sample_run_id, r.traces_kept, r.error) for r in taken] == [
            (0, "succeeded", evaluation, None, None, None),
            (1, "running", None, sample, 5, None),
        ]
        assert [r.status for r in await store.list_rounds(session, original)] == ["succeeded", "failed"]

    async with db.transaction(sessions) as session:
        await runs.remove(session, sample)
    async with sessions() as session:
        kept = await store.get_round(session, retried, 1)
        assert (kept.sample_run_id, kept.traces_kept) == (None, 5)
