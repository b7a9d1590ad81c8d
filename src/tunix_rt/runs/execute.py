"""The child process of a run: ``python -m tunix_rt.runs.execute RUN_ID``.

It runs in ``runs/<id>/`` (its own process group, a trimmed environment), reads ``run.json``
written by the worker, runs the kind's code and reports on stdout in JSON lines. An exception
exits non-zero with the traceback on stderr, whose last line the worker keeps as the error.
It has no database access. If its worker dies, it kills its own process group, so a run whose
lease is reaped and claimed again never runs twice at once.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path

from tunix_rt.runs.events import JsonLinesEmitter
from tunix_rt.runs.kinds import load_kind, read_run_file

WORKER_PID_ENV = "TUNIX_RT_WORKER_PID"
PARENT = "parent"
"""``WORKER_PID_ENV``'s value for a process whose parent is not the worker but must be outlived
all the same: torchrun, for each process of a run on several devices (torchrun starts each in
a session of its own, out of reach of the signals sent to the child's process group)."""
RUN_DIR_ENV = "TUNIX_RT_RUN_DIR"
_ORPHAN_CHECK_SECONDS = 0.2


def die_with(worker_pid: int) -> None:
    """Kill this process group once re-parented: the worker is gone and its lease will lapse."""
    while os.getppid() == worker_pid:
        time.sleep(_ORPHAN_CHECK_SECONDS)
    os.killpg(os.getpgid(0), signal.SIGKILL)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m tunix_rt.runs.execute RUN_ID", file=sys.stderr)
        return 2
    run_dir = Path(os.environ.get(RUN_DIR_ENV, "."))
    spec = read_run_file(run_dir)
    if spec.id != argv[0]:
        print(f"run.json in {run_dir} belongs to run {spec.id}, not {argv[0]}", file=sys.stderr)
        return 2
    worker_pid = os.environ.get(WORKER_PID_ENV)
    if worker_pid:
        watched = os.getppid() if worker_pid == PARENT else int(worker_pid)
        threading.Thread(target=die_with, args=(watched,), daemon=True).start()
    kind = load_kind(spec.kind_path)
    config = kind.config_model.model_validate(spec.config)
    kind.execute(config, run_dir, JsonLinesEmitter(sys.stdout))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
