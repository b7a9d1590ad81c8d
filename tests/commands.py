"""``tunix-rt`` commands run inside the test's process, as the real entry point runs them.

A command run as ``python -m tunix_rt`` costs about 0.6 s of interpreter start and imports
before it does anything, 0.9 s under coverage, and the CLI tests ran about 300 of them a pass.
Here the same typer app (what ``tunix_rt.cli:main`` calls) gets the command's arguments and
environment, with stdout and stderr captured apart; the answer has ``subprocess.run``'s shape,
so a test reads it the same either way. ``tunix_process`` runs ``python -m tunix_rt`` where the
process matters: the installed command's exit codes (``tests/test_console.py``), and commands
that handle signals (a ``--local`` run, which only the main thread of a process may do).

Commands run one at a time (a lock): a command swaps ``sys.stdout``, ``sys.stderr`` and
``os.environ`` for the whole process while it runs, and a test may run several from threads
beside an event loop of its own (``asyncio.to_thread``).
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import threading

from typer.testing import CliRunner

from tunix_rt.cli import app

_ONE_AT_A_TIME = threading.Lock()


def tunix(env: dict[str, str], *args: str, code: int = 0) -> subprocess.CompletedProcess[str]:
    """``tunix-rt ARGS`` with exactly ``env``'s ``TUNIX_RT_*`` settings (any other the test
    process has is unset while it runs); asserts the exit code is ``code``. A bug (an exception
    the CLI does not turn into a message) is raised here with its traceback, as the process
    would print it."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        pass
    else:
        raise AssertionError("a command runs its own event loop: from an async test, await tunix_off_loop")
    environment: dict[str, str | None] = {k: None for k in os.environ if k.startswith("TUNIX_RT_") and k not in env}
    environment.update(env)
    with _ONE_AT_A_TIME:
        result = CliRunner().invoke(app, list(args), env=environment, catch_exceptions=False)
    ran = subprocess.CompletedProcess(["tunix-rt", *args], result.exit_code, result.stdout, result.stderr)
    assert ran.returncode == code, f"exit {ran.returncode}\n{ran.stdout}\n{ran.stderr}"
    return ran


async def tunix_off_loop(env: dict[str, str], *args: str, code: int = 0) -> subprocess.CompletedProcess[str]:
    """``tunix`` from an async test: in a thread, since a command runs its own event loop and the
    test's loop keeps serving the app's fixtures meanwhile."""
    return await asyncio.to_thread(tunix, env, *args, code=code)


def tunix_process(env: dict[str, str], *args: str, code: int = 0) -> subprocess.CompletedProcess[str]:
    """``tunix-rt ARGS`` as a process of its own, with exactly ``env``; asserts the exit code."""
    ran = subprocess.run(
        [sys.executable, "-m", "tunix_rt", *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert ran.returncode == code, f"exit {ran.returncode}\n{ran.stdout}\n{ran.stderr}"
    return ran
