"""The worker loop: claim queued runs up to a concurrency limit, run each as a child process
(here, or on a Ray cluster: the worker's ``Executor``, ``runs/executor.py``), keep its lease
alive, ingest its output, honour cancellation, and record the outcome.

One ``Worker`` per process (``tunix-rt worker``, or embedded in ``tunix-rt serve``); any number
of them can share a PostgreSQL database and data home. A stop event ends the loop gracefully:
children get SIGTERM, then SIGKILL after the grace period, and runs that were not asked to stop
go back to the queue. Final status writes are shielded so that cancelling the worker's task
cannot leave a run half-recorded.

A database error never stops the worker. The loop retries its claims and reaps with backoff;
an attempt keeps output it could not write and writes it on a later poll, and retries its
outcome; an error that retrying cannot cure (a bug, a refused write) fails that run with the
reason. Every error is counted (``errors``, and the ``tunix_rt_worker_errors`` metric of the
server embedding the worker), so health and Prometheus show a worker in trouble.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import socket
import threading
import time
import uuid
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tunix_rt.db import describe_error, is_transient, transaction, utcnow
from tunix_rt.errors import TunixError
from tunix_rt.metrics import Metrics
from tunix_rt.rollouts import store as rollouts
from tunix_rt.runs import artifacts, queue, store
from tunix_rt.runs.events import (
    MAX_LINE_CHARS,
    AlarmEvent,
    ArtifactEvent,
    CheckpointEvent,
    EventSink,
    LogEvent,
    MetricEvent,
    RolloutEvent,
    StatusEvent,
    parse_line,
)
from tunix_rt.runs.execute import RUN_DIR_ENV, WORKER_PID_ENV
from tunix_rt.runs.executor import STREAM_LIMIT, Child, Executor, Launch, LocalExecutor
from tunix_rt.runs.kinds import KindRegistry, RunFile, write_run_file
from tunix_rt.runs.lease import Held, LeaseKeeper
from tunix_rt.runs.mirror import fetch_outputs, mirror_of
from tunix_rt.runs.queue import Lease
from tunix_rt.runs.store import RunStatus
from tunix_rt.runs.tables import Run
from tunix_rt.settings import Settings

log = logging.getLogger(__name__)
T = TypeVar("T")

_ENV_NAMES = frozenset(
    {"PATH", "HOME", "USER", "LOGNAME", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR", "PYTHONPATH", "VIRTUAL_ENV"}
)
_ENV_PREFIXES = (
    "CUDA_",
    "NVIDIA_",
    "NCCL_",
    "HF_",
    "TRANSFORMERS_",
    "TORCH",
    "XLA_",
    "JAX_",
    "TPU_",
    "OMP_",
    "MKL_",
    "RAY_",
    "COVERAGE_",
    "TUNIX_RT_LLM_JUDGE_",
)
# Progress bars off in every child: each redraw would be a log line on stderr (shown as an
# error), and the run's status events already say how far it is. tqdm reads TQDM_<ARG> as the
# default of each argument when it is imported (tqdm.utils.envwrap), which covers TRL's and
# Trainer's bars; transformers' own bars (weight loading) follow huggingface_hub's switch, and
# datasets' (map, filter) their own; Tunix shows none when stderr is not a terminal.
_NO_PROGRESS_BARS = {"TQDM_DISABLE": "1", "HF_HUB_DISABLE_PROGRESS_BARS": "1", "HF_DATASETS_DISABLE_PROGRESS_BARS": "1"}
_FLUSH_LINES = 2000
_MAX_PENDING_LINES = 10 * _FLUSH_LINES
_MAX_BACKOFF_SECONDS = 30.0


def database_environment(settings: Settings) -> dict[str, str]:
    """The settings a coordinator child needs to open the store and run runs itself like a
    worker would: the database URL, the queue timings, the extra kinds and Ray's address."""
    env = {
        "TUNIX_RT_DATABASE_URL": settings.resolved_database_url,
        "TUNIX_RT_RUN_LEASE_SECONDS": str(settings.run_lease_seconds),
        "TUNIX_RT_RUN_HEARTBEAT_SECONDS": str(settings.run_heartbeat_seconds),
        "TUNIX_RT_RUN_POLL_SECONDS": str(settings.run_poll_seconds),
        "TUNIX_RT_RUN_CANCEL_GRACE_SECONDS": str(settings.run_cancel_grace_seconds),
        "TUNIX_RT_RUN_MAX_ATTEMPTS": str(settings.run_max_attempts),
        "TUNIX_RT_RUN_KINDS": ",".join(settings.run_kinds),
    }
    if settings.ray_address:
        env["TUNIX_RT_RAY_ADDRESS"] = settings.ray_address
    if settings.ray_num_cpus is not None:
        env["TUNIX_RT_RAY_NUM_CPUS"] = str(settings.ray_num_cpus)
    return env


