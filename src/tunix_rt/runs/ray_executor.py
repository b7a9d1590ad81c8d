"""Runs on a Ray cluster: ``tunix-rt worker --executor ray --ray-address ADDR``.

The worker still claims runs, holds their leases, parses their events and writes everything to
the store; only the child process moves. Each attempt becomes one Ray actor (``RunProcess``)
reserving the run's resources (GPUs for its devices, ``resources.cpus``, ``resources.memory_gb``),
and the actor starts the very same child command a local worker starts
(``python -m tunix_rt.runs.execute RUN_ID``, ``executor.child_command``) in the run folder, in a
process group of its own, under ``runs/guard.py``. Why a subprocess inside the actor rather than calling the kind's code
in the actor: the child is then byte for byte the local one (its environment, its
die-with-parent guard, torchrun for several devices, a crash that takes only the child down),
and the actor is a small relay whose only job is to pass the child's stdout and stderr back as
bytes; the worker feeds those into ordinary stream readers, so ``RunExecution`` reads, parses,
cancels and records a Ray run with the code that does it for a local one.

- **Events**: the worker polls the actor (``read``, a blocking call that returns as soon as
  there are bytes, or after a short wait); what the worker cannot take yet stays in the actor,
  and past a bound the actor stops reading the child's pipes, so a slow database slows the
  child as it does locally.
- **Cancel and stop**: SIGTERM to the child's process group through the actor, SIGKILL after
  the grace period, then ``ray.kill`` of the actor. Ray kills an actor's direct children with it
  (here the guard); the child, whose parent is the guard (``WORKER_PID_ENV=parent``), then
  kills its whole group, so no grandchild outlives the actor. The lease keeper's kill on a lost
  lease is ``ray.kill`` too, and Ray kills the actors of a worker that died.
- **A lost node**: the actor dies with it, and the worker's next call raises
  ``RayActorError``. The child is then ``vanished``: the worker puts the run back in the queue
  (``queue.requeue``, counted against ``run_max_attempts``), and the next attempt resumes from
  the last checkpoint, as after a worker killed mid-run.

The cluster's nodes need tunix-rt installed (the actor imports this module and runs the child
with its own Python) and the worker's data home at the same path (a shared filesystem), since
the child reads ``run.json`` and writes checkpoints in the run folder.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Callable
from typing import Any

import ray
from ray.exceptions import ActorUnavailableError, RayActorError

from tunix_rt.runs.execute import PARENT, WORKER_PID_ENV
from tunix_rt.runs.executor import STREAM_LIMIT, Child, Launch, child_command

_CHUNK_BYTES = 64 * 1024
_HELD_BYTES = 4 * 1024 * 1024
"""Output the actor holds for the worker per stream before it stops reading the child's pipe."""
_READ_WAIT_SECONDS = 0.5
_UNAVAILABLE_RETRY_SECONDS = 0.5
_STREAMS = ("stdout", "stderr")
_NODE_ENV_NAMES = ("CUDA_VISIBLE_DEVICES", "ROCR_VISIBLE_DEVICES", "HIP_VISIBLE_DEVICES")
"""Set by Ray in the actor for the GPUs it reserved: the child takes the actor's values."""


