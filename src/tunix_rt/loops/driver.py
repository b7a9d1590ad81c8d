"""The loop's run process: drives the rounds by submitting ordinary runs and waiting for them.

Round 0 evaluates the starting model. Round r >= 1 runs four steps, each visible on its own:
a ``sample`` run of round r-1's model on the training prompts (rejection sampling: verified
completions kept as traces); a dataset built from those traces (and, with ``mix_previous``, the
earlier rounds' ones), a new version of the loop's dataset; a ``train`` run from round r-1's
weights on it, which queues its own evaluation on the held-out eval set (``evaluate``); and
that evaluation. A step still in the queue is claimed by the loop itself under the
pseudo-worker id ``loop:<loop id>`` and executed by the run system's own executor (as a sweep
runs its trials), so it has its child process, lease, logs and cancellation like any run, and a
loop needs no second worker slot: left to regular workers, a loop alone on a worker of
concurrency 1 (``tunix-rt serve``'s default) would wait for ever. A regular worker that claims
a step first simply runs it while the loop waits.

Each link is written to the round's row in the transaction that submits the run or builds
the dataset, so a loop whose process stopped continues on its next attempt with the runs it
had already started: a linked run that is queued, running or succeeded is waited for, one that
failed or was cancelled is submitted again. Runs the loop submits are its children: cancelling
the loop cancels them.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tunix_rt import db
from tunix_rt.errors import TunixError
from tunix_rt.loops import store
from tunix_rt.loops.config import LoopConfig
from tunix_rt.runs import artifacts
from tunix_rt.runs import store as runs
from tunix_rt.runs.events import EventSink
from tunix_rt.runs.inline import execute_inline
from tunix_rt.runs.kinds import KindRegistry
from tunix_rt.runs.store import RunStatus
from tunix_rt.runs.submission import queue_run
from tunix_rt.runs.worker import Worker
from tunix_rt.settings import Settings

WEIGHTS = "adapter"
"""The folder of a training run's output that the next round loads (the backends' ``ADAPTER``,
named here so the loop does not import a backend)."""
SEED_STRIDE = 1000
_FRESH = {"epochs": None, "eval_steps": None, "tokenizer": None, "evaluate": None}


def loop_tag(loop_id: uuid.UUID) -> str:
    """The tag on every run and trace of a loop."""
    return f"loop:{loop_id}"


def sample_body(config: LoopConfig, model: uuid.UUID, round_number: int, loop_id: uuid.UUID) -> dict[str, Any]:
    """Round ``round_number``'s sampling of ``model`` (a training run) on the training prompts."""
    sampling = config.sampling
    return {
        "source": {"dataset": config.dataset, "split": "train", "limit": sampling.prompts},
        "model": {"local": str(model)},
        "k": sampling.k,
        "params": {
            "temperature": sampling.temperature,
            "max_tokens": sampling.max_tokens,
            "seed": config.seed + SEED_STRIDE * round_number,
        },
        "policy": "verified",
        "tags": [loop_tag(loop_id), f"loop-round:{round_number}"],
        "device": "cpu",
    }


def train_body(start: dict[str, Any], config: LoopConfig, weights: Path, dataset: str) -> dict[str, Any]:
    """A round's SFT: the starting run's training config, from ``weights`` on ``dataset``, with
    the loop's steps (and learning rate and batch size when set), evaluated on the eval set."""
    training = config.training
    optimizer = dict(start.get("optimizer") or {})
    if training.lr is not None:
        optimizer["lr"] = training.lr
    return {
        **start,
        **_FRESH,
        "model": str(weights),
        "dataset": {"key": dataset, "split": "train"},
        "optimizer": optimizer,
        "max_steps": training.steps,
        "save_steps": training.steps,
        "batch_size": training.batch_size or start.get("batch_size"),
        "evaluate": {
            "evalset": config.evalset,
            "batch_size": config.evaluation.batch_size,
            "max_new_tokens": config.evaluation.max_new_tokens,
        },
    }


def eval_body(config: LoopConfig, model: uuid.UUID, backend: str) -> dict[str, Any]:
    """Round 0's evaluation of the starting model, with the settings every round's uses."""
    return {
        "run": str(model),
        "evalset": config.evalset,
        "backend": backend,
        "batch_size": config.evaluation.batch_size,
        "max_new_tokens": config.evaluation.max_new_tokens,
    }


