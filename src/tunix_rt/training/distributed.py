"""Training on several devices: the run's child launches torchrun, which starts one process per
device, each of which runs the run's child again and trains its share of every batch.

torchrun (``torch.distributed.run``) is the launcher, never a process pool of ours: it sets
``RANK``, ``LOCAL_RANK`` and ``WORLD_SIZE`` for each process, holds the rendezvous where the
nodes of a multi-node run meet, and restarts or stops them together. transformers' ``Trainer``
reads those variables and wraps the model in ``DistributedDataParallel`` (or FSDP), splitting
each batch among the processes.

Only the process of global rank 0 reports: its events reach the worker on the stdout it shares
with torchrun, and it alone writes ``metrics.jsonl``, the manifest and the config beside each
checkpoint; the others report to a silent sink. torchrun shares the launching child's process
group, so the worker's SIGTERM (cancel, release) reaches it, and it passes the signal on to its
processes; the launching child waits for torchrun rather than dying first. torchrun starts each
process in a session of its own, out of reach of the worker's SIGKILL of the child's group (a
lost lease, a killed worker), so each process kills itself once torchrun is gone, as the child
does once the worker is (``execute.PARENT``).

A node of a multi-node run other than the worker's runs ``node_command`` itself (see
docs/guides/scaling-out.md): the same program, meeting the others at ``resources.rendezvous``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from tunix_rt.errors import TunixError
from tunix_rt.runs.events import EventSink
from tunix_rt.runs.execute import PARENT, RUN_DIR_ENV, WORKER_PID_ENV
from tunix_rt.runs.kinds import read_run_file
from tunix_rt.training.config import RunResources, TrainConfig

WORLD_SIZE_ENV = "WORLD_SIZE"
RANK_ENV = "RANK"


def launched() -> bool:
    """Whether this process is one of torchrun's (it sets ``WORLD_SIZE`` for each)."""
    return WORLD_SIZE_ENV in os.environ


def rank() -> int:
    """This process's global rank; 0 outside torchrun."""
    return int(os.environ.get(RANK_ENV, "0"))


def reporting(events: EventSink) -> EventSink:
    """``events`` in the process of rank 0, a silent sink in the others, so a run's events are
    reported once, not once per device."""
    return events if rank() == 0 else EventSink()


def torchrun_arguments(resources: RunResources, node_rank: int = 0) -> list[str]:
    """torchrun's options for ``resources``: a standalone rendezvous on this machine for one
    node; for several, torchrun's static rendezvous at ``resources.rendezvous``, where node
    ``node_rank`` 0 (the worker's) holds the store the others join.

    Static, not c10d: c10d numbers the nodes in the order they arrive, so the worker's node
    could get ranks other than 0, and the rank that reports would print its events to a
    terminal on another machine instead of to the worker."""
    arguments = [f"--nproc-per-node={resources.devices}"]
    if resources.nodes == 1:
        return [*arguments, "--standalone"]
    assert resources.rendezvous is not None  # a conflict of the config otherwise
    host, _, port = resources.rendezvous.rpartition(":")
    return [
        *arguments,
        f"--nnodes={resources.nodes}",
        f"--node-rank={node_rank}",
        "--rdzv-backend=static",
        f"--master-addr={host.strip('[]')}",
        f"--master-port={port}",
    ]


def node_command(run_dir: Path, config: TrainConfig, node_rank: int = 0) -> list[str]:
    """The command that trains a run on one node: torchrun starting ``resources.devices``
    processes of the run's child, which read ``run.json`` in ``run_dir``. Node 0 is launched
    by the run's child on the worker; ``tunix-rt train join`` runs the others."""
    spec = read_run_file(run_dir)
    return [
        sys.executable,
        "-m",
        "torch.distributed.run",
        *torchrun_arguments(config.resources, node_rank),
        "-m",
        "tunix_rt.runs.execute",
        spec.id,
    ]


def process_environment(config: TrainConfig, run_dir: Path) -> dict[str, str]:
    """The environment of torchrun's processes: the child's, with each process's share of the
    CPU threads (a CPU run); each process outlives torchrun, its parent, by no more than a
    moment (``execute.PARENT``)."""
    env = dict(os.environ)
    env[WORKER_PID_ENV] = PARENT
    env[RUN_DIR_ENV] = str(run_dir)
    if config.device == "cpu" or "OMP_NUM_THREADS" in env:
        threads = int(env.get("OMP_NUM_THREADS") or os.cpu_count() or 1)
        env["OMP_NUM_THREADS"] = str(max(1, threads // config.resources.devices))
    return env


def join(run_dir: Path, node_rank: int, home: Path) -> None:
    """Become node ``node_rank`` of the multi-node run whose folder is ``run_dir`` (on a data
    home that all nodes share): torchrun in place of this process, meeting node 0 (launched on
    the worker that claimed the run) at ``resources.rendezvous``."""
    spec = read_run_file(run_dir)
    config = TrainConfig.model_validate(spec.config) if spec.kind == "train" else None
    if config is None or config.resources.nodes == 1:
        raise TunixError(f"run {spec.id} is not a multi-node training run: there is nothing to join")
    if not 1 <= node_rank < config.resources.nodes:
        raise TunixError(f"node rank {node_rank} is outside 1..{config.resources.nodes - 1} (node 0 is the worker's)")
    command = node_command(run_dir, config, node_rank)
    env = {**process_environment(config, run_dir), "TUNIX_RT_HOME": str(home.resolve())}
    os.chdir(run_dir)
    os.execve(command[0], command, env)


def launch(config: TrainConfig, run_dir: Path, events: EventSink) -> None:
    """Train under torchrun on ``config.resources`` and wait for it; a failed process fails the run.

    SIGTERM does not end this process: it reaches torchrun and each training process too (one
    process group), which checkpoint and stop; ending here first would let the worker kill
    them before they saved."""
    command = node_command(run_dir, config)
    resources = config.resources
    events.status(f"launching {resources.world_size} processes ({resources.devices} per node, {resources.nodes} nodes)")
    signal.signal(signal.SIGTERM, _wait_for_torchrun)
    code = subprocess.call(command, cwd=run_dir, env=process_environment(config, run_dir), stdin=subprocess.DEVNULL)
    if code != 0:
        raise TunixError(f"torchrun exited with code {code}; the processes' errors are in the run's log")


def _wait_for_torchrun(_signum: int, _frame: object) -> None:
    """SIGTERM in the launching child: torchrun and its processes got it too and stop by themselves."""
