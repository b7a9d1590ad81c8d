"""The sweep's run process as the Ray Tune driver: starts (or joins) Ray, runs the Tuner over
``trial.TrialTrainable`` with the sweep's search algorithm, scheduler and budget, records what Tune
decides about trials (stopped by ASHA or the time budget, errored) and reports progress.

Tune's experiment state lives in the run folder (``tune/experiment``) and is saved every
second, so a sweep whose worker stopped or died continues with ``Tuner.restore`` on its next
attempt, finished trials kept. An attempt that finds no saved experiment starts afresh, so the
runs and trial rows an earlier attempt left before its first save are retired first (their
trials' runs cancelled, their rows marked cancelled): Tune gives the new trials new ids, and
the old runs would otherwise be requeued and trained a second time by ordinary workers.

The driver adds no SIGTERM handler (``ray.init`` installs its own, a plain exit). The worker
signals the sweep's whole process group (cancelled, or the worker stopping); with a local Ray
that group holds Ray's own processes and the trials' Ray workers, which die at once, and the
driver's main thread then waits in a call to the dead GCS until the worker kills it, so
nothing the driver did on SIGTERM could be relied on. What must happen when a sweep stops is
done elsewhere: cancelling a sweep cancels its runs in the same transaction, a trial submits
a run only while its sweep is running (``trial.py``), and the database settles the trial rows
when the sweep leaves running (``tables.py``).
"""

from __future__ import annotations

import asyncio
import functools
import math
import os
import sys
import uuid
from pathlib import Path
from typing import Any

import ray
from ray import tune
from ray.tune.experiment import Trial as TuneTrial
from ray.tune.search.optuna import OptunaSearch

from tunix_rt import db
from tunix_rt.runs import store as runs
from tunix_rt.runs.events import EventSink, JsonLinesEmitter
from tunix_rt.runs.worker import database_environment
from tunix_rt.settings import Settings
from tunix_rt.sweeps import store
from tunix_rt.sweeps.config import Domain, SweepConfig
from tunix_rt.sweeps.store import FINISHED, TrialStatus
from tunix_rt.sweeps.trial import TrialTrainable

EXPERIMENT = "experiment"
TUNE_FOLDER = "tune"
_CHECKPOINT_SECONDS = "1"


def _domain(domain: Domain, grid_axes: bool) -> Any:
    if domain.values is not None:
        indices = list(range(len(domain.values)))
        grid = domain.type == "grid" or grid_axes
        return tune.grid_search(indices) if grid else tune.choice(indices)
    assert domain.low is not None
    assert domain.high is not None
    if domain.type == "uniform":
        return tune.uniform(domain.low, domain.high)
    if domain.type == "loguniform":
        return tune.loguniform(domain.low, domain.high)
    return tune.randint(int(domain.low), int(domain.high))


def param_space(config: SweepConfig) -> dict[str, Any]:
    """Tune's domains for the space; choices and grids range over the indices of their values
    (``SweepConfig.trial_params`` maps a sample back), so any JSON value can be searched by
    every algorithm."""
    return {key: _domain(domain, config.search.type == "grid") for key, domain in config.space.items()}


def tune_config(config: SweepConfig) -> tune.TuneConfig:
    """Search algorithm, scheduler and budget; the searcher optimises ``objective`` and ASHA
    compares ``loss``, each told its own metric (Tune refuses both on TuneConfig)."""
    from ray.tune.schedulers import ASHAScheduler, FIFOScheduler, TrialScheduler
    from ray.tune.search import BasicVariantGenerator, ConcurrencyLimiter, SearchAlgorithm, Searcher

    scheduler: TrialScheduler = FIFOScheduler()  # type: ignore[no-untyped-call]
    if config.scheduler.type == "asha":
        scheduler = ASHAScheduler(
            metric=config.scheduler.metric,
            mode="min",
            time_attr="training_iteration",
            grace_period=config.scheduler.grace_period,
            reduction_factor=config.scheduler.reduction_factor,
            max_t=config.scheduler.max_t,
        )
    search: Searcher | SearchAlgorithm
    samples = 1 if config.search.type == "grid" else (config.trials or 1)
    if config.search.type == "optuna":
        optuna = ScoredOptunaSearch(metric="objective", mode=config.objective.mode, seed=config.search.seed)
        search = ConcurrencyLimiter(optuna, max_concurrent=config.concurrency)
    else:
        search = BasicVariantGenerator(random_state=config.search.seed)
    return tune.TuneConfig(
        search_alg=search,
        scheduler=scheduler,
        num_samples=samples,
        max_concurrent_trials=config.concurrency,
        time_budget_s=config.time_budget_s,
    )


