"""The rollout routes: a run's recorded GRPO completions, paged and filtered, and their per-step
summaries with the reward-hacking alarms computed from them."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import ValidationError

from tunix_rt.deps import PageSize, SessionDep, SettingsDep
from tunix_rt.errors import Invalid
from tunix_rt.rollouts import alarms, store
from tunix_rt.rollouts.schema import AlarmRead, RolloutPage, RolloutRead, RolloutSteps, StepSummaryRead
from tunix_rt.runs.api import RunDep
from tunix_rt.training.config import AlarmSettings

router = APIRouter(prefix="/api/runs", tags=["runs"])


@router.get("/{run_id}/rollouts", response_model=RolloutPage)
async def list_rollouts(
    run: RunDep,
    session: SessionDep,
    settings: SettingsDep,
    step: Annotated[int | None, Query(ge=0, description="Only this step's rollouts.")] = None,
    min_reward: Annotated[float | None, Query(description="Only rollouts whose total reward is at least this.")] = None,
    max_reward: Annotated[float | None, Query(description="Only rollouts whose total reward is at most this.")] = None,
    limit: PageSize = 100,
    cursor: Annotated[str | None, Query(description="next_cursor of the previous page.")] = None,
) -> RolloutPage:
    """In step, group, completion order, keyset-paged."""
    if limit > settings.max_page_size:
        raise Invalid(
            f"limit {limit} is over the maximum page size {settings.max_page_size}",
            errors=[{"loc": ["query", "limit"], "msg": f"at most {settings.max_page_size}", "type": "less_than_equal"}],
        )
    filters = store.RolloutFilters(step=step, min_reward=min_reward, max_reward=max_reward)
    rows, next_cursor = await store.page(session, run.id, filters, limit, cursor)
    return RolloutPage(items=[RolloutRead.model_validate(row) for row in rows], next_cursor=next_cursor)


def thresholds(config: Mapping[str, Any]) -> alarms.Thresholds:
    """The alarm thresholds of a run's stored config (``grpo.alarms``), the ones its child
    raised alarms with. The config was validated when the run was submitted; one from before
    thresholds were configurable, or of a run that is not GRPO, has the defaults."""
    grpo = config.get("grpo")
    given = grpo.get("alarms") if isinstance(grpo, Mapping) else None
    try:
        return AlarmSettings.model_validate(given or {}).thresholds
    except ValidationError:
        return alarms.Thresholds()


@router.get("/{run_id}/rollouts/steps", response_model=RolloutSteps)
async def rollout_steps(run: RunDep, session: SessionDep) -> RolloutSteps:
    """Each recorded step's per-reward means, mean total and length, and the fraction of groups
    with zero advantage; and the alarms those trip (``rollouts/alarms.py``) with the run's own
    thresholds (``grpo.alarms`` of its config)."""
    summaries = await store.summaries(session, run.id)
    limits = thresholds(run.config)
    return RolloutSteps(
        steps=[StepSummaryRead.of(summary) for summary in summaries],
        alarms=[AlarmRead(**dataclasses.asdict(alarm)) for alarm in alarms.detect(summaries, limits)],
        window=limits.window,
    )