def dataset_request(
    name: str, loop_id: uuid.UUID, round_number: int, trace_ids: list[str], *, steps_checked: bool = False
) -> dict[str, Any]:
    """The next version of the loop's dataset: these traces (those whose arithmetic steps all
    check out, with ``steps_checked``), all of them for training."""
    query: dict[str, Any] = {"ids": trace_ids}
    if steps_checked:
        query["arithmetic"] = "verified"
    return {
        "name": name,
        "description": f"round {round_number} of loop {loop_id}: verified samples",
        "query": query,
        "split": {"eval_fraction": 0.0},
    }


def dataset_name(loop_id: uuid.UUID) -> str:
    return f"loop-{loop_id.hex[:8]}"


class LoopDriver:
    """The rounds of one loop, driven to the end from wherever an earlier attempt left them."""

    def __init__(
        self,
        settings: Settings,
        sessions: async_sessionmaker[AsyncSession],
        loop_id: uuid.UUID,
        config: LoopConfig,
        events: EventSink,
    ) -> None:
        self.settings = settings
        self.sessions = sessions
        self.loop_id = loop_id
        self.config = config
        self.events = events
        self.registry = KindRegistry(settings.run_kinds)
        self.tags = [loop_tag(loop_id)]
        self.worker = Worker(settings, sessions, concurrency=1, worker_id=f"loop:{loop_id}")

    async def drive(self) -> None:
        async with db.transaction(self.sessions) as session:
            start = await runs.get(session, self.config.start)
            loop = await runs.get(session, self.loop_id)
            if loop.retry_of is not None and await store.adopt_rounds(session, loop.retry_of, self.loop_id):
                self.events.log(f"continuing the rounds of loop {loop.retry_of}")
        model = start.id
        for number in range(self.config.rounds + 1):
            try:
                model = await self._round(number, model, start.config)
            except Exception as exc:
                detail = exc.detail if isinstance(exc, TunixError) else f"{type(exc).__name__}: {exc}"
                async with db.transaction(self.sessions) as session:
                    await store.update_round(session, self.loop_id, number, status="failed", error=detail)
                raise
        self.events.log(f"loop finished: {self.config.rounds} rounds after round 0")

    async def _round(self, number: int, model: uuid.UUID, start: dict[str, Any]) -> uuid.UUID:
        """Round ``number`` from ``model`` (the previous round's); returns the model it ends with."""
        async with db.transaction(self.sessions) as session:
            row = await store.ensure_round(session, self.loop_id, number)
        if row.status == "succeeded":
            assert number == 0 or row.train_run_id is not None
            return model if number == 0 else row.train_run_id  # type: ignore[return-value]
        if number == 0:
            self.events.status("round 0: evaluating the starting model", progress=0.0)
            body = eval_body(self.config, model, str(start.get("backend", "torch")))
            evaluation = await self._step(number, "eval_run_id", "eval", lambda: body)
            await self._finish(number, evaluation)
            return model
        fraction = (number - 1) / self.config.rounds
        self.events.status(f"round {number}: sampling {self.config.sampling.k} per prompt", progress=fraction)
        sample = await self._step(
            number, "sample_run_id", "sample", lambda: sample_body(self.config, model, number, self.loop_id)
        )
        summary = orjson.loads((artifacts.run_dir(self.settings.home, sample) / "sample_summary.json").read_bytes())
        async with db.transaction(self.sessions) as session:
            await store.update_round(
                session,
                self.loop_id,
                number,
                traces_kept=summary["kept"],
                pass_at_1=summary["pass_at_1"],
                pass_at_k=summary["pass_at_k"],
            )
        if summary["kept"] == 0:
            raise TunixError(f"round {number}: no sampled completion was verified, nothing to train on")
        dataset = await self._dataset(number)
        self.events.status(f"round {number}: training on {dataset}", progress=fraction)
        weights = artifacts.run_dir(self.settings.home, model) / WEIGHTS
        train = await self._step(
            number, "train_run_id", "train", lambda: train_body(start, self.config, weights, dataset)
        )
        self.events.status(f"round {number}: evaluating", progress=fraction)
        evaluation = await self._linked_evaluation(number, train)
        await self._finish(number, evaluation)
        return train

    async def _step(self, number: int, column: str, kind: str, body: Callable[[], dict[str, Any]]) -> uuid.UUID:
        """The round's run of ``kind`` (linked in ``column``), finished and succeeded: the one
        an earlier attempt linked when it can still succeed, else a new one."""
        async with db.transaction(self.sessions) as session:
            row = await store.get_round(session, self.loop_id, number)
            linked: uuid.UUID | None = getattr(row, column)
            if linked is not None and (await runs.get(session, linked)).status in (
                RunStatus.FAILED,
                RunStatus.CANCELLED,
            ):
                linked = None
            if linked is None:
                run = await queue_run(
                    session, self.settings, self.registry, kind, body(), tags=self.tags, parent_id=self.loop_id
                )
                linked = run.id
                await store.update_round(session, self.loop_id, number, status="running", **{column: linked})
        await self._wait(linked, f"round {number}'s {kind} run")
        return linked

    async def _dataset(self, number: int) -> str:
        """The round's dataset, built once: its verified samples (and earlier rounds' when mixing)."""
        from tunix_rt.datasets import store as datasets
        from tunix_rt.datasets.schema import DatasetCreate

        async with db.transaction(self.sessions) as session:
            row = await store.get_round(session, self.loop_id, number)
            if row.dataset_key is not None:
                return row.dataset_key
            rounds = await store.list_rounds(session, self.loop_id)
            wanted = [r for r in rounds if r.round >= 1 and (self.config.mix_previous or r.round == number)]
            ids = await self._trace_ids([r.sample_run_id for r in wanted if r.sample_run_id is not None], session)
            request = dataset_request(
                dataset_name(self.loop_id), self.loop_id, number, ids, steps_checked=self.config.steps_checked
            )
            built = await datasets.build(session, self.settings, DatasetCreate.model_validate(request))
            await store.update_round(session, self.loop_id, number, dataset_key=built.key)
        self.events.log(f"round {number}: dataset {built.key}: {built.counts['train']} of {len(ids)} verified traces")
        return built.key

    async def _trace_ids(self, sample_runs: list[uuid.UUID], session: AsyncSession) -> list[str]:
        """The stored ids of the traces the sample runs kept (by content hash: a sample equal to
        a trace already stored is that trace)."""
        from tunix_rt.sampling.sample import TRACES
        from tunix_rt.traces.schema import TraceIn
        from tunix_rt.traces.tables import Trace

        hashes = set()
        for run_id in sample_runs:
            path = artifacts.run_dir(self.settings.home, run_id) / TRACES
            for line in path.read_bytes().splitlines():
                if line.strip():
                    hashes.add(TraceIn.model_validate_json(line).content_hash())
        found = await session.scalars(select(Trace.id).where(Trace.content_hash.in_(sorted(hashes))))
        return sorted(str(trace_id) for trace_id in found)

    async def _linked_evaluation(self, number: int, train: uuid.UUID) -> uuid.UUID:
        """The evaluation the round's training run queued for itself, linked and finished."""
        from tunix_rt.runs.watch import auto_evaluation

        evaluation = await auto_evaluation(self.sessions, train)
        async with db.transaction(self.sessions) as session:
            await store.update_round(session, self.loop_id, number, eval_run_id=evaluation)
        await self._wait(evaluation, f"round {number}'s evaluation")
        return evaluation

    async def _finish(self, number: int, evaluation: uuid.UUID) -> None:
        from tunix_rt.evaluation import store as evaluations

        async with db.transaction(self.sessions) as session:
            card = (await evaluations.get(session, evaluation)).scorecard
            strict = float(card["strict_accuracy"]["value"])
            row = await store.update_round(session, self.loop_id, number, status="succeeded", strict_accuracy=strict)
        values = {"strict_accuracy": strict}
        if row.traces_kept is not None:
            values["traces_kept"] = float(row.traces_kept)
        if row.pass_at_k is not None:
            values["pass_at_k"] = float(row.pass_at_k)
        self.events.metric(number, values)
        self.events.log(f"round {number}: strict accuracy {strict:.3f}")

    async def _wait(self, run_id: uuid.UUID, what: str) -> None:
        """Until the run has finished, executed here whenever it is in the queue (see
        ``runs/inline.py``); an error unless it succeeded."""
        run = await execute_inline(self.worker, self.sessions, run_id)
        if run.status != RunStatus.SUCCEEDED:
            raise TunixError(f"{what} {run_id} {run.status}: {run.error or 'no reason given'}")


def run_loop(config: LoopConfig, loop_id: uuid.UUID, events: EventSink) -> None:
    """The child's entry: open the store named by the worker's environment and drive the loop."""
    settings = Settings()

    async def main() -> None:
        engine = db.create_engine(settings.resolved_database_url)
        try:
            await LoopDriver(settings, db.session_factory(engine), loop_id, config, events).drive()
        finally:
            await engine.dispose()

    asyncio.run(main())
