"""Queueing a run from outside the worker: the one sequence every entry point follows.

``POST /api/runs``, ``tunix-rt runs submit``, ``train``, ``eval``, the demo and the experiments
all queue runs the same way: the kind's config model (a 422 naming each bad field), its admission
checks against the store and the installation (missing datasets, extras), the priority the
settings give the kind unless one is asked for, then the store. The model's problems, the
limits' and the admission checks' are reported together in one 422: admission checks run on
the fields that validated even when others did not (a missing dataset is named beside a
misspelled key), so a config is fixed in one round trip. Keeping it in one function keeps
them from drifting apart, and gives the server's limits one place: the run parameters bounded
by settings (``limit_problems``, a 422 naming each field) and the queued runs a token may have
waiting (a 429).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from tunix_rt import short_ids
from tunix_rt.db import utcnow
from tunix_rt.errors import Invalid, NotFound, Problems, TooMany
from tunix_rt.runs import queue, store
from tunix_rt.runs.kinds import KindRegistry, schema_invalid
from tunix_rt.runs.tables import Run
from tunix_rt.settings import Settings

QUOTA_RETRY_AFTER_SECONDS = 60


def _bounds(settings: Settings) -> dict[str, tuple[float, str]]:
    return {
        "max_steps": (settings.max_run_steps, "max_run_steps"),
        "epochs": (settings.max_run_epochs, "max_run_epochs"),
        "batch_size": (settings.max_run_batch_size, "max_run_batch_size"),
        "concurrency": (settings.max_sweep_concurrency, "max_sweep_concurrency"),
    }


def _largest(domain: Any) -> float | None:
    """The largest number a sweep's search domain can give, if it gives numbers."""
    if not isinstance(domain, dict):
        return None
    values = [domain["high"]] if domain.get("high") is not None else (domain.get("values") or [])
    numbers = [value for value in values if isinstance(value, int | float) and not isinstance(value, bool)]
    return max(numbers) if numbers else None


def limit_problems(
    config: Any, settings: Settings, loc: tuple[str | int, ...] = ("body", "config")
) -> list[dict[str, Any]]:
    """Every field of a validated run config over the server's bounds, as 422 errors with its
    path. The bounds are by field name wherever the field appears (a sweep's ``base`` and the
    keys its ``space`` searches included), so every kind, built in or not, is held to them:
    a config model's own limits say what is valid, these what this server will run."""
    bounds = _bounds(settings)
    problems: list[dict[str, Any]] = []
    if isinstance(config, list):
        for index, item in enumerate(config):
            problems += limit_problems(item, settings, (*loc, index))
        return problems
    if not isinstance(config, dict):
        return problems
    for key, value in config.items():
        if key == "space" and isinstance(value, dict):
            for dotted, domain in value.items():
                name = str(dotted).rsplit(".", 1)[-1]
                largest = _largest(domain)
                if name in bounds and largest is not None and largest > bounds[name][0]:
                    limit, setting = bounds[name]
                    problems.append(_over((*loc, key, dotted), largest, limit, setting))
            continue
        if key in bounds and isinstance(value, int | float) and not isinstance(value, bool):
            limit, setting = bounds[key]
            if value > limit:
                problems.append(_over((*loc, key), value, limit, setting))
            continue
        problems += limit_problems(value, settings, (*loc, key))
    return problems


def _over(loc: tuple[str | int, ...], value: float, limit: float, setting: str) -> dict[str, Any]:
    return {
        "loc": list(loc),
        "msg": f"{value:g} is over this server's limit of {limit:g} (setting {setting})",
        "type": "less_than_equal",
    }


async def check_queue_quota(session: AsyncSession, settings: Settings, submitted_by: str | None) -> None:
    """Raise ``TooMany`` (a 429) when the caller already has ``max_queued_runs_per_token`` runs
    waiting; for every way a caller queues a run (submit, retry, resume)."""
    waiting = await store.queued_by(session, submitted_by)
    if waiting >= settings.max_queued_runs_per_token:
        raise TooMany(
            f"{waiting} runs of this caller are already queued, the limit (max_queued_runs_per_token); "
            "wait for some to start or cancel some",
            retry_after=QUOTA_RETRY_AFTER_SECONDS,
        )


