"""Ingest, listing and export on PostgreSQL, each against a baseline measured in the same run.

    python -m benchmarks.ingest [--traces 100000] [--batch 1000] [--rounds 3]

* API batch ingest (a real uvicorn server, HTTP, 1,000-trace batches) and CLI file import,
  each as a ratio to a raw asyncpg ``executemany`` insert of the same rows (hash and quality
  report precomputed, so the baseline is pure database work), in alternating rounds: each
  arm against the raw insert of its own round, the median ratio reported.
* The same ingest on SQLite (the embedded store), against a raw ``sqlite3`` ``executemany``
  of the same precomputed rows with the pragmas the app sets.
* Single-trace POST latency (p50 / p95).
* List latency on the first page and on a deep keyset page at the full row count.
* Export throughput (rows/s) and the server's resident memory during full exports of a
  tenth of the rows and of all rows (keyset streaming should keep it flat).

Uses ``TUNIX_RT_BENCH_POSTGRES_URL`` or starts a throwaway cluster. Prints two markdown tables.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import httpx
import orjson
from sqlalchemy import Table

from benchmarks.harness import Results, RssSampler, print_table, run_on_postgres, server
from tunix_rt import db
from tunix_rt.traces import synth
from tunix_rt.traces.quality import assess
from tunix_rt.traces.schema import TraceIn
from tunix_rt.traces.store import INSERT_COLUMNS, JSON_COLUMNS
from tunix_rt.traces.tables import Trace


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
        report = assess(trace.plain())
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
    """Traces per second of a raw asyncpg ``executemany``, one transaction per batch; leaves the table empty."""
    import asyncpg

    conn = await asyncpg.connect(url.replace("postgresql+asyncpg", "postgresql"))
    try:
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
        return len(rows) / elapsed
    finally:
        await conn.close()


async def truncate(url: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(url.replace("postgresql+asyncpg", "postgresql"))
    try:
        await conn.execute("TRUNCATE traces CASCADE")
    finally:
        await conn.close()


def sqlite_rows(path: Path, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The raw rows with ids and times converted as SQLAlchemy stores them on SQLite."""
    dialect = db.create_engine(f"sqlite+aiosqlite:///{path}").sync_engine.dialect
    table = cast(Table, Trace.__table__)
    processors = [
        None if name in JSON_COLUMNS else table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        for name in INSERT_COLUMNS
    ]
    return [
        tuple(value if convert is None else convert(value) for value, convert in zip(row, processors, strict=True))
        for row in rows
    ]


def sqlite_connect(path: Path) -> sqlite3.Connection:
    """A stdlib connection with the pragmas the app sets (WAL, synchronous=NORMAL)."""
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON", "busy_timeout=30000"):
        conn.execute(f"PRAGMA {pragma}")
    return conn


def sqlite_raw_insert(path: Path, rows: list[tuple[Any, ...]], batch: int) -> float:
    """Traces per second of a raw ``sqlite3`` ``executemany``, one transaction per batch; leaves the table empty."""
    conn = sqlite_connect(path)
    try:
        sql = f"INSERT INTO traces ({', '.join(INSERT_COLUMNS)}) VALUES ({', '.join('?' * len(INSERT_COLUMNS))})"
        start = time.perf_counter()
        for offset in range(0, len(rows), batch):
            conn.execute("BEGIN")
            conn.executemany(sql, rows[offset : offset + batch])
            conn.execute("COMMIT")
        elapsed = time.perf_counter() - start
        conn.execute("DELETE FROM traces")
        return len(rows) / elapsed
    finally:
        conn.close()


def sqlite_empty(path: Path) -> None:
    conn = sqlite_connect(path)
    try:
        conn.execute("DELETE FROM traces")
    finally:
        conn.close()


async def _create_sqlite(path: Path) -> None:
    async with db.open_database(f"sqlite+aiosqlite:///{path}"):
        pass


def api_ingest(http: httpx.Client, bodies: list[bytes], count: int) -> float:
    """Traces per second through ``POST /api/traces/batch``, one request after the other."""
    start = time.perf_counter()
    for body in bodies:
        response = http.post("/api/traces/batch", content=body, headers={"content-type": "application/json"})
        response.raise_for_status()
    return count / (time.perf_counter() - start)


def write_jsonl(path: Path, traces: list[TraceIn]) -> Path:
    path.write_bytes(b"".join(t.model_dump_json(exclude_none=True).encode() + b"\n" for t in traces))
    return path


def cli_import(url: str, home: str, path: Path, count: int) -> float:
    """Traces per second of ``tunix-rt traces import``, the whole process (start-up included)."""
    env = {**os.environ, "TUNIX_RT_DATABASE_URL": url, "TUNIX_RT_HOME": home}
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "tunix_rt", "traces", "import", str(path)], env=env, check=True, capture_output=True
    )
    return count / (time.perf_counter() - t0)


