"""The curves overlay on PostgreSQL: many runs' metric series in one request, each measure
against a baseline taken in the same run.

    python -m benchmarks.curves [--runs 500] [--steps 2000] [--big 100000]
    python -m benchmarks.curves --seed-only DATABASE_URL   # for e2e/specs/scale.spec.ts

* Seeds ``--runs`` finished runs of ``--steps`` steps and one of ``--big`` steps, each with a
  ``loss`` and an ``lr`` series, with one asyncpg COPY (not the worker: the queue has its own
  benchmark), and their tiers (``runs/tiers.py``) as recording the points writes them, with a
  second COPY (timed apart: the price ingestion pays, spread over a run's life).
* Measures, over HTTP against a real server: the baseline of one run's series from the one-run
  endpoint; every run overlaid the way the UI did before, one request per run (six at a time,
  a browser's connections per host); the same overlay from ``GET /api/runs/metrics`` in one
  request, with its size and the server's memory; and the 100,000-step run alone both ways.

Prints a markdown table; ``--seed-only`` prints the seeded ids as JSON instead.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import orjson

from benchmarks.harness import RssSampler, print_table, run_on_postgres, server
from tunix_rt.db import utcnow
from tunix_rt.runs import tiers

NAMES = "loss,lr,tokens_per_second"  # what the UI's curves panel asks for
POINTS = 60_000  # the UI's budget for many runs (frontend/src/features/runs/api/align.ts pointsFor)
TAG = "curves-bench"


def series(index: int, count: int) -> dict[str, list[tuple[int, float]]]:
    """A noisy decaying loss and a warm-up/decay learning rate for one run of ``count`` steps."""
    steps = range(1, count + 1)
    return {
        "loss": [(s, 2.5 * math.exp(-s / (count / 4)) + 0.3 + 0.05 * math.sin(s * 0.7 + index)) for s in steps],
        "lr": [(s, 3e-4 * min(1.0, s / 100) * (1 - s / (count + 1))) for s in steps],
    }


def points(run_ids: list[uuid.UUID], steps: list[int]) -> Iterator[tuple[Any, ...]]:
    """Every run's series, one row per point."""
    now = utcnow()
    for index, (run_id, count) in enumerate(zip(run_ids, steps, strict=True)):
        for name, values in series(index, count).items():
            for step, value in values:
                yield (run_id, name, step, value, now)


def tier_rows(run_ids: list[uuid.UUID], steps: list[int]) -> Iterator[tuple[Any, ...]]:
    """Every run's tiers, the rows ``store.upsert_metrics`` keeps for those points."""
    for index, (run_id, count) in enumerate(zip(run_ids, steps, strict=True)):
        for name, values in series(index, count).items():
            for level, bucket, corners in tiers.every_level(values):
                yield (run_id, name, level, bucket, *(getattr(corners, column) for column in tiers.COLUMNS))


async def seed(url: str, runs: int, steps: int, big: int) -> tuple[list[uuid.UUID], uuid.UUID, float, float]:
    """``runs`` succeeded train runs of ``steps`` steps and one of ``big``, dated a day back so
    they sort after anything a test creates; returns (ids, the big one's id, seconds for the
    points, seconds for their tiers)."""
    import asyncpg

    ids = [uuid.uuid4() for _ in range(runs)]
    big_id = uuid.uuid4()
    when = utcnow() - timedelta(days=1)
    conn = await asyncpg.connect(url.replace("postgresql+asyncpg", "postgresql"))
    try:
        start = time.perf_counter()
        rows = [
            (
                run_id,
                "train",
                "succeeded",
                orjson.dumps({"max_steps": count, "model": "tiny-llama"}).decode(),
                "tiny-llama",
                orjson.dumps([TAG]).decode(),
                0,
                1,
                when + timedelta(microseconds=n),
                when,
                when,
                when,
            )
            for n, (run_id, count) in enumerate(zip([*ids, big_id], [steps] * runs + [big], strict=True))
        ]
        await conn.executemany(
            "INSERT INTO runs (id, kind, status, config, model, tags, priority, attempts, created_at,"
            " started_at, finished_at, updated_at) VALUES ($1, $2, $3, $4::json, $5, $6::json, $7, $8, $9,"
            " $10, $11, $12)",
            rows,
        )
        await conn.copy_records_to_table(
            "run_metrics",
            records=points([*ids, big_id], [steps] * runs + [big]),
            columns=["run_id", "name", "step", "value", "recorded_at"],
        )
        seeded = time.perf_counter()
        await conn.copy_records_to_table(
            "run_metric_tiers",
            records=tier_rows([*ids, big_id], [steps] * runs + [big]),
            columns=["run_id", "name", "level", "bucket", *tiers.COLUMNS],
        )
        await conn.execute("ANALYZE run_metrics")
        await conn.execute("ANALYZE run_metric_tiers")
        return ids, big_id, seeded - start, time.perf_counter() - seeded
    finally:
        await conn.close()


