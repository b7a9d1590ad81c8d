"""How a CLI command starts a run of any kind (``train``, ``eval run``, ``sample``): queued for a
worker (announced, and followed to its end with ``--wait``), or executed here in the foreground
with ``--local`` (``runs/local.py``). One path, so the three commands cannot drift apart on the
checks, the announcement or the exit status.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any

import typer

from tunix_rt.console import run, store_sessions

if TYPE_CHECKING:
    from tunix_rt.runs.tables import Run
    from tunix_rt.settings import Settings

WaitOpt = Annotated[bool, typer.Option(help="Follow the queued run's log until it ends; exit 1 unless it succeeded.")]
TagOpt = Annotated[list[str] | None, typer.Option(help="Tag for the run; repeatable.")]
PriorityOpt = Annotated[int | None, typer.Option(help="Queue priority; higher is claimed first.")]


def launch(
    settings: Settings,
    kind: str,
    body: dict[str, Any],
    *,
    local: bool,
    wait: bool,
    tags: Sequence[str] = (),
    priority: int | None = None,
    name: str | None = None,
    notes: str | None = None,
) -> list[Run]:
    """The runs finished here (``--local``: the run, then any evaluation its success queued);
    none when the run was queued, with or without ``--wait``."""
    if local and wait:
        raise typer.BadParameter(
            "--local already runs in the foreground; --wait follows a queued run", param_hint="'--wait'"
        )
    if local:
        from tunix_rt.runs.local import run_locally

        return run_locally(settings, kind, body, tags=list(tags), priority=priority, name=name, notes=notes)

    from tunix_rt.db import transaction
    from tunix_rt.runs.cli import announce, follow_to_end
    from tunix_rt.runs.kinds import KindRegistry
    from tunix_rt.runs.submission import queue_run

    async def go() -> uuid.UUID:
        registry = KindRegistry(settings.run_kinds)
        async with store_sessions(settings) as sessions, transaction(sessions) as session:
            queued = await queue_run(
                session, settings, registry, kind, body, tags=list(tags), priority=priority, name=name, notes=notes
            )
            return queued.id

    run_id = run(go())
    announce(run_id, settings)
    if wait:
        follow_to_end(run_id, settings)
    return []
