"""``GET /api/runs/metrics``, the overlay of many runs' series in one request, on both databases:
each series is the LTTB downsampling of what was stored, to its share of a total point budget;
one far longer than its share is first reduced in the database (M4), which must keep its
first, last, lowest and highest points and give the same points on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.runs.conftest import submit
from tunix_rt import db
from tunix_rt.runs import store
from tunix_rt.runs.api import REDUCE_ABOVE
from tunix_rt.runs.downsample import bucket_width, lttb, split_budget


def curve(step: int, run: int) -> float:
    """A decaying loss with a spike per run, so LTTB has a shape to keep."""
    return 50.0 if step == 100 + run else 2.0 / (1 + step / 50) + run / 10


async def seed(sessions: async_sessionmaker[AsyncSession], lengths: dict[str, list[int]]) -> list[uuid.UUID]:
    """One run per entry of each series' length: ``{"loss": [1000, 10], "lr": [1000, 0]}``."""
    runs = len(next(iter(lengths.values())))
    ids = [await submit(sessions) for _ in range(runs)]
    now = db.utcnow()
    rows = [
        {"run_id": run_id, "name": name, "step": step, "value": curve(step, index), "recorded_at": now}
        for name, counts in lengths.items()
        for index, (run_id, count) in enumerate(zip(ids, counts, strict=True))
        for step in range(count)
    ]
    async with db.transaction(sessions) as session:
        for start in range(0, len(rows), 5000):
            await store.upsert_metrics(session, rows[start : start + 5000])
    return ids


def query(ids: list[uuid.UUID], **params: str | int) -> dict[str, str | int]:
    return {"ids": ",".join(map(str, ids)), **params}


async def test_series_are_lttb_of_each_run_within_the_budget(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession]
) -> None:
    # short enough (under REDUCE_ABOVE x the share of 145) to be read whole: exactly LTTB
    ids = await seed(sessions, {"loss": [1000, 800, 20], "lr": [1000, 800, 0]})
    response = await client.get("/api/runs/metrics", params=query(ids, names="loss,lr", points=600))
    assert response.status_code == 200
    body = response.json()
    assert [(s["run_id"], s["name"], s["count"]) for s in body["series"]] == [
        (str(ids[0]), "loss", 1000),
        (str(ids[0]), "lr", 1000),
        (str(ids[1]), "loss", 800),
        (str(ids[1]), "lr", 800),
        (str(ids[2]), "loss", 20),
        (str(ids[2]), "lr", 0),
    ]
    # five series with points: the short one keeps all 20, the other four share the rest evenly
    assert [len(s["steps"]) for s in body["series"]] == [145, 145, 145, 145, 20, 0]
    assert body["returned"] == 600
    assert body["points"] == 600
    for item in body["series"]:
        index = ids.index(uuid.UUID(item["run_id"]))
        steps = list(range(item["count"]))
        values = [curve(step, index) for step in steps]
        keep = lttb(steps, values, len(item["steps"])) if item["steps"] else []
        assert item["steps"] == [steps[i] for i in keep]
        assert item["values"] == [values[i] for i in keep]
    loss = body["series"][0]
    assert REDUCE_ABOVE * 145 > 1000
    assert (loss["steps"][0], loss["steps"][-1]) == (0, 999)
    assert 100 in loss["steps"]  # the spike survives
    assert max(loss["values"]) == 50.0

    # the same series as the one-run endpoint gives at that size
    single = (await client.get(f"/api/runs/{ids[1]}/metrics", params={"names": "loss", "downsample": 145})).json()
    assert single["series"][0]["steps"] == body["series"][2]["steps"]


async def test_every_series_when_no_names_and_everything_within_a_large_budget(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession]
) -> None:
    ids = await seed(sessions, {"loss": [40, 30], "acc": [0, 5]})
    body = (await client.get("/api/runs/metrics", params=query(ids))).json()
    assert [(s["run_id"], s["name"], len(s["steps"])) for s in body["series"]] == [
        (str(ids[0]), "loss", 40),
        (str(ids[1]), "acc", 5),
        (str(ids[1]), "loss", 30),
    ]
    assert body["series"][2]["values"] == [curve(step, 1) for step in range(30)]
    assert (body["points"], body["returned"]) == (20_000, 75)
    repeated = (await client.get("/api/runs/metrics", params=query([ids[1], ids[1]], names="acc"))).json()
    assert [s["run_id"] for s in repeated["series"]] == [str(ids[1])]


