"""``python -m tunix_rt.runs.guard COMMAND...``: run COMMAND in this process group and exit as
it exits, killing the whole group if this process's parent dies first.

The Ray executor's actor starts a run's child through it (``runs/ray_executor.py``). Ray, when it
kills an actor (``ray.kill``, the actor's owner gone), SIGKILLs the actor's direct children too;
a run child killed that way has no chance to kill its own group (``execute.die_with``), so its
grandchildren (a data loader, a ``sleep`` a test spawned) would live on. With this guard between
them, Ray kills the guard, the child sees its parent gone and kills the group, guard and all;
and if the actor dies without Ray killing the guard, the guard kills the group itself.

A signal sent to the group reaches COMMAND directly; the guard ignores SIGTERM (with a handler,
not SIG_IGN, which COMMAND would inherit) so that it waits for COMMAND to stop gracefully, and
ends with COMMAND's own status: its exit code, or death by the same signal.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading

from tunix_rt.runs.execute import die_with


def main(command: list[str]) -> int:
    if not command:
        print("usage: python -m tunix_rt.runs.guard COMMAND...", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, lambda _signum, _frame: None)
    threading.Thread(target=die_with, args=(os.getppid(),), daemon=True).start()
    code = subprocess.Popen(command).wait()
    if code < 0:
        with contextlib.suppress(OSError, ValueError):  # SIGKILL and SIGSTOP keep their default anyway
            signal.signal(-code, signal.SIG_DFL)
        os.kill(os.getpid(), -code)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