class RunProcess:
    """The Ray actor of one attempt: starts the run's child, under ``runs/guard.py`` in a process
    group of their own, and relays its output (see the module docstring). Threaded
    (``max_concurrency``), so ``signal`` is served while a ``read`` waits."""

    def __init__(self, run_id: str, cwd: str, env: dict[str, str]) -> None:
        env = {name: value for name, value in env.items() if name not in _NODE_ENV_NAMES}
        env.update({name: os.environ[name] for name in _NODE_ENV_NAMES if name in os.environ})
        env[WORKER_PID_ENV] = PARENT
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tunix_rt.runs.guard", *child_command(run_id, sys.executable)],
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        self.changed = threading.Condition()
        self.held = {name: bytearray() for name in _STREAMS}
        self.open = dict.fromkeys(_STREAMS, True)
        self.code: int | None = None
        pipes = {"stdout": self.proc.stdout, "stderr": self.proc.stderr}
        for name, pipe in pipes.items():
            assert pipe is not None
            threading.Thread(target=self._pump, args=(name, pipe.fileno()), daemon=True).start()
        threading.Thread(target=self._reap, daemon=True).start()

    def _pump(self, name: str, fd: int) -> None:
        while True:
            with self.changed:
                self.changed.wait_for(lambda: len(self.held[name]) < _HELD_BYTES)
            data = os.read(fd, _CHUNK_BYTES)
            with self.changed:
                if data:
                    self.held[name] += data
                else:
                    self.open[name] = False
                self.changed.notify_all()
            if not data:
                return

    def _reap(self) -> None:
        code = self.proc.wait()
        with self.changed:
            self.code = code
            self.changed.notify_all()

    def where(self) -> str:
        """The node the child runs on, for the run's log."""
        node = ray.get_runtime_context().get_node_id()
        ip = ray.util.get_node_ip_address()  # type: ignore[no-untyped-call]
        return f"Ray node {ip} ({socket.gethostname()}, {node[:12]})"

    def read(self, wait: float) -> dict[str, Any]:
        """What the child wrote since the last read, whether each pipe is still open, and its
        exit status once it exited; returns early when there is something to say."""

        def news() -> bool:
            return any(self.held.values()) or self.code is not None or not all(self.open.values())

        with self.changed:
            self.changed.wait_for(news, timeout=wait)
            taken = {name: bytes(self.held[name]) for name in _STREAMS}
            for buffer in self.held.values():
                buffer.clear()
            self.changed.notify_all()
            return {**taken, "open": dict(self.open), "code": self.code}

    def signal(self, signum: int) -> None:
        """``signum`` to the child's process group (nothing when it is gone)."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signum)


_REMOTE_RUN_PROCESS = ray.remote(RunProcess)
"""The actor class, declared once: each attempt is an instance of it, with its own resources."""


class _Valve(asyncio.ReadTransport):
    """The transport a relayed stream reader pauses when its buffer is full (``feed_data``
    calls ``pause_reading`` past twice its limit): the relay waits for it before asking the
    actor for more, so unread output backs up into the actor and then the child."""

    def __init__(self) -> None:
        super().__init__()
        self.flowing = asyncio.Event()
        self.flowing.set()

    def pause_reading(self) -> None:
        self.flowing.clear()

    def resume_reading(self) -> None:
        self.flowing.set()

    def is_reading(self) -> bool:
        return self.flowing.is_set()


class RayChild:
    """The worker's side of one actor: stream readers fed by a relay task (see ``Child``)."""

    def __init__(self, actor: Any) -> None:
        self.actor = actor
        self.stdout = asyncio.StreamReader(limit=STREAM_LIMIT)
        self.stderr = asyncio.StreamReader(limit=STREAM_LIMIT)
        self.valves = {"stdout": _Valve(), "stderr": _Valve()}
        self.stdout.set_transport(self.valves["stdout"])
        self.stderr.set_transport(self.valves["stderr"])
        self.where: str | None = None
        self._code: int | None = None
        self._vanished: str | None = None
        self._killed = False
        self._done = asyncio.Event()
        self._placed = asyncio.create_task(self._locate())
        self._relay = asyncio.create_task(self._forward())

    @property
    def returncode(self) -> int | None:
        return self._code

    @property
    def vanished(self) -> str | None:
        return self._vanished

    async def _locate(self) -> None:
        with contextlib.suppress(RayActorError):
            self.where = await self.actor.where.remote()

    async def _forward(self) -> None:
        readers = {"stdout": self.stdout, "stderr": self.stderr}
        try:
            while True:
                for valve in self.valves.values():
                    await valve.flowing.wait()
                try:
                    news = await self.actor.read.remote(_READ_WAIT_SECONDS)
                except ActorUnavailableError:  # a transient loss of contact, retried
                    await asyncio.sleep(_UNAVAILABLE_RETRY_SECONDS)
                    continue
                for name, reader in readers.items():
                    if news[name]:
                        reader.feed_data(news[name])
                if news["code"] is not None and self._code is None:
                    self._code = news["code"]
                    self._done.set()
                if news["code"] is not None and not any(news["open"].values()):
                    return
        except RayActorError as exc:
            if self._code is None and not self._killed:
                if exc.actor_init_failed:
                    self.stderr.feed_data(f"\nthe Ray actor did not start: {exc}\n".encode())
                else:
                    self._vanished = f"lost with {self.where or 'its Ray node'} (the Ray actor died)"
        finally:
            for reader in readers.values():
                reader.feed_eof()
            self._done.set()

    async def exited(self) -> int | None:
        await self._done.wait()
        return self._code

    def signal(self, signum: int) -> None:
        """To the child's group through the actor; a SIGKILL before the actor even started
        (still waiting for resources) kills the actor, since there is no group to signal."""
        if self._vanished is not None or self._killed:
            return
        if signum == signal.SIGKILL and self.where is None:
            self._kill()
            return
        self.actor.signal.remote(signum)

    def _kill(self) -> None:
        self._killed = True
        with contextlib.suppress(Exception):
            ray.kill(self.actor, no_restart=True)

    def killer(self) -> Callable[[], None]:
        return self._kill

    async def close(self) -> None:
        self._kill()
        for task in (self._relay, self._placed):
            with contextlib.suppress(asyncio.CancelledError, asyncio.TimeoutError):
                await asyncio.wait_for(task, timeout=10)


