"""A kind's ``on_success`` hook runs inside the worker's final transaction: what it writes is
committed with the success, and when it refuses the run's outputs the run is recorded as failed
with the reason instead (never left running, never half-recorded)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.runs.conftest import wait_for
from tunix_rt import db
from tunix_rt.errors import Invalid
from tunix_rt.runs import store
from tunix_rt.runs.events import EventSink
from tunix_rt.runs.kinds import KindRegistry, RunKind, RunRefs
from tunix_rt.runs.store import RunStatus
from tunix_rt.runs.worker import Worker, running
from tunix_rt.settings import Settings

if TYPE_CHECKING:
    from tunix_rt.runs.tables import Run


class Outcome(BaseModel):
    model_config = ConfigDict(extra="forbid")

    write: Literal["accepted", "garbage", "duplicate"] = "accepted"


def _execute(config: Outcome, run_dir: Path, events: EventSink) -> None:
    (run_dir / "out.txt").write_text(config.write)


async def _ingest(session: AsyncSession, run: Run, run_dir: Path) -> None:
    text = (run_dir / "out.txt").read_text()
    if text == "garbage":
        raise Invalid(f"out.txt says {text!r}")
    row = {"run_id": run.id, "seq": 10_000, "stream": "worker", "line": "ingested"}
    await store.add_logs(session, [row, row] if text == "duplicate" else [row])


HOOKED = RunKind(name="hooked", config_model=Outcome, execute=_execute, on_success=_ingest)
PATH = "tests.runs.test_success_hook:HOOKED"


async def test_on_success_commits_with_the_success_or_fails_the_run(
    settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    ids = []
    for write in ("accepted", "garbage", "duplicate"):
        async with db.transaction(sessions) as session:
            run = await store.submit(session, "hooked", {"write": write}, RunRefs())
            ids.append(run.id)
    async with running(Worker(settings, sessions, registry=KindRegistry([PATH]))):
        good = await wait_for(sessions, ids[0], RunStatus.SUCCEEDED, RunStatus.FAILED)
        bad = await wait_for(sessions, ids[1], RunStatus.SUCCEEDED, RunStatus.FAILED)
        refused = await wait_for(sessions, ids[2], RunStatus.SUCCEEDED, RunStatus.FAILED)
    assert (good.status, good.error) == (RunStatus.SUCCEEDED, None)
    async with sessions() as session:
        lines = [row.line for row in await store.logs_after(session, ids[0], 0, 100_000)]
    assert "ingested" in lines
    assert bad.status == RunStatus.FAILED
    assert bad.error == "outputs not recorded: out.txt says 'garbage'"
    # the database refusing the hook's writes (a duplicate key here) fails the run too, with
    # the savepoint rolled back: nothing the hook wrote is kept
    assert refused.status == RunStatus.FAILED
    assert refused.error is not None
    assert refused.error.startswith("outputs not recorded: the database refused them: ")
    async with sessions() as session:
        assert "ingested" not in [row.line for row in await store.logs_after(session, ids[2], 0, 100_000)]
