"""Live log streams on PostgreSQL: readers woken by LISTEN/NOTIFY against the polling readers
they replace, measured in the same run.

    python -m benchmarks.streams [--followers 1000] [--runs 10] [--idle 10] [--rounds 20] [--gap 1]

For each way of reading, this process plays the server's part that changed: one ``LogHub``
(``runs/streams.py``) with ``--followers`` followers spread over ``--runs`` running runs. (The
HTTP side of a stream, an SSE response per follower, is the same in both and is measured by
``benchmarks/load.py``.) A separate writer process plays the worker.

* **idle**: the followers are connected and nothing is written for ``--idle`` seconds; the CPU
  this process spends (process time / wall time) is what followers cost between events.
* **delivery**: the writer then writes one line and one metric point (step = the line's number)
  to every run, each run's pair in its own transaction as a worker writes a batch, every
  ``--gap`` seconds for ``--rounds`` rounds. A line carries the wall time just before its commit;
  a delivery's latency is when a follower receives it minus that. Reported per delivery, and
  per event as the latency to its *last* follower (what "delivered to all followers" means);
  likewise for the ``metrics`` news of each point (from the time in the line written with it).

Baseline: the same hub without notifications, reading every ``run_poll_seconds`` (0.5 s, the
default), as every server did before. Uses ``TUNIX_RT_BENCH_POSTGRES_URL`` or starts a
throwaway cluster. Prints a markdown table.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import statistics
import time
import uuid
from dataclasses import dataclass

import orjson
from sqlalchemy import delete

from benchmarks.harness import Results, print_table, run_on_postgres
from tunix_rt import db
from tunix_rt.runs import queue, store
from tunix_rt.runs.kinds import RunRefs
from tunix_rt.runs.notify import PgSignals, Signals
from tunix_rt.runs.queue import Lease
from tunix_rt.runs.store import RunStatus
from tunix_rt.runs.streams import EncodedLine, LogHub, MetricsNews
from tunix_rt.runs.tables import Run

POLL_SECONDS = 0.5
WRITER = "bench-writer"
SETTLE_SECONDS = 2.0


@dataclass
class Args:
    followers: int
    runs: int
    idle: float
    rounds: int
    gap: float


@dataclass
class Measured:
    idle_cores: float
    busy_cpu_per_event: float
    deliveries: list[float]
    per_event: list[float]
    wrong: int
    news: list[float]
    """Latency of each ``metrics`` news received."""
    news_per_event: list[float]
    told_last: int
    """Followers told of the last round's point."""


async def start_runs(url: str, count: int) -> list[uuid.UUID]:
    """``count`` running runs (claimed by a pretend worker), on an empty runs table."""
    engine = db.create_engine(url)
    try:
        async with db.transaction(db.session_factory(engine)) as session:
            await session.execute(delete(Run))
            for _ in range(count):
                await store.submit(session, "printer", {"lines": 0}, RunRefs())
        ids = []
        for _ in range(count):
            async with db.transaction(db.session_factory(engine)) as session:
                run = await queue.claim(session, WRITER, 3600)
                assert run is not None
                ids.append(run.id)
        return ids
    finally:
        await engine.dispose()


def write(url: str, run_ids: list[uuid.UUID], rounds: int, gap: float, start_at: float) -> None:
    """The worker's part, in its own process: a line and a point per run per round, then the runs
    succeed."""

    async def main() -> None:
        engine = db.create_engine(url)
        sessions = db.session_factory(engine)
        try:
            await asyncio.sleep(max(0.0, start_at - time.time()))
            for seq in range(1, rounds + 1):
                for run_id in run_ids:
                    async with db.transaction(sessions) as session:
                        row = {"run_id": run_id, "seq": seq, "stream": "stdout", "line": f"{time.time():.6f}"}
                        await store.add_logs(session, [row | {"created_at": db.utcnow()}])
                        await store.upsert_metrics(
                            session, [{"run_id": run_id, "name": "loss", "step": seq, "value": 1.0 / seq}]
                        )
                await asyncio.sleep(gap)
            for run_id in run_ids:
                async with db.transaction(sessions) as session:
                    lease = Lease(run_id, WRITER, 1)
                    await queue.finish(session, lease, RunStatus.SUCCEEDED, exit_code=0, error=None)
        finally:
            await engine.dispose()

    asyncio.run(main())


