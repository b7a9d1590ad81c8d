"""The ``loop`` run kind: a self-improvement loop, coordinated from its own run process.

Submitting checks that the starting run is a succeeded training run, and that the dataset and
the eval set exist (the sample and eval kinds' own checks run again when each round submits its
runs). The child needs the database (``needs_database``): it submits its rounds' runs and waits
for workers to execute them. It is resumable: a retried attempt continues from the rounds'
recorded links (``driver.py``).
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from tunix_rt.errors import Invalid, NotFound, Problems
from tunix_rt.loops.config import LoopConfig
from tunix_rt.runs.events import EventSink
from tunix_rt.runs.kinds import Checked, RunKind, RunRefs, read_run_file
from tunix_rt.settings import Settings

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession


def _invalid(detail: str, *loc: str) -> Invalid:
    return Invalid(detail, errors=[{"loc": ["body", "config", *loc], "msg": detail, "type": "not_found"}])


async def admit(checked: Checked[LoopConfig], session: AsyncSession, settings: Settings) -> None:
    """The starting run trained a model that exists; the dataset and eval set exist."""
    from tunix_rt.datasets import store as datasets
    from tunix_rt.runs import store as runs
    from tunix_rt.runs.store import RunStatus

    fields = checked.fields
    problems = Problems("loop config")
    start = fields.get("start")
    if start is not None:
        try:
            run = await runs.get(session, start)
        except NotFound as exc:
            problems.add(_invalid(exc.detail, "start"))
        else:
            if run.kind != "train" or run.status != RunStatus.SUCCEEDED:
                problems.add(
                    _invalid(f"run {start} is a {run.status} {run.kind} run, not a succeeded train run", "start")
                )
    for field, kind in (("dataset", "traces"), ("evalset", "eval")):
        key = fields.get(field)
        if key is not None:
            try:
                await datasets.get(session, key, "traces" if kind == "traces" else "eval")
            except NotFound as exc:
                problems.add(_invalid(exc.detail, field))
    problems.raise_any()


def execute(config: LoopConfig, run_dir: Path, events: EventSink) -> None:
    from tunix_rt.loops.driver import run_loop

    run_loop(config, uuid.UUID(read_run_file(run_dir).id), events)


def references(config: LoopConfig) -> RunRefs:
    """The prompts' dataset, the eval set and the starting model, held against deletion."""
    return RunRefs(dataset_key=config.dataset, evalset_key=config.evalset, model=f"run:{config.start}")


LOOP = RunKind(
    name="loop",
    config_model=LoopConfig,
    execute=execute,
    resumable=True,
    references=references,
    admit=admit,
    needs_database=True,
    run_id_fields=("start",),
)
