"""Seeds a finished GRPO run with recorded rollouts for the browser test of the run page's
Rollouts panel (``e2e/specs/rollouts.spec.ts``): the child's recorder (``Recorder.for_run``, with
the run's config) turns crafted scored batches into rollout and alarm events, which are stored
as the worker stores them (``rollouts.store.upsert``, which also writes each step's summary, and
each alarm as a log line on the ``alarm`` stream); prints the run's id as JSON::

    python -m tests.rollouts.seed_e2e DATABASE_URL

Six recorded steps of two prompts with three completions each; the run's config asks for alarm
windows of two recorded steps. The format reward jumps from 0 to 1 between steps 3 and 4 while
correctness stays at one completion in three (``format_without_correctness``, steps 3-4), and the
completions grow from 10 to 40 tokens between steps 4 and 5 (``length_explosion``, steps 4-5).
The run's log holds the two alarms the recorder raised; the panel's are what ``/rollouts/steps``
computes again from the stored rollouts.
"""

from __future__ import annotations

import asyncio
import sys
import uuid
from datetime import timedelta
from statistics import fmean, pstdev

import orjson

from tunix_rt import db
from tunix_rt.rollouts import store
from tunix_rt.rollouts.record import Batch, Recorder
from tunix_rt.runs import store as runs
from tunix_rt.runs.events import AlarmEvent, MemorySink, RolloutEvent
from tunix_rt.runs.tables import Run
from tunix_rt.training.config import TrainConfig

STEPS = (1, 2, 3, 4, 5, 6)
GROUPS = 2
SAMPLES = 3
CONFIG = {
    "dataset": {"key": "arith@v1"},
    "method": "grpo",
    "max_steps": 6,
    "batch_size": GROUPS * SAMPLES,
    "logging_steps": 1,
    "grpo": {
        "num_generations": SAMPLES,
        "rewards": [{"name": "format"}, {"name": "correctness", "weight": 2.0}],
        "alarms": {"window": 2},
    },
}


def batch(step: int, group_size: int) -> Batch:
    """A step's scored generation batch: the first completion of each group correct, format from
    step 4 on, four times longer from step 5 on; advantages normalised within the group, as
    GRPO's."""
    fmt = 1.0 if step >= 4 else 0.0
    correct = [1.0 if index == 0 else 0.0 for _ in range(GROUPS) for index in range(group_size)]
    totals = [fmt + 2.0 * value for value in correct]
    advantages = []
    for start in range(0, len(totals), group_size):
        group = totals[start : start + group_size]
        advantages += [(total - fmean(group)) / pstdev(group) for total in group]
    return Batch(
        prompts=[f"What is {group + 2} + {group + 2}?" for group in range(GROUPS) for _ in range(group_size)],
        completions=[
            f"step {step} prompt {group + 1} completion {index + 1}"
            for group in range(GROUPS)
            for index in range(group_size)
        ],
        answers=[str(2 * (group + 2)) for group in range(GROUPS) for _ in range(group_size)],
        rewards={"format": [fmt] * len(correct), "correctness": correct},
        advantages=advantages,
        lengths=[(40 if step >= 5 else 10) + index for _ in range(GROUPS) for index in range(group_size)],
        group_size=group_size,
    )


def recorded(config: TrainConfig) -> MemorySink:
    """What the child of such a run reports: its recorder's rollout events and alarm events."""
    sink = MemorySink()
    recorder = Recorder.for_run(sink, config)
    for step in STEPS:
        recorder.record(step, batch(step, config.grpo_settings.num_generations))
    return sink


async def seed(url: str) -> uuid.UUID:
    """The run, its rollouts and its alarm log lines, stored as the worker stores them, in one
    transaction."""
    engine = db.create_engine(url)
    try:
        config = TrainConfig.model_validate(CONFIG)
        events = recorded(config)
        when = db.utcnow() - timedelta(minutes=5)
        run = Run(
            kind="train",
            name="grpo e2e",
            status="succeeded",
            config=config.model_dump(mode="json"),
            dataset_key="arith@v1",
            model="tiny-llama",
            tags=["e2e-rollouts"],
            created_at=when,
            started_at=when,
            finished_at=when + timedelta(minutes=1),
            updated_at=when + timedelta(minutes=1),
        )
        async with db.transaction(db.session_factory(engine)) as session:
            session.add(run)
            await session.flush()
            await store.upsert(session, [store.row_of(run.id, event) for event in events.of(RolloutEvent)])
            lines = [
                {"run_id": run.id, "seq": seq, "stream": "alarm", "line": event.line, "created_at": when}
                for seq, event in enumerate(events.of(AlarmEvent), start=1)
            ]
            await runs.add_logs(session, lines)
        return run.id
    finally:
        await engine.dispose()


if __name__ == "__main__":
    print(orjson.dumps({"run": str(asyncio.run(seed(sys.argv[1])))}).decode())
