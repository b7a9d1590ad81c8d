"""GRPO rollout summaries on PostgreSQL: what a live run page's poll of
``GET /api/runs/{id}/rollouts/steps`` reads, and what recording a step costs the worker, each
against a baseline taken in the same run.

    python -m benchmarks.rollouts [--steps 2000] [--completions 64]

Seeds one run with ``--steps`` recorded steps of ``--completions`` rollouts each (16 groups of
4 when 64), written as the worker writes them: one ``rollouts.store.upsert`` per step, which
also rewrites the step's summary. Measures:

* write: one more step's rows with ``upsert_statement`` alone (the baseline: the rows only)
  against ``store.upsert`` (the rows and the step's summary recomputed from them);
* read: the summaries from ``run_rollout_steps`` (``store.summaries``, what the endpoint reads)
  against computing them from every stored rollout (the light columns of each row, grouped and
  summarised in Python: what the first version of the endpoint did).

Prints a markdown table (figures recorded in docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
import uuid
from typing import Any

from benchmarks.harness import Results, print_table, run_on_postgres
from tunix_rt import db
from tunix_rt.rollouts import alarms, store
from tunix_rt.rollouts.tables import RunRollout
from tunix_rt.runs import store as runs
from tunix_rt.runs.kinds import RunRefs
from tunix_rt.runs.store import upsert_statement

GROUP = 4


def step_rows(run_id: uuid.UUID, step: int, completions: int) -> list[dict[str, Any]]:
    """One recorded step: groups of ``GROUP`` with rewards that vary, a realistic completion."""
    return [
        {
            "run_id": run_id,
            "step": step,
            "group_index": index // GROUP,
            "sample_index": index % GROUP,
            "prompt": f"What is {step} + {index}? Show your reasoning, then the answer.",
            "completion": "<reasoning>"
            + "add the digits, carry the one. " * 8
            + f"</reasoning><answer>{index}</answer>",
            "answer": str(index),
            "rewards": {"format": (index % 3) / 2, "correctness": float(index % 2)},
            "total": (index % 3) / 2 + 2 * (index % 2),
            "advantage": 0.0 if index % 5 == 0 else (-1.0) ** index,
            "length": 40 + index % 17,
            "created_at": db.utcnow(),
        }
        for index in range(completions)
    ]


async def from_rows(session: Any, run_id: uuid.UUID) -> list[alarms.StepSummary]:
    """The summaries computed from every stored rollout of the run, as the first endpoint did."""
    return list((await store.summarise_stored(session, RunRollout.run_id == run_id)).values())


async def measure(url: str, steps: int, completions: int) -> Results:
    engine = db.create_engine(url)
    sessions = db.session_factory(engine)
    try:
        async with db.transaction(sessions) as session:
            run = await runs.submit(session, "train", {"method": "grpo"}, RunRefs())
        seeded = time.perf_counter()
        for step in range(1, steps + 1):
            async with db.transaction(sessions) as session:
                await store.upsert(session, step_rows(run.id, step, completions))
        seeding = time.perf_counter() - seeded

        async def write(full: bool, step: int) -> float:
            rows = step_rows(run.id, step, completions)
            started = time.perf_counter()
            async with db.transaction(sessions) as session:
                if full:
                    await store.upsert(session, rows)
                else:
                    keys = ("run_id", "step", "group_index", "sample_index")
                    await session.execute(upsert_statement(session, RunRollout, keys, rows), rows)
            return time.perf_counter() - started

        rows_only = [await write(False, steps + 1 + i) for i in range(20)]
        with_summary = [await write(True, steps + 1 + i) for i in range(20)]

        async def read(kept: bool) -> float:
            started = time.perf_counter()
            async with sessions() as session:
                found = await (store.summaries(session, run.id) if kept else from_rows(session, run.id))
            assert len(found) == steps + 20
            return time.perf_counter() - started

        kept_reads = [await read(True) for _ in range(7)]
        row_reads = [await read(False) for _ in range(7)]
    finally:
        await engine.dispose()
    base_write, full_write = statistics.median(rows_only), statistics.median(with_summary)
    base_read, old_read = statistics.median(kept_reads), statistics.median(row_reads)
    total = (steps + 20) * completions
    return [
        ("seeded", f"{steps} steps x {completions} rollouts in {seeding:.1f} s"),
        ("write one step: rows only (baseline)", f"{base_write * 1000:.1f} ms"),
        (
            "write one step: rows + its summary (`store.upsert`)",
            f"{full_write * 1000:.1f} ms ({full_write / base_write:.2f}x)",
        ),
        ("read summaries from `run_rollout_steps` (baseline)", f"{base_read * 1000:.1f} ms"),
        (
            f"summarise all {total:,} rollouts per read (replaced)",
            f"{old_read * 1000:.0f} ms ({old_read / base_read:.0f}x)",
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=2000)
    parser.add_argument("--completions", type=int, default=64)
    args = parser.parse_args()
    results = run_on_postgres(lambda url: asyncio.run(measure(url, args.steps, args.completions)))
    print_table(f"Rollout summaries, {args.steps} steps x {args.completions} rollouts", results)


if __name__ == "__main__":
    main()
