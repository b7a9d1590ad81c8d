"""The sweep routes: a sweep is a run of kind ``sweep``; these add its trials, best trial,
parallel-coordinates table and one-step promotion of the best model."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from fastapi.responses import JSONResponse

from tunix_rt.deps import CallerDep, PageSize, SessionDep, SettingsDep, id_in_path
from tunix_rt.errors import Invalid
from tunix_rt.registry.api import BlobsDep, version_read
from tunix_rt.registry.schema import PromoteResult
from tunix_rt.registry.store import aliases_of
from tunix_rt.runs import store as runs
from tunix_rt.runs.api import QUOTA_RESPONSES, RegistryDep
from tunix_rt.runs.schema import RunRead
from tunix_rt.runs.store import RunFilters
from tunix_rt.runs.submission import queue_run
from tunix_rt.runs.tables import Run
from tunix_rt.sweeps import store
from tunix_rt.sweeps.config import SweepConfig
from tunix_rt.sweeps.schema import (
    ParallelTable,
    SweepCreate,
    SweepPage,
    SweepPromote,
    SweepRead,
    SweepSummary,
    TableColumn,
    TableRow,
    TrialRead,
)
from tunix_rt.sweeps.store import SWEEP_KIND

router = APIRouter(prefix="/api/sweeps", tags=["sweeps"])


def _objective(config: SweepConfig) -> str:
    return f"{config.objective.metric} ({config.objective.mode})"


async def _read(session: SessionDep, sweep: Run) -> SweepRead:
    config = SweepConfig.model_validate(sweep.config)
    trials = await store.trials_of(session, sweep.id)
    best = store.best_trial(config, trials)
    columns, rows = store.parallel_table(config, trials)
    return SweepRead(
        run=RunRead.model_validate(sweep),
        config=config,
        objective=_objective(config),
        trials=[TrialRead.model_validate(trial) for trial in trials],
        best=TrialRead.model_validate(best) if best is not None else None,
        table=ParallelTable(
            columns=[TableColumn(name=c.name, role=c.role, type=c.type) for c in columns],
            rows=[TableRow.model_validate(row) for row in rows],
        ),
    )


def _accepted(body: SweepRead) -> JSONResponse:
    location = f"/api/sweeps/{body.run.id}"
    return JSONResponse(body.model_dump(mode="json"), status_code=202, headers={"Location": location})


@router.post("", status_code=202, response_model=SweepRead, responses=QUOTA_RESPONSES)
async def create_sweep(
    body: SweepCreate, session: SessionDep, settings: SettingsDep, kinds: RegistryDep, caller: CallerDep
) -> JSONResponse:
    """Queue a sweep (checked like ``POST /api/runs`` with kind sweep); a worker runs it."""
    run = await queue_run(
        session,
        settings,
        kinds,
        SWEEP_KIND,
        body.config,
        tags=body.tags,
        priority=body.priority,
        submitted_by=caller,
    )
    return _accepted(await _read(session, run))


@router.get("", response_model=SweepPage)
async def list_sweeps(
    session: SessionDep,
    settings: SettingsDep,
    limit: PageSize = 50,
    cursor: Annotated[str | None, Query(description="next_cursor of the previous page.")] = None,
) -> SweepPage:
    """Sweeps newest first, keyset-paged, each with its best objective so far."""
    if limit > settings.max_page_size:
        raise Invalid(
            f"limit {limit} is over the maximum page size {settings.max_page_size}",
            errors=[{"loc": ["query", "limit"], "msg": f"at most {settings.max_page_size}", "type": "less_than_equal"}],
        )
    sweeps, next_cursor = await runs.list_page(session, RunFilters(kind=SWEEP_KIND), limit, cursor)
    items = []
    for sweep in sweeps:
        config = SweepConfig.model_validate(sweep.config)
        best = store.best_trial(config, await store.trials_of(session, sweep.id))
        items.append(
            SweepSummary(
                run=RunRead.model_validate(sweep),
                objective=_objective(config),
                best_objective=best.objective if best is not None else None,
            )
        )
    return SweepPage(items=items, next_cursor=next_cursor)


SweepIdDep = Annotated[uuid.UUID, Depends(id_in_path(Run.id, "sweep", "sweep_id"))]
"""A sweep (its run's id) in the path: the full id or a unique prefix of it."""


@router.get("/{sweep_id}", response_model=SweepRead)
async def read_sweep(sweep_id: SweepIdDep, session: SessionDep) -> SweepRead:
    return await _read(session, await store.get_sweep(session, sweep_id))


@router.post("/{sweep_id}/cancel", status_code=202, response_model=SweepRead)
async def cancel_sweep(sweep_id: SweepIdDep, session: SessionDep) -> JSONResponse:
    """Cancel the sweep and every unfinished run of its trials."""
    await store.get_sweep(session, sweep_id)
    return _accepted(await _read(session, await runs.cancel(session, sweep_id)))


@router.post(
    "/{sweep_id}/promote",
    status_code=201,
    response_model=PromoteResult,
    responses={200: {"model": PromoteResult, "description": "The same content is already a version (created: false)."}},
)
async def promote_best(
    sweep_id: SweepIdDep,
    body: SweepPromote,
    session: SessionDep,
    settings: SettingsDep,
    blobs: BlobsDep,
    response: Response,
) -> PromoteResult:
    """Register the best trial's trained model as a version of ``model``; 409 when no trial succeeded."""
    version, created = await store.promote_best(
        session, blobs, settings.home, sweep_id, body.model, label=body.version, description=body.description
    )
    if not created:
        response.status_code = 200
    aliases = await aliases_of(session, version.model_id)
    return PromoteResult.model_validate({**version_read(body.model, version, aliases), "created": created})
