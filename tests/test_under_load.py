"""`make test-under-load` runs the suite beside busy processes: they must really burn the cores
while the command runs, the command's exit status must come back, and none may outlive it."""

from __future__ import annotations

import sys
from pathlib import Path

import psutil
import pytest
from scripts.under_load import main


def test_the_command_runs_beside_busy_processes_and_its_status_comes_back(tmp_path: Path) -> None:
    report = tmp_path / "children.txt"
    # The command records how many of its siblings are spawned busy processes burning CPU at all
    # (any share: the machine may be loaded) and exits 3: the status must come back unchanged.
    probe = (
        "import psutil, sys, time; time.sleep(0.5); "
        "spawned = [c for c in psutil.Process().parent().children() if 'spawn_main' in ' '.join(c.cmdline())]; "
        "busy = [c for c in spawned if c.cpu_percent(1.0) > 0]; "
        f"open({str(report)!r}, 'w').write(str(len(busy))); sys.exit(3)"
    )
    assert main(["--hogs", "2", "--", sys.executable, "-c", probe]) == 3
    assert report.read_text() == "2"
    assert [child for child in psutil.Process().children() if _is_spinner(child)] == []


def _is_spinner(process: psutil.Process) -> bool:
    """A live process multiprocessing spawned (its resource tracker is a different command)."""
    try:
        alive = process.status() != psutil.STATUS_ZOMBIE
        return alive and "spawn_main" in " ".join(process.cmdline())
    except psutil.NoSuchProcess:
        return False


def test_without_a_command_it_says_what_to_give(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--hogs", "1"])
    assert stop.value.code == 2
    assert "give the command to run after --" in capsys.readouterr().err
