"""A sweep's trial rows settle in the same statement that takes the sweep out of running, on
both databases and whoever writes that statement: the API cancelling a queued sweep, the
worker recording a cancelled, failed or succeeded sweep or releasing it as it stops, and the
reaper requeuing or failing a sweep whose lease expired. Finished trials keep what they
recorded, and other sweeps' trials are left alone. No Ray: the trials are rows written here,
as a trial's Ray worker would have left them when it died with the sweep."""

from __future__ import annotations

import uuid

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.sweeps.conftest import sweep_config
from tunix_rt import db
from tunix_rt.runs import queue
from tunix_rt.runs import store as runs
from tunix_rt.runs.queue import Lease
from tunix_rt.runs.store import RunStatus
from tunix_rt.sweeps import store

WORKER = "worker-under-test"
FINISHED_ROWS = {
    "won": ("succeeded", None),
    "asha": ("stopped", "stopped by the scheduler"),
    "raised": ("failed", "training run failed"),
}
"""Trials that finished before the sweep stopped: every ending keeps them as they are."""


async def sweep_with_trials(
    client: httpx.AsyncClient, keys: tuple[str, str], sessions: async_sessionmaker[AsyncSession]
) -> uuid.UUID:
    """A queued sweep with a running and a pending trial besides the finished ones."""
    created = await client.post("/api/sweeps", json={"config": sweep_config(*keys)})
    assert created.status_code == 202, created.text
    sweep_id = uuid.UUID(created.json()["run"]["id"])
    async with db.transaction(sessions) as session:
        await store.upsert_trial(session, sweep_id, "training", params={"lora.r": 4}, status="running")
        await store.upsert_trial(session, sweep_id, "starting", params={"lora.r": 5}, status="pending")
        for trial_id, (status, error) in FINISHED_ROWS.items():
            await store.upsert_trial(session, sweep_id, trial_id, params={"lora.r": 6}, status=status, error=error)
    return sweep_id


async def rows(sessions: async_sessionmaker[AsyncSession], sweep_id: uuid.UUID) -> dict[str, tuple[str, str | None]]:
    async with sessions() as session:
        return {t.trial_id: (t.status, t.error) for t in await store.trials_of(session, sweep_id)}


async def claimed(sessions: async_sessionmaker[AsyncSession], sweep_id: uuid.UUID, lease_seconds: float = 60) -> Lease:
    """The sweep claimed by a worker (its driver's trials are running)."""
    async with db.transaction(sessions) as session:
        run = await queue.claim_run(session, sweep_id, WORKER, lease_seconds)
    assert run is not None
    return Lease(run.id, WORKER, run.attempts)


async def test_cancelling_a_queued_sweep_cancels_its_unfinished_trials(
    client: httpx.AsyncClient, keys: tuple[str, str], sessions: async_sessionmaker[AsyncSession]
) -> None:
    sweep_id = await sweep_with_trials(client, keys, sessions)
    other = await sweep_with_trials(client, keys, sessions)

    cancelled = await client.post(f"/api/sweeps/{sweep_id}/cancel")

    assert cancelled.status_code == 202, cancelled.text
    assert {t["trial_id"]: t["status"] for t in cancelled.json()["trials"]} == {
        "training": "cancelled",
        "starting": "cancelled",
        "won": "succeeded",
        "asha": "stopped",
        "raised": "failed",
    }
    reason = "the sweep was cancelled before this trial finished"
    assert await rows(sessions, sweep_id) == {
        "training": ("cancelled", reason),
        "starting": ("cancelled", reason),
        **FINISHED_ROWS,
    }
    assert (await rows(sessions, other))["training"] == ("running", None)


async def test_the_runs_api_cancelling_a_queued_sweep_settles_its_trials_too(
    client: httpx.AsyncClient, keys: tuple[str, str], sessions: async_sessionmaker[AsyncSession]
) -> None:
    sweep_id = await sweep_with_trials(client, keys, sessions)

    assert (await client.post(f"/api/runs/{sweep_id}/cancel")).status_code == 202

    assert {trial_id: status for trial_id, (status, _) in (await rows(sessions, sweep_id)).items()} == {
        "training": "cancelled",
        "starting": "cancelled",
        "won": "succeeded",
        "asha": "stopped",
        "raised": "failed",
    }


