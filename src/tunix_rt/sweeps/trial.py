"""One sweep trial, as a Ray Tune trainable: an ordinary ``train`` run and then an ``eval`` run
of it, executed inside the trial's Ray worker by the run system's own executor.

Each run is submitted and claimed in one transaction under the pseudo-worker id
``ray:<sweep>:<trial>``, so no regular worker can take it, and executed by ``RunExecution``:
the run has its child process, logs, metrics, lease, cancellation and manifest like any other,
and the resources Ray reserved for the trial are the ones training uses. A thread with its own
event loop drives the runs while the trainable's ``step`` hands Tune the training loss (for
ASHA) and finally the objective, read from the evaluation's stored scorecard. It is a class
trainable because its ``cleanup`` runs in the trial's actor before Tune terminates it: a
trial stopped early (ASHA, the time budget) cancels its run and waits for it to end there,
rather than racing the actor's exit, which kills the run's child process.

A run back in the queue (the reaper requeued it when its attempt's lease lapsed: a late
heartbeat, or the trial's Ray worker dying with a stopped sweep) is claimed and executed again
by its trial, which holds the resources for it; left to regular workers, it would wait for a
free slot that the sweep's own worker, busy with the sweep, may never have. So a restored
trial is idempotent: a run this trial already submitted is reused when it succeeded, claimed
again when queued, waited for when another worker holds it, and fails the trial when it
failed or was cancelled.
"""

from __future__ import annotations

import asyncio
import math
import queue
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ray import tune
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tunix_rt import db
from tunix_rt.errors import TunixError
from tunix_rt.runs import queue as run_queue
from tunix_rt.runs import store as runs
from tunix_rt.runs.inline import execute_inline
from tunix_rt.runs.kinds import KindRegistry
from tunix_rt.runs.store import RunStatus
from tunix_rt.runs.tables import Run
from tunix_rt.runs.worker import Worker
from tunix_rt.settings import Settings
from tunix_rt.sweeps import store
from tunix_rt.sweeps.config import SweepConfig
from tunix_rt.sweeps.store import TrialStatus


class TrialFailed(TunixError):
    """The trial's training or evaluation did not succeed; Tune records the trial as errored."""


@dataclass(frozen=True)
class Loss:
    step: int
    value: float


@dataclass(frozen=True)
class Scored:
    objective: float
    loss: float | None
    step: int


@dataclass(frozen=True)
class Failed:
    reason: str


Report = Loss | Scored | Failed


class TrialTrainable(tune.Trainable):
    """The trainable: Ray builds it with the trial's samples (dotted config keys; choices and
    grids as indices, mapped back to their values here), and each ``step`` is one report."""

    # The keywords come from ``tune.with_parameters``, which is how Tune passes a class trainable more than its config.
    def setup(self, config: dict[str, Any], *, sweep_id: str, sweep: dict[str, Any]) -> None:  # type: ignore[override]
        sweep_config = SweepConfig.model_validate(sweep)
        self.trial = Trial(
            sweep_id=uuid.UUID(sweep_id),
            trial_id=self.trial_id,
            config=sweep_config,
            params=sweep_config.trial_params(config),
            settings=Settings(),
        )
        self.reports: queue.Queue[Report] = queue.Queue()
        self.abort = threading.Event()
        self.driver = threading.Thread(
            target=lambda: asyncio.run(self.trial.drive(self.reports, self.abort)), name=f"trial {self.trial_id}"
        )
        self.driver.start()

    def step(self) -> dict[str, Any]:
        """The next loss point (its ``objective`` a NaN placeholder: Tune wants the searcher's
        metric in every result), or the final score, which ends the trial."""
        item = self.reports.get()
        if isinstance(item, Loss):
            return {"loss": item.value, "step": item.step, "objective": math.nan}
        if isinstance(item, Scored):
            loss = item.loss if item.loss is not None else math.nan
            return {"loss": loss, "step": item.step, "objective": item.objective, "done": True}
        raise TrialFailed(item.reason)

    def save_checkpoint(self, checkpoint_dir: str) -> dict[str, Any]:
        """Nothing to save: the trial's progress is its runs in the database, which a restored
        trial finds again (see the module docstring); Tune saves a class trainable at its end."""
        return {}

    def load_checkpoint(self, checkpoint: dict[str, Any] | None) -> None:
        """Nothing to load (see ``save_checkpoint``)."""

    def cleanup(self) -> None:
        self.abort.set()
        self.driver.join()


