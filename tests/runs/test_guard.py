"""The guard between a Ray actor and a run's child (``runs/guard.py``): it ends as its command
ends, with the same exit code or by the same signal, and waits out a SIGTERM sent to its group."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

GUARD = [sys.executable, "-m", "tunix_rt.runs.guard"]


@pytest.mark.parametrize(
    ("code", "expected"),
    [("raise SystemExit(3)", 3), ("import os, signal; os.kill(os.getpid(), signal.SIGKILL)", -signal.SIGKILL)],
)
def test_the_guard_ends_with_its_commands_status(code: str, expected: int) -> None:
    assert subprocess.run([*GUARD, sys.executable, "-c", code], check=False).returncode == expected


def test_a_sigterm_to_the_group_stops_the_command_and_the_guard_reports_it() -> None:
    """The command catches SIGTERM and exits 7 (as training stops with a checkpoint): the guard,
    which got the same SIGTERM, waited for it and ends with 7."""
    command = (
        "import signal, sys, time\n"
        "signal.signal(signal.SIGTERM, lambda *_: sys.exit(7))\n"
        "print('ready', flush=True)\n"
        "time.sleep(600)\n"
    )
    guard = subprocess.Popen(
        [*GUARD, sys.executable, "-c", command], stdout=subprocess.PIPE, start_new_session=True, text=True
    )
    assert guard.stdout is not None
    assert guard.stdout.readline() == "ready\n"
    os.killpg(guard.pid, signal.SIGTERM)
    assert guard.wait(timeout=120) == 7


def test_the_guard_needs_a_command() -> None:
    assert subprocess.run(GUARD, check=False, capture_output=True).returncode == 2