class ScoredOptunaSearch(OptunaSearch):
    """Optuna's searcher told only real objectives: a trial that ends without a finite
    objective (stopped by ASHA or the budget, so its last report still carries the NaN
    placeholder every progress report needs) is pruned in the study, or failed when it raised,
    instead of a NaN Optuna would turn into a failure with a warning."""

    def on_trial_complete(self, trial_id: str, result: dict[str, Any] | None = None, error: bool = False) -> None:
        value = (result or {}).get("objective")
        scored = isinstance(value, int | float) and math.isfinite(value)
        super().on_trial_complete(trial_id, result if scored else None, error)


def _run_async(coro: Any) -> Any:
    return asyncio.run(coro)


class TrialRecorder(tune.Callback):
    """Records what Tune decides about trials in the trial table and the sweep's log: a trial
    Tune ended before it scored (ASHA, the time budget) is ``stopped``, one that raised is
    ``failed``; the runs of either are cancelled. What it records comes from the trial's
    parameters and the database, never from Tune's last result, whose ``objective`` is a NaN
    placeholder until the trial scores. A trial's first recorded end stands: one stopped by
    ASHA whose in-flight step then raises on its cancelled run stays ``stopped``. Pickled with
    the experiment, so it holds only plain values and opens the database per event."""

    def __init__(self, sweep_id: uuid.UUID, settings: Settings, config: SweepConfig) -> None:
        self.sweep_id = sweep_id
        self.settings = settings
        self.config = config
        self.total = config.total_trials

    @functools.cached_property
    def events(self) -> EventSink:
        return JsonLinesEmitter(sys.stdout)

    def __getstate__(self) -> dict[str, Any]:
        return {key: value for key, value in self.__dict__.items() if key != "events"}

    def on_trial_start(self, iteration: int, trials: list[TuneTrial], trial: TuneTrial, **info: Any) -> None:
        self.events.log(f"trial {trial.trial_id} started: {self._params(trial)}")

    def on_trial_complete(self, iteration: int, trials: list[TuneTrial], trial: TuneTrial, **info: Any) -> None:
        self._finished(trial, TrialStatus.STOPPED, f"stopped by the scheduler or the time budget{_where(trial)}")

    def on_trial_error(self, iteration: int, trials: list[TuneTrial], trial: TuneTrial, **info: Any) -> None:
        self._finished(trial, TrialStatus.FAILED, "the trial raised (its Ray worker died or the trainable failed)")

    def _finished(self, trial: TuneTrial, status: TrialStatus, reason: str) -> None:
        row, done, best = _run_async(self._record(trial.trial_id, self._params(trial), status, reason))
        if row == TrialStatus.SUCCEEDED:
            self.events.log(f"trial {trial.trial_id} succeeded")
        else:
            self.events.log(f"trial {trial.trial_id} {row}")
        self.events.status(f"{done}/{self.total} trials finished", progress=min(1.0, done / self.total))
        if best is not None:
            self.events.metric(done, {"best_objective": best})

    def _params(self, trial: TuneTrial) -> dict[str, Any]:
        return self.config.trial_params(trial.config)

    async def _record(
        self, trial_id: str, params: dict[str, Any], status: TrialStatus, reason: str
    ) -> tuple[str, int, float | None]:
        engine = db.create_engine(self.settings.resolved_database_url)
        try:
            async with db.transaction(db.session_factory(engine)) as session:
                row = await store.get_trial(session, self.sweep_id, trial_id)
                if row is None or row.status not in FINISHED:
                    fields: dict[str, Any] = {
                        "status": status,
                        "error": reason,
                        "objective": None,
                        "last_loss": await store.last_train_loss(session, self.sweep_id, trial_id),
                    }
                    if row is None:
                        fields["params"] = params
                    elif row.error and status == TrialStatus.FAILED:
                        fields["error"] = row.error
                    await store.upsert_trial(session, self.sweep_id, trial_id, **fields)
                    for kind in ("train", "eval"):
                        run = await store.trial_run(session, self.sweep_id, trial_id, kind)
                        if run is not None and run.status not in runs.TERMINAL:
                            await runs.cancel(session, run.id)
                trials = await store.trials_of(session, self.sweep_id)
                best = store.best_trial(self.config, trials)
                final = next(t.status for t in trials if t.trial_id == trial_id)
                done = sum(1 for t in trials if t.status in FINISHED)
                return final, done, best.objective if best is not None else None
        finally:
            await engine.dispose()


