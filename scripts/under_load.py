"""Run a command while every core is kept busy, to show the test suite does not depend on speed.

A suite that passes only on an idle machine fails people who run it beside a build, a browser or
a training run. ``make test-under-load`` runs the tests through this: one busy-looping process per
core (``os.cpu_count()`` unless told otherwise) for as long as the command runs, then the command's
own exit status. ``stress-ng --cpu N`` does the same, but it is a system package that a fresh
clone may not have and cannot install without root; a busy loop per core needs nothing.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import subprocess
import sys


def spin() -> None:
    """Burn one core until terminated."""
    while True:
        pass


def run_under_load(command: list[str], hogs: int) -> int:
    """Start ``hogs`` busy processes, run ``command`` to the end, stop them, return its status."""
    context = multiprocessing.get_context("spawn")
    spinners = [context.Process(target=spin, daemon=True) for _ in range(hogs)]
    for spinner in spinners:
        spinner.start()
    try:
        return subprocess.call(command)
    finally:
        for spinner in spinners:
            spinner.terminate()
        for spinner in spinners:
            spinner.join()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hogs", type=int, default=os.cpu_count() or 1, help="busy processes (default: one per core)")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="the command to run, after --")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the command to run after --")
    print(f"under load: {args.hogs} busy process(es) while running: {' '.join(command)}", flush=True)
    return run_under_load(command, args.hogs)


if __name__ == "__main__":
    sys.exit(main())
