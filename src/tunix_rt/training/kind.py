"""The ``train`` run kind: config model, submit-time checks, and the code the child runs.

Submitting checks what the config alone cannot: the dataset exists (422 naming
``config.dataset.key`` if not) and the backend's extra is installed (501 naming it). The child
finds the snapshot under the data home by key, never through the database, and continues from
the checkpoint the worker recorded when a crashed or released attempt is retried.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING

from tunix_rt.errors import Invalid, MissingExtra, NotFound
from tunix_rt.runs.events import EventSink
from tunix_rt.runs.kinds import RunKind, RunRefs, resume_point
from tunix_rt.settings import Settings
from tunix_rt.training.config import TrainConfig

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession


def require_backend(config: TrainConfig) -> None:
    """The backend's packages (and, for jax, its module) are importable, or a 501 naming the extra."""
    if config.backend == "jax":
        for module in ("tunix", "tunix_rt.training.jax_backend"):
            if importlib.util.find_spec(module) is None:
                raise MissingExtra("jax", "backend jax (Tunix)")
        return
    from tunix_rt.training.torch_backend import require_torch

    require_torch()


async def admit(config: TrainConfig, session: AsyncSession, settings: Settings) -> None:
    from tunix_rt.datasets import store as datasets

    require_backend(config)
    try:
        await datasets.get(session, config.dataset.key)
    except NotFound as exc:
        raise Invalid(
            exc.detail,
            errors=[{"loc": ["body", "config", "dataset", "key"], "msg": exc.detail, "type": "not_found"}],
        ) from exc


def execute(config: TrainConfig, run_dir: Path, events: EventSink) -> None:
    from tunix_rt.datasets.snapshot import folder

    require_backend(config)
    from tunix_rt.training.torch_backend import train

    dataset_dir = folder(Settings(), config.dataset.key)
    train(config, run_dir, events, dataset_dir=dataset_dir, resume_from=resume_point(run_dir))


def references(config: TrainConfig) -> RunRefs:
    return RunRefs(dataset_key=config.dataset.key, model=config.model)


TRAIN = RunKind(
    name="train",
    config_model=TrainConfig,
    execute=execute,
    resumable=True,
    references=references,
    admit=admit,
)
