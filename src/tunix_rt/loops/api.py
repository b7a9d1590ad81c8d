"""The loop routes: a loop is a run of kind ``loop``; these add its rounds, their links and
their numbers."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse

from tunix_rt.deps import CallerDep, PageSize, SessionDep, SettingsDep, id_in_path
from tunix_rt.errors import Invalid
from tunix_rt.loops import store, view
from tunix_rt.loops.config import LoopConfig
from tunix_rt.loops.schema import LoopCreate, LoopPage, LoopRead, LoopSummary
from tunix_rt.loops.store import LOOP_KIND
from tunix_rt.runs import store as runs
from tunix_rt.runs.api import QUOTA_RESPONSES, RegistryDep
from tunix_rt.runs.schema import RunRead
from tunix_rt.runs.store import RunFilters
from tunix_rt.runs.submission import queue_run
from tunix_rt.runs.tables import Run

router = APIRouter(prefix="/api/loops", tags=["loops"])


async def _read(session: SessionDep, loop: Run) -> LoopRead:
    return LoopRead(
        run=RunRead.model_validate(loop),
        config=LoopConfig.model_validate(loop.config),
        rounds=await view.rounds(session, loop.id),
    )


@router.post("", status_code=202, response_model=LoopRead, responses=QUOTA_RESPONSES)
async def create_loop(
    body: LoopCreate, session: SessionDep, settings: SettingsDep, kinds: RegistryDep, caller: CallerDep
) -> JSONResponse:
    """Queue a loop (checked like ``POST /api/runs`` with kind loop); a worker with room for one
    more run beside it drives it."""
    run = await queue_run(
        session, settings, kinds, LOOP_KIND, body.config, tags=body.tags, submitted_by=caller, name=body.name
    )
    read = await _read(session, run)
    return JSONResponse(read.model_dump(mode="json"), status_code=202, headers={"Location": f"/api/loops/{run.id}"})


@router.get("", response_model=LoopPage)
async def list_loops(
    session: SessionDep,
    settings: SettingsDep,
    limit: PageSize = 50,
    cursor: Annotated[str | None, Query(description="next_cursor of the previous page.")] = None,
) -> LoopPage:
    """Loops newest first, keyset-paged, each with its rounds done and latest accuracy."""
    if limit > settings.max_page_size:
        raise Invalid(
            f"limit {limit} is over the maximum page size {settings.max_page_size}",
            errors=[{"loc": ["query", "limit"], "msg": f"at most {settings.max_page_size}", "type": "less_than_equal"}],
        )
    loops, next_cursor = await runs.list_page(session, RunFilters(kind=LOOP_KIND), limit, cursor)
    by_loop = await store.rounds_of(session, [loop.id for loop in loops])
    items = []
    for loop in loops:
        done = [row for row in by_loop[loop.id] if row.status == "succeeded"]
        latest = done[-1].strict_accuracy if done else None
        items.append(LoopSummary(run=RunRead.model_validate(loop), rounds_done=len(done), latest_strict=latest))
    return LoopPage(items=items, next_cursor=next_cursor)


LoopIdDep = Annotated[uuid.UUID, Depends(id_in_path(Run.id, "loop", "loop_id"))]
"""A loop (its run's id) in the path: the full id or a unique prefix of it."""


@router.get("/{loop_id}", response_model=LoopRead)
async def read_loop(loop_id: LoopIdDep, session: SessionDep) -> LoopRead:
    """The loop with every round reached: links, numbers, and each round against round 0."""
    return await _read(session, await store.get_loop(session, loop_id))
