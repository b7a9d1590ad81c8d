"""The child entry point, in-process (for the happy path) and as a process (for its refusals)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from tests.runs.scripted import KIND_PATH
from tunix_rt.runs import execute
from tunix_rt.runs.kinds import RunFile, write_run_file


def _spec(run_id: str = "r1") -> RunFile:
    steps = [{"op": "metric", "step": 1, "values": {"loss": 0.5}}, {"op": "print", "text": "plain"}]
    return RunFile(id=run_id, kind="scripted", kind_path=KIND_PATH, attempt=1, config={"steps": steps})


def test_runs_the_kind_in_the_run_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_run_file(tmp_path, _spec())
    monkeypatch.setenv(execute.RUN_DIR_ENV, str(tmp_path))
    monkeypatch.delenv(execute.WORKER_PID_ENV, raising=False)
    assert execute.main(["r1"]) == 0
    first, second = capsys.readouterr().out.splitlines()
    assert orjson.loads(first)["values"] == {"loss": 0.5}
    assert second == "plain"
    assert (tmp_path / "executions.log").read_text().split()[::3] == ["start", "end"]


@pytest.mark.parametrize(("args", "message"), [([], "usage"), (["other"], "belongs to run r1, not other")])
def test_refuses_wrong_arguments(tmp_path: Path, args: list[str], message: str) -> None:
    write_run_file(tmp_path, _spec())
    result = subprocess.run(
        [sys.executable, "-m", "tunix_rt.runs.execute", *args],
        env={"PATH": "/usr/bin:/bin", execute.RUN_DIR_ENV: str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert message in result.stderr
