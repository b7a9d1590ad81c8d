"""Metric tiers (``runs/tiers.py``), on both databases: what ``store.upsert_metrics`` keeps in
``run_metric_tiers`` must be, at every level, the per-bucket summary of the points stored, while
a run is still appending and after a resumed run replaces points; the readers built on them give
the M4 of the stored points and the series' extents."""

from __future__ import annotations

import math
import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.runs.conftest import submit
from tests.runs.test_overlay import m4
from tunix_rt import db
from tunix_rt.runs import store, tiers
from tunix_rt.runs.tables import RunMetricTier

Summary = tuple[int, int, float, int, float, int, float, int, float]


def value(step: int, attempt: int = 0) -> float:
    """Noise on a decay with plateaus (ties for a bucket's extremes), different per attempt."""
    if 2_000 <= step < 2_100:
        return 0.5
    return 3.0 / (1 + step / 300) + ((step * 7919 + attempt * 31) % 97) / 500


def expected(points: list[tuple[int, float]]) -> dict[tuple[int, int], Summary]:
    """Every level's buckets of a series, computed directly from its points in plain Python:
    count, first, last, lowest (earliest among equal) and highest (earliest among equal)."""
    out = {}
    for level in tiers.LEVELS:
        buckets: dict[int, list[tuple[int, float]]] = {}
        for step, val in points:
            buckets.setdefault(step >> level, []).append((step, val))
        for bucket, inside in buckets.items():
            low = min(inside, key=lambda p: (p[1], p[0]))
            high = min(inside, key=lambda p: (-p[1], p[0]))
            out[(level, bucket)] = (len(inside), *inside[0], *inside[-1], *low, *high)
    return out


async def stored_tiers(session: AsyncSession, run_id: uuid.UUID, name: str) -> dict[tuple[int, int], Summary]:
    columns = [getattr(RunMetricTier, column) for column in tiers.COLUMNS]
    stmt = select(RunMetricTier.level, RunMetricTier.bucket, *columns).where(
        RunMetricTier.run_id == run_id, RunMetricTier.name == name
    )
    return {(level, bucket): tuple(rest) for level, bucket, *rest in (await session.execute(stmt)).all()}


async def record(
    sessions: async_sessionmaker[AsyncSession], run_id: uuid.UUID, name: str, steps: range, batch: int, attempt: int = 0
) -> None:
    """Points reported the way the worker stores them: ``batch`` at a time, a transaction each."""
    for start in range(steps.start, steps.stop, batch):
        async with db.transaction(sessions) as session:
            await store.upsert_metrics(
                session,
                [
                    {"run_id": run_id, "name": name, "step": s, "value": value(s, attempt), "recorded_at": db.utcnow()}
                    for s in range(start, min(start + batch, steps.stop))
                ],
            )


async def check(sessions: async_sessionmaker[AsyncSession], run_id: uuid.UUID, name: str) -> list[tuple[int, float]]:
    """The tiers and the readers built on them agree with the stored points; returns those."""
    async with sessions() as session:
        points = [(step, val) for step, val, _at in await store.metric_points(session, run_id, name)]
        assert await stored_tiers(session, run_id, name) == expected(points)
        extent = (await store.metric_extents(session, [run_id], [name]))[(run_id, name)]
        assert (extent.count, extent.first, extent.last) == (len(points), points[0][0], points[-1][0])
        steps, values = [p[0] for p in points], [p[1] for p in points]
        for width in (16, 32, 64, 128, 1024, 4096):
            reduced = await store.metric_buckets(session, [run_id], [name], width)
            assert reduced[(run_id, name)] == m4(steps, values, width), width
    return points


async def test_tiers_follow_a_live_run_and_a_resume(sessions: async_sessionmaker[AsyncSession]) -> None:
    run_id = await submit(sessions)
    # a live run: a few points per write, and tiers already there when the next ones arrive
    await record(sessions, run_id, "loss", range(0, 150), batch=7)
    assert [p[0] for p in await check(sessions, run_id, "loss")] == list(range(150))
    await record(sessions, run_id, "loss", range(150, 5_000), batch=613)
    await record(sessions, run_id, "lr", range(3, 40), batch=40)
    points = await check(sessions, run_id, "loss")
    assert points[-1] == (4_999, value(4_999))  # the newest point is in the coarsest bucket
    await check(sessions, run_id, "lr")
    # resumed from step 1,000: steps 1,000-1,799 reported again with other values, so buckets
    # whose old extremes were replaced must forget them
    await record(sessions, run_id, "loss", range(1_000, 1_800), batch=250, attempt=1)
    points = await check(sessions, run_id, "loss")
    assert points[1_500] == (1_500, value(1_500, 1)) != (1_500, value(1_500))
    async with sessions() as session:
        assert await store.metric_names(session, run_id) == ["loss", "lr"]


async def test_gaps_and_a_long_series_reduce_like_m4(sessions: async_sessionmaker[AsyncSession]) -> None:
    """Sparse steps (an eval series every 250 steps) and a run past several coarse buckets."""
    run_id = await submit(sessions)
    async with db.transaction(sessions) as session:
        await store.upsert_metrics(
            session,
            [
                {"run_id": run_id, "name": "eval", "step": s, "value": math.sin(s), "recorded_at": db.utcnow()}
                for s in range(0, 300_000, 250)
            ],
        )
    points = await check(sessions, run_id, "eval")
    assert len(points) == 1_200
