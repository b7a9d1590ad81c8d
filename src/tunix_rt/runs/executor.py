"""Where a run's child process runs: the seam between the worker loop and the machine.

The worker claims a run, writes its ``run.json``, and asks its ``Executor`` to start the child
(``python -m tunix_rt.runs.execute RUN_ID`` in the run folder). What comes back is a ``Child``:
its stdout and stderr as stream readers, its exit status, and the means to signal it. Everything
else (lease, event parsing, database writes, cancellation's SIGTERM-then-SIGKILL, the outcome)
stays in ``RunExecution``, one code path whatever runs the child.

``LocalExecutor`` starts the child here, in a process group of its own. ``RayExecutor``
(``runs/ray_executor.py``) starts the very same command inside a Ray actor placed with the
run's resources and relays its bytes back, so the child, its events and its checkpoints are
identical in both; only a child lost with its machine (``Child.vanished``) is new, and the
worker puts such a run back in the queue to resume from its last checkpoint.
"""

from __future__ import annotations

import asyncio
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from pydantic import BaseModel

from tunix_rt.runs.events import MAX_LINE_CHARS
from tunix_rt.runs.lease import signal_group
from tunix_rt.runs.tables import Run

STREAM_LIMIT = 4 * MAX_LINE_CHARS
"""Longest line a child's stream reader takes; a longer one is dropped with a note."""
_EXIT_POLL_SECONDS = 0.02


def child_command(run_id: str, python: str = sys.executable) -> list[str]:
    """The run child's command line, the same for every executor."""
    return [python, "-m", "tunix_rt.runs.execute", run_id]


@dataclass(frozen=True)
class Launch:
    """One attempt's child, as the worker prepared it: the run (and its validated config, for
    an executor that reserves resources from it), its folder, and its environment."""

    run: Run
    config: BaseModel
    folder: Path
    env: dict[str, str]


class Child(Protocol):
    """A started child, wherever it runs. ``returncode`` is None until it exits (and stays None
    when it ``vanished``: lost with the machine it ran on, a reason to run it again elsewhere)."""

    stdout: asyncio.StreamReader
    stderr: asyncio.StreamReader
    where: str | None

    @property
    def returncode(self) -> int | None: ...

    @property
    def vanished(self) -> str | None: ...

    async def exited(self) -> int | None:
        """The exit status as soon as the child is reaped (or None once it vanished)."""
        ...

    def signal(self, signum: int) -> None:
        """Send ``signum`` to the child's whole process group; never raises."""
        ...

    def killer(self) -> Callable[[], None]:
        """A thread-safe kill of the child, for the lease keeper's thread."""
        ...

    async def close(self) -> None:
        """Release what held the child once its output is read (a Ray actor); idempotent."""
        ...


class Executor(Protocol):
    """Starts children; ``describe`` says where, for the worker's banner and a run's log."""

    def describe(self) -> str: ...

    async def start(self, launch: Launch) -> Child: ...


class LocalChild:
    """A child process of this worker, in a process group of its own."""

    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        assert proc.stdout is not None
        assert proc.stderr is not None
        self.proc = proc
        self.stdout = proc.stdout
        self.stderr = proc.stderr
        self.where: str | None = None

    @property
    def returncode(self) -> int | None:
        return self.proc.returncode

    @property
    def vanished(self) -> str | None:
        return None  # a local child cannot outlive its machine's worker

    async def exited(self) -> int | None:
        """Not ``proc.wait()``: on Python 3.11 that also waits for the child's pipes to close,
        which a grandchild holding them (a data loader, a stray ``sleep``) would delay until
        the group is killed, after the wait."""
        while self.proc.returncode is None:  # noqa: ASYNC110 - the returncode is set by asyncio's child watcher
            await asyncio.sleep(_EXIT_POLL_SECONDS)
        return self.proc.returncode

    def signal(self, signum: int) -> None:
        signal_group(self.proc.pid, signum)

    def killer(self) -> Callable[[], None]:
        pid = self.proc.pid
        return lambda: signal_group(pid, signal.SIGKILL)

    async def close(self) -> None:
        """Nothing holds a local child beyond its process group, killed by the worker."""


class LocalExecutor:
    """Runs each child on this machine (the default)."""

    def describe(self) -> str:
        return "this machine"

    async def start(self, launch: Launch) -> Child:
        proc = await asyncio.create_subprocess_exec(
            *child_command(str(launch.run.id)),
            cwd=launch.folder,
            env=launch.env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            start_new_session=True,
            limit=STREAM_LIMIT,
        )
        return LocalChild(proc)
