"""Queueing a run from outside the worker: the one sequence every entry point follows.

``POST /api/runs``, ``tunix-rt runs submit``, ``train``, ``eval``, the demo and the experiments
all queue runs the same way: the kind's config model (a 422 naming each bad field), its admission
checks against the store and the installation (missing datasets, extras), the priority the
settings give the kind unless one is asked for, then the store. Keeping it in one function keeps
them from drifting apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from tunix_rt.runs import store
from tunix_rt.runs.kinds import KindRegistry
from tunix_rt.runs.tables import Run
from tunix_rt.settings import Settings


async def queue_run(
    session: AsyncSession,
    settings: Settings,
    registry: KindRegistry,
    kind: str,
    body: dict[str, Any],
    *,
    tags: Sequence[str] = (),
    priority: int | None = None,
) -> Run:
    """Validate, admit and queue one run in the caller's transaction."""
    config, refs = registry.validate(kind, body)
    await registry.admit(kind, config, session, settings)
    chosen = priority if priority is not None else settings.run_priorities.get(kind, 0)
    return await store.submit(session, kind, config.model_dump(mode="json"), refs, tags=tags, priority=chosen)
