"""The ``sweep`` run kind: a Ray Tune experiment whose trials are training runs and their
evaluations, coordinated from the sweep's own run process.

Submitting checks what the config model cannot: every space key fits the base config
(422 naming ``config.space.<key>``), the base's dataset and the objective's eval set exist
(the train and eval kinds' own checks), and Ray is installed (501 naming the ``ray`` extra).
The child needs the database (``needs_database``): it submits, claims and watches its trials'
runs itself. It is resumable: a released or crashed attempt continues Tune's saved experiment.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING

from tunix_rt.errors import Invalid, MissingExtra
from tunix_rt.runs.events import EventSink
from tunix_rt.runs.kinds import RunKind, RunRefs, read_run_file
from tunix_rt.settings import Settings
from tunix_rt.sweeps.config import SweepConfig, space_problems

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession


def require_ray() -> None:
    for module in ("ray", "optuna"):
        if importlib.util.find_spec(module) is None:
            raise MissingExtra("ray", "sweeps (Ray Tune)")


async def admit(config: SweepConfig, session: AsyncSession, settings: Settings) -> None:
    from tunix_rt.evaluation.kind import admit_inputs
    from tunix_rt.training import kind as training

    problems = space_problems(config)
    if problems:
        keys = ", ".join(str(problem["loc"][-1]) for problem in problems)
        raise Invalid(f"{len(problems)} space key(s) do not fit the base config: {keys}", errors=problems)
    for key, domain in config.space.items():
        for sample in domain.samples():
            try:
                training.admit_server_choices(config.trial_config({key: sample}), settings)
            except Invalid as exc:
                raise Invalid(
                    f"space key {key} = {sample!r}: {exc.detail}",
                    errors=[{"loc": ["body", "config", "space", key], "msg": exc.detail, "type": "server_choice"}],
                ) from exc
    require_ray()
    try:
        await training.admit(config.base, session, settings)
    except Invalid as exc:
        errors = [{**error, "loc": ["body", "config", "base", *error["loc"][2:]]} for error in exc.errors or []]
        raise Invalid(exc.detail, errors=errors) from exc
    objective = config.objective
    await admit_inputs(
        session,
        settings,
        evalset=objective.evalset,
        judges=objective.judges,
        backend=config.base.backend,
        loc=("body", "config", "objective"),
    )


def execute(config: SweepConfig, run_dir: Path, events: EventSink) -> None:
    import uuid

    require_ray()
    from tunix_rt.sweeps.driver import run_sweep

    run_sweep(config, run_dir, uuid.UUID(read_run_file(run_dir).id), events)


def references(config: SweepConfig) -> RunRefs:
    """The base's dataset and model and the objective's eval set, held against deletion."""
    return RunRefs(dataset_key=config.base.dataset.key, evalset_key=config.objective.evalset, model=config.base.model)


SWEEP = RunKind(
    name="sweep",
    config_model=SweepConfig,
    execute=execute,
    resumable=True,
    references=references,
    admit=admit,
    needs_database=True,
)