async def test_a_running_sweep_keeps_its_trials_running_until_its_cancellation_is_recorded(
    client: httpx.AsyncClient, keys: tuple[str, str], sessions: async_sessionmaker[AsyncSession]
) -> None:
    sweep_id = await sweep_with_trials(client, keys, sessions)
    lease = await claimed(sessions, sweep_id)
    assert (await client.post(f"/api/sweeps/{sweep_id}/cancel")).status_code == 202
    assert (await rows(sessions, sweep_id))["training"] == ("running", None)  # its driver is stopping them

    async with db.transaction(sessions) as session:
        assert await queue.finish(session, lease, RunStatus.CANCELLED, exit_code=143, error=None) is not None

    reason = "the sweep was cancelled before this trial finished"
    assert await rows(sessions, sweep_id) == {
        "training": ("cancelled", reason),
        "starting": ("cancelled", reason),
        **FINISHED_ROWS,
    }


@pytest.mark.parametrize(
    ("ending", "error", "settled", "reason"),
    [
        (
            RunStatus.FAILED,
            "RuntimeError: Tune gave up",
            "failed",
            "the sweep failed before this trial finished: RuntimeError: Tune gave up",
        ),
        (RunStatus.SUCCEEDED, None, "stopped", "the sweep succeeded before this trial finished"),
    ],
)
async def test_a_finished_sweep_settles_its_unfinished_trials_with_its_ending(
    client: httpx.AsyncClient,
    keys: tuple[str, str],
    sessions: async_sessionmaker[AsyncSession],
    ending: RunStatus,
    error: str | None,
    settled: str,
    reason: str,
) -> None:
    """Failed: the trials failed with the sweep's reason. Succeeded: Tune ended a trial the
    driver never recorded (the time budget), so it stopped."""
    sweep_id = await sweep_with_trials(client, keys, sessions)
    lease = await claimed(sessions, sweep_id)

    async with db.transaction(sessions) as session:
        assert await queue.finish(session, lease, ending, exit_code=0, error=error) is not None

    assert await rows(sessions, sweep_id) == {
        "training": (settled, reason),
        "starting": (settled, reason),
        **FINISHED_ROWS,
    }


async def test_a_sweep_released_by_its_stopping_worker_leaves_its_trials_pending(
    client: httpx.AsyncClient, keys: tuple[str, str], sessions: async_sessionmaker[AsyncSession]
) -> None:
    sweep_id = await sweep_with_trials(client, keys, sessions)
    lease = await claimed(sessions, sweep_id)

    async with db.transaction(sessions) as session:
        assert await queue.release(session, lease) is not None

    assert await rows(sessions, sweep_id) == {
        "training": ("pending", None),
        "starting": ("pending", None),
        **FINISHED_ROWS,
    }


async def test_a_sweep_whose_lease_expired_requeues_or_fails_its_trials(
    client: httpx.AsyncClient, keys: tuple[str, str], sessions: async_sessionmaker[AsyncSession]
) -> None:
    sweep_id = await sweep_with_trials(client, keys, sessions)
    await claimed(sessions, sweep_id, lease_seconds=-1)

    async with db.transaction(sessions) as session:
        assert (await queue.reap(session, max_attempts=2)).requeued == [sweep_id]
    assert (await rows(sessions, sweep_id))["training"] == ("pending", None)

    await claimed(sessions, sweep_id, lease_seconds=-1)
    async with db.transaction(sessions) as session:
        await store.upsert_trial(session, sweep_id, "training", status="running")  # resumed by the attempt
        assert (await queue.reap(session, max_attempts=2)).failed == [sweep_id]
        assert (await runs.get(session, sweep_id)).status == RunStatus.FAILED

    reason = "the sweep failed before this trial finished: lease expired after 2 attempts"
    assert await rows(sessions, sweep_id) == {
        "training": ("failed", reason),
        "starting": ("failed", reason),
        **FINISHED_ROWS,
    }