def _where(trial: TuneTrial) -> str:
    """Where Tune stopped a trial that had not scored: after how many loss reports, at which
    training step. That is the scheduler's decision; the training run itself may have gone on
    a few steps before its cancel reached it, as it runs in its own process."""
    result = trial.last_result or {}
    reports, step = result.get("training_iteration"), result.get("step")
    if reports is None or step is None:
        return " before it scored"
    return f" after {reports} loss report{'s' if reports != 1 else ''} (step {step}), before it scored"


async def retire_unsaved_trials(settings: Settings, sweep_id: uuid.UUID) -> int:
    """Before a fresh start: cancel the unfinished runs an earlier attempt's trials submitted
    and mark their unfinished trial rows cancelled (see the module docstring); returns how
    many trial rows were retired."""
    engine = db.create_engine(settings.resolved_database_url)
    try:
        async with db.transaction(db.session_factory(engine)) as session:
            return await store.retire_unfinished_trials(session, sweep_id)
    finally:
        await engine.dispose()


async def _succeeded_trials(settings: Settings, sweep_id: uuid.UUID) -> int:
    engine = db.create_engine(settings.resolved_database_url)
    try:
        async with db.session_factory(engine)() as session:
            trials = await store.trials_of(session, sweep_id)
            return sum(1 for t in trials if t.status == TrialStatus.SUCCEEDED)
    finally:
        await engine.dispose()


def run_sweep(config: SweepConfig, run_dir: Path, sweep_id: uuid.UUID, events: EventSink) -> None:
    """The sweep's whole life in its run process (see the module docstring)."""
    settings = Settings()
    os.environ["TUNE_GLOBAL_CHECKPOINT_S"] = _CHECKPOINT_SECONDS
    env = database_environment(settings)
    env["TUNIX_RT_HOME"] = str(settings.home.resolve())
    local = not settings.ray_address
    ray.init(
        address=settings.ray_address or None,
        num_cpus=settings.ray_num_cpus if local else None,
        include_dashboard=False,
        log_to_driver=False,
        configure_logging=False,
        runtime_env={"env_vars": env},
    )
    try:
        trainable = tune.with_resources(
            tune.with_parameters(TrialTrainable, sweep_id=str(sweep_id), sweep=config.model_dump(mode="json")),
            {"cpu": config.resources.cpu, "gpu": config.resources.gpu},
        )
        storage = (run_dir / TUNE_FOLDER).resolve()
        experiment = storage / EXPERIMENT
        cpus = ray.available_resources().get("CPU", 0)  # type: ignore[no-untyped-call]
        where = settings.ray_address or f"local Ray ({cpus:g} CPUs)"
        if tune.Tuner.can_restore(experiment):
            events.log(f"restoring the Tune experiment in {TUNE_FOLDER}/{EXPERIMENT} on {where}")
            tuner = tune.Tuner.restore(str(experiment), trainable, resume_unfinished=True, resume_errored=True)
        else:
            retired = _run_async(retire_unsaved_trials(settings, sweep_id))
            if retired:
                events.log(f"{retired} trial(s) of an earlier attempt, never saved by Tune, cancelled")
            events.log(
                f"starting {config.total_trials} trials ({config.search.type}, {config.scheduler.type}) on {where}"
            )
            tuner = tune.Tuner(
                trainable,
                param_space=param_space(config),
                tune_config=tune_config(config),
                run_config=tune.RunConfig(
                    storage_path=str(storage),
                    name=EXPERIMENT,
                    callbacks=[TrialRecorder(sweep_id, settings, config)],
                    verbose=0,
                ),
            )
        events.status(f"0/{config.total_trials} trials finished", progress=0.0)
        tuner.fit()
    finally:
        ray.shutdown()
    succeeded = _run_async(_succeeded_trials(settings, sweep_id))
    if not succeeded:
        raise RuntimeError(f"no trial of the sweep succeeded ({config.total_trials} planned)")
    events.log(f"{succeeded} trial(s) succeeded")
