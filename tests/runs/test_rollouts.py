"""GRPO rollouts from a run's events to the API and the CLI, on both databases: the worker
stores what the child reports, and the rollouts are paged, filtered, summarised per step with
their alarms, and exported as traces."""

from __future__ import annotations

import uuid
from pathlib import Path

import httpx
import orjson
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.commands import tunix_off_loop
from tests.runs.conftest import submit, wait_for, worker_running
from tunix_rt import db
from tunix_rt.rollouts import store
from tunix_rt.runs.events import AlarmEvent, RolloutEvent
from tunix_rt.runs.store import RunStatus
from tunix_rt.runs.tables import Run
from tunix_rt.settings import Settings
from tunix_rt.traces.schema import TraceIn

GOOD = "<reasoning>2+2=4</reasoning>\n<answer>4</answer>"
TAGS_ONLY = "<reasoning>so</reasoning>\n<answer>5</answer>"
BLANK = ""


def events() -> list[RolloutEvent]:
    """Four recorded steps of two groups of two: the format reward rises from 0 to 1 at step 3
    while correctness stays as it was (group 0 split 1/0, group 1 both 0): a reward hack."""
    made = []
    for step in (1, 2, 3, 4):
        fmt = 1.0 if step >= 3 else 0.0
        for group in (0, 1):
            for index in (0, 1):
                correct = 1.0 if (group, index) == (0, 0) else 0.0
                advantage = (0.7 if index == 0 else -0.7) if group == 0 else 0.0
                made.append(
                    RolloutEvent(
                        step=step,
                        group=group,
                        index=index,
                        prompt=f"What is 2+{group + 2}?",
                        completion=GOOD if correct else TAGS_ONLY if group == 0 else BLANK,
                        answer=str(4 + group),
                        rewards={"format": fmt, "correctness": correct},
                        total=fmt + 2 * correct,
                        advantage=advantage,
                        length=10,
                    )
                )
    return made


ALARM = AlarmEvent(
    kind="format_without_correctness",
    first_step=1,
    last_step=4,
    message="format reward rose 0.00 -> 1.00 while correctness went 0.25 -> 0.25",
    values={"format_before": 0.0, "format_after": 1.0},
)


async def recorded_run(settings: Settings, sessions: async_sessionmaker[AsyncSession]) -> uuid.UUID:
    lines = [{"op": "print", "text": event.model_dump_json()} for event in [*events(), ALARM]]
    run_id = await submit(sessions, *lines, {"op": "print", "text": "done"})
    async with worker_running(settings, sessions):
        await wait_for(sessions, run_id, RunStatus.SUCCEEDED)
    return run_id


