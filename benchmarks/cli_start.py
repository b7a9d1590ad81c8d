"""How long a ``tunix-rt`` command takes to start, against the interpreter's own start taken in the
same run.

    python -m benchmarks.cli_start [--repeat 11] [--src SRC ...]

Each measure is the median wall time of fresh subprocesses: ``python -c pass`` (the baseline),
``python -m tunix_rt --help``, ``python -m tunix_rt traces list`` on an empty home that an
earlier call migrated (warm: what every later command pays), and the same on a new home each
time (cold: the first command of a home creates the SQLite file and migrates the schema).

Each cell also gives the median CPU time (user + system) of the same processes, which the
load of other work on the machine inflates much less than the wall time.

``--src`` puts a source folder first on ``PYTHONPATH`` (repeatable: ``--src ../main/src --src src``
measures two checkouts side by side); without it the installed package runs. The commands
take turns, so a machine that gets busier during the run slows every column alike. Prints a
markdown table (figures recorded in docs/benchmarks.md); tests/test_cli_start.py keeps the
heavy libraries out of these commands' imports without timing anything.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MEASURES = {
    "`python -c pass` (baseline)": ("-c", "pass"),
    "`tunix-rt --help`": ("-m", "tunix_rt", "--help"),
    "`tunix-rt traces list`, warm home": ("-m", "tunix_rt", "traces", "list"),
    "`tunix-rt traces list`, new home (migrates)": ("-m", "tunix_rt", "traces", "list"),
}
COLD = "`tunix-rt traces list`, new home (migrates)"


def environment(src: str | None, home: Path) -> dict[str, str]:
    """The caller's environment without its ``TUNIX_RT_*`` settings, on ``home``, importing ``src``.

    ``PYTHONDONTWRITEBYTECODE`` is dropped too: with it every start compiled tunix_rt's modules
    again, which an installed package never does (its bytecode is cached on the first run)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("TUNIX_RT_") and key != "PYTHONDONTWRITEBYTECODE"
    }
    env["TUNIX_RT_HOME"] = str(home)
    if src is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(Path(src).resolve()), *filter(None, [env.get("PYTHONPATH")])])
    return env


def seconds(args: tuple[str, ...], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU (user + system) time of one fresh interpreter running ``args``; a failing
    command stops the benchmark. On a machine that other work keeps busy the wall time waits
    for the cores, the CPU time much less: it is what the command itself costs."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, *args], env=env, stdout=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(sources: list[str | None], repeat: int, scratch: Path) -> dict[tuple[str | None, str], tuple[float, float]]:
    """Median wall and CPU seconds of each (source, measure), the measures taking turns within
    each round."""
    warm_homes = {src: scratch / f"warm-{index}" for index, src in enumerate(sources)}
    for src, home in warm_homes.items():
        seconds(MEASURES[COLD], environment(src, home))
    times: dict[tuple[str | None, str], list[tuple[float, float]]] = {}
    for round_ in range(repeat):
        for index, src in enumerate(sources):
            for name, args in MEASURES.items():
                home = scratch / f"cold-{index}-{round_}" if name == COLD else warm_homes[src]
                times.setdefault((src, name), []).append(seconds(args, environment(src, home)))
    return {
        key: (statistics.median(wall for wall, _ in values), statistics.median(cpu for _, cpu in values))
        for key, values in times.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=11, help="Runs of each command; the median is shown.")
    parser.add_argument(
        "--src", action="append", help="Source folder to import tunix_rt from (repeatable); default: installed."
    )
    args = parser.parse_args()
    sources: list[str | None] = list(args.src or [None])
    with tempfile.TemporaryDirectory() as scratch:
        medians = measure(sources, args.repeat, Path(scratch))

    print(
        f"\n### CLI start-up ({platform.node()}, {os.cpu_count()} CPUs, {time.strftime('%Y-%m-%d')}): "
        f"median of {args.repeat} fresh processes, wall time (ratio to the baseline) and CPU time, "
        f"load average {os.getloadavg()[0]:.1f} at the end\n"
    )
    labels = [f"`{src}`" if src else "installed" for src in sources]
    print("| command | " + " | ".join(labels) + " |")
    print("|---|" + "---|" * len(sources))
    for name in MEASURES:
        cells = []
        for src in sources:
            (wall, cpu), floor = medians[src, name], medians[src, "`python -c pass` (baseline)"][0]
            cells.append(f"{wall:.3f} s ({wall / floor:.0f}x), CPU {cpu:.3f} s")
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
