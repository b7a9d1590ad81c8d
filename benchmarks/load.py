"""The server under mixed load on PostgreSQL: clients ingesting and listing traces while runs
stream their logs to SSE followers, against the same requests on the idle server in the same run.

    python -m benchmarks.load [--seconds 300] [--clients 50] [--runs 4] [--followers 100]

A real ``tunix-rt serve`` (embedded worker, ``--runs`` at once) runs ``--runs`` runs that each
log ``--lines-per-second`` lines for the whole measurement; ``--followers`` SSE clients follow
them (spread evenly, reconnecting with ``Last-Event-ID`` if a stream drops), and ``--clients``
clients each alternate ``POST /api/traces/batch`` (``--batch`` new traces) and
``GET /api/traces?limit=50`` with a random pause of 0 to 2 x ``--think`` seconds between
requests. Callers use five write tokens, so followers stay under the per-token stream cap.

Reported: errors (any non-2xx answer, failed request or dropped stream; goal 0), p50/p99 of
ingest and list under load and, as the baseline, on the idle server before the load starts
(one client, no runs); log lines delivered; the server process's CPU (cores used on average)
and resident memory (peak and at the end). The load generator runs on the same machine, so on
few cores it competes with the server. Uses ``TUNIX_RT_BENCH_POSTGRES_URL`` or starts a
throwaway cluster. Prints a markdown table (figures recorded in docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import random
import socket
import statistics
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from multiprocessing.queues import Queue
from pathlib import Path
from typing import Any

import httpx

from benchmarks.harness import REPO, Results, RssSampler, print_table, run_on_postgres, server
from benchmarks.runkinds import TICKER_PATH

TOKENS = [f"bench-load-token-{n}" for n in range(5)]
IDLE_REQUESTS = 200
KEEPALIVE_SECONDS = 2.0
"""Under uvicorn's 5 s: a client reusing a connection the server is closing at that moment gets
a ReadError that says nothing about the server (at httpx's default, also 5 s, a few per run)."""


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: {"ingest": [], "list": []})
    errors: Counter[str] = field(default_factory=Counter)
    lines: int = 0


def traces(client: int, request: int, count: int) -> list[dict[str, Any]]:
    """``count`` traces no earlier request sent (the content hash deduplicates repeats)."""
    return [
        {
            "trace_version": "1.0",
            "prompt": f"Client {client}, request {request}, item {n}: what is {n} + {client}?",
            "final_answer": str(n + client),
            "steps": [
                {"i": 0, "type": "thought", "content": f"Add {n} and {client}."},
                {"i": 1, "type": "computation", "content": f"{n} + {client} = {n + client}"},
            ],
            "meta": {"bench": "load", "client": client},
        }
        for n in range(count)
    ]


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def one_request(http: httpx.AsyncClient, tally: Tally, op: str, token: str, body: Any) -> None:
    start = time.perf_counter()
    try:
        if op == "ingest":
            response = await http.post("/api/traces/batch", json=body, headers=auth(token))
        else:
            response = await http.get("/api/traces", params={"limit": 50}, headers=auth(token))
    except httpx.HTTPError as exc:
        tally.errors[f"{op}: {type(exc).__name__}"] += 1
        return
    if response.is_success:
        tally.latencies[op].append(time.perf_counter() - start)
    else:
        tally.errors[f"{op}: HTTP {response.status_code}"] += 1


async def client(
    http: httpx.AsyncClient, number: int, stop: asyncio.Event, tally: Tally, think: float, batch: int
) -> None:
    rng = random.Random(number)
    token = TOKENS[number % len(TOKENS)]
    request = 0
    while not stop.is_set():
        op = "ingest" if request % 2 == 0 else "list"
        await one_request(http, tally, op, token, traces(number, request, batch) if op == "ingest" else None)
        request += 1
        await asyncio.sleep(rng.uniform(0, 2 * think))


