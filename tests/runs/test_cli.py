"""``tunix-rt runs ...`` and ``tunix-rt worker`` driven as a user would, on both databases."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.commands import tunix
from tests.test_short_ids import FIRST, SECOND, insert_runs


def test_submit_work_follow_and_manage(cli_env: dict[str, str], tmp_path: Path) -> None:
    config = tmp_path / "ok.json"
    config.write_text(orjson.dumps({"steps": [{"op": "print", "text": "hello"}], "model": "tiny"}).decode())
    failing = tmp_path / "fail.yaml"
    failing.write_text("steps:\n  - op: fail\n    text: broken\n")
    submitted = tunix(cli_env, "runs", "submit", "scripted", "--config", str(config), "--tag", "cli")
    ok_id = submitted.stdout.strip()
    assert f"queued; follow its log with: tunix-rt runs logs {ok_id} -f" in submitted.stderr.splitlines()
    fail_id = tunix(cli_env, "runs", "submit", "scripted", "--config", str(failing)).stdout.strip()
    rows = [orjson.loads(line) for line in tunix(cli_env, "runs", "list", "--json").stdout.splitlines()]
    assert [(row["id"], row["status"]) for row in rows] == [(fail_id, "queued"), (ok_id, "queued")]
    assert rows[1]["tags"] == ["cli"]
    table = tunix(cli_env, "runs", "list", "--model", "tiny").stdout
    assert ok_id[:8] in table
    assert fail_id[:8] not in table
    worker = subprocess.Popen(
        [sys.executable, "-m", "tunix_rt", "worker", "--concurrency", "2"],
        env=cli_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        followed = tunix(cli_env, "runs", "logs", ok_id, "-f")
        assert "hello" in followed.stdout.splitlines()
        assert f"run {ok_id} succeeded" in followed.stderr
        failed = tunix(cli_env, "runs", "logs", fail_id, "--follow", code=1)
        assert "RuntimeError: broken" in failed.stdout
    finally:
        worker.terminate()
        _, stderr = worker.communicate(timeout=30)
    assert worker.returncode == 0
    assert "worker " in stderr
    shown = orjson.loads(tunix(cli_env, "runs", "show", fail_id).stdout)
    assert (shown["status"], shown["error"]) == ("failed", "exit code 1: RuntimeError: broken")
    assert "[worker] attempt 1 on" in tunix(cli_env, "runs", "logs", ok_id).stdout
    retry_id = tunix(cli_env, "runs", "retry", fail_id).stdout.strip()
    assert tunix(cli_env, "runs", "cancel", retry_id).stdout.strip() == f"run {retry_id}: cancelled"
    assert tunix(cli_env, "runs", "rm", fail_id).stdout.strip() == f"deleted run {fail_id}"
    gone = tunix(cli_env, "runs", "show", fail_id, code=2)
    assert f"run {fail_id} does not exist" in gone.stderr


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)  # refused before any database work
def test_bad_input_is_a_message(cli_env: dict[str, str], tmp_path: Path) -> None:
    unknown = tunix(cli_env, "runs", "submit", "nope", code=2)
    assert "unknown run kind 'nope' (known: " in unknown.stderr
    assert "scripted" in unknown.stderr
    bad = tmp_path / "bad.json"
    bad.write_text('{"steps": [{"op": "dance"}]}')
    invalid = tunix(cli_env, "runs", "submit", "scripted", "--config", str(bad), code=2)
    assert "\n  steps.0.op: " in invalid.stderr
    bad.write_text("[1, 2]")
    assert "must be an object" in tunix(cli_env, "runs", "submit", "scripted", "--config", str(bad), code=2).stderr
    bad.write_text("{nope")
    assert "not JSON" in tunix(cli_env, "runs", "submit", "scripted", "--config", str(bad), code=2).stderr
    assert "'not-a-uuid' is not a run id" in tunix(cli_env, "runs", "show", "not-a-uuid", code=2).stderr


def test_short_ids_names_and_notes(cli_env: dict[str, str], tmp_path: Path) -> None:
    """The list prints ids at 8 characters with the name, at 80 columns too, and every command
    takes such a prefix back; an ambiguous prefix names the candidates, a short one the minimum."""
    config = tmp_path / "ok.json"
    config.write_text(orjson.dumps({"steps": []}).decode())
    named = tunix(cli_env, "runs", "submit", "scripted", "--config", str(config), "--name", "lr sweep", "--notes", "n1")
    run_id = named.stdout.strip()
    other = tunix(cli_env, "runs", "submit", "scripted", "--config", str(config)).stdout.strip()
    narrow = tunix({**cli_env, "COLUMNS": "80"}, "runs", "list").stdout
    assert run_id[:8] in narrow
    assert other[:8] in narrow
    assert "lr sweep" in narrow
    shown = orjson.loads(tunix(cli_env, "runs", "show", run_id[:8]).stdout)
    assert (shown["id"], shown["name"], shown["notes"]) == (run_id, "lr sweep", "n1")
    edited = orjson.loads(tunix(cli_env, "runs", "edit", run_id[:6], "--name", "renamed", "--notes", "").stdout)
    assert (edited["name"], edited["notes"]) == ("renamed", None)
    assert tunix(cli_env, "runs", "cancel", other[:8]).stdout.strip() == f"run {other}: cancelled"
    assert "give --name or --notes (or both)" in tunix(cli_env, "runs", "edit", run_id, code=2).stderr
    short = tunix(cli_env, "runs", "show", run_id[:5], code=2)
    assert f"error: the run id prefix '{run_id[:5]}' is too short: give at least 6 hex characters" in short.stderr
    missing = "000000" if not run_id.startswith("000000") and not other.startswith("000000") else "ffffff"
    assert f"error: no run id starts with '{missing}'" in tunix(cli_env, "runs", "logs", missing, code=2).stderr
    assert tunix(cli_env, "runs", "rm", run_id[:8]).stdout.strip() == f"deleted run {run_id}"


async def test_an_ambiguous_prefix_names_the_candidates(
    cli_env: dict[str, str], sessions: async_sessionmaker[AsyncSession]
) -> None:
    await insert_runs(sessions, FIRST, SECOND)
    ambiguous = await asyncio.to_thread(tunix, cli_env, "runs", "show", "abcdef", code=2)
    assert ambiguous.stderr.startswith(f"error: the run id prefix 'abcdef' matches several: {FIRST}, {SECOND};")
    assert "Traceback" not in ambiguous.stderr
    shown = await asyncio.to_thread(tunix, cli_env, "runs", "show", "abcdef02")
    assert orjson.loads(shown.stdout)["id"] == str(SECOND)


def test_worker_executor_usage_errors(cli_env: dict[str, str]) -> None:
    """The Ray executor needs an address, and an address needs the Ray executor; both are said
    before the worker touches the store or Ray."""
    env = {k: v for k, v in cli_env.items() if k != "TUNIX_RT_RAY_ADDRESS"}
    missing = tunix(env, "worker", "--executor", "ray", code=2)
    assert "--executor ray needs --ray-address (or TUNIX_RT_RAY_ADDRESS)" in missing.stderr
    stray = tunix(env, "worker", "--ray-address", "127.0.0.1:6379", code=2)
    assert "--ray-address is for --executor ray" in stray.stderr
    unknown = tunix(env, "worker", "--executor", "k8s", code=2)
    assert "'k8s' is not one of 'local', 'ray'" in unknown.stderr
