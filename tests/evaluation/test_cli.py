"""``tunix-rt eval leaderboard | show | compare | baselines`` and ``runs show`` of an eval run, as a
user runs them (command by command, in the test's process: ``tests/commands.py``) on both
databases: the numbers are the API's, a baseline the CLI creates is one ``eval gate`` can use, and
mistakes are messages with exit code 2.

The eval runs are recorded from hand-written outputs (``recorded_eval``), so the expected counts
follow from which items each one got right; nothing is trained or generated.
"""

from __future__ import annotations

import asyncio
import functools
import subprocess
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import orjson
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.commands import tunix_off_loop
from tests.evaluation.test_api import EVALSET, evalset, recorded_eval, train_row
from tests.traces.test_cli import cli_env
from tunix_rt import db
from tunix_rt.runs import store as runs
from tunix_rt.runs.kinds import RunRefs
from tunix_rt.settings import Settings

__all__ = ["cli_env", "evalset"]

Record = Callable[[set[int], uuid.UUID | None], Awaitable[uuid.UUID]]


@pytest.fixture
def record(evalset: str, settings: Settings, sessions: async_sessionmaker[AsyncSession]) -> Record:
    """``record(right, source)``: an eval run on ``EVALSET`` (which ``evalset`` uploads) that got the
    items ``right`` right, of training run ``source`` (None: of the tiny preset)."""
    return functools.partial(recorded_eval, sessions, settings)


async def cli(env: dict[str, str], *args: str, code: int = 0) -> subprocess.CompletedProcess[str]:
    result = await tunix_off_loop(env, *args, code=code)
    assert "Traceback" not in result.stderr, result.stderr
    return result


async def cli_json(env: dict[str, str], *args: str) -> Any:
    return orjson.loads((await cli(env, *args)).stdout)


async def test_leaderboard_show_and_compare_print_what_the_api_answers(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession], record: Record, cli_env: dict[str, str]
) -> None:
    train_a, train_b = await train_row(sessions, "arith@v1"), await train_row(sessions, "other@v1")
    old_a = await record({0}, train_a)
    eval_a = await record({0, 1, 2, 3}, train_a)
    eval_b = await record(set(range(8)), train_b)
    untrained = await record(set(), None)
    async with db.transaction(sessions) as session:
        queued = (await runs.submit(session, "eval", {"evalset": EVALSET}, RunRefs(evalset_key=EVALSET))).id

    board, page, shown, card, compared, compare_text, run_json, train_json, queued_json = await asyncio.gather(
        cli_json(cli_env, "eval", "leaderboard", "--evalset", EVALSET, "--json"),
        cli(cli_env, "eval", "leaderboard", "--limit", "2"),
        cli(cli_env, "eval", "show", str(eval_a)[:8]),
        cli_json(cli_env, "eval", "show", str(eval_a), "--json"),
        cli_json(cli_env, "eval", "compare", str(eval_a), str(eval_b), "--json"),
        cli(cli_env, "eval", "compare", str(eval_a)[:8], str(eval_b)[:6]),
        cli_json(cli_env, "runs", "show", str(eval_a)),
        cli_json(cli_env, "runs", "show", str(train_a)),
        cli_json(cli_env, "runs", "show", str(queued)),
    )

    assert board == (await client.get("/api/leaderboard", params={"evalset": EVALSET})).json()
    assert [row["run_id"] for row in board["items"]] == [str(eval_b), str(eval_a), str(untrained)]
    assert [row["primary_score"] for row in board["items"]] == [1.0, 0.5, 0.0]
    assert str(old_a) not in page.stdout
    rows = [line for line in page.stdout.splitlines() if str(eval_b) in line or str(eval_a) in line]
    assert [str(eval_b) in rows[0], str(eval_a) in rows[1]] == [True, True], page.stdout
    assert [cell.strip() for cell in rows[0].split("│")[3:6]] == ["1.000", "1.000", "8"]
    cells = [cell.strip() for cell in rows[1].split("│")[3:10]]
    assert cells == ["0.500", "1.000", "8", "strict_accuracy", f"run:{train_a}", EVALSET, "arith@v1"]
    next_cursor = (await client.get("/api/leaderboard", params={"limit": 2})).json()["next_cursor"]
    assert page.stderr.strip() == f"more: --cursor {next_cursor}"
    rest = await cli_json(cli_env, "eval", "leaderboard", "--limit", "2", "--cursor", next_cursor, "--json")
    assert [row["run_id"] for row in rest["items"]] == [str(untrained)]
    assert rest["next_cursor"] is None

    assert card == (await client.get(f"/api/evaluations/{eval_a}")).json()
    assert f"eval run {eval_a}" in shown.stdout
    assert f"run:{train_a} on {EVALSET}" in shown.stdout
    assert "0.500 (4/8)" in next(line for line in shown.stdout.splitlines() if "strict_accuracy" in line)
    assert "wrong_final_answer 4" in shown.stdout

    api_compare = (await client.get("/api/evaluations/compare", params={"a": str(eval_a), "b": str(eval_b)})).json()
    assert compared == api_compare
    assert compared["counts"] == {"fixed": 4, "broken": 0, "both_right": 4, "both_wrong": 0}
    assert "8 items of arith-eval@v1 in both, on strict: accuracy 0.500 (A) -> 1.000 (B)" in compare_text.stdout
    assert "fixed 4, broken 0, both right 4, both wrong 0; McNemar exact p = 0.125" in compare_text.stdout
    differ = compare_text.stdout.split("Items that differ")[1]
    assert [line.split()[1] for line in differ.splitlines() if "fixed" in line] == ["q4", "q5", "q6", "q7"]
    assert "q3" not in differ

    api_run = (await client.get(f"/api/runs/{eval_a}")).json()
    assert run_json == {**api_run, "evaluation": card}
    assert train_json == (await client.get(f"/api/runs/{train_a}")).json()
    assert queued_json == {**(await client.get(f"/api/runs/{queued}")).json(), "evaluation": None}


