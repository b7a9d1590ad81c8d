"""The ``sweep`` run kind: a Ray Tune experiment whose trials are training runs and their
evaluations, coordinated from the sweep's own run process.

Submitting checks what the config model cannot: every space key fits the base config
(422 naming ``config.space.<key>``), the base's dataset and the objective's eval set exist
(the train and eval kinds' own checks), and Ray is installed (501 naming the ``ray`` extra).
Each check runs on the parts that validated (the space is checked against the base as
submitted, a misspelled base key and all), and the problems of all are answered together.
The child needs the database (``needs_database``): it submits, claims and watches its trials'
runs itself. It is resumable: a released or crashed attempt continues Tune's saved experiment.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tunix_rt.errors import Invalid, MissingExtra, Problems
from tunix_rt.partial import valid_fields
from tunix_rt.runs.events import EventSink
from tunix_rt.runs.kinds import Checked, RunKind, RunRefs, check_config, conflict_problem, read_run_file
from tunix_rt.settings import Settings
from tunix_rt.sweeps.config import (
    Domain,
    Objective,
    SweepConfig,
    conflicts,
    set_by,
    space_domains,
    space_problems,
    trial_data,
)
from tunix_rt.training.config import TrainConfig

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession


def require_ray() -> None:
    for module in ("ray", "optuna"):
        if importlib.util.find_spec(module) is None:
            raise MissingExtra("ray", "sweeps (Ray Tune)")


def _choice_problems(fields: dict[str, Any], settings: Settings) -> tuple[str, list[dict[str, Any]]]:
    """What ``admit_server_choices`` refuses of a config's fields: its message and problems."""
    from tunix_rt.training.kind import admit_server_choices

    try:
        admit_server_choices(fields, settings)
    except Invalid as exc:
        return exc.detail, exc.errors or []
    return "", []


def _server_choices(base: Any, domains: dict[str, Domain], settings: Settings, problems: Problems) -> None:
    """Each space key whose values include one the server refuses (a model path, a reward):
    blamed for refusals within what it sets, and for others only when the base alone has no
    such refusal (the base's check reports those)."""
    _, refused = _choice_problems(valid_fields(TrainConfig, trial_data(base, {})), settings)
    known = [(error["loc"], error["msg"]) for error in refused]
    for key, domain in domains.items():
        for sample in domain.samples():
            detail, errors = _choice_problems(valid_fields(TrainConfig, trial_data(base, {key: sample})), settings)
            if any(set_by(key, error["loc"][2:]) or (error["loc"], error["msg"]) not in known for error in errors):
                loc = ["body", "config", "space", key]
                problems.add(
                    Invalid(
                        f"space key {key} = {sample!r}: {detail}",
                        errors=[{"loc": loc, "msg": detail, "type": "server_choice"}],
                    )
                )
                break


async def admit(checked: Checked[SweepConfig], session: AsyncSession, settings: Settings) -> None:
    """Every check of the parts that validated, reported together: the space against the base
    as submitted, the base's own checks (the train kind's), the objective's eval set; Ray only
    when the config is otherwise valid."""
    from tunix_rt.evaluation.kind import admit_inputs
    from tunix_rt.training import kind as training

    base_raw = checked.raw.get("base")
    base = dict(base_raw) if isinstance(base_raw, dict) else {}
    problems = Problems("sweep config")
    conflict = conflict_problem(checked, conflicts)
    if conflict is not None:
        problems.add(conflict)
    domains = space_domains(checked.raw.get("space"))
    misfits = space_problems(base, domains)
    if misfits:
        keys = ", ".join(str(problem["loc"][-1]) for problem in misfits)
        problems.add(Invalid(f"{len(misfits)} space key(s) do not fit the base config: {keys}", errors=misfits))
    blamed = {problem["loc"][-1] for problem in misfits}
    _server_choices(base, {key: d for key, d in domains.items() if key not in blamed}, settings, problems)
    with problems.collect():
        try:
            await training.admit(check_config(TrainConfig, base_raw), session, settings)
        except Invalid as exc:
            errors = [{**error, "loc": ["body", "config", "base", *error["loc"][2:]]} for error in exc.errors or []]
            raise Invalid(exc.detail.replace("body.config.", "body.config.base."), errors=errors, **exc.extra) from exc
    objective = valid_fields(Objective, checked.raw.get("objective"))
    with problems.collect():
        await admit_inputs(
            session,
            settings,
            evalset=objective.get("evalset"),
            judges=objective.get("judges"),
            backend=valid_fields(TrainConfig, base).get("backend"),
            loc=("body", "config", "objective"),
        )
    if checked.config is not None:
        with problems.collect():
            require_ray()
    problems.raise_any()


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