async def follower(http: httpx.AsyncClient, number: int, run_id: str, stop: asyncio.Event, tally: Tally) -> None:
    token = TOKENS[number % len(TOKENS)]
    last: str | None = None
    while not stop.is_set():
        headers = {"Accept": "text/event-stream", **auth(token), **({"Last-Event-ID": last} if last else {})}
        try:
            async with http.stream("GET", f"/api/runs/{run_id}/logs", headers=headers) as response:
                if response.status_code != 200:
                    tally.errors[f"follow: HTTP {response.status_code}"] += 1
                    await asyncio.sleep(1)
                    continue
                async for line in response.aiter_lines():
                    if line.startswith("id:"):
                        last = line.partition(":")[2].strip()
                        tally.lines += 1
                    elif line.startswith("event: status"):
                        tally.errors["follow: the run ended during the measurement"] += 1
                        return
                    if stop.is_set():
                        return
        except httpx.HTTPError as exc:
            if not stop.is_set():
                tally.errors[f"follow: {type(exc).__name__}"] += 1
        if not stop.is_set():
            tally.errors["follow: stream dropped"] += 1


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def idle_baseline(base: str, batch: int) -> Tally:
    """The same requests one at a time on the server with nothing else to do."""
    tally = Tally()
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        for request in range(IDLE_REQUESTS):
            op = "ingest" if request % 2 == 0 else "list"
            await one_request(http, tally, op, TOKENS[0], traces(-1, request, batch) if op == "ingest" else None)
    return tally


async def start_runs(base: str, runs: int, seconds: float, rate: float) -> list[str]:
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        config = {"lines_per_second": rate, "seconds": seconds}
        ids = []
        for _ in range(runs):
            response = await http.post("/api/runs", json={"kind": "ticker", "config": config}, headers=auth(TOKENS[0]))
            response.raise_for_status()
            ids.append(response.json()["id"])
        deadline = time.monotonic() + 120
        while True:
            states = [
                (await http.get(f"/api/runs/{run_id}", headers=auth(TOKENS[0]))).json()["status"] for run_id in ids
            ]
            if all(state == "running" for state in states):
                return ids
            if time.monotonic() > deadline:
                raise RuntimeError(f"the runs did not all start: {states}")
            await asyncio.sleep(0.2)


async def follow_all(base: str, args: argparse.Namespace, run_ids: list[str], stop: asyncio.Event) -> Tally:
    tally = Tally()
    limits = httpx.Limits(max_connections=args.followers + 10, keepalive_expiry=KEEPALIVE_SECONDS)
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as http:
        tasks = [
            asyncio.create_task(follower(http, n, run_ids[n % len(run_ids)], stop, tally))
            for n in range(args.followers)
        ]
        await stop.wait()
        await finish(tasks)
    return tally


async def request_all(base: str, args: argparse.Namespace, stop: asyncio.Event) -> Tally:
    tally = Tally()
    limits = httpx.Limits(max_connections=args.clients + 10, keepalive_expiry=KEEPALIVE_SECONDS)
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as http:
        tasks = [asyncio.create_task(client(http, n, stop, tally, args.think, args.batch)) for n in range(args.clients)]
        await stop.wait()
        await finish(tasks)
    return tally


async def finish(tasks: list[asyncio.Task[None]]) -> None:
    _, pending = await asyncio.wait(tasks, timeout=30)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)


def followers_process(base: str, args: argparse.Namespace, run_ids: list[str], out: Queue[Any]) -> None:
    """The SSE followers, in a process of their own so parsing their streams does not delay the
    clients' requests (whose latency is measured in the parent)."""

    async def main() -> Tally:
        stop = asyncio.Event()
        asyncio.get_running_loop().call_later(args.seconds, stop.set)
        return await follow_all(base, args, run_ids, stop)

    start = time.process_time()
    tally = asyncio.run(main())
    out.put((tally.lines, dict(tally.errors), time.process_time() - start))


async def requests_for(base: str, args: argparse.Namespace) -> Tally:
    stop = asyncio.Event()
    asyncio.get_running_loop().call_later(args.seconds, stop.set)
    return await request_all(base, args, stop)


