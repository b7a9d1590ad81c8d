"""``tunix-rt runs ...`` and ``tunix-rt worker`` driven as a user would, on both databases."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from tests.runs.conftest import REPO


def tunix(env: dict[str, str], *args: str, code: int = 0) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "tunix_rt", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=REPO,
    )
    assert result.returncode == code, f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result


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
    assert ok_id in table
    assert fail_id not in table
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
