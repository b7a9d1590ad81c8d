"""User errors through the real CLI: a message, one line per problem located by the keys of the
file the user wrote, exit code 2 (1 when the disk fails), and never a traceback; on both databases.
The commands run in the test's process (``tests/commands.py``) but for the last test, which checks
that ``python -m tunix_rt`` exits with the same code and prints the same lines."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from tests.commands import tunix, tunix_process
from tests.traces.test_cli import cli_env

__all__ = ["cli_env"]


def refused(env: dict[str, str], *args: str, code: int = 2) -> list[str]:
    """Run a command that must be refused; its standard error, line by line."""
    result = tunix(env, *args, code=code)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return [line.rstrip() for line in result.stderr.splitlines()]


def test_user_errors_are_messages_with_exit_code_2(cli_env: dict[str, str], tmp_path: Path) -> None:
    spec = tmp_path / "build.yaml"
    spec.write_text("split:\n  eval_count: 5\n  nope: 1\n")
    assert refused(cli_env, "datasets", "build", "arith", "--spec", str(spec)) == [
        "error: 2 problem(s) in the build request, first at split.nope",
        "  split.nope: Extra inputs are not permitted",
        "  query: the query selects no traces",
    ]
    spec.write_text("split: [1,\n")
    assert refused(cli_env, "datasets", "build", "arith", "--spec", str(spec)) == [
        "error: not valid YAML at line 2, column 1: expected the node content, but found '<stream end>'"
    ]

    config = tmp_path / "train.yaml"
    config.write_text("dataset: {key: arith@v1}\nlora: {rr: 8}\n")
    assert refused(cli_env, "train", str(config)) == [
        "error: 2 problem(s) in the train config, first at lora.rr",
        "  lora.rr: Extra inputs are not permitted",
        "  dataset.key: dataset arith@v1 does not exist",
    ]
    for command in (["train", str(config)], ["eval", "tiny-llama", "--evalset", "arith-eval@v1"]):
        lines = refused(cli_env, *command, "--local", "--wait")
        assert "--local already runs in the foreground; --wait follows a queued run" in " ".join(lines)

    missing = tmp_path / "missing.json"
    assert refused(cli_env, "runs", "submit", "scripted", "--config", str(missing)) == [
        f"error: {missing}: No such file or directory"
    ]
    nowhere = tmp_path / "no-folder" / "traces.jsonl"
    assert refused(cli_env, "traces", "export", "--out", str(nowhere)) == [
        f"error: {nowhere}: No such file or directory"
    ]

    unknown = uuid.uuid4()
    assert refused(cli_env, "runs", "show", str(unknown)) == [f"error: run {unknown} does not exist"]
    assert refused(cli_env, "evalsets", "derive", "held", "--dataset", "arith v1") == [
        "error: 'arith v1' is not a dataset key: expected name@vN with name matching ^[a-z0-9][a-z0-9._-]{0,63}$",
        "  key: malformed dataset key",
    ]


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)  # the disk fails, not the database
def test_a_full_disk_is_a_message_with_exit_code_1(cli_env: dict[str, str]) -> None:
    tunix(cli_env, "traces", "synth", "--count", "3")
    assert refused(cli_env, "traces", "export", "--out", "/dev/full", code=1) == [
        "error: [Errno 28] No space left on device"
    ]


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)  # the process, not the database
def test_the_installed_command_exits_as_the_app_does(cli_env: dict[str, str], tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"
    args = ["runs", "submit", "scripted", "--config", str(missing)]
    process = tunix_process(cli_env, *args, code=2)
    in_process = tunix(cli_env, *args, code=2)
    assert (process.returncode, process.stdout, process.stderr) == (2, "", in_process.stderr)
    assert process.stderr == f"error: {missing}: No such file or directory\n"