def bench(url: str, args: argparse.Namespace) -> Results:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    env = {
        "TUNIX_RT_RUN_KINDS": TICKER_PATH,
        "TUNIX_RT_WORKER_CONCURRENCY": str(args.runs),
        "TUNIX_RT_API_TOKENS": ",".join(f"{token}:write" for token in TOKENS),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    }
    with tempfile.TemporaryDirectory() as home, server(url, Path(home), port, env) as proc:
        idle = asyncio.run(idle_baseline(base, args.batch))
        run_ids = asyncio.run(start_runs(base, args.runs, args.seconds + 60, args.lines_per_second))
        context = multiprocessing.get_context("spawn")
        out: Queue[Any] = context.Queue()
        followers = context.Process(target=followers_process, args=(base, args, run_ids, out))
        cpu_before, own_before, started = cpu_seconds(proc.pid), time.process_time(), time.perf_counter()
        with RssSampler(proc.pid) as rss:
            followers.start()
            tally = asyncio.run(requests_for(base, args))
            lines, follow_errors, follow_cpu = out.get(timeout=120)
            followers.join(30)
            rss_end = rss.rss()
        elapsed = time.perf_counter() - started
        cores = (cpu_seconds(proc.pid) - cpu_before) / elapsed
        clients_cores = (time.process_time() - own_before) / elapsed
        tally.lines = lines
        tally.errors.update(follow_errors)
    results: Results = [
        ("errors", f"{sum(tally.errors.values())}" + (f" ({dict(tally.errors)})" if tally.errors else "")),
        ("idle errors (baseline)", str(sum(idle.errors.values()))),
    ]
    for op in ("ingest", "list"):
        loaded, quiet = tally.latencies[op], idle.latencies[op]
        if not loaded or not quiet:
            results.append((f"{op}", "no successful requests"))
            continue
        p50, p99, idle_p50 = percentile(loaded, 0.5), percentile(loaded, 0.99), statistics.median(quiet)
        results.append(
            (
                f"{op} ({len(loaded):,} requests, {len(loaded) / args.seconds:.1f}/s)",
                f"p50 {p50 * 1000:.0f} ms ({p50 / idle_p50:.1f}x idle {idle_p50 * 1000:.0f} ms), "
                f"p99 {p99 * 1000:.0f} ms",
            )
        )
    results += [
        (
            "log lines delivered to followers (each from line 1)",
            f"{tally.lines:,} ({tally.lines / args.seconds:,.0f}/s)",
        ),
        ("server CPU (API + embedded worker; run children not included)", f"{cores:.2f} cores on average"),
        ("server RSS", f"peak {rss.peak / 2**20:.0f} MiB, {rss_end / 2**20:.0f} MiB at the end"),
        (
            "load generator CPU (clients / followers process)",
            f"{clients_cores:.2f} / {follow_cpu / elapsed:.2f} cores on average",
        ),
        ("load average at the end (1 min, all processes on the machine)", f"{os.getloadavg()[0]:.1f}"),
    ]
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=300, help="Length of the measurement (default 300).")
    parser.add_argument("--clients", type=int, default=50, help="Clients ingesting and listing (default 50).")
    parser.add_argument("--runs", type=int, default=4, help="Runs logging at once (default 4).")
    parser.add_argument("--followers", type=int, default=100, help="SSE followers across the runs (default 100).")
    parser.add_argument("--lines-per-second", type=float, default=10, help="Log lines per run per second.")
    parser.add_argument("--think", type=float, default=1.0, help="Mean pause of a client between requests (s).")
    parser.add_argument("--batch", type=int, default=20, help="Traces per ingest request (default 20).")
    args = parser.parse_args()
    results = run_on_postgres(lambda url: bench(url, args))
    print_table(
        f"load, {args.seconds:g} s",
        results,
        f"{args.clients} clients (ingest {args.batch} traces / list 50, pause 0-{2 * args.think:g} s), "
        f"{args.runs} runs logging {args.lines_per_second:g} lines/s each, {args.followers} SSE followers.",
    )


if __name__ == "__main__":
    main()
