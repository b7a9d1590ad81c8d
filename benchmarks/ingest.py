"""Ingest, listing and export on PostgreSQL, each against a baseline measured in the same run.

    python -m benchmarks.ingest [--traces 100000] [--batch 1000]

* API batch ingest (a real uvicorn server, HTTP, 1,000-trace batches) and CLI file import,
  each as a ratio to a raw asyncpg ``executemany`` insert of the same rows (hash and quality
  report precomputed, so the baseline is pure database work).
* Single-trace POST latency (p50 / p95).
* List latency on the first page and on a deep keyset page at the full row count.
* Export throughput (rows/s) and the server's resident memory during full exports of a
  tenth of the rows and of all rows (keyset streaming should keep it flat).

Uses ``TUNIX_RT_BENCH_POSTGRES_URL`` or starts a throwaway cluster. Prints a markdown table.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import orjson

from benchmarks.harness import RssSampler, print_table, run_on_postgres, server
from tunix_rt import db
from tunix_rt.traces import synth
from tunix_rt.traces.quality import assess
from tunix_rt.traces.schema import TraceIn
from tunix_rt.traces.store import INSERT_COLUMNS, JSON_COLUMNS


def make_traces(count: int) -> list[TraceIn]:
    """Distinct traces (~1 KB each, like the original's benchmark) from the synthetic mix."""
    base = synth.generate_mixed(count, seed=2026)
    padding = "Check: the computation above was re-read and agrees with the stated result. " * 6
    return [
        trace.model_copy(
            update={
                "steps": [
                    *trace.steps,
                    trace.steps[-1].model_copy(
                        update={"i": len(trace.steps), "type": "check", "content": f"{padding}#{n}"}
                    ),
                ]
            }
        )
        for n, trace in enumerate(base)
    ]


def raw_rows(traces: list[TraceIn]) -> list[tuple[Any, ...]]:
    now = db.utcnow()
    rows = []
    for trace in traces:
        report = assess(trace)
        steps = [step.model_dump() for step in trace.steps]
        rows.append(
            (
                uuid.uuid4(),
                trace.content_hash(),
                "1.0",
                trace.prompt,
                trace.final_answer,
                orjson.dumps(steps).decode(),
                orjson.dumps(trace.meta).decode(),
                "[]",
                trace.source,
                len(steps),
                report["ok"],
                orjson.dumps(report["flags"]).decode(),
                orjson.dumps(report).decode(),
                now,
            )
        )
    return rows


async def raw_insert(url: str, rows: list[tuple[Any, ...]], batch: int) -> float:
    import asyncpg

    conn = await asyncpg.connect(url.replace("postgresql+asyncpg", "postgresql"))
    try:
        await conn.execute("TRUNCATE traces CASCADE")
        placeholders = ", ".join(
            f"${n}::jsonb" if name in JSON_COLUMNS else f"${n}" for n, name in enumerate(INSERT_COLUMNS, start=1)
        )
        sql = f"INSERT INTO traces ({', '.join(INSERT_COLUMNS)}) VALUES ({placeholders})"
        start = time.perf_counter()
        for offset in range(0, len(rows), batch):
            async with conn.transaction():
                await conn.executemany(sql, rows[offset : offset + batch])
        elapsed = time.perf_counter() - start
        await conn.execute("TRUNCATE traces CASCADE")
        return elapsed
    finally:
        await conn.close()


def bench(url: str, count: int, batch: int) -> list[tuple[str, str]]:
    results: list[tuple[str, str]] = []
    traces = make_traces(count)
    bodies = [
        orjson.dumps([t.model_dump(mode="json", exclude_none=True) for t in traces[i : i + batch]])
        for i in range(0, count, batch)
    ]
    avg = sum(len(b) for b in bodies) / count
    results.append(("traces, mean JSON size", f"{count:,}, {avg:,.0f} bytes"))

    raw_seconds = asyncio.run(raw_insert(url, raw_rows(traces), batch))
    raw_rate = count / raw_seconds
    results.append(("raw asyncpg executemany insert", f"{raw_rate:,.0f} traces/s"))

    port = 18000 + os.getpid() % 1000
    with tempfile.TemporaryDirectory() as home, server(url, Path(home), port) as proc:
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base, timeout=120) as http:
            start = time.perf_counter()
            for body in bodies:
                response = http.post("/api/traces/batch", content=body, headers={"content-type": "application/json"})
                response.raise_for_status()
            api_rate = count / (time.perf_counter() - start)
            results.append(
                (
                    f"API batch ingest ({batch}/request, hash + quality)",
                    f"{api_rate:,.0f} traces/s ({api_rate / raw_rate:.2f}x raw)",
                )
            )

            singles = make_traces(count + 500)[count:]
            latencies = []
            for trace in singles:
                payload = trace.model_dump_json(exclude_none=True)
                t0 = time.perf_counter()
                http.post("/api/traces", content=payload, headers={"content-type": "application/json"})
                latencies.append(time.perf_counter() - t0)
            latencies.sort()
            p95 = latencies[int(len(latencies) * 0.95)]
            results.append(
                (
                    "single POST latency p50 / p95",
                    f"{statistics.median(latencies) * 1000:.2f} ms / {p95 * 1000:.2f} ms",
                )
            )

            def median_get(path: str) -> float:
                samples = []
                for _ in range(50):
                    t0 = time.perf_counter()
                    http.get(path).raise_for_status()
                    samples.append(time.perf_counter() - t0)
                return statistics.median(samples) * 1000

            first = median_get("/api/traces?limit=50")
            cursor = None
            for _ in range(int(count * 0.9) // 1000):
                cursor = http.get(
                    "/api/traces", params={"limit": 1000, **({"cursor": cursor} if cursor else {})}
                ).json()["next_cursor"]
            deep = median_get(f"/api/traces?limit=50&cursor={cursor}")
            results.append(
                (
                    f"list 50, first page / deep page (row {int(count * 0.9):,})",
                    f"{first:.2f} ms / {deep:.2f} ms ({deep / first:.2f}x)",
                )
            )

            def export(query: str) -> tuple[int, float, int]:
                with RssSampler(proc.pid) as sampler:
                    before = sampler.rss()
                    t0 = time.perf_counter()
                    rows = 0
                    with http.stream("GET", f"/api/traces/export{query}") as response:
                        for chunk in response.iter_bytes():
                            rows += chunk.count(b"\n")
                    seconds = time.perf_counter() - t0
                return rows, rows / seconds, sampler.peak - before

            small_rows, _, small_growth = export("?meta.kind=arithmetic")
            rows, rate, growth = export("")
            results.append(("export throughput (all rows)", f"{rate:,.0f} rows/s ({rows:,} rows)"))
            results.append(
                (
                    "server RSS growth during export",
                    f"{small_growth / 2**20:.1f} MiB at {small_rows:,} rows, {growth / 2**20:.1f} MiB at {rows:,} rows",
                )
            )

        path = Path(home) / "import.jsonl"
        more = make_traces(count * 2)[count:]
        path.write_bytes(b"".join(t.model_dump_json(exclude_none=True).encode() + b"\n" for t in more))
        env = {**os.environ, "TUNIX_RT_DATABASE_URL": url, "TUNIX_RT_HOME": home}
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "tunix_rt", "traces", "import", str(path)], env=env, check=True, capture_output=True
        )
        cli_rate = count / (time.perf_counter() - t0)
        results.append(("CLI import (whole process)", f"{cli_rate:,.0f} traces/s ({cli_rate / raw_rate:.2f}x raw)"))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--traces", type=int, default=100_000, help="Rows to ingest (default 100,000).")
    parser.add_argument("--batch", type=int, default=1000, help="Traces per API request / raw transaction.")
    args = parser.parse_args()
    print_table("ingest", run_on_postgres(lambda url: bench(url, args.traces, args.batch)))


if __name__ == "__main__":
    main()