async def test_unknown_malformed_and_impossible_requests(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession]
) -> None:
    ids = await seed(sessions, {"loss": [100, 100]})
    ghost = uuid.uuid4()
    missing = await client.get("/api/runs/metrics", params=query([ids[0], ghost]))
    assert (missing.status_code, missing.headers["content-type"]) == (404, "application/problem+json")
    assert str(ghost) in missing.json()["detail"]
    malformed = await client.get("/api/runs/metrics", params={"ids": f"{ids[0]},nope"})
    assert malformed.status_code == 422
    assert malformed.json()["errors"][0]["loc"] == ["query", "ids"]
    assert (await client.get("/api/runs/metrics", params={"ids": " , "})).status_code == 422
    assert (await client.get("/api/runs/metrics")).status_code == 422
    too_many = ",".join(str(uuid.uuid4()) for _ in range(1001))
    assert (await client.get("/api/runs/metrics", params={"ids": too_many})).status_code == 422
    # two series need at least 3 points each
    small = await client.get("/api/runs/metrics", params=query(ids, points=5))
    assert small.status_code == 422
    assert small.json()["errors"][0]["loc"] == ["query", "points"]
    exact = (await client.get("/api/runs/metrics", params=query(ids, points=6))).json()
    # 100 points is over REDUCE_ABOVE x a share of 3: reduced to buckets of 64 steps (bucket
    # widths are powers of two, the ones the tiers merge into), two here, each with its first
    # point its highest and its last its lowest (a decaying curve): 0, 63, 64 and 99, of which
    # LTTB keeps the share, the ends and the one further from the line between them
    assert [s["steps"] for s in exact["series"]] == [[0, 63, 99], [0, 63, 99]]
    assert (await client.get("/api/runs/metrics", params=query(ids, points=2))).status_code == 422


def test_split_budget_gives_unused_shares_to_longer_series() -> None:
    assert split_budget([5, 1000, 1000, 1000], 1000) == [5, 331, 332, 332]
    assert split_budget([10, 20], 1000) == [10, 20]
    assert split_budget([], 100) == []
    shares = split_budget([2000] * 500 + [100_000], 20_000)
    assert sum(shares) <= 20_000
    assert min(shares) == 39


def wavy(step: int) -> float:
    """Noise on a decay, a plateau (ties for the lowest and highest value of its buckets), one
    dip (the global minimum) and one spike (the global maximum) away from any bucket edge."""
    if step == 7_777:
        return 99.0
    if step == 12_345:
        return -5.0
    if 3_000 <= step < 5_000:
        return 0.25
    return 2.0 / (1 + step / 500) + ((step * 7919) % 101) / 1000


