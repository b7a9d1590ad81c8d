"""Dataset build and export at scale on PostgreSQL, against a raw baseline measured in the same run.

    python -m benchmarks.export [--traces 1000000]

* Loads the traces with one asyncpg COPY (not the API: ingest has its own benchmark).
* Builds a dataset of a tenth of the rows and one of all rows through the API of a real uvicorn
  server (rows/s, and the server's peak resident memory during each build).
* Exports each through the API as ``messages`` (rendered) and ``trace`` (the snapshot file) JSONL:
  rows/s as a ratio to a raw asyncpg SELECT of the same columns + orjson serialisation, and the
  server's memory growth during the export at a tenth of the rows vs all rows (streaming from
  the snapshot should keep it flat).

Uses ``TUNIX_RT_BENCH_POSTGRES_URL`` or starts a throwaway cluster. Prints a markdown table.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import os
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import orjson

from benchmarks.harness import RssSampler, print_table, run_on_postgres, server
from tunix_rt import db
from tunix_rt.traces.store import INSERT_COLUMNS


def records(count: int) -> Iterator[tuple[Any, ...]]:
    """Distinct word-problem-like traces of about 600 bytes, with stratifiable metadata."""
    start = db.utcnow() - timedelta(days=1)
    quality = orjson.dumps({"ok": True, "flags": [], "stats": {"arithmetic_checked": 1, "arithmetic_wrong": 0}})
    for n in range(count):
        a, b = 1000 + n % 9000, 7 + n % 53
        steps = [
            {"i": 0, "type": "setup", "content": f"Order #{n}: {b} boxes with {a} items each; we need the total."},
            {"i": 1, "type": "calculation", "content": f"{a} × {b} = {a * b}"},
            {"i": 2, "type": "check", "content": f"Re-reading the order: {b} boxes of {a} items, so {a * b} in all."},
            {"i": 3, "type": "answer", "content": f"The order holds {a * b} items."},
        ]
        meta = {"category": ("retail", "warehouse", "transport")[n % 3], "difficulty": ("easy", "hard")[n % 2]}
        yield (
            uuid.UUID(int=n + 1),
            hashlib.sha256(n.to_bytes(8, "big")).hexdigest(),
            "1.0",
            f"A warehouse ships {b} boxes with {a} items each (order #{n}). How many items are shipped in total?",
            str(a * b),
            orjson.dumps(steps).decode(),
            orjson.dumps(meta).decode(),
            "[]",
            "bench",
            4,
            True,
            "[]",
            quality.decode(),
            start + timedelta(microseconds=n),
        )


async def load(url: str, count: int) -> float:
    import asyncpg

    conn = await asyncpg.connect(url.replace("postgresql+asyncpg", "postgresql"))
    try:
        await conn.set_type_codec(
            "jsonb",
            encoder=lambda text: b"\x01" + text.encode(),
            decoder=lambda data: data[1:].decode(),
            schema="pg_catalog",
            format="binary",
        )
        t0 = time.perf_counter()
        await conn.copy_records_to_table("traces", records=records(count), columns=INSERT_COLUMNS)
        await conn.execute("ANALYZE traces")
        return time.perf_counter() - t0
    finally:
        await conn.close()


async def raw_export(url: str, limit: int) -> float:
    """The baseline: the same columns read with a server-side cursor and written as JSON lines."""
    import asyncpg

    conn = await asyncpg.connect(url.replace("postgresql+asyncpg", "postgresql"))
    try:
        for codec in ("json", "jsonb"):
            await conn.set_type_codec(codec, encoder=orjson.dumps, decoder=orjson.loads, schema="pg_catalog")
        sql = (
            "SELECT id, trace_version, prompt, final_answer, steps, meta, tags, source, created_at "
            "FROM traces ORDER BY created_at, id LIMIT $1"
        )
        rows = 0
        t0 = time.perf_counter()
        async with conn.transaction():
            async for record in conn.cursor(sql, limit, prefetch=5000):
                orjson.dumps(dict(record), default=str, option=orjson.OPT_SORT_KEYS | orjson.OPT_UTC_Z)
                rows += 1
        return rows / (time.perf_counter() - t0)
    finally:
        await conn.close()


def bench(url: str, count: int) -> list[tuple[str, str]]:
    results: list[tuple[str, str]] = []
    seconds = asyncio.run(load(url, count))
    results.append(("load (asyncpg COPY)", f"{count:,} traces in {seconds:.1f} s"))
    small = count // 10
    baseline = asyncio.run(raw_export(url, count))
    results.append(("baseline: raw SELECT + orjson (all rows)", f"{baseline:,.0f} rows/s"))

    port = 19000 + os.getpid() % 1000
    with (
        tempfile.TemporaryDirectory() as home,
        server(url, Path(home), port) as proc,
        httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=3600) as http,
    ):
        for name, limit in (("tenth", small), ("all", None)):
            body: dict[str, Any] = {"name": name, "split": {"eval_fraction": 0.01}}
            if limit:
                body["limit"] = limit
            with RssSampler(proc.pid) as sampler:
                before = sampler.rss()
                t0 = time.perf_counter()
                response = http.post("/api/datasets", json=body)
                response.raise_for_status()
                took = time.perf_counter() - t0
            rows = response.json()["item_count"]
            peak = (sampler.peak - before) / 2**20
            results.append(
                (
                    f"build {rows:,} rows (API, query + split + rows + snapshot)",
                    f"{took:.1f} s, {rows / took:,.0f} rows/s, server peak +{peak:.0f} MiB",
                )
            )

        def export(key: str, fmt: str) -> tuple[int, float, int]:
            with RssSampler(proc.pid) as sampler:
                before = sampler.rss()
                t0 = time.perf_counter()
                lines = 0
                with http.stream("GET", f"/api/datasets/{key}/export", params={"format": fmt}) as response:
                    for chunk in response.iter_bytes():
                        lines += chunk.count(b"\n")
                took = time.perf_counter() - t0
            return lines, lines / took, sampler.peak - before

        for fmt in ("messages", "trace"):
            small_rows, _small_rate, small_growth = export("tenth@v1", fmt)
            rows, rate, growth = export("all@v1", fmt)
            results.append(
                (
                    f"export {fmt} JSONL (API, all rows)",
                    f"{rate:,.0f} rows/s ({rate / baseline:.2f}x raw SELECT + orjson)",
                )
            )
            growths = f"{small_growth / 2**20:.1f} MiB at {small_rows:,} rows, {growth / 2**20:.1f} MiB at {rows:,}"
            results.append((f"server RSS growth during {fmt} export", growths))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--traces", type=int, default=1_000_000, help="Rows to load (default 1,000,000).")
    args = parser.parse_args()
    print_table("datasets", run_on_postgres(lambda url: bench(url, args.traces)))


if __name__ == "__main__":
    main()