def alternate(
    rounds: int, raw: Callable[[], float], arms: dict[str, Callable[[], float]], empty: Callable[[], None]
) -> tuple[float, dict[str, tuple[float, list[float]]]]:
    """Run the raw insert and each arm in turn, ``rounds`` times, emptying the table after each arm.

    The machine is shared, so its load drifts during a run: each arm is compared with the raw
    insert of its own round, and the median of those ratios is what the table reports."""
    raw_rates: list[float] = []
    rates: dict[str, list[float]] = {name: [] for name in arms}
    for _ in range(rounds):
        raw_rates.append(raw())
        for name, arm in arms.items():
            rates[name].append(arm())
            empty()
    ratios = {
        name: (statistics.median(values), [v / r for v, r in zip(values, raw_rates, strict=True)])
        for name, values in rates.items()
    }
    return statistics.median(raw_rates), ratios


def ratio_rows(raw_name: str, raw: float, arms: dict[str, tuple[float, list[float]]]) -> Results:
    rows = [(raw_name, f"{raw:,.0f} traces/s (median of rounds)")]
    for name, (rate, ratios) in arms.items():
        each = ", ".join(f"{r:.2f}" for r in ratios)
        rows.append((name, f"{rate:,.0f} traces/s ({statistics.median(ratios):.2f}x raw; rounds {each})"))
    return rows


def bench_sqlite(count: int, batch: int, rounds: int) -> Results:
    """Ingest on the embedded store: raw ``sqlite3``, the API and the CLI, in alternating rounds."""
    traces = make_traces(count)
    bodies = [batch_body(traces[i : i + batch]) for i in range(0, count, batch)]
    with tempfile.TemporaryDirectory() as home:
        path = Path(home) / "bench.db"
        url = f"sqlite+aiosqlite:///{path}"
        asyncio.run(_create_sqlite(path))
        rows = sqlite_rows(path, raw_rows(traces))
        jsonl = write_jsonl(Path(home) / "import.jsonl", traces)
        port = 18000 + (os.getpid() + 500) % 1000
        with server(url, Path(home), port), httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as http:
            raw, arms = alternate(
                rounds,
                lambda: sqlite_raw_insert(path, rows, batch),
                {
                    f"API batch ingest ({batch}/request, hash + quality)": lambda: api_ingest(http, bodies, count),
                    "CLI import (whole process)": lambda: cli_import(url, home, jsonl, count),
                },
                lambda: sqlite_empty(path),
            )
    return ratio_rows("raw sqlite3 executemany insert", raw, arms)


def batch_body(traces: list[TraceIn]) -> bytes:
    return orjson.dumps([t.model_dump(mode="json", exclude_none=True) for t in traces])


def bench(url: str, count: int, batch: int, rounds: int) -> Results:
    results: Results = []
    traces = make_traces(count)
    bodies = [batch_body(traces[i : i + batch]) for i in range(0, count, batch)]
    avg = sum(len(b) for b in bodies) / count
    results.append(("traces, mean JSON size", f"{count:,}, {avg:,.0f} bytes"))
    prepared = raw_rows(traces)

    port = 18000 + os.getpid() % 1000
    with tempfile.TemporaryDirectory() as home, server(url, Path(home), port) as proc:
        base = f"http://127.0.0.1:{port}"
        jsonl = write_jsonl(Path(home) / "import.jsonl", traces)
        with httpx.Client(base_url=base, timeout=120) as http:
            raw, arms = alternate(
                rounds,
                lambda: asyncio.run(raw_insert(url, prepared, batch)),
                {
                    f"API batch ingest ({batch}/request, hash + quality)": lambda: api_ingest(http, bodies, count),
                    "CLI import (whole process)": lambda: cli_import(url, home, jsonl, count),
                },
                lambda: asyncio.run(truncate(url)),
            )
            results.extend(ratio_rows("raw asyncpg executemany insert", raw, arms))
            api_ingest(http, bodies, count)  # the rows the listing and export measures read

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

    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--traces", type=int, default=100_000, help="Rows to ingest (default 100,000).")
    parser.add_argument("--batch", type=int, default=1000, help="Traces per API request / raw transaction.")
    parser.add_argument("--rounds", type=int, default=3, help="Alternating rounds of raw insert, API and CLI.")
    args = parser.parse_args()
    print_table("ingest", run_on_postgres(lambda url: bench(url, args.traces, args.batch, args.rounds)))
    print_table("ingest on SQLite", bench_sqlite(args.traces, args.batch, args.rounds), database="SQLite")


if __name__ == "__main__":
    main()