async def test_a_baseline_created_by_the_cli_is_the_one_eval_gate_checks(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession], record: Record, cli_env: dict[str, str]
) -> None:
    train_a = await train_row(sessions, "arith@v1")
    eval_a = await record({0, 1, 2, 3}, train_a)
    eval_b = await record(set(range(8)), None)
    create = ("eval", "baselines", "create")

    by_run = await cli(
        cli_env, *create, "main", "--evalset", EVALSET, "--run", str(train_a)[:8], "--abs-tolerance", "0.1"
    )
    assert by_run.stdout.strip() == (
        "created baseline main: strict_accuracy (higher is better, abs 0.1, rel 0, alpha 0.05) "
        f"of the latest evaluation of run {train_a} on {EVALSET}"
    )
    await cli(cli_env, *create, "pinned", "--evalset", EVALSET, "--evaluation", str(eval_b)[:8], "--alpha", "1")
    listed = await cli_json(cli_env, "eval", "baselines", "list", "--json")
    assert listed == (await client.get("/api/regression/baselines")).json()
    assert [(b["name"], b["run_id"], b["evaluation_id"], b["abs_tolerance"], b["alpha"]) for b in listed] == [
        ("main", str(train_a), None, 0.1, 0.05),
        ("pinned", None, str(eval_b), 0.0, 1.0),
    ]

    passed, regressed = await asyncio.gather(
        cli(cli_env, "eval", "gate", "--baseline", "main", str(eval_b)[:8]),
        cli(cli_env, "eval", "gate", "--baseline", "pinned", str(eval_a), code=1),
    )
    assert passed.stdout.startswith("PASS: strict_accuracy 1.0000 vs baseline 0.5000 (delta +0.5000")
    assert regressed.stdout.startswith("REGRESSION: strict_accuracy 0.5000 vs baseline 1.0000 (delta -0.5000")

    assert (await cli(cli_env, "eval", "baselines", "delete", "pinned")).stdout.strip() == "deleted baseline pinned"
    assert [b["name"] for b in (await client.get("/api/regression/baselines")).json()] == ["main"]
    assert "main" in (await cli(cli_env, "eval", "baselines", "list")).stdout


async def refused(env: dict[str, str], *args: str) -> list[str]:
    """A command that must be refused (exit 2, no traceback); its standard error, line by line."""
    return [line.rstrip() for line in (await cli(env, *args, code=2)).stderr.splitlines()]