async def full_run_ids(session: AsyncSession, fields: Sequence[str], body: dict[str, Any]) -> dict[str, Any]:
    """``body`` with a run id prefix in any of ``fields`` replaced by the id it stands for; a value
    that is no prefix is left for the schema to name, and a prefix no run starts with is a
    problem of that field."""
    resolved = dict(body)
    for name in fields:
        value = body.get(name)
        if not isinstance(value, str):
            continue
        try:
            if not isinstance(short_ids.parse(value, "run"), str):
                continue
        except Invalid:
            continue
        loc = ["body", "config", name]
        try:
            resolved[name] = str(await short_ids.resolve(session, Run.id, value, "run", loc))
        except NotFound as exc:
            raise Invalid(exc.detail, errors=[{"loc": loc, "msg": exc.detail, "type": "not_found"}]) from None
    return resolved


async def queue_run(
    session: AsyncSession,
    settings: Settings,
    registry: KindRegistry,
    kind: str,
    body: dict[str, Any],
    *,
    tags: Sequence[str] = (),
    priority: int | None = None,
    submitted_by: str | None = None,
    name: str | None = None,
    notes: str | None = None,
    parent_id: uuid.UUID | None = None,
) -> Run:
    """Validate, admit and queue one run in the caller's transaction; ``parent_id`` names the
    run that submits it (a loop's steps), whose cancellation cancels it too; ``submitted_by`` is the
    sha256 of the caller's token (None for the CLI and callers without one), whose queued
    runs are counted against ``max_queued_runs_per_token``. The count and the insert are not
    locked together, so racing submits may pass the quota by a few: it bounds a flood, it is
    not an invoice."""
    known = registry.get(kind) if kind in registry.names() else None
    body = await full_run_ids(session, known.run_id_fields if known is not None else (), body)
    if known is not None and known.defaults is not None:
        body = known.defaults(body, settings)
    checked = registry.check(kind, body)
    problems = Problems(f"{kind} config")
    if checked.errors:
        problems.add(schema_invalid(kind, checked.errors))
    values = checked.config.model_dump(mode="json") if checked.config is not None else body
    blamed = [error["loc"] for error in checked.errors]
    over = [problem for problem in limit_problems(values, settings) if problem["loc"] not in blamed]
    if over:
        where = ".".join(str(part) for part in over[0]["loc"])
        problems.add(Invalid(f"{len(over)} value(s) over this server's limits, first at {where}", errors=over))
    with problems.collect():
        await registry.admit(kind, checked, session, settings)
    problems.raise_any()
    config = checked.config
    assert config is not None
    await check_queue_quota(session, settings, submitted_by)
    chosen = priority if priority is not None else settings.run_priorities.get(kind, 0)
    refs = registry.get(kind).references(config)
    dumped = config.model_dump(mode="json")
    queued = await store.submit(
        session,
        kind,
        dumped,
        refs,
        tags=tags,
        priority=chosen,
        submitted_by=submitted_by,
        name=name,
        notes=notes,
        parent_id=parent_id,
    )
    await note_missing_devices(session, settings, queued)
    return queued


async def note_missing_devices(session: AsyncSession, settings: Settings, queued: Run) -> None:
    """A run needing more devices than any live worker offers is queued all the same (a bigger
    worker may start later), with a first log line saying what it waits for, so ``runs logs``
    and the UI explain why it stays queued."""
    if queued.devices <= 1:
        return
    alive_since = utcnow() - timedelta(seconds=settings.run_lease_seconds)
    offered = await queue.most_devices(session, alive_since)
    if offered is not None and offered >= queued.devices:
        return
    having = f"the live workers offer at most {offered}" if offered is not None else "no worker is alive"
    line = (
        f"waiting for a worker with {queued.devices} devices ({having}); "
        f"start one with: tunix-rt worker --devices {queued.devices}"
    )
    seq = await store.next_seq(session, queued.id)
    await store.add_logs(
        session, [{"run_id": queued.id, "seq": seq, "stream": "worker", "line": line, "created_at": utcnow()}]
    )
