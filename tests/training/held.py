"""The ``train`` kind for tests that stop a training run after a checkpoint: while the file
``hold`` is in the run folder, the child stops after reporting its first checkpoint and waits
there until it is killed or cancelled. Registered through ``run_kinds`` (it replaces the built-in
``train``) in tests only, never shipped to users.

A tiny model trains a step in milliseconds, so a test that kills or cancels a run "soon after" its
first checkpoint loses the race on a busy machine: the run finishes first. Held, the run is at
that checkpoint whatever the load, and the attempt that resumes it (or a run without ``hold``)
trains exactly like the built-in kind.
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

from tunix_rt.runs.events import CheckpointEvent, Event, EventSink
from tunix_rt.training import kind
from tunix_rt.training.config import TrainConfig

HOLD = "hold"


class HoldAfterCheckpoint(EventSink):
    """Passes every event on; after a checkpoint, while ``hold`` exists, never returns."""

    def __init__(self, inner: EventSink, hold: Path) -> None:
        self.inner = inner
        self.hold = hold

    def emit(self, event: Event) -> None:
        self.inner.emit(event)
        if isinstance(event, CheckpointEvent) and self.hold.exists():
            while True:  # the worker has the checkpoint; the test kills or cancels the run
                time.sleep(60)


def execute(config: TrainConfig, run_dir: Path, events: EventSink) -> None:
    kind.execute(config, run_dir, HoldAfterCheckpoint(events, run_dir / HOLD))


HELD_TRAIN = dataclasses.replace(kind.TRAIN, execute=execute)
HELD_TRAIN_PATH = "tests.training.held:HELD_TRAIN"