def placement(launch: Launch, cluster_gpus: float) -> dict[str, float]:
    """Ray's reservation for a run: a GPU per device when it trains on CUDA (``auto`` too, on a
    cluster that has GPUs), ``resources.cpus`` CPUs (1 when unset) and ``resources.memory_gb``;
    a kind without ``resources`` (evaluation, sampling) gets 1 CPU and its device's GPU."""
    resources = getattr(launch.config, "resources", None)
    device = getattr(launch.config, "device", "auto")
    on_gpu = device == "cuda" or (device == "auto" and cluster_gpus > 0)
    cpus = getattr(resources, "cpus", None)
    memory_gb = getattr(resources, "memory_gb", None)
    reserved = {"num_cpus": float(cpus or 1), "num_gpus": float(launch.run.devices if on_gpu else 0)}
    if memory_gb:
        reserved["memory"] = float(memory_gb) * 1024**3
    return reserved


class RayExecutor:
    """Places each child on the Ray cluster this process is connected to (``connect``)."""

    def __init__(self, address: str) -> None:
        self.address = address

    @classmethod
    def connect(cls, address: str) -> RayExecutor:
        """Join the cluster at ``address`` (``auto``: the one this machine is part of) unless
        this process already has; blocking, so called before the worker's loop starts."""
        if not ray.is_initialized():
            ray.init(address=address, log_to_driver=False, configure_logging=False)
        return cls(address)

    def describe(self) -> str:
        resources = ray.cluster_resources()  # type: ignore[no-untyped-call]
        gpus = resources.get("GPU", 0)
        return f"the Ray cluster at {self.address} ({resources.get('CPU', 0):g} CPUs, {gpus:g} GPUs)"

    def devices(self) -> int:
        """The most GPUs one alive node has (a run's devices must fit one actor); at least 1."""
        nodes = ray.nodes()  # type: ignore[no-untyped-call]
        most = max((node["Resources"].get("GPU", 0) for node in nodes if node["Alive"]), default=0)
        return max(1, int(most))

    async def start(self, launch: Launch) -> Child:
        cluster = await asyncio.to_thread(ray.cluster_resources)
        reserved = placement(launch, cluster.get("GPU", 0))
        env = dict(launch.env)
        if "OMP_NUM_THREADS" not in os.environ:
            env["OMP_NUM_THREADS"] = str(max(1, int(reserved["num_cpus"])))
        actor = _REMOTE_RUN_PROCESS.options(max_restarts=0, max_task_retries=0, max_concurrency=4, **reserved).remote(
            str(launch.run.id), str(launch.folder), env
        )
        return RayChild(actor)
