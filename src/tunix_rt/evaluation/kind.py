"""The ``eval`` run kind: config model, submit-time checks, the child's code and the success hook.

Submitting checks what the config alone cannot: the eval set exists (422 naming
``config.evalset``), the training run exists and has finished (422 naming ``config.run``), the
llm judge is configured when asked for, and the backend is installed (501 naming the extra:
``torch``, or ``jax`` for the Tunix sampler, which evaluates tiny presets and JAX runs: any other
model is a 422 naming ``config.model``). Each check runs on its own fields when they validated,
and the problems of all are answered together.
When the run succeeds the worker calls ``on_success`` inside its final transaction, which records
the scorecard and per-item verdicts (``store.ingest``) for the leaderboard and comparisons.
"""

from __future__ import annotations

import importlib.util
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tunix_rt.errors import Invalid, MissingExtra, NotFound, Problems
from tunix_rt.evaluation.config import EvalConfig, conflicts
from tunix_rt.runs.events import EventSink
from tunix_rt.runs.kinds import Checked, RunKind, RunRefs, conflict_problem
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
    session: AsyncSession,
    settings: Settings,
    *,
    evalset: str | None,
    judges: Sequence[str] | None,
    backend: str | None,
    loc: Sequence[str],
) -> None:
    """Checks on what an evaluation reads and who judges it, whatever model it evaluates: the
    eval set, the llm judge's settings, the backend (each skipped when its field is None: it did
    not validate). ``loc`` is where the fields sit in the request, so a training run's
    ``evaluate`` block is blamed by its own path."""
    from tunix_rt.datasets import store as datasets

    problems = Problems("evaluation")
    if evalset is not None:
        try:
            await datasets.get(session, evalset, kind="eval")
        except NotFound as exc:
            problems.add(_invalid([*loc, "evalset"], exc.detail))
    if judges is not None and "llm" in judges and not (settings.llm_judge_url and settings.llm_judge_model):
        detail = "the llm judge needs TUNIX_RT_LLM_JUDGE_URL and TUNIX_RT_LLM_JUDGE_MODEL"
        problems.add(_invalid([*loc, "judges"], detail))
    if backend is not None:
        with problems.collect():
            require_generation(backend)
    problems.raise_any()


async def admit(checked: Checked[EvalConfig], session: AsyncSession, settings: Settings) -> None:
    """Every check of the fields that validated, reported together."""
    fields = checked.fields
    where = ("body", "config")
    problems = Problems("eval config")
    conflict = conflict_problem(checked, conflicts)
    if conflict is not None:
        problems.add(conflict)
    model, backend = fields.get("model"), fields.get("backend")
    problem = None if model is None else model_problem(model, settings.resolved_model_roots)
    if problem is not None:
        problems.add(_invalid([*where, "model"], problem))
    elif backend == "jax" and model is not None and source_kind(model) != "tiny":
        detail = "backend jax evaluates the tiny presets and JAX runs; use backend torch"
        problems.add(_invalid([*where, "model"], detail))
    with problems.collect():
        await admit_inputs(
            session, settings, evalset=fields.get("evalset"), judges=fields.get("judges"), backend=backend, loc=where
        )
    if fields.get("run") is not None:
        with problems.collect():
            await _admit_run(session, fields["run"], backend, where)
    problems.raise_any()


async def _admit_run(session: AsyncSession, run_id: uuid.UUID, backend: str | None, where: Sequence[str]) -> None:
    """The evaluated run exists, is a succeeded training run, and was trained with ``backend``."""
    from tunix_rt.runs import store as runs

    try:
        source = await runs.get(session, run_id)
    except NotFound as exc:
        raise _invalid([*where, "run"], exc.detail) from exc
    if source.kind != "train" or source.status != "succeeded":
        detail = f"run {run_id} is a {source.status} {source.kind} run, not a succeeded train run"
        raise _invalid([*where, "run"], detail)
    trained_with = source.config.get("backend", "torch")
    if backend is not None and trained_with != backend:
        detail = f"run {run_id} was trained with backend {trained_with}: evaluate it with that backend"
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
    run_id_fields=("run",),
)
