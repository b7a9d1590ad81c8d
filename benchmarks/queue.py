"""The run queue on PostgreSQL, each measure against a baseline taken in the same run.

    python -m benchmarks.queue [--runs 200] [--lines 200000]

* Claim-and-complete throughput of empty runs with 1 and 4 stand-alone worker processes
  (``tunix-rt worker``, one run at a time each), against the queue SQL alone (claim + finish,
  no child process) with 1 and 4 concurrent claimers: the difference is the price of a real
  child process per run.
* Log ingestion: a child printing lines as fast as it can, run by the embedded worker of a real
  server while an SSE client follows the stream; lines/s stored and received, against the rate
  the same child reaches writing into a pipe nobody stores.

Uses ``TUNIX_RT_BENCH_POSTGRES_URL`` or starts a throwaway cluster. Prints a markdown table.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from sqlalchemy import delete, func, select

from benchmarks.harness import print_table, run_on_postgres
from benchmarks.runkinds import PRINTER_PATH
from tunix_rt import db
from tunix_rt.runs import queue, store
from tunix_rt.runs.kinds import RunRefs
from tunix_rt.runs.queue import Lease
from tunix_rt.runs.store import RunStatus
from tunix_rt.runs.tables import Run, Worker

REPO = Path(__file__).resolve().parents[1]
POLL = "0.05"


def environment(url: str, home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TUNIX_RT_")}
    env.update(
        TUNIX_RT_DATABASE_URL=url,
        TUNIX_RT_HOME=str(home),
        TUNIX_RT_RUN_KINDS=PRINTER_PATH,
        TUNIX_RT_RUN_POLL_SECONDS=POLL,
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    )
    return env


async def submit_empty(url: str, count: int, lines: int = 0) -> None:
    engine = db.create_engine(url)
    try:
        async with db.transaction(db.session_factory(engine)) as session:
            await session.execute(delete(Run))
            for _ in range(count):
                await store.submit(session, "printer", {"lines": lines}, RunRefs())
    finally:
        await engine.dispose()


async def count_where(url: str, *conditions: object) -> int:
    engine = db.create_engine(url)
    try:
        async with engine.connect() as conn:
            return int((await conn.execute(select(func.count()).where(*conditions))).scalar_one())  # type: ignore[arg-type]
    finally:
        await engine.dispose()


async def sql_only(url: str, runs: int, claimers: int) -> float:
    """Runs/s through claim + finish with no child process: the queue's own ceiling."""
    await submit_empty(url, runs)
    engine = db.create_engine(url)
    sessions = db.session_factory(engine)

    async def drain(name: str) -> None:
        while True:
            async with db.transaction(sessions) as session:
                run = await queue.claim(session, name, 30)
            if run is None:
                return
            async with db.transaction(sessions) as session:
                lease = Lease(run.id, name, run.attempts)
                await queue.finish(session, lease, RunStatus.SUCCEEDED, exit_code=0, error=None)

    try:
        start = time.perf_counter()
        await asyncio.gather(*(drain(f"bench-{n}") for n in range(claimers)))
        return runs / (time.perf_counter() - start)
    finally:
        await engine.dispose()


def with_workers(url: str, home: Path, runs: int, workers: int) -> float:
    """Runs/s of empty runs executed by real worker processes, from submit to the last success."""
    asyncio.run(submit_empty(url, 0))
    env = environment(url, home)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "tunix_rt", "worker", "--concurrency", "1"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(workers)
    ]
    try:
        while asyncio.run(count_where(url, Worker.id.is_not(None))) < workers:
            time.sleep(0.1)
        start = time.perf_counter()
        asyncio.run(submit_empty(url, runs))
        while asyncio.run(count_where(url, Run.status == RunStatus.SUCCEEDED)) < runs:
            time.sleep(0.05)
        return runs / (time.perf_counter() - start)
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(30)


def bare_printer_rate(lines: int) -> float:
    """Lines/s the printing child reaches into a pipe that is read and dropped."""
    code = (
        "from benchmarks.runkinds import PrinterConfig, _print_lines; from pathlib import Path; "
        "from tunix_rt.runs.events import EventSink; "
        f"_print_lines(PrinterConfig(lines={lines}), Path('.'), EventSink())"
    )
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, check=True)
    seconds = time.perf_counter() - start
    assert result.stdout.count(b"\n") == lines
    return lines / seconds


def log_ingestion(url: str, home: Path, lines: int) -> tuple[float, float]:
    """(lines/s stored by the worker, lines/s received by an SSE client following the run)."""
    asyncio.run(submit_empty(url, 0))
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**environment(url, home), "TUNIX_RT_PORT": str(port)}
    server = subprocess.Popen(
        [sys.executable, "-m", "tunix_rt", "serve", "--log-level", "warning"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                if httpx.get(f"{base}/api/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        with httpx.Client(base_url=base, timeout=300) as http:
            run = http.post("/api/runs", json={"kind": "printer", "config": {"lines": lines}}).json()
            received = 0
            first = last = 0.0
            headers = {"Accept": "text/event-stream"}
            with http.stream("GET", f"/api/runs/{run['id']}/logs", headers=headers) as response:
                for line in response.iter_lines():
                    if line.startswith("event: log"):
                        received += 1
                        last = time.perf_counter()
                        first = first or last
                    elif line.startswith("event: status"):
                        break
            done = http.get(f"/api/runs/{run['id']}").json()
        from datetime import datetime

        took = (
            datetime.fromisoformat(done["finished_at"]) - datetime.fromisoformat(done["started_at"])
        ).total_seconds()
        assert done["status"] == "succeeded", done
        assert received >= lines, (received, lines)
        return lines / took, received / (last - first)
    finally:
        server.terminate()
        server.wait(30)


def bench(url: str, runs: int, lines: int) -> list[tuple[str, str]]:
    results = []
    with tempfile.TemporaryDirectory() as home:
        for workers in (1, 4):
            ceiling = asyncio.run(sql_only(url, runs, workers))
            rate = with_workers(url, Path(home), runs, workers)
            results.append(
                (
                    f"empty runs, {workers} worker process{'es' if workers > 1 else ''}",
                    f"{rate:,.1f} runs/s (queue SQL alone, {workers} claimer{'s' if workers > 1 else ''}: "
                    f"{ceiling:,.0f} runs/s)",
                )
            )
        bare = bare_printer_rate(lines)
        stored, streamed = log_ingestion(url, Path(home), lines)
        results.append(
            (
                f"log ingestion, {lines:,} lines, SSE client attached",
                f"{stored:,.0f} lines/s stored ({stored / bare:.2f}x the bare child's {bare:,.0f} lines/s), "
                f"{streamed:,.0f} lines/s received over SSE",
            )
        )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=200, help="Empty runs per throughput measure (default 200).")
    parser.add_argument("--lines", type=int, default=200_000, help="Lines the printing run writes (default 200,000).")
    args = parser.parse_args()
    results = run_on_postgres(lambda url: bench(url, args.runs, args.lines))
    print_table("queue", results, f"Workers poll every {POLL} s when idle; one run at a time per worker.")


if __name__ == "__main__":
    main()
