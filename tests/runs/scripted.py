"""A run kind for tests: its child performs a scripted list of steps (print, log, metrics,
checkpoints, artifacts, waits, a failure...), so queue, worker and API behaviour can be driven
exactly. Registered through ``run_kinds`` in tests only, never shipped to users.

Every execution appends ``start PID`` / ``end PID`` to ``executions.log`` in the run folder,
which is how tests prove a run ran exactly once, or never twice at the same time.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from tunix_rt.runs.events import EventSink
from tunix_rt.runs.kinds import RunKind, RunRefs, resume_point


class Step(BaseModel):
    model_config = ConfigDict(extra="forbid")

    op: Literal[
        "print",
        "environ",
        "stderr",
        "log",
        "status",
        "metric",
        "series",
        "lines",
        "checkpoint",
        "artifact",
        "symlink",
        "sleep",
        "wait_for",
        "spawn",
        "fail",
        "exit",
    ] = Field(description="What to do.")
    text: str = Field("", description="Text to print or log, failure message, symlink target, variable to print.")
    path: str = Field("", description="File inside the run folder.")
    step: int = Field(0, ge=0, description="Metric or checkpoint step.")
    values: dict[str, float] = Field(default_factory=dict, description="Metric values.")
    count: int = Field(0, ge=0, description="How many lines or series points; exit code.")
    seconds: float = Field(0, ge=0, description="Sleep or wait time.")


class ScriptConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    steps: list[Step] = Field(default_factory=list, description="Steps, in order.")
    dataset: str | None = Field(None, description="Dataset key referenced.")
    evalset: str | None = Field(None, description="Eval-set key referenced.")
    model: str | None = Field(None, description="Model referenced.")
    ignore_sigterm: bool = Field(False, description="Ignore SIGTERM (to test the SIGKILL after the grace period).")


def _record(run_dir: Path, what: str) -> None:
    with (run_dir / "executions.log").open("a") as handle:
        handle.write(f"{what} {os.getpid()} {time.time():.6f}\n")


def run_script(config: ScriptConfig, run_dir: Path, events: EventSink) -> None:
    if config.ignore_sigterm:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _record(run_dir, "start")
    resume = resume_point(run_dir)
    first = int(resume.read_text()) + 1 if resume is not None else 0
    if resume is not None:
        events.log(f"resuming at step {first}")
    for index, step in enumerate(config.steps):
        if index < first:
            continue
        target = run_dir / step.path if step.path else run_dir
        match step.op:
            case "print":
                print(step.text, flush=True)
            case "environ":
                print(f"{step.text}={os.environ.get(step.text, '')}", flush=True)
            case "stderr":
                print(step.text, file=sys.stderr, flush=True)
            case "log":
                events.log(step.text, level="warning" if step.count else "info")
            case "status":
                events.status(step.text, progress=step.seconds or None)
            case "metric":
                events.metric(step.step, step.values)
            case "series":
                for point in range(step.count):
                    events.metric(point, {step.text: float(point % 97)})
            case "lines":
                sys.stdout.write("".join(f"{step.text} {n}\n" for n in range(step.count)))
                sys.stdout.flush()
            case "checkpoint":
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(str(index))
                events.checkpoint(step.path, step=step.step)
            case "artifact":
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(step.text)
                events.artifact(step.path)
            case "symlink":
                target.symlink_to(step.text)
            case "sleep":
                time.sleep(step.seconds)
            case "wait_for":
                deadline = time.monotonic() + (step.seconds or 60)
                while not target.exists() and time.monotonic() < deadline:
                    time.sleep(0.02)
            case "spawn":
                child = subprocess.Popen(["sleep", str(step.seconds)])
                # written whole or not at all: tests read it as soon as the name appears
                partial = run_dir / "grandchild.pid.partial"
                partial.write_text(str(child.pid))
                partial.replace(run_dir / "grandchild.pid")
            case "fail":
                raise RuntimeError(step.text)
            case "exit":
                sys.stdout.flush()
                os._exit(step.count)
    _record(run_dir, "end")


def _refs(config: ScriptConfig) -> RunRefs:
    return RunRefs(dataset_key=config.dataset, evalset_key=config.evalset, model=config.model)


KIND = RunKind(name="scripted", config_model=ScriptConfig, execute=run_script, resumable=True, references=_refs)
KIND_PATH = "tests.runs.scripted:KIND"
