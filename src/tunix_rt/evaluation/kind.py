"""The ``eval`` run kind: config model, submit-time checks, the child's code and the success hook.

Submitting checks what the config alone cannot: the eval set exists (422 naming
``config.evalset``), the training run exists and has finished (422 naming ``config.run``), the
llm judge is configured when asked for, and the backend is installed (501 naming the extra:
``torch``, or ``jax`` for the Tunix sampler, which evaluates tiny presets and JAX runs: any other
model is a 422 naming ``config.model``).
When the run succeeds the worker calls ``on_success`` inside its final transaction, which records
the scorecard and per-item verdicts (``store.ingest``) for the leaderboard and comparisons.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tunix_rt.errors import Invalid, MissingExtra, NotFound
from tunix_rt.evaluation.config import EvalConfig
from tunix_rt.runs.events import EventSink
from tunix_rt.runs.kinds import RunKind, RunRefs
from tunix_rt.settings import Settings
from tunix_rt.training.models import model_problem, source_kind

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from tunix_rt.runs.tables import Run


def require_backend(config: EvalConfig) -> None:
    """The backend's packages are importable, or a 501 naming the extra."""
    require_generation(config.backend)


def require_generation(backend: str) -> None:
    """The generation backend by name, for callers that check before an eval config exists (a
    training run that asks for an automatic evaluation)."""
    if backend == "jax":
        for module in ("jax", "flax", "qwix", "tunix", "transformers"):
            if importlib.util.find_spec(module) is None:
                raise MissingExtra("jax", "evaluation backend jax (Tunix sampler)")
        return
    for module in ("torch", "transformers"):
        if importlib.util.find_spec(module) is None:
            raise MissingExtra("torch", "evaluation backend torch")


def _invalid(loc: Sequence[str], detail: str) -> Invalid:
    return Invalid(detail, errors=[{"loc": list(loc), "msg": detail, "type": "not_found"}])


async def admit_inputs(
    session: AsyncSession, settings: Settings, *, evalset: str, judges: Sequence[str], backend: str, loc: Sequence[str]
) -> None:
    """Checks on what an evaluation reads and who judges it, whatever model it evaluates: the
    backend, the eval set, the llm judge's settings. ``loc`` is where the fields sit in the
    request, so a training run's ``evaluate`` block is blamed by its own path."""
    from tunix_rt.datasets import store as datasets

    require_generation(backend)
    try:
        await datasets.get(session, evalset, kind="eval")
    except NotFound as exc:
        raise _invalid([*loc, "evalset"], exc.detail) from exc
    if "llm" in judges and not (settings.llm_judge_url and settings.llm_judge_model):
        raise _invalid([*loc, "judges"], "the llm judge needs TUNIX_RT_LLM_JUDGE_URL and TUNIX_RT_LLM_JUDGE_MODEL")


async def admit(config: EvalConfig, session: AsyncSession, settings: Settings) -> None:
    from tunix_rt.runs import store as runs

    where = ("body", "config")
    problem = None if config.model is None else model_problem(config.model, settings.resolved_model_roots)
    if problem is not None:
        raise _invalid([*where, "model"], problem)
    await admit_inputs(
        session, settings, evalset=config.evalset, judges=config.judges, backend=config.backend, loc=where
    )
    if config.backend == "jax" and config.model is not None and source_kind(config.model) != "tiny":
        raise _invalid([*where, "model"], "backend jax evaluates the tiny presets and JAX runs; use backend torch")
    if config.run is not None:
        try:
            source = await runs.get(session, config.run)
        except NotFound as exc:
            raise _invalid([*where, "run"], exc.detail) from exc
        if source.kind != "train" or source.status != "succeeded":
            detail = f"run {config.run} is a {source.status} {source.kind} run, not a succeeded train run"
            raise _invalid([*where, "run"], detail)
        trained_with = source.config.get("backend", "torch")
        if trained_with != config.backend:
            detail = f"run {config.run} was trained with backend {trained_with}: evaluate it with that backend"
            raise _invalid([*where, "run"], detail)


def execute(config: EvalConfig, run_dir: Path, events: EventSink) -> None:
    from tunix_rt.evaluation.evaluate import evaluate

    require_backend(config)
    evaluate(config, run_dir, events, Settings())


def references(config: EvalConfig) -> RunRefs:
    return RunRefs(evalset_key=config.evalset, model=config.model_ref)


async def on_success(session: AsyncSession, run: Run, run_dir: Path) -> None:
    from tunix_rt.evaluation import store

    await store.ingest(session, run, run_dir)


EVAL = RunKind(
    name="eval",
    config_model=EvalConfig,
    execute=execute,
    references=references,
    admit=admit,
    on_success=on_success,
)