def thread_share(sharers: int) -> int:
    """CPU threads for each of ``sharers`` processes that train at once on this machine: its cores
    shared out, at least one each."""
    return max(1, (os.cpu_count() or 1) // sharers)


def child_environment(
    home: Path,
    run_dir: Path,
    database: Settings | None = None,
    *,
    threads: int | None = None,
    reward_dirs: Sequence[Path] = (),
    passed: Sequence[str] = (),
) -> dict[str, str]:
    """What a run's child may see: locale, paths and accelerator/framework variables, never the
    database URL or API tokens (training code has no business with them). A kind that
    ``needs_database`` (a sweep, which must create, claim and watch its trials' runs) is
    given the store's settings through ``database``.

    ``threads`` becomes ``OMP_NUM_THREADS`` (torch's CPU threads) unless the worker's own
    environment sets it: each child of a worker running N runs at once gets its share of the
    cores, as torchrun does for its processes. Children that each take every core on a shared
    machine spend their time waiting on each other's threads (on two cores, 30 steps of the
    demo's model took three times as long with two threads as with one while other work ran).

    Progress bars are switched off (``_NO_PROGRESS_BARS``): status events report progress.

    ``reward_dirs`` become ``TUNIX_RT_REWARD_DIRS``: a GRPO run loads its rewards from the folders
    the worker's settings name, whether those came from the environment or from a ``.env``.

    ``passed`` are further variables the run's kind asks for by name (``RunKind.passed_environment``:
    the API key a sample run's endpoint takes), copied when the worker has them."""
    env = {k: v for k, v in os.environ.items() if k in _ENV_NAMES or k.startswith(_ENV_PREFIXES)}
    env.update({name: os.environ[name] for name in passed if name in os.environ})
    if database is not None:
        env.update(database_environment(database))
    if threads is not None and "OMP_NUM_THREADS" not in env:
        env["OMP_NUM_THREADS"] = str(threads)
    if reward_dirs:
        env["TUNIX_RT_REWARD_DIRS"] = ",".join(str(folder) for folder in reward_dirs)
    env.update(
        {
            **_NO_PROGRESS_BARS,
            "PYTHONUNBUFFERED": "1",
            "TUNIX_RT_HOME": str(home.resolve()),
            RUN_DIR_ENV: str(run_dir),
            WORKER_PID_ENV: str(os.getpid()),
        }
    )
    return env


def detected_devices() -> int:
    """The GPUs this machine shows a worker, without importing torch: the entries of
    ``CUDA_VISIBLE_DEVICES`` when set, else the ``/dev/nvidiaN`` device files; at least 1, the
    CPU, where a run's processes share the cores."""
    visible = os.environ.get("CUDA_VISIBLE_DEVICES")
    if visible is not None:
        count = len([entry for entry in visible.split(",") if entry.strip() and entry.strip() != "-1"])
    else:
        count = len([path for path in Path("/dev").glob("nvidia*") if path.name[len("nvidia") :].isdigit()])
    return max(1, count)


def upstream_run(model: str | None, home: Path) -> uuid.UUID | None:
    """The run whose outputs a run's ``model`` column says it reads, if any: ``run:<id>`` (an
    evaluation of a trained run), a run's full id (a ``sample`` run of a trained model, a loop's
    rounds), or a folder inside a run's folder of this data home (a loop round training from the
    last round's weights, GRPO from an SFT run's adapter). A path names another run's folder only
    where every worker has the same data-home path; a short id is not looked up."""
    if model is None:
        return None
    with contextlib.suppress(ValueError):
        return uuid.UUID(model.removeprefix("run:"))
    path = Path(model).expanduser()
    if not path.is_absolute():
        return None
    try:
        inside = path.resolve().relative_to((home / "runs").resolve())
    except ValueError:
        return None
    with contextlib.suppress(ValueError, IndexError):
        return uuid.UUID(inside.parts[0])
    return None


def _set_from_thread(loop: asyncio.AbstractEventLoop, event: asyncio.Event) -> None:
    """Set an event of ``loop`` from the lease keeper's thread (a no-op once the loop closed)."""
    with contextlib.suppress(RuntimeError):
        loop.call_soon_threadsafe(event.set)


class Backoff:
    """Delays between retries of a failing database step: ``first``, doubling up to ``cap``,
    back to ``first`` after a success. A database that is down for minutes then costs a retry
    every ``cap`` seconds, not one every poll."""

    def __init__(self, first: float, cap: float = _MAX_BACKOFF_SECONDS) -> None:
        self.first = first
        self.cap = max(cap, first)
        self.failures = 0

    def next(self) -> float:
        delay = min(self.cap, self.first * 2.0 ** min(self.failures, 32))
        self.failures += 1
        return delay

    def reset(self) -> None:
        self.failures = 0


@dataclass
class _Pending:
    """Output received but not yet written: flushed in one transaction every poll."""

    logs: list[dict[str, Any]] = field(default_factory=list)
    metrics: dict[tuple[str, int], dict[str, Any]] = field(default_factory=dict)
    files: list[dict[str, Any]] = field(default_factory=list)
    """Records of reported files, ready: hashed, and uploaded to the artifact store if there is one."""
    rollouts: dict[tuple[int, int, int], dict[str, Any]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.logs or self.metrics or self.files or self.rollouts)

    def followed_by(self, newer: _Pending) -> _Pending:
        """This unwritten batch with what arrived after it: lines stay in sequence order and a
        newer value for the same metric step wins, as if both had arrived before one flush."""
        return _Pending(
            logs=[*self.logs, *newer.logs],
            metrics={**self.metrics, **newer.metrics},
            files=[*self.files, *newer.files],
            rollouts={**self.rollouts, **newer.rollouts},
        )


class RunExecution:
    """One attempt of one run, from spawn to recorded outcome. ``sink``, if given, also sees
    each event the child reports as it arrives (``--local`` drives its progress bar with it);
    what is recorded does not depend on it."""

    def __init__(self, worker: Worker, run: Run, *, sink: EventSink | None = None) -> None:
        self.worker = worker
        self.sink = sink
        self.settings = worker.settings
        self.run = run
        self.lease = Lease(run.id, worker.id, run.attempts)
        self.folder = artifacts.run_dir(self.settings.home, run.id)
        self.mirror = mirror_of(self.settings, run.id)
        self.pending = _Pending()
        self.seq = 0
        self.last_stderr: deque[str] = deque(maxlen=1)
        self.child: Child | None = None
        self.flush_lock = asyncio.Lock()
        self.uploads: deque[tuple[CheckpointEvent | ArtifactEvent, asyncio.Task[dict[str, Any] | str]]] = deque()
        self.upload_lock = asyncio.Lock()
        self.lost = asyncio.Event()
        self.cancel = asyncio.Event()
        self.stop = asyncio.Event()
        self.write_backoff = Backoff(self.settings.run_poll_seconds)
        self.write_after = 0.0
        self.failure: Exception | None = None

    async def execute(self, stop: asyncio.Event) -> None:
        self.stop = stop
        loop = asyncio.get_running_loop()
        held = Held(
            self.lease,
            on_lost=lambda: _set_from_thread(loop, self.lost),
            on_cancel=lambda: _set_from_thread(loop, self.cancel),
        )
        async with self.worker.keeper.holding(held):
            try:
                outcome = await self._attempt(stop, held)
            except asyncio.CancelledError:
                if self.child is not None:
                    self.child.signal(signal.SIGKILL)
                    await asyncio.shield(self.child.close())
                for _event, upload in self.uploads:
                    upload.cancel()  # a released run records no more files; its next attempt uploads them
                await asyncio.shield(self._settle("released", None, None))
                raise
            except Exception as exc:
                # a child nobody watches must not keep running; the run is failed with the
                # reason rather than left running until its lease lapses
                if self.child is not None:
                    self.child.signal(signal.SIGKILL)
                    await asyncio.shield(self.child.close())
                self.worker.failed("run", exc)
                code = self.child.returncode if self.child is not None else None
                outcome = ("failed", code, f"worker error: {describe_error(exc)}")
            await asyncio.shield(self._settle(*outcome))

    async def _retrying(self, stage: str, step: Callable[[], Awaitable[T]]) -> T:
        """``step`` until it succeeds, retrying transient database errors with backoff. Gives
        up (raises) on any other error, once the lease is found lost, or once the worker is
        stopping and a lease's time has passed: the reaper then settles the run."""
        backoff = Backoff(self.settings.run_poll_seconds)
        since = time.monotonic()
        while True:
            try:
                return await step()
            except Exception as exc:
                stopping = self.stop.is_set() and time.monotonic() - since > self.settings.run_lease_seconds
                if not is_transient(exc) or self.lost.is_set() or stopping:
                    raise
                self.worker.failed(stage, exc)
            await asyncio.sleep(backoff.next())

    async def _fetch(self, resume: str | None) -> None:
        """Bring this machine's scratch folder up to date from the artifact store before the child
        starts: the run's files but for checkpoints other than ``resume`` (an attempt resumes
        from one, and the others may be gigabytes), the outputs of the run it evaluates
        (``upstream_run``), and the snapshots it reads."""
        from tunix_rt.datasets import snapshot

        upstream = upstream_run(self.run.model, self.settings.home)
        async with self.worker.sessions() as session:
            fetched = await fetch_outputs(self.settings, session, self.run.id, resume=resume, latest=False)
            if upstream is not None:
                await fetch_outputs(self.settings, session, upstream)
        for key in filter(None, (self.run.dataset_key, self.run.evalset_key)):
            await asyncio.to_thread(snapshot.local, self.settings, key)
        if fetched:
            self._line("worker", f"fetched {fetched} file(s) of the run from the artifact store")

    async def _next_seq(self) -> int:
        async with self.worker.sessions() as session:
            return await store.next_seq(session, self.run.id)

    async def _attempt(self, stop: asyncio.Event, held: Held) -> tuple[str, int | None, str | None]:
        self.seq = await self._retrying("run", self._next_seq)
        try:
            path = self.worker.registry.path_of(self.run.kind)
            kind = self.worker.registry.get(self.run.kind)
        except TunixError as exc:
            return "failed", None, f"this worker cannot run kind '{self.run.kind}': {exc.detail}"
        resume = self.run.last_checkpoint if kind.resumable else None
        if self.mirror is not None:
            try:
                await self._fetch(resume)
            except Exception as exc:
                return "failed", None, f"could not fetch the run's files from the artifact store: {describe_error(exc)}"
        spec = RunFile(
            id=str(self.run.id),
            kind=self.run.kind,
            kind_path=path,
            attempt=self.run.attempts,
            config=self.run.config,
            resume_from=resume,
        )
        await asyncio.to_thread(write_run_file, self.folder, spec)
        note = f" resuming from {resume}" if resume else ""
        self._line("worker", f"attempt {self.run.attempts} on {self.worker.id}{note}")
        config = kind.config_model.model_validate(self.run.config)
        env = child_environment(
            self.settings.home,
            self.folder,
            self.settings if kind.needs_database else None,
            threads=self.worker.threads_per_run,
            reward_dirs=self.settings.resolved_reward_dirs,
            passed=kind.passed_environment(config),
        )
        child = self.child = await self.worker.executor.start(Launch(self.run, config, self.folder, env))
        self.worker.keeper.attach(held, child.killer())
        readers = [
            asyncio.create_task(self._read(child.stdout, "stdout")),
            asyncio.create_task(self._read(child.stderr, "stderr")),
        ]
        try:
            verdict = await self._watch(child, stop)
        finally:
            child.signal(signal.SIGKILL)
            _done, still = await asyncio.wait(readers, timeout=5)
            for reader in still:
                reader.cancel()
            await asyncio.shield(child.close())
        await self._uploaded()
        await self._flush()
        if self.lost.is_set():
            verdict = "lost"
        code = child.returncode
        if self.mirror is not None and verdict != "lost":
            try:
                await asyncio.to_thread(self.mirror.sync, self.folder)
            except Exception as exc:
                return "failed", code, f"the run folder was not uploaded to the artifact store: {describe_error(exc)}"
        if self.failure is not None and verdict != "lost":
            return "failed", code, f"worker error: {describe_error(self.failure)}"
        if verdict is not None:
            return verdict, code, None
        if child.vanished is not None:
            self._line("worker", f"{child.vanished}: back in the queue to resume")
            await self._flush()
            return "requeued", None, child.vanished
        if code == 0:
            return "succeeded", code, None
        if code is None:
            reason = "the child ended without an exit status"
        else:
            reason = f"killed by signal {-code}" if code < 0 else f"exit code {code}"
        last = self.last_stderr[-1] if self.last_stderr else ""
        return "failed", code, f"{reason}: {last}" if last else reason

    async def _watch(self, child: Child, stop: asyncio.Event) -> str | None:
        """Until the child exits: flush output, and act on what the lease keeper reports (a
        lost lease, a cancellation) and on the worker stopping. The loop does no database
        work of its own beyond writing output. Returns why the worker ended the child, or
        None if it exited by itself."""
        exited = asyncio.create_task(child.exited())
        signals = [asyncio.create_task(event.wait()) for event in (stop, self.lost, self.cancel)]
        placed = False
        try:
            while True:
                await asyncio.wait(
                    {exited, *signals}, timeout=self.settings.run_poll_seconds, return_when=asyncio.FIRST_COMPLETED
                )
                if not placed and child.where is not None:
                    placed = True
                    self._line("worker", f"running on {child.where}")
                await self._flush()
                if self.failure is not None:
                    # output that cannot be stored: the attempt ends, failed with the reason
                    child.signal(signal.SIGKILL)
                    await exited
                    return "failed"
                if self.lost.is_set():
                    # not a run log line: the run's log now belongs to the attempt that took over
                    log.warning("run %s: lease of attempt %d lost; stopped", self.run.id, self.lease.attempt)
                    child.signal(signal.SIGKILL)
                    await exited
                    return "lost"
                if exited.done():
                    return None
                if stop.is_set():
                    await self._terminate(child, exited)
                    return "released"
                if self.cancel.is_set():
                    self._line("worker", "cancel requested: stopping")
                    await self._terminate(child, exited)
                    return "cancelled"
        finally:
            for task in (exited, *signals):
                task.cancel()

    async def _terminate(self, child: Child, exited: asyncio.Task[int | None]) -> None:
        """SIGTERM to the process group, SIGKILL after the grace period, output kept flowing."""
        child.signal(signal.SIGTERM)
        deadline = time.monotonic() + self.settings.run_cancel_grace_seconds
        while not exited.done() and not self.lost.is_set() and time.monotonic() < deadline:
            await asyncio.wait({exited}, timeout=min(self.settings.run_poll_seconds, deadline - time.monotonic()))
            await self._flush()
        if not exited.done():
            if not self.lost.is_set():
                self._line("worker", f"no exit {self.settings.run_cancel_grace_seconds:g}s after SIGTERM: SIGKILL")
            child.signal(signal.SIGKILL)
            await exited

    async def _read(self, stream: asyncio.StreamReader, name: str) -> None:
        while True:
            try:
                raw = await stream.readline()
            except ValueError:
                self._line(name, f"[a line over {STREAM_LIMIT} bytes was dropped]")
                continue
            if not raw:
                return
            line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
            event = parse_line(line) if name == "stdout" else None
            if event is not None and self.sink is not None:
                self.sink.emit(event)
            if event is None:
                self._line(name, line)
                if name == "stderr" and line.strip():
                    self.last_stderr.append(line.strip()[:500])
            elif isinstance(event, MetricEvent):
                at = utcnow() if event.time is None else datetime.fromtimestamp(event.time, UTC)
                for metric, value in event.values.items():
                    self.pending.metrics[(metric, event.step)] = {
                        "run_id": self.run.id,
                        "name": metric,
                        "step": event.step,
                        "value": value,
                        "recorded_at": at,
                    }
            elif isinstance(event, RolloutEvent):
                self.pending.rollouts[(event.step, event.group, event.index)] = rollouts.row_of(self.run.id, event)
            elif isinstance(event, AlarmEvent):
                self._line("alarm", event.line)
            elif isinstance(event, LogEvent):
                self._line("log", event.message if event.level == "info" else f"{event.level}: {event.message}")
            elif isinstance(event, StatusEvent):
                done = f" ({event.progress:.0%})" if event.progress is not None else ""
                self._line("status", f"{event.message}{done}")
            else:
                kind = "checkpoint" if isinstance(event, CheckpointEvent) else "artifact"
                step = f" at step {event.step}" if event.step is not None else ""
                self._line("event", f"{kind} {event.path}{step}")
                self.uploads.append((event, asyncio.create_task(self._upload(event))))
            if len(self.pending.logs) >= _FLUSH_LINES:
                await self._flush()
            while len(self.pending.logs) >= _MAX_PENDING_LINES and not self.lost.is_set() and self.failure is None:
                # the database refuses writes for now: stop reading, so the child waits on its
                # pipe instead of the worker holding its output in memory without bound
                await asyncio.sleep(max(self.write_after - time.monotonic(), self.settings.run_poll_seconds))
                await self._flush()

    def _line(self, stream: str, text: str) -> None:
        """Queue a log line; its sequence number is fixed now, in arrival order."""
        row = {"run_id": self.run.id, "seq": self.seq, "stream": stream, "line": text[:MAX_LINE_CHARS]}
        self.pending.logs.append({**row, "created_at": utcnow()})
        self.seq += 1

    async def _flush(self) -> None:
        """Write what arrived since the last flush; never raises, so the pipe readers that
        call it keep reading. A transient database error keeps the output for a later flush,
        after a backoff; any other error is kept in ``failure``, which ends the attempt."""
        if time.monotonic() < self.write_after:
            return
        try:
            await self._store_pending()
        except Exception as exc:
            self.worker.failed("output", exc)
            if is_transient(exc):
                self.write_after = time.monotonic() + self.write_backoff.next()
            else:
                self.failure = exc
            return
        self.write_backoff.reset()

    async def _upload(self, event: CheckpointEvent | ArtifactEvent) -> dict[str, Any] | str:
        """A reported file's record, or why it is refused (``_describe``), off the event loop and
        out of the output's way: hashing and uploading a multi-gigabyte checkpoint used to hold
        back every line written after it. One at a time, in the order reported, as each upload
        rewrites the store's index of the run's files."""
        async with self.upload_lock:
            return await asyncio.to_thread(self._describe, event)

    async def _uploaded(self) -> None:
        """Until every reported file is hashed and uploaded (the attempt's end waits, so its last
        write records them all, and the folder's final upload never races one)."""
        running = [task for _event, task in self.uploads]
        if running:
            await asyncio.wait(running)

    def _harvest(self) -> None:
        """Move the records of finished uploads, in the order reported, into the pending output,
        stopping at the first still running (so the last checkpoint recorded is the last one
        reported). A refused file gets a line saying why, numbered now, after the lines already
        pending: called under the flush lock, so it is written with them, in order."""
        while self.uploads and self.uploads[0][1].done():
            event, task = self.uploads.popleft()
            described = task.result()
            kind = "checkpoint" if isinstance(event, CheckpointEvent) else "artifact"
            if isinstance(described, str):
                self._line("worker", f"{kind} '{event.path}' refused: {described}")
            else:
                self.pending.files.append(
                    {"run_id": self.run.id, "path": event.path, "kind": kind, **described, "step": event.step}
                )

    async def _store_pending(self) -> None:
        """Write what arrived since the last write, in one transaction. Writes run one at a
        time, so lines become visible in sequence order (a log follower reading ``seq > last``
        never skips one); shielded, so a cancelled worker still stores every received line.
        A failed write puts its batch back in front of newer output and raises. Once the lease
        is lost, nothing more is written (the output belongs to a dead attempt), nor after a
        write failed for good. Reported files are recorded once their upload finished."""
        async with self.flush_lock:
            self._harvest()
            if self.pending and not self.lost.is_set() and self.failure is None:
                taken, self.pending = self.pending, _Pending()
                try:
                    written = await asyncio.shield(self._write(taken))
                except Exception:
                    self.pending = taken.followed_by(self.pending)
                    raise
                if not written:
                    self.lost.set()
            if self.lost.is_set() or self.failure is not None:
                self.pending = _Pending()

    async def _write(self, batch: _Pending) -> bool:
        """Store a batch, fenced by the lease: the transaction first renews it, which locks the
        run's row against a concurrent reap (PostgreSQL; SQLite's write lock does the same),
        and writes nothing when the lease is lost. So a reaped attempt's output can never land
        beside the next attempt's, whose log sequence starts after what was stored. False when
        the lease was lost."""
        async with transaction(self.worker.sessions) as session:
            if await queue.heartbeat(session, self.lease, self.settings.run_lease_seconds) is None:
                return False
            await store.add_logs(session, batch.logs)
            await store.upsert_metrics(session, list(batch.metrics.values()))
            await store.upsert_artifacts(session, batch.files)
            await rollouts.upsert(session, list(batch.rollouts.values()))
            checkpoints = [row["path"] for row in batch.files if row["kind"] == "checkpoint"]
            if checkpoints:
                await store.set_checkpoint(session, self.run.id, checkpoints[-1])
        return True

    def _describe(self, event: CheckpointEvent | ArtifactEvent) -> dict[str, Any] | str:
        """The record of a reported file, uploaded first to the artifact store if there is one
        (so a recorded checkpoint is always whole in the store); or why it is refused."""
        outside = "not a file inside the run folder"
        try:
            path = artifacts.resolve_inside(self.folder, event.path)
        except TunixError:
            return outside
        if not path.exists():
            return outside
        try:
            size, digest = artifacts.describe(path)
        except OSError:  # vanished or unreadable meanwhile: refused, not retried as a database error
            return outside
        if self.mirror is not None:
            try:
                self.mirror.publish(self.folder, event.path)
            except Exception as exc:  # the store is down or refuses: not recorded, never resumed from
                return f"not uploaded to the artifact store: {describe_error(exc)}"
        return {"size": size, "sha256": digest, "created_at": utcnow()}

    async def _settle(self, verdict: str, code: int | None, error: str | None) -> None:
        """Store the remaining output, then the outcome, retrying transient errors. When that
        cannot be done (an error retrying cannot cure), the run is failed with the reason
        instead; when even that cannot be written, the lease lapses and the reaper requeues
        or fails the run: it is never left running with nobody watching it."""
        try:
            await self._retrying("record", lambda: self._record(verdict, code, error))
            return
        except Exception as exc:
            self.worker.failed("record", exc)
            self.failure = self.failure or exc  # output that failed to write is dropped now
            reason = f"worker error: {describe_error(exc)}"
        try:
            await self._retrying("record", lambda: self._record("failed", code, reason))
        except Exception as exc:
            self.worker.failed("record", exc)
            log.error("run %s: outcome not recorded (%s); the reaper settles it", self.run.id, describe_error(exc))

    async def _record(self, verdict: str, code: int | None, error: str | None) -> None:
        """Record the outcome in one transaction fenced like ``_write``: the lease is renewed
        (and the row locked) first, so the success hook's writes and the final status land
        only while this attempt still holds the run. Output not yet stored is written first,
        so a follower never sees a terminal status before the lines that preceded it."""
        if verdict == "lost":
            return
        if verdict != "released":
            await self._store_pending()
        async with transaction(self.worker.sessions) as session:
            if await queue.heartbeat(session, self.lease, self.settings.run_lease_seconds) is None:
                log.warning("run %s: lease lost before its outcome (%s) was recorded", self.run.id, verdict)
                return
            if verdict == "released" and await queue.release(session, self.lease) is not None:
                return
            if verdict == "requeued":
                await queue.requeue(session, self.lease, self.settings.run_max_attempts, error or "child lost")
                return
            status = {
                "succeeded": RunStatus.SUCCEEDED,
                "failed": RunStatus.FAILED,
                "cancelled": RunStatus.CANCELLED,
                "released": RunStatus.CANCELLED,
            }[verdict]
            if status == RunStatus.SUCCEEDED:
                error = await self._on_success(session)
                status = RunStatus.FAILED if error else status
            await queue.finish(session, self.lease, status, exit_code=code, error=error)

    async def _on_success(self, session: AsyncSession) -> str | None:
        """Run the kind's success hook in a savepoint of the final transaction; the reason the
        run must count as failed when the hook refuses its outputs, else None."""
        try:
            kind = self.worker.registry.get(self.run.kind)
        except TunixError:
            return None
        if kind.on_success is None:
            return None
        try:
            async with session.begin_nested():
                await kind.on_success(session, self.run, self.folder)
        except TunixError as exc:
            log.warning("run %s: outputs not recorded: %s", self.run.id, exc.detail)
            return f"outputs not recorded: {exc.detail}"
        except SQLAlchemyError as exc:
            # the database refused what the outputs hold: the savepoint is rolled back and the
            # run fails with the reason, instead of the worker task dying with the run left running
            log.warning("run %s: outputs not recorded", self.run.id, exc_info=True)
            return f"outputs not recorded: the database refused them: {str(exc).splitlines()[0]}"
        return None


class Worker:
    """Claims and executes runs until its stop event is set."""

    def __init__(
        self,
        settings: Settings,
        sessions: async_sessionmaker[AsyncSession],
        *,
        registry: KindRegistry | None = None,
        concurrency: int | None = None,
        devices: int | None = None,
        worker_id: str | None = None,
        metrics: Metrics | None = None,
        executor: Executor | None = None,
    ) -> None:
        self.settings = settings
        self.sessions = sessions
        self.executor: Executor = executor or LocalExecutor()
        self.registry = registry or KindRegistry(settings.run_kinds)
        self.concurrency = concurrency or settings.worker_concurrency
        self.devices = devices or settings.worker_devices or detected_devices()
        self.hostname = socket.gethostname()
        self.id = worker_id or f"{self.hostname}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.active: dict[uuid.UUID, asyncio.Task[None]] = {}
        self.metrics = metrics
        self.errors = 0
        self.last_error: str | None = None
        self._errors_lock = threading.Lock()
        self.task: asyncio.Task[None] | None = None
        self.keeper = LeaseKeeper(settings, self.id, on_error=lambda exc: self.count("lease", exc))

    @property
    def alive(self) -> bool:
        """Whether the loop started by ``running`` is still going."""
        return self.task is not None and not self.task.done()

    def count(self, stage: str, exc: BaseException) -> None:
        """Count an error the worker survived (from any thread: the lease keeper's too)."""
        with self._errors_lock:
            self.errors += 1
            self.last_error = describe_error(exc)
        if self.metrics is not None:
            self.metrics.worker_errors.labels(stage).inc()

    def failed(self, stage: str, exc: BaseException) -> None:
        """Count and log an error the worker survives: a transient one in a line, anything
        else with its traceback (it is a bug or a refusal worth reading)."""
        self.count(stage, exc)
        if is_transient(exc):
            log.warning("worker %s: %s: %s; retrying", self.id, stage, describe_error(exc))
        else:
            log.error("worker %s: %s failed", self.id, stage, exc_info=exc)

    @property
    def threads_per_run(self) -> int:
        """CPU threads each child may use: this machine's cores shared by the runs at once."""
        return thread_share(self.concurrency)

    async def run(self, stop: asyncio.Event) -> None:
        """Claim, execute and reap until ``stop``. An error in an iteration is counted and the
        iteration retried after a backoff, so the loop outlives a locked or restarting database."""
        try:
            async with transaction(self.sessions) as session:
                await queue.register_worker(
                    session, self.id, self.hostname, os.getpid(), self.concurrency, self.devices
                )
        except Exception as exc:
            self.failed("register", exc)  # the lease keeper creates the row on its first beat
        self.keeper.register_worker_row(self.hostname, os.getpid(), self.concurrency, self.devices)
        log.info("worker %s started (concurrency %d, %d devices)", self.id, self.concurrency, self.devices)
        next_reap = 0.0
        backoff = Backoff(self.settings.run_poll_seconds)
        try:
            async with self.keeper.kept():
                while not stop.is_set():
                    try:
                        if time.monotonic() >= next_reap:
                            await self._reap()
                            next_reap = time.monotonic() + self.settings.run_heartbeat_seconds
                        await self._fill(stop)
                    except Exception as exc:
                        self.failed("loop", exc)
                        await self._wait(stop, backoff.next())
                        continue
                    backoff.reset()
                    await self._wait(stop, self.settings.run_poll_seconds)
        finally:
            stop.set()
            if self.active:
                await asyncio.gather(*self.active.values(), return_exceptions=True)
            await asyncio.shield(self._deregister())
            log.info("worker %s stopped", self.id)

    async def _reap(self) -> None:
        async with transaction(self.sessions) as session:
            reaped = await queue.reap(session, self.settings.run_max_attempts)
            await queue.forget_dead_workers(session, utcnow() - timedelta(seconds=3 * self.settings.run_lease_seconds))
        for run_id in reaped.requeued:
            log.warning("run %s: lease expired, requeued", run_id)
        for run_id in reaped.failed:
            log.warning("run %s: lease expired on its last attempt, failed", run_id)

    async def _fill(self, stop: asyncio.Event) -> None:
        while len(self.active) < self.concurrency and not stop.is_set():
            async with transaction(self.sessions) as session:
                run = await queue.claim(session, self.id, self.settings.run_lease_seconds, self.devices)
            if run is None:
                return
            task = asyncio.create_task(RunExecution(self, run).execute(stop), name=f"run {run.id}")
            self.active[run.id] = task

    async def _wait(self, stop: asyncio.Event, seconds: float) -> None:
        """Sleep ``seconds``, waking early on stop or when a run finishes (a free slot)."""
        stopping = asyncio.create_task(stop.wait())
        try:
            await asyncio.wait({stopping, *self.active.values()}, timeout=seconds, return_when="FIRST_COMPLETED")
        finally:
            stopping.cancel()
        for run_id, task in list(self.active.items()):
            if task.done():
                del self.active[run_id]
                if not task.cancelled() and task.exception() is not None:
                    log.error("run %s: worker error", run_id, exc_info=task.exception())

    async def _deregister(self) -> None:
        """Remove this worker's row; if the database cannot be reached, the row is forgotten
        as dead by the next worker that reaps."""
        try:
            async with transaction(self.sessions) as session:
                await queue.deregister_worker(session, self.id)
        except Exception as exc:
            self.failed("deregister", exc)


@asynccontextmanager
async def running(worker: Worker) -> AsyncIterator[Worker]:
    """Run a worker in the background for the duration of the block (the server's embedded
    worker, and tests); leaving the block stops it gracefully."""
    stop = asyncio.Event()
    task = worker.task = asyncio.create_task(worker.run(stop), name=f"worker {worker.id}")
    task.add_done_callback(_report_crash)
    try:
        yield worker
    finally:
        stop.set()
        await asyncio.gather(task, return_exceptions=True)


def _report_crash(task: asyncio.Task[None]) -> None:
    """Log a worker loop that died: only a bug outside the retried iteration can do that."""
    if not task.cancelled() and task.exception() is not None:
        log.error(
            "%s stopped on an error; queued runs wait for another worker", task.get_name(), exc_info=task.exception()
        )