async def test_mistakes_are_messages_with_exit_code_2(
    sessions: async_sessionmaker[AsyncSession], record: Record, cli_env: dict[str, str]
) -> None:
    train = await train_row(sessions, "arith@v1")
    evaluated = await record({0}, train)
    unknown = uuid.uuid4()
    create = ("eval", "baselines", "create")
    await cli(cli_env, *create, "main", "--evalset", EVALSET, "--evaluation", str(evaluated))

    results = await asyncio.gather(
        refused(cli_env, "eval", "show", str(unknown)),
        refused(cli_env, "eval", "show", str(train)),
        refused(cli_env, "eval", "compare", str(evaluated), str(unknown)),
        refused(cli_env, "eval", "leaderboard", "--since", "2026-01-02T00:00"),
        refused(cli_env, "eval", "leaderboard", "--cursor", "garbage"),
        refused(cli_env, *create, "main", "--evalset", EVALSET, "--evaluation", str(evaluated)),
        refused(cli_env, *create, "other", "--evalset", EVALSET, "--evaluation", str(unknown)),
        refused(cli_env, *create, "other", "--evalset", EVALSET),
        refused(cli_env, *create, "no good", "--evalset", EVALSET, "--run", str(train), "--direction", "up"),
        refused(cli_env, "eval", "baselines", "delete", "nope"),
        refused(cli_env, "eval", str(unknown), "--evalset", EVALSET),
    )
    assert results == [
        [f"error: no evaluation recorded for run {unknown}"],
        [f"error: no evaluation recorded for run {train}"],
        [f"error: no evaluation recorded for run {unknown}"],
        ["error: since must carry a timezone, e.g. 2026-01-02T00:00:00Z"],
        ["error: cursor is not one this server issued", "  query.cursor: malformed cursor"],
        ["error: a baseline named 'main' already exists"],
        [f"error: run {unknown} is neither an evaluation nor a run with an evaluation on {EVALSET}"],
        ["error: a baseline names exactly one of evaluation or run"],
        [
            "error: 2 problem(s) in BaselineCreate",
            "  name: String should match pattern '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'",
            "  direction: Input should be 'higher' or 'lower'",
        ],
        ["error: no regression baseline named 'nope'"],
        [f"error: run {unknown} does not exist", f"  run: run {unknown} does not exist"],
    ]


async def test_eval_run_takes_a_prefix_of_the_training_run(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession], evalset: str, cli_env: dict[str, str]
) -> None:
    """A prefix of a training run's id queues an evaluation of that run (the config holds its
    full id), named as asked; hex that no run's id starts with is a model reference."""
    train = await train_row(sessions, "arith@v1")
    queued = await cli(cli_env, "eval", "run", str(train)[:8], "--evalset", evalset, "--name", "of the prefix")
    shown = (await client.get(f"/api/runs/{queued.stdout.strip()}")).json()
    assert (shown["kind"], shown["config"]["run"], shown["name"]) == ("eval", str(train), "of the prefix")
    other = "ffffff" if not str(train).startswith("ffffff") else "000000"
    as_model = await cli(cli_env, "eval", "run", other, "--evalset", evalset)
    config = (await client.get(f"/api/runs/{as_model.stdout.strip()}")).json()["config"]
    assert (config["model"], config["run"]) == (other, None)


async def test_leaderboard_and_compare_refuse_different_settings_until_forced(
    sessions: async_sessionmaker[AsyncSession],
    evalset: str,
    settings: Settings,
    cli_env: dict[str, str],
) -> None:
    """What the API refuses the CLI refuses (exit 2, what differs in one line); --force ranks and
    compares anyway and warns on standard error."""
    common = {"backend": "torch", "batch_size": 16, "sampling": {"temperature": 0.0}}
    a_run = await train_row(sessions, "a@v1")
    a = await recorded_eval(sessions, settings, {0}, a_run, recorded=common)
    b_run = await train_row(sessions, "b@v1")
    b = await recorded_eval(sessions, settings, {0, 1}, b_run, recorded={**common, "batch_size": 4})
    # A long message folds at the terminal's width: read it as one text.
    board, compared = (
        " ".join(lines)
        for lines in await asyncio.gather(
            refused(cli_env, "eval", "leaderboard", "--evalset", EVALSET),
            refused(cli_env, "eval", "compare", str(a), str(b)),
        )
    )
    assert board.startswith(f"error: the leaderboard would rank evaluations made with different settings: on {EVALSET}")
    assert f"batch_size: 16 (run:{a_run}) vs 4 (run:{b_run})" in board
    assert compared.startswith(
        f"error: evaluations {a} and {b} were made with different settings: batch_size: 16 (a) vs 4 (b)"
    )
    forced, compared_anyway = await asyncio.gather(
        cli(cli_env, "eval", "leaderboard", "--evalset", EVALSET, "--force"),
        cli(cli_env, "eval", "compare", str(a), str(b), "--force"),
    )
    assert str(b) in forced.stdout.split(str(a))[0], "b (higher score) ranks first"
    assert (
        f"warning: ranked with different settings on {EVALSET} (--force): batch_size: 16 (a) vs 4 (b)" in forced.stderr
    )
    assert "warning: compared with different settings (--force): batch_size: 16 (A) vs 4 (B)" in compared_anyway.stderr
    assert "fixed 1, broken 0" in compared_anyway.stdout