async def test_rollouts_are_stored_paged_filtered_and_summarised_with_alarms(
    client: httpx.AsyncClient, settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    run_id = await recorded_run(settings, sessions)
    first = (await client.get(f"/api/runs/{run_id}/rollouts?limit=5")).json()
    assert [(r["step"], r["group_index"], r["sample_index"]) for r in first["items"]] == [
        (1, 0, 0),
        (1, 0, 1),
        (1, 1, 0),
        (1, 1, 1),
        (2, 0, 0),
    ]
    assert first["items"][0] == {
        "step": 1,
        "group_index": 0,
        "sample_index": 0,
        "prompt": "What is 2+2?",
        "completion": GOOD,
        "answer": "4",
        "rewards": {"format": 0.0, "correctness": 1.0},
        "total": 2.0,
        "advantage": 0.7,
        "length": 10,
    }
    rest = (await client.get(f"/api/runs/{run_id}/rollouts", params={"cursor": first["next_cursor"]})).json()
    assert len(rest["items"]) == 11
    assert rest["next_cursor"] is None

    step3 = (await client.get(f"/api/runs/{run_id}/rollouts?step=3")).json()["items"]
    assert [r["total"] for r in step3] == [3.0, 1.0, 1.0, 1.0]
    rewarded = (await client.get(f"/api/runs/{run_id}/rollouts?min_reward=1.5&max_reward=2.5")).json()["items"]
    assert [(r["step"], r["total"]) for r in rewarded] == [(1, 2.0), (2, 2.0)]

    summary = (await client.get(f"/api/runs/{run_id}/rollouts/steps")).json()
    assert [s["step"] for s in summary["steps"]] == [1, 2, 3, 4]
    assert summary["steps"][0]["rewards"] == {"correctness": 0.25, "format": 0.0}
    assert summary["steps"][3]["rewards"] == {"correctness": 0.25, "format": 1.0}
    assert [s["zero_std_groups"] for s in summary["steps"]] == [0.5] * 4
    assert summary["window"] == 4
    assert [(a["kind"], a["first_step"], a["last_step"]) for a in summary["alarms"]] == [
        ("format_without_correctness", 1, 4)
    ]
    # the alarm the child raised is a line of the run's log on a stream of its own, window and all
    logs = (await client.get(f"/api/runs/{run_id}/logs")).json()["items"]
    assert [(line["stream"], line["line"]) for line in logs if line["stream"] == "alarm"] == [
        ("alarm", "reward-hacking alarm format_without_correctness (steps 1-4): " + ALARM.message)
    ]


async def test_alarms_are_computed_with_the_thresholds_of_the_runs_config(
    client: httpx.AsyncClient, settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    run_id = await recorded_run(settings, sessions)
    grpo = {"method": "grpo", "grpo": {"alarms": {"window": 2}}}
    async with db.transaction(sessions) as session:
        await session.execute(update(Run).where(Run.id == run_id).values(config=grpo))
    summary = (await client.get(f"/api/runs/{run_id}/rollouts/steps")).json()
    # windows of two recorded steps: the format reward jumps between steps 2 and 3
    assert summary["window"] == 2
    assert [(a["kind"], a["first_step"], a["last_step"]) for a in summary["alarms"]] == [
        ("format_without_correctness", 2, 3)
    ]
    strict = {"method": "grpo", "grpo": {"alarms": {"window": 2, "format_rise": 1.5}}}
    async with db.transaction(sessions) as session:
        await session.execute(update(Run).where(Run.id == run_id).values(config=strict))
    assert (await client.get(f"/api/runs/{run_id}/rollouts/steps")).json()["alarms"] == []


async def test_bad_rollout_queries_are_422_and_an_unknown_run_404(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession]
) -> None:
    run_id = await submit(sessions)
    empty = (await client.get(f"/api/runs/{run_id}/rollouts")).json()
    assert empty == {"items": [], "next_cursor": None}
    assert (await client.get(f"/api/runs/{run_id}/rollouts/steps")).json() == {"steps": [], "alarms": [], "window": 4}
    for query, loc in (
        ("cursor=garbage", ["query", "cursor"]),
        ("min_reward=2&max_reward=1", ["query", "min_reward"]),
        ("step=-1", ["query", "step"]),
    ):
        response = await client.get(f"/api/runs/{run_id}/rollouts?{query}")
        assert response.status_code == 422, query
        assert loc in [error["loc"] for error in response.json()["errors"]], query
    assert (await client.get(f"/api/runs/{uuid.uuid4()}/rollouts")).status_code == 404


async def test_the_cli_lists_filters_and_exports_rollouts_as_traces(
    cli_env: dict[str, str], settings: Settings, sessions: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    run_id = await recorded_run(settings, sessions)
    listed = await tunix_off_loop(
        cli_env, "runs", "rollouts", str(run_id)[:8], "--step", "2", "--min-reward", "0.5", "--json"
    )
    rows = [orjson.loads(line) for line in listed.stdout.splitlines()]
    assert [(r["step"], r["group_index"], r["sample_index"], r["total"]) for r in rows] == [(2, 0, 0, 2.0)]
    table = (await tunix_off_loop(cli_env, "runs", "rollouts", str(run_id), "--limit", "3")).stdout
    assert "correctness=1 format=0" in table
    assert "+0.7" in table

    out = tmp_path / "rollouts.jsonl"
    exported = await tunix_off_loop(cli_env, "runs", "rollouts", str(run_id), "--min-reward", "1", "--export", str(out))
    traces = [TraceIn.model_validate_json(line) for line in out.read_text().splitlines()]
    # steps 1-2: the correct one; steps 3-4: every one (format 1), of which group 1's are blank
    assert len(traces) == 6
    assert "wrote 6 traces of 10 rollouts" in exported.stderr
    assert "dropped 4 no_answer" in exported.stderr
    best = traces[0]
    assert (best.prompt, best.final_answer, best.source) == ("What is 2+2?", "4", f"grpo:{run_id}")
    assert [step.content for step in best.steps] == ["2+2=4"]
    provenance = best.meta["provenance"]
    assert provenance["source"] == f"grpo:{run_id}"
    assert provenance["reward"] == 2.0
    assert provenance["verdict"]["strict"] is True
    assert (provenance["step"], provenance["item_id"], provenance["sample_index"]) == (1, "step-1/group-0", 0)
    assert provenance["rewards"] == {"format": 0.0, "correctness": 1.0}
    assert provenance["expected_answer"] == "4"
    imported = await tunix_off_loop(cli_env, "traces", "import", str(out))
    # the store keeps a trace's content once: the crafted steps repeat two completions
    assert "stored: 6 lines, 2 imported, 4 duplicates, 0 invalid" in imported.stdout


async def test_a_rollout_recorded_again_replaces_the_old_one(
    settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    run_id = await submit(sessions)
    first, second = events()[0], events()[1]
    again = first.model_copy(update={"completion": "resumed", "total": 0.5})
    async with db.transaction(sessions) as session:
        await store.upsert(session, [store.row_of(run_id, first), store.row_of(run_id, second)])
    async with db.transaction(sessions) as session:
        await store.upsert(session, [store.row_of(run_id, again)])
    async with sessions() as session:
        rows, cursor = await store.page(session, run_id, store.RolloutFilters(step=1), 10, None)
    assert [(r.sample_index, r.completion, r.total) for r in rows] == [(0, "resumed", 0.5), (1, TAGS_ONLY, 0.0)]
    assert cursor is None
    # the step's summary is rewritten from its stored rows, the replaced one included
    async with sessions() as session:
        (summary,) = await store.summaries(session, run_id)
    assert (summary.step, summary.total, summary.length, summary.zero_std_groups) == (1, 0.25, 10.0, 0.0)
    assert summary.rewards == {"correctness": 0.5, "format": 0.0}
