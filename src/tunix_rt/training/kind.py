"""The ``train`` run kind: config model, submit-time checks, and the code the child runs.

Submitting checks what the config alone cannot: the dataset exists (422 naming
``config.dataset.key`` if not) and the backend's extra is installed (501 naming it); with
``evaluate`` set, also what that evaluation will read (eval set, judges, generation backend), so
a run that trains for an hour is not refused its evaluation at the end. Each check runs on its
own fields when they validated, and the problems of all are answered together. The child finds the
snapshot under the data home by key, never through the database, and continues from the
checkpoint the worker recorded when a crashed or released attempt is retried. When the run
succeeds, ``on_success`` queues the evaluation it asked for in the worker's final transaction.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tunix_rt.errors import Invalid, MissingExtra, NotFound, Problems
from tunix_rt.partial import valid_fields
from tunix_rt.runs.events import EventSink
from tunix_rt.runs.kinds import Checked, RunKind, RunRefs, conflict_problem, resume_point
from tunix_rt.settings import Settings
from tunix_rt.training.config import AutoEvaluation, DatasetRef, TrainConfig, conflicts

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from tunix_rt.runs.tables import Run

AUTO_EVAL_TAG = "auto-eval"


def require_backend(config: TrainConfig) -> None:
    """The backend's packages are importable, or a 501 naming the extra; for jax, the config
    asks nothing the Tunix backend cannot do, or a 422 listing each such key."""
    if config.backend == "jax":
        if importlib.util.find_spec("tunix") is None:
            raise MissingExtra("jax", "backend jax (Tunix)")
        from tunix_rt.training.jax_backend import unsupported

        problems = unsupported(config)
        if problems:
            raise Invalid(
                "; ".join(f"{name}: {reason}" for name, reason in problems),
                errors=[
                    {"loc": ["body", "config", *name.split(".")], "msg": reason, "type": "unsupported"}
                    for name, reason in problems
                ],
            )
        return
    from tunix_rt.training.torch_backend import require_torch

    require_torch()


def admit_server_choices(fields: Mapping[str, Any], settings: Settings) -> None:
    """What the server, not the client, decides a run may load: the model (a preset, a hub id
    or a folder under the model roots) and the GRPO rewards (registered ones); 422 otherwise,
    naming each. ``fields`` are the config's fields that validated (``Checked.fields``), so each
    choice is checked when its own field is valid. A sweep checks each trial's config with it
    too, since trials are submitted without ``admit``."""
    from tunix_rt.training import models, rewards
    from tunix_rt.training.config import GrpoSettings

    problems = Problems("train config")
    model = fields.get("model")
    problem = None if model is None else models.model_problem(model, settings.resolved_model_roots)
    if problem is not None:
        problems.add(Invalid(problem, errors=[{"loc": ["body", "config", "model"], "msg": problem, "type": "model"}]))
    if fields.get("method") == "grpo" and "grpo" in fields:
        names = [spec.name for spec in (fields["grpo"] or GrpoSettings()).rewards]
        with problems.collect():
            rewards.refuse_unknown(names, settings.resolved_reward_dirs, ("body", "config", "grpo", "rewards"))
    problems.raise_any()


async def admit(checked: Checked[TrainConfig], session: AsyncSession, settings: Settings) -> None:
    """Every check of the fields that validated, reported together; the backend's extra only
    when the whole config is valid (a missing extra is news once the config is right)."""
    from tunix_rt.datasets import store as datasets

    fields = checked.fields
    problems = Problems("train config")
    conflict = conflict_problem(checked, conflicts)
    if conflict is not None:
        problems.add(conflict)
    with problems.collect():
        admit_server_choices(fields, settings)
    # the blocks' own fields, so a bad dataset.split does not hide a missing dataset.key
    dataset_key = valid_fields(DatasetRef, checked.raw.get("dataset")).get("key")
    if dataset_key is not None:
        try:
            await datasets.get(session, dataset_key)
        except NotFound as exc:
            loc = ["body", "config", "dataset", "key"]
            problems.add(Invalid(exc.detail, errors=[{"loc": loc, "msg": exc.detail, "type": "not_found"}]))
    evaluate = valid_fields(AutoEvaluation, checked.raw.get("evaluate"))
    if evaluate:
        from tunix_rt.evaluation.kind import admit_inputs

        with problems.collect():
            await admit_inputs(
                session,
                settings,
                evalset=evaluate.get("evalset"),
                judges=evaluate.get("judges"),
                backend=fields.get("backend"),
                loc=("body", "config", "evaluate"),
            )
    if checked.config is not None:
        with problems.collect():
            require_backend(checked.config)
    problems.raise_any()


def execute(config: TrainConfig, run_dir: Path, events: EventSink) -> None:
    """Train in this process, or, for a torch run on several devices, launch torchrun, whose
    processes each come back here (``distributed.launched``) and train their share. A JAX run
    drives all its devices from this one process, through its mesh."""
    from tunix_rt.datasets.snapshot import folder
    from tunix_rt.training import distributed

    require_backend(config)
    if config.backend == "torch" and config.resources.world_size > 1 and not distributed.launched():
        distributed.launch(config, run_dir, events)
        return
    events = distributed.reporting(events)
    if config.backend == "jax":
        from tunix_rt.training.jax_backend import train
    else:
        from tunix_rt.training.torch_backend import train

    dataset_dir = folder(Settings(), config.dataset.key)
    train(config, run_dir, events, dataset_dir=dataset_dir, resume_from=resume_point(run_dir))


def references(config: TrainConfig) -> RunRefs:
    """The dataset, the model, and the eval set of ``evaluate``: recorded so that eval set
    cannot be deleted (409) while a run that will evaluate on it exists; and the devices per
    node, so only a worker that offers them claims the run."""
    evalset = config.evaluate.evalset if config.evaluate is not None else None
    return RunRefs(
        dataset_key=config.dataset.key, evalset_key=evalset, model=config.model, devices=config.resources.devices
    )


async def on_success(session: AsyncSession, run: Run, run_dir: Path) -> None:
    """Queue the evaluation ``evaluate`` asks for, through the registry's validation and the
    runs store like any submitted run, at the training run's priority, and note it in the
    training run's log. The trained model is evaluated with the framework that trained it,
    on the device it trained on. A training run that a composite run submitted (a loop's
    round) passes its parent on, so cancelling the composite reaches the evaluation too."""
    from tunix_rt.db import utcnow
    from tunix_rt.runs import store
    from tunix_rt.runs.kinds import KindRegistry

    config = TrainConfig.model_validate(run.config)
    if config.evaluate is None:
        return
    body = {
        **config.evaluate.model_dump(mode="json"),
        "run": str(run.id),
        "backend": config.backend,
        "device": config.device if config.device in ("cpu", "cuda") else "auto",
    }
    eval_config, refs = KindRegistry().validate("eval", body)
    queued = await store.submit(
        session,
        "eval",
        eval_config.model_dump(mode="json"),
        refs,
        tags=[AUTO_EVAL_TAG],
        priority=run.priority,
        parent_id=run.parent_id,
    )
    line = f"queued evaluation {queued.id} on {config.evaluate.evalset} ({AUTO_EVAL_TAG})"
    seq = await store.next_seq(session, run.id)
    await store.add_logs(
        session, [{"run_id": run.id, "seq": seq, "stream": "worker", "line": line, "created_at": utcnow()}]
    )


TRAIN = RunKind(
    name="train",
    config_model=TrainConfig,
    execute=execute,
    resumable=True,
    references=references,
    admit=admit,
    on_success=on_success,
)
