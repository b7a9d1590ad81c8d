"""The ``sample`` run kind: config model, submit-time checks, the child's code and the success hook.

Submitting checks that the eval set exists and that the judges asked for are configured (the
same checks as an evaluation's). When the run succeeds the worker calls ``on_success`` inside its
final transaction, which stores the kept traces of ``traces.jsonl`` through the trace ingest path
(validated, hashed, quality-checked and deduplicated like an import), with source ``sample:<run>``.
A failed run stores nothing; its completions stay in the run's cache for the retry or resume.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from tunix_rt.errors import Invalid, NotFound, Problems
from tunix_rt.runs.events import EventSink
from tunix_rt.runs.kinds import Checked, RunKind, RunRefs, read_run_file
from tunix_rt.sampling.config import SampleConfig
from tunix_rt.settings import Settings

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from tunix_rt.runs.tables import Run
    from tunix_rt.traces.ingest import ImportSummary


async def admit(checked: Checked[SampleConfig], session: AsyncSession, settings: Settings) -> None:
    """The eval set exists and the judges can run, as for an evaluation."""
    from tunix_rt.evaluation.kind import admit_inputs

    source = checked.fields.get("source")
    where = ("body", "config")
    problems = Problems("sample config")
    with problems.collect():
        await admit_inputs(
            session,
            settings,
            evalset=None if source is None else source.evalset,
            judges=None,
            backend=None,
            loc=(*where, "source"),
        )
    with problems.collect():
        await admit_inputs(
            session, settings, evalset=None, judges=checked.fields.get("judges"), backend=None, loc=where
        )
    if source is not None and source.dataset is not None:
        with problems.collect():
            await _admit_dataset(session, source.dataset, (*where, "source", "dataset"))
    problems.raise_any()


async def _admit_dataset(session: AsyncSession, key: str, loc: tuple[str, ...]) -> None:
    """The trace dataset exists (a 422 naming ``config.source.dataset`` when not)."""
    from tunix_rt.datasets import store as datasets

    try:
        await datasets.get(session, key)
    except NotFound as exc:
        raise Invalid(exc.detail, errors=[{"loc": list(loc), "msg": exc.detail, "type": "not_found"}]) from exc


def defaults(body: dict[str, Any], settings: Settings) -> dict[str, Any]:
    """A config without ``model`` asks the settings' teacher endpoint, written into the stored
    config so the run, its cache keys and its traces' provenance name the endpoint that answered.
    Without a teacher in the settings the schema's "model: Field required" stands."""
    if "model" in body or settings.teacher_url is None or settings.teacher_model is None:
        return body
    endpoint = {"base_url": settings.teacher_url, "model": settings.teacher_model}
    if settings.teacher_api_key_env is not None:
        endpoint["api_key_env"] = settings.teacher_api_key_env
    return {**body, "model": {"endpoint": endpoint}}


def execute(config: SampleConfig, run_dir: Path, events: EventSink) -> None:
    from tunix_rt.sampling.sample import sample

    sample(config, run_dir, events, Settings(), read_run_file(run_dir).id)


def references(config: SampleConfig) -> RunRefs:
    return RunRefs(
        dataset_key=config.source.dataset,
        evalset_key=config.source.evalset,
        model=config.model.local or config.model.name,
    )


async def store_traces(session: AsyncSession, run_id: str, run_dir: Path, settings: Settings) -> ImportSummary:
    """The run's kept traces into the trace store, partial: a trace the store refuses (over a
    configured limit) is counted and skipped rather than failing the run."""
    from tunix_rt.sampling.sample import TRACES
    from tunix_rt.traces.ingest import store_batch
    from tunix_rt.traces.io import parse_line

    items, errors = [], []
    for number, line in enumerate((run_dir / TRACES).read_bytes().splitlines(), 1):
        parsed = parse_line(line, number, settings.limits)
        if isinstance(parsed, list):
            errors.extend(parsed)
        else:
            items.append((number, parsed))
    _outcome, summary = await store_batch(
        session, items, errors, partial=True, source=f"sample:{run_id}", max_errors=settings.max_reported_errors
    )
    return summary


async def on_success(session: AsyncSession, run: Run, run_dir: Path) -> None:
    await store_traces(session, str(run.id), run_dir, Settings())


def passed_environment(config: SampleConfig) -> tuple[str, ...]:
    """The endpoint's key variable, which the worker's trimmed child environment would drop."""
    endpoint = config.model.endpoint
    return () if endpoint is None or endpoint.api_key_env is None else (endpoint.api_key_env,)


SAMPLE = RunKind(
    name="sample",
    config_model=SampleConfig,
    execute=execute,
    references=references,
    admit=admit,
    on_success=on_success,
    passed_environment=passed_environment,
    defaults=defaults,
)