@dataclass
class Trial:
    sweep_id: uuid.UUID
    trial_id: str
    config: SweepConfig
    params: dict[str, Any]
    settings: Settings

    @property
    def worker_id(self) -> str:
        return f"ray:{self.sweep_id}:{self.trial_id}"

    async def drive(self, reports: queue.Queue[Report], abort: threading.Event) -> None:
        """Train, evaluate and score, reporting to the trainable's ``step``; a stop of the trial
        (``abort`` set before the end) cancels the run in progress."""
        engine = db.create_engine(self.settings.resolved_database_url)
        sessions = db.session_factory(engine)
        worker = Worker(self.settings, sessions, concurrency=1, worker_id=self.worker_id)
        try:
            async with db.transaction(sessions) as session:
                await store.upsert_trial(
                    session, self.sweep_id, self.trial_id, params=self.params, status=TrialStatus.RUNNING
                )
            try:
                outcome = await self._train_and_score(worker, sessions, reports, abort)
            except TunixError as exc:
                outcome = Failed(exc.detail)
            if isinstance(outcome, Failed):
                async with db.transaction(sessions) as session:
                    trial = await store.get_trial(session, self.sweep_id, self.trial_id)
                    if trial is None or trial.status not in (TrialStatus.CANCELLED, TrialStatus.STOPPED):
                        await store.upsert_trial(
                            session,
                            self.sweep_id,
                            self.trial_id,
                            status=TrialStatus.FAILED,
                            error=outcome.reason,
                            last_loss=await store.last_train_loss(session, self.sweep_id, self.trial_id),
                        )
            reports.put(outcome)
        finally:
            await engine.dispose()

    async def _train_and_score(
        self,
        worker: Worker,
        sessions: async_sessionmaker[AsyncSession],
        reports: queue.Queue[Report],
        abort: threading.Event,
    ) -> Report:
        train_config = self.config.trial_config(self.params).model_dump(mode="json")
        losses: list[Loss] = []

        def on_loss(point: Loss) -> None:
            losses.append(point)
            reports.put(point)

        train = await self._run(worker, sessions, "train", train_config, abort, on_loss)
        if train.status != RunStatus.SUCCEEDED:
            return await self._unsuccessful(sessions, "training", train)
        objective = self.config.objective
        eval_config = {
            "run": str(train.id),
            "evalset": objective.evalset,
            "backend": self.config.base.backend,
            "judges": objective.judges,
            "batch_size": objective.batch_size,
            "max_new_tokens": objective.max_new_tokens,
            "limit": objective.limit,
            "device": self.config.base.device if self.config.base.device in ("cpu", "cuda") else "auto",
        }
        evaluation = await self._run(worker, sessions, "eval", eval_config, abort, None)
        if evaluation.status != RunStatus.SUCCEEDED:
            return await self._unsuccessful(sessions, "evaluation", evaluation)
        from tunix_rt.evaluation import store as evaluations

        async with db.transaction(sessions) as session:
            scorecard = (await evaluations.get(session, evaluation.id)).scorecard
            value = objective.value_of(scorecard)
            if not math.isfinite(value):
                return Failed(f"evaluation run {evaluation.id} gave {objective.metric} {value}, not a finite number")
            last = losses[-1] if losses else None
            await store.upsert_trial(
                session,
                self.sweep_id,
                self.trial_id,
                status=TrialStatus.SUCCEEDED,
                objective=value,
                last_loss=last.value if last else None,
                error=None,
            )
        return Scored(value, last.value if last else None, (last.step if last else 0) + 1)

    async def _unsuccessful(self, sessions: async_sessionmaker[AsyncSession], what: str, run: Run) -> Failed:
        reason = f"{what} run {run.id} {run.status}" + (f": {run.error}" if run.error else "")
        if run.status == RunStatus.CANCELLED:
            async with db.transaction(sessions) as session:
                trial = await store.get_trial(session, self.sweep_id, self.trial_id)
                if trial is not None and trial.status == TrialStatus.RUNNING:
                    await store.upsert_trial(
                        session,
                        self.sweep_id,
                        self.trial_id,
                        status=TrialStatus.CANCELLED,
                        error=reason,
                        last_loss=await store.last_train_loss(session, self.sweep_id, self.trial_id),
                    )
        return Failed(reason)

    async def _run(
        self,
        worker: Worker,
        sessions: async_sessionmaker[AsyncSession],
        kind: str,
        config: dict[str, Any],
        abort: threading.Event,
        on_loss: Callable[[Loss], None] | None,
    ) -> Run:
        """The trial's run of ``kind``, finished: submitted, claimed and executed here, or one
        submitted before a restore, reused, claimed again or waited for. A new run is submitted
        only while the sweep is running (see ``store.lock_sweep``): one submitted after the
        sweep's cancel would escape its cascade, outlive this trial's Ray worker and be trained
        by a regular worker for a sweep that is over; the trial is cancelled instead."""
        column = "train_run_id" if kind == "train" else "eval_run_id"
        claimed: Run | None = None
        refused: str | None = None
        async with db.transaction(sessions) as session:
            run = await store.trial_run(session, self.sweep_id, self.trial_id, kind)
            if run is None:
                sweep = await store.lock_sweep(session, self.sweep_id)
                if sweep.status != RunStatus.RUNNING:
                    refused = f"its sweep was {sweep.status} before its {kind} run was submitted"
                    await store.upsert_trial(
                        session, self.sweep_id, self.trial_id, status=TrialStatus.CANCELLED, error=refused
                    )
                else:
                    model, refs = KindRegistry(self.settings.run_kinds).validate(kind, config)
                    run = await runs.submit(
                        session,
                        kind,
                        model.model_dump(mode="json"),
                        refs,
                        tags=[store.sweep_tag(self.sweep_id), store.trial_tag(self.trial_id)],
                        priority=sweep.priority,
                        parent_id=self.sweep_id,
                    )
                    claimed = await run_queue.claim_run(session, run.id, worker.id, self.settings.run_lease_seconds)
            if run is not None:
                await store.upsert_trial(session, self.sweep_id, self.trial_id, **{column: run.id})
        if refused is not None:
            raise TrialFailed(refused)
        assert run is not None  # found, or submitted just now
        return await self._follow(worker, sessions, run.id, claimed, abort, on_loss)

    async def _follow(
        self,
        worker: Worker,
        sessions: async_sessionmaker[AsyncSession],
        run_id: uuid.UUID,
        claimed: Run | None,
        abort: threading.Event,
        on_loss: Callable[[Loss], None] | None,
    ) -> Run:
        """Until the run is finished (executed here while this trial holds it, see
        ``runs/inline.py``): pass on new loss points, and cancel the run if the trial is stopped
        (ASHA, the sweep ending) before it finishes."""
        last_step = -1

        async def watch(session: AsyncSession, _run: Run) -> None:
            nonlocal last_step
            if on_loss is not None:
                for step, value, _at in await runs.metric_points(session, run_id, "loss", after_step=last_step):
                    last_step = step
                    on_loss(Loss(step, value))

        return await execute_inline(worker, sessions, run_id, claimed=claimed, watch=watch, stop=abort)
