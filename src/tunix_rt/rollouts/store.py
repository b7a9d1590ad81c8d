"""Rollout rows: written by the worker from a run's ``rollout`` events, read by the API and CLI
(a page filtered by step and total reward, and the per-step summaries curves and alarms use)."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from tunix_rt import pagination
from tunix_rt.errors import Invalid
from tunix_rt.rollouts import alarms
from tunix_rt.rollouts.tables import RunRollout, RunRolloutStep
from tunix_rt.runs.events import RolloutEvent
from tunix_rt.runs.store import upsert_statement


def row_of(run_id: uuid.UUID, event: RolloutEvent) -> dict[str, Any]:
    """The table row of a rollout event."""
    return {
        "run_id": run_id,
        "step": event.step,
        "group_index": event.group,
        "sample_index": event.index,
        "prompt": event.prompt,
        "completion": event.completion,
        "answer": event.answer,
        "rewards": event.rewards,
        "total": event.total,
        "advantage": event.advantage,
        "length": event.length,
    }


async def upsert(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> None:
    """Store rollout rows; a completion recorded again (a resumed run) replaces the old one. The
    summaries of the steps they belong to are recomputed from the stored rows of those steps (a
    step's rows may arrive in more than one batch), in the same transaction."""
    if not rows:
        return
    keys = ("run_id", "step", "group_index", "sample_index")
    await session.execute(upsert_statement(session, RunRollout, keys, rows), list(rows))
    touched = sorted({(row["run_id"], row["step"]) for row in rows})
    summarised = await summarise_stored(session, tuple_(RunRollout.run_id, RunRollout.step).in_(touched))
    written = [{"run_id": run_id, **dataclasses.asdict(summary)} for (run_id, _), summary in summarised.items()]
    await session.execute(upsert_statement(session, RunRolloutStep, ("run_id", "step"), written), written)


async def summarise_stored(
    session: AsyncSession, where: ColumnElement[bool]
) -> dict[tuple[uuid.UUID, int], alarms.StepSummary]:
    """The summaries of the steps whose stored rollouts match ``where``, computed from their rows
    (only the light columns are read)."""
    stmt = (
        select(
            RunRollout.run_id,
            RunRollout.step,
            RunRollout.group_index,
            RunRollout.rewards,
            RunRollout.total,
            RunRollout.advantage,
            RunRollout.length,
        )
        .where(where)
        .order_by(RunRollout.run_id, RunRollout.step, RunRollout.group_index, RunRollout.sample_index)
    )
    by_step: dict[tuple[uuid.UUID, int], list[tuple[int, dict[str, float], float, float, int]]] = {}
    for run_id, step, group, rewards, total, advantage, length in (await session.execute(stmt)).all():
        by_step.setdefault((run_id, step), []).append((group, rewards, total, advantage, length))
    return {key: alarms.summarise(key[1], stepped) for key, stepped in by_step.items()}


@dataclass(frozen=True)
class RolloutFilters:
    """Which rollouts a query returns: one step, and a range of the weighted total reward."""

    step: int | None = None
    min_reward: float | None = None
    max_reward: float | None = None

    def apply(self, stmt: Select[Any]) -> Select[Any]:
        if self.step is not None:
            stmt = stmt.where(RunRollout.step == self.step)
        if self.min_reward is not None:
            stmt = stmt.where(RunRollout.total >= self.min_reward)
        if self.max_reward is not None:
            stmt = stmt.where(RunRollout.total <= self.max_reward)
        return stmt


def _cursor(cursor: str) -> tuple[int, int, int]:
    try:
        step, group, index = (int(part) for part in pagination.decode(cursor, 3))
    except ValueError as exc:
        raise pagination.malformed_cursor() from exc
    return step, group, index


async def page(
    session: AsyncSession, run_id: uuid.UUID, filters: RolloutFilters, limit: int, cursor: str | None
) -> tuple[list[RunRollout], str | None]:
    """In step, group, completion order, keyset-paged."""
    if filters.min_reward is not None and filters.max_reward is not None and filters.min_reward > filters.max_reward:
        raise Invalid(
            "min_reward is above max_reward",
            errors=[{"loc": ["query", "min_reward"], "msg": "above max_reward", "type": "value_error"}],
        )
    key = (RunRollout.step, RunRollout.group_index, RunRollout.sample_index)
    stmt = filters.apply(select(RunRollout).where(RunRollout.run_id == run_id)).order_by(*key).limit(limit + 1)
    if cursor:
        stmt = stmt.where(tuple_(*key) > tuple_(*_cursor(cursor)))
    rows = list((await session.execute(stmt)).scalars())
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        return rows, pagination.encode(str(last.step), str(last.group_index), str(last.sample_index))
    return rows, None


async def summaries(session: AsyncSession, run_id: uuid.UUID) -> list[alarms.StepSummary]:
    """Each recorded step's summary (per-reward means, total, length, zero-spread groups)."""
    stmt = select(RunRolloutStep).where(RunRolloutStep.run_id == run_id).order_by(RunRolloutStep.step)
    return [
        alarms.StepSummary(
            step=row.step,
            rewards=row.rewards,
            total=row.total,
            length=row.length,
            zero_std_groups=row.zero_std_groups,
        )
        for row in (await session.execute(stmt)).scalars()
    ]