def m4(steps: list[int], values: list[float], width: int) -> tuple[list[int], list[float]]:
    """What ``store.metric_buckets`` must return, in plain Python: per bucket of ``width``
    steps the first, last, lowest and highest point, ties to the earliest step."""
    buckets: dict[int, list[tuple[int, float]]] = {}
    for step, value in zip(steps, values, strict=True):
        buckets.setdefault(step // width, []).append((step, value))
    kept: dict[int, float] = {}
    for points in buckets.values():
        low = min(points, key=lambda p: (p[1], p[0]))
        high = min(points, key=lambda p: (-p[1], p[0]))
        for step, value in (points[0], points[-1], low, high):
            kept[step] = value
    return sorted(kept), [kept[step] for step in sorted(kept)]


async def test_database_reduction_is_m4_on_both_databases(sessions: async_sessionmaker[AsyncSession]) -> None:
    ids = await seed(sessions, {"loss": [20_000, 500]})
    steps = list(range(20_000))
    values = [curve(step, 0) for step in steps]
    async with db.transaction(sessions) as session:
        await store.upsert_metrics(
            session,
            [
                {"run_id": ids[0], "name": "wavy", "step": s, "value": wavy(s), "recorded_at": db.utcnow()}
                for s in steps
            ],
        )
    async with sessions() as session:
        reduced = await store.metric_buckets(session, ids, ["loss", "wavy"], 64)
    assert set(reduced) == {(ids[0], "loss"), (ids[0], "wavy"), (ids[1], "loss")}
    assert reduced[(ids[0], "loss")] == m4(steps, values, 64)
    assert reduced[(ids[0], "wavy")] == m4(steps, [wavy(s) for s in steps], 64)
    assert reduced[(ids[1], "loss")] == m4(steps[:500], [curve(s, 1) for s in steps[:500]], 64)
    kept_steps, kept_values = reduced[(ids[0], "wavy")]
    assert (kept_steps[0], kept_steps[-1]) == (0, 19_999)
    assert (min(kept_values), kept_steps[kept_values.index(min(kept_values))]) == (-5.0, 12_345)
    assert (max(kept_values), kept_steps[kept_values.index(max(kept_values))]) == (99.0, 7_777)
    # at most four points per bucket, the plateau's ties resolved to one lowest/highest each
    assert len(reduced[(ids[0], "wavy")][0]) <= 4 * (20_000 // 64 + 1)
    plateau = [s for s in reduced[(ids[0], "wavy")][0] if 3_000 <= s < 5_000]
    assert len(plateau) <= 2 * (2_000 // 64 + 2)


async def test_long_series_are_reduced_in_the_database_keeping_extremes(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession]
) -> None:
    (run_id,) = await seed(sessions, {"loss": [20_000]})
    now = db.utcnow()
    async with db.transaction(sessions) as session:
        rows = [
            {"run_id": run_id, "name": "wavy", "step": s, "value": wavy(s), "recorded_at": now} for s in range(20_000)
        ]
        for start in range(0, len(rows), 5000):
            await store.upsert_metrics(session, rows[start : start + 5000])
    body = (await client.get("/api/runs/metrics", params=query([run_id], names="wavy,loss", points=300))).json()
    wavy_series, loss = body["series"]
    assert REDUCE_ABOVE * 150 < 20_000
    # half the share in buckets: LTTB over their M4 points (two a bucket where the curve is
    # monotonic, four where noisy) to the share
    width = bucket_width([20_000, 20_000], [150, 150])
    for item, f in ((wavy_series, wavy), (loss, lambda step: curve(step, 0))):
        steps, values = m4(list(range(20_000)), [f(step) for step in range(20_000)], width)
        keep = lttb(steps, values, 150) if len(steps) > 150 else range(len(steps))
        assert (item["count"], item["steps"]) == (20_000, [steps[i] for i in keep])
        assert item["values"] == [f(step) for step in item["steps"]]  # stored points, not averages
        assert 140 <= len(item["steps"]) <= 150
        assert (item["steps"][0], item["steps"][-1]) == (0, 19_999)
    assert (7_777, 99.0) in zip(wavy_series["steps"], wavy_series["values"], strict=True)
    assert (12_345, -5.0) in zip(wavy_series["steps"], wavy_series["values"], strict=True)
    assert max(loss["values"]) == 50.0  # the spike at step 100
    assert body["returned"] == len(wavy_series["steps"]) + len(loss["steps"]) <= 300

    # the one-run endpoint reduces the same way, with each point's time
    single = (await client.get(f"/api/runs/{run_id}/metrics", params={"names": "wavy,loss", "downsample": 150})).json()
    assert [s["steps"] for s in single["series"]] == [wavy_series["steps"], loss["steps"]]
    assert [s["values"] for s in single["series"]] == [wavy_series["values"], loss["values"]]
    assert [len(s["times"]) for s in single["series"]] == [len(wavy_series["steps"]), len(loss["steps"])]
    assert single["series"][0]["count"] == 20_000
    everything = (await client.get(f"/api/runs/{run_id}/metrics", params={"names": "wavy", "downsample": 0})).json()
    assert everything["series"][0]["steps"] == list(range(20_000))