async def ingest(url: str, steps: int, batch: int) -> float:
    """Seconds to record one run's two series the way the worker does: ``batch`` steps of both
    series per transaction (``store.upsert_metrics``, which also keeps the tiers)."""
    from tunix_rt import db
    from tunix_rt.runs import store
    from tunix_rt.runs.tables import Run

    run_id = uuid.uuid4()
    async with db.open_database(url) as engine:
        sessions = db.session_factory(engine)
        async with db.transaction(sessions) as session:
            now = utcnow()
            session.add(Run(id=run_id, kind="train", status="running", config={}, tags=[TAG]))
        values = series(0, steps)
        start = time.perf_counter()
        for first in range(0, steps, batch):
            async with db.transaction(sessions) as session:
                rows = [
                    {"run_id": run_id, "name": name, "step": step, "value": value, "recorded_at": now}
                    for name, points in values.items()
                    for step, value in points[first : first + batch]
                ]
                await store.upsert_metrics(session, rows)
        return time.perf_counter() - start


def timed(http: httpx.Client, path: str, params: dict[str, Any]) -> tuple[float, int]:
    """(seconds, response bytes) of one GET that must succeed."""
    start = time.perf_counter()
    response = http.get(path, params=params)
    response.raise_for_status()
    return time.perf_counter() - start, len(response.content)


def median_of(repeats: int, http: httpx.Client, path: str, params: dict[str, Any]) -> tuple[float, int]:
    runs = [timed(http, path, params) for _ in range(repeats)]
    return statistics.median(seconds for seconds, _ in runs), runs[0][1]


def bench(url: str, runs: int, steps: int, big: int) -> list[tuple[str, str]]:
    ids, big_id, seconds, tier_seconds = asyncio.run(seed(url, runs, steps, big))
    results = [
        (
            "seed (asyncpg COPY)",
            f"{runs:,} runs x {steps:,} steps + 1 x {big:,}, 2 series each: {seconds:.1f} s,"
            f" their tiers {tier_seconds:.1f} s",
        ),
        ("load average (1 min) before measuring", f"{os.getloadavg()[0]:.2f}"),
    ]
    for per_write in (10, 100):
        took = asyncio.run(ingest(url, steps, per_write))
        results.append(
            (
                f"record a {steps:,}-step run, 2 series, {per_write} steps per transaction (as the worker does)",
                f"{took * 1000:,.0f} ms, {took / (steps // per_write) * 1000:.2f} ms per transaction",
            )
        )
    everyone = [*ids, big_id]
    port = 19000 + os.getpid() % 1000
    with (
        tempfile.TemporaryDirectory() as home,
        server(url, Path(home), port) as proc,
        httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=600) as http,
    ):
        one, one_size = median_of(20, http, f"/api/runs/{ids[0]}/metrics", {"names": NAMES, "downsample": 1000})
        results.append(
            (f"baseline: one {steps:,}-step run, GET /api/runs/ID/metrics", f"{one * 1000:.1f} ms ({one_size:,} bytes)")
        )

        def fetch_one(run_id: uuid.UUID) -> int:
            points = max(50, min(1000, 20_000 // len(everyone)))  # the old UI's per-run downsampling
            return timed(http, f"/api/runs/{run_id}/metrics", {"names": NAMES, "downsample": points})[1]

        start = time.perf_counter()
        with ThreadPoolExecutor(6) as pool:
            total = sum(pool.map(fetch_one, everyone))
        per_run = time.perf_counter() - start
        results.append(
            (
                f"overlay of {len(everyone)} runs, one request per run (6 at a time)",
                f"{per_run * 1000:,.0f} ms, {len(everyone)} requests, {total / 2**20:.1f} MiB",
            )
        )
        query: dict[str, str | int] = {"ids": ",".join(map(str, everyone)), "names": NAMES, "points": POINTS}
        with RssSampler(proc.pid) as sampler:
            before = sampler.rss()
            batch, batch_size = median_of(5, http, "/api/runs/metrics", query)
        body = http.get("/api/runs/metrics", params=query).json()
        results.append(
            (
                f"overlay of {len(everyone)} runs, GET /api/runs/metrics (one request, {POINTS:,} points)",
                f"{batch * 1000:,.0f} ms ({per_run / batch:.1f}x faster), {body['returned']:,} points,"
                f" {batch_size / 2**20:.1f} MiB, {batch / one:.0f}x one run's request,"
                f" server peak +{(sampler.peak - before) / 2**20:.0f} MiB",
            )
        )
        alone, _ = median_of(5, http, f"/api/runs/{big_id}/metrics", {"names": NAMES, "downsample": 1000})
        alone_batch, alone_size = median_of(5, http, "/api/runs/metrics", {"ids": str(big_id), "names": NAMES})
        results.append(
            (
                f"the {big:,}-step run alone: one-run endpoint / overlay endpoint",
                f"{alone * 1000:.0f} ms / {alone_batch * 1000:.0f} ms ({alone_size:,} bytes)",
            )
        )
    results.append(("load average (1 min) after measuring", f"{os.getloadavg()[0]:.2f}"))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=500, help="Runs to overlay (default 500).")
    parser.add_argument("--steps", type=int, default=2000, help="Steps per run (default 2,000).")
    parser.add_argument("--big", type=int, default=100_000, help="Steps of the one long run (default 100,000).")
    parser.add_argument("--seed-only", metavar="DATABASE_URL", help="Seed this database, print the ids as JSON, exit.")
    args = parser.parse_args()
    if args.seed_only:
        ids, big_id, _, _ = asyncio.run(seed(args.seed_only, args.runs, args.steps, args.big))
        sys.stdout.write(orjson.dumps({"ids": [str(i) for i in ids], "big": str(big_id)}).decode() + "\n")
        return
    title = "curves overlay"
    print_table(title, run_on_postgres(lambda url: bench(url, args.runs, args.steps, args.big)))


if __name__ == "__main__":
    main()