async def measure(url: str, args: Args, signals: Signals) -> Measured:
    run_ids = await start_runs(url, args.runs)
    engine = db.create_engine(url)
    hub = LogHub(db.session_factory(engine), POLL_SECONDS, signals)
    received: list[tuple[uuid.UUID, list[tuple[float, EncodedLine]], list[tuple[float, int]]]] = []

    async def follow(run_id: uuid.UUID) -> None:
        mine: list[tuple[float, EncodedLine]] = []
        news: list[tuple[float, int]] = []
        received.append((run_id, mine, news))
        async for item in hub.follow(run_id, 0):
            if isinstance(item, list):
                now = time.time()
                mine.extend((now, line) for line in item)
            elif isinstance(item, MetricsNews):
                news.append((time.time(), item.step))

    try:
        followers = [asyncio.create_task(follow(run_ids[n % args.runs])) for n in range(args.followers)]
        deadline = time.monotonic() + 60
        while hub.readers < args.runs or (isinstance(signals, PgSignals) and not signals.live):
            if time.monotonic() > deadline:
                raise RuntimeError("the readers or the listener did not start within a minute")
            await asyncio.sleep(0.05)
        await asyncio.sleep(SETTLE_SECONDS)
        cpu, wall = time.process_time(), time.perf_counter()
        await asyncio.sleep(args.idle)
        idle_cores = (time.process_time() - cpu) / (time.perf_counter() - wall)
        writer = multiprocessing.get_context("spawn").Process(
            target=write, args=(url, run_ids, args.rounds, args.gap, time.time() + 1.0)
        )
        cpu = time.process_time()
        writer.start()
        await asyncio.gather(*followers)
        busy_cpu = time.process_time() - cpu
        await asyncio.to_thread(writer.join)
    finally:
        await hub.close()
        await engine.dispose()
    deliveries: list[float] = []
    last: dict[tuple[uuid.UUID, int], float] = {}
    news_latencies: list[float] = []
    news_last: dict[tuple[uuid.UUID, int], float] = {}
    wrong = told_last = 0
    for run_id, mine, news in received:
        wrong += [line.seq for _, line in mine] != list(range(1, args.rounds + 1))
        written = {line.seq: float(orjson.loads(line.data)["line"]) for _, line in mine}
        for at, line in mine:
            latency = at - written[line.seq]
            deliveries.append(latency)
            last[run_id, line.seq] = max(last.get((run_id, line.seq), 0.0), latency)
        for at, step in news:
            latency = at - written[step]
            news_latencies.append(latency)
            news_last[run_id, step] = max(news_last.get((run_id, step), 0.0), latency)
        told_last += any(step == args.rounds for _, step in news)
    return Measured(
        idle_cores,
        busy_cpu / (args.runs * args.rounds),
        deliveries,
        list(last.values()),
        wrong,
        news_latencies,
        list(news_last.values()),
        told_last,
    )


def quantile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q * 100) - 1] if len(values) > 1 else values[0]


def bench(url: str, args: Args) -> Results:
    polled = asyncio.run(measure(url, args, Signals()))
    told = asyncio.run(measure(url, args, PgSignals(url)))

    def ms(seconds: float) -> str:
        return f"{seconds * 1000:.1f} ms"

    events = args.runs * args.rounds
    results: Results = [
        ("followers / runs / events (a line and a point each)", f"{args.followers:,} / {args.runs} / {events}"),
        (
            f"idle CPU, {args.idle:g} s with no writes (process time / wall)",
            f"{told.idle_cores:.2%} of a core (polling every {POLL_SECONDS} s: {polled.idle_cores:.2%}, "
            f"{polled.idle_cores / max(told.idle_cores, 1e-9):.0f}x more)",
        ),
    ]
    results.append(
        (
            "CPU per event delivered to its followers (process time while writing / events)",
            f"{ms(told.busy_cpu_per_event)} (polling: {ms(polled.busy_cpu_per_event)})",
        )
    )
    for name, values_told, values_polled in (
        ("latency per delivery", told.deliveries, polled.deliveries),
        ("latency to an event's last follower", told.per_event, polled.per_event),
        ("latency per metrics news (from its line's commit)", told.news, polled.news),
        ("latency of a point's news to its last follower", told.news_per_event, polled.news_per_event),
    ):
        results.append(
            (
                name,
                f"p50 {ms(quantile(values_told, 0.5))}, p99 {ms(quantile(values_told, 0.99))}, "
                f"max {ms(max(values_told))} (polling: p50 {ms(quantile(values_polled, 0.5))}, "
                f"p99 {ms(quantile(values_polled, 0.99))})",
            )
        )
    results.append(
        (
            f"followers whose lines were not exactly 1..{args.rounds} in order",
            f"{told.wrong} (polling: {polled.wrong})",
        )
    )
    results.append(
        (
            f"followers told of round {args.rounds}'s point (news of one point may stand for earlier ones)",
            f"{told.told_last:,} of {args.followers:,} (polling: {polled.told_last:,})",
        )
    )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--followers", type=int, default=1000, help="Followers in all, spread evenly over the runs.")
    parser.add_argument("--runs", type=int, default=10, help="Running runs being followed and written to.")
    parser.add_argument("--idle", type=float, default=10.0, help="Seconds of no writes the idle CPU is measured over.")
    parser.add_argument("--rounds", type=int, default=20, help="Lines written to every run.")
    parser.add_argument("--gap", type=float, default=1.0, help="Seconds between rounds.")
    ns = parser.parse_args()
    args = Args(ns.followers, ns.runs, ns.idle, ns.rounds, ns.gap)
    print_table("Live log streams: LISTEN/NOTIFY against polling", run_on_postgres(lambda url: bench(url, args)))


if __name__ == "__main__":
    main()
