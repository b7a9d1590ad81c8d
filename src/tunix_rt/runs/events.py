"""The run events protocol: JSON lines on a child's stdout, one object per line.

``{"event": "metric", "step": 10, "values": {"loss": 0.3}}``, ``"log"``, ``"checkpoint"``,
``"artifact"``, ``"status"``, ``"rollout"`` (one scored GRPO completion) and ``"alarm"`` (a
reward-hacking alarm with the window of steps that tripped it); any other output line is plain
log text. Training and
evaluation code reports through an ``EventSink`` (a hooks object whose methods do nothing by
default), so it runs the same under the worker (``JsonLinesEmitter``) and in a unit test
(``MemorySink``), and never touches the database. The worker turns lines back into events
with ``parse_line``; ``--local`` commands show them as a progress bar (``ProgressSink``).
"""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING, Annotated, Any, Literal, TextIO, TypeVar

import orjson
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, field_validator

from tunix_rt.rollouts.alarms import AlarmKind

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

MAX_LINE_CHARS = 16_384
ROLLOUT_TEXT_CHARS = 6_000
"""The most characters of a rollout's prompt and of its completion an event carries, so the
line stays under the worker's read limit (``4 * MAX_LINE_CHARS`` bytes) in any UTF-8."""
STEP_METRICS = ("loss", "reward", "lr", "grad_norm")


class _Event(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _finite_values(value: Any) -> Any:
    """A validator's check: a number, or each value of a name-to-number mapping, is finite."""
    values = value if isinstance(value, dict) else {"value": value}
    bad = [name for name, number in values.items() if not math.isfinite(number)]
    if bad:
        raise ValueError(f"non-finite values for {', '.join(bad)}")
    return value


class LogEvent(_Event):
    """A message for the run's log, above the noise of plain output."""

    event: Literal["log"] = "log"
    message: str = Field(description="The text.")
    level: Literal["debug", "info", "warning", "error"] = Field("info", description="Severity.")


class MetricEvent(_Event):
    """Values of one or more metric series at a step."""

    event: Literal["metric"] = "metric"
    step: int = Field(ge=0, description="Training step (or item index) the values belong to.")
    values: dict[Annotated[str, Field(min_length=1, max_length=200)], float] = Field(
        min_length=1, description="Series name to a finite value."
    )
    time: float | None = Field(None, description="Unix time of the measurement; the worker's clock if absent.")

    _finite = field_validator("values")(_finite_values)


class CheckpointEvent(_Event):
    """A resumable checkpoint (a file or folder) written inside the run folder."""

    event: Literal["checkpoint"] = "checkpoint"
    path: str = Field(min_length=1, max_length=1000, description="Relative to the run folder.")
    step: int | None = Field(None, ge=0, description="Step the checkpoint was taken at.")


class ArtifactEvent(_Event):
    """A finished output file (adapter, predictions, summary) inside the run folder."""

    event: Literal["artifact"] = "artifact"
    path: str = Field(min_length=1, max_length=1000, description="Relative to the run folder.")
    step: int | None = Field(None, ge=0, description="Step it belongs to, if any.")


class StatusEvent(_Event):
    """What the run is doing now (``loading model``, ``epoch 2/3``), with optional progress."""

    event: Literal["status"] = "status"
    message: str = Field(description="Phase description.")
    progress: float | None = Field(None, ge=0, le=1, description="Fraction done, if known.")


class RolloutEvent(_Event):
    """One completion GRPO scored: its prompt, its rewards by function (unweighted), the
    weighted total GRPO optimised, its advantage within its group, and its length in tokens."""

    event: Literal["rollout"] = "rollout"
    step: int = Field(ge=0, description="Optimizer step whose generation batch it belongs to.")
    group: int = Field(ge=0, description="Which prompt of the step's batch (its group of completions).")
    index: int = Field(ge=0, description="Which completion of the group.")
    prompt: str = Field(max_length=ROLLOUT_TEXT_CHARS, description="The prompt's text (its messages' contents).")
    completion: str = Field(max_length=ROLLOUT_TEXT_CHARS, description="The completion's text.")
    answer: str | None = Field(None, max_length=1000, description="The expected answer, if the dataset has one.")
    rewards: dict[Annotated[str, Field(min_length=1, max_length=200)], float] = Field(
        description="Reward name to its unweighted value (a function that gave none is absent)."
    )
    total: float = Field(description="The weighted sum of the rewards: what GRPO optimised.")
    advantage: float = Field(description="The completion's advantage within its group.")
    length: int = Field(ge=0, description="Completion length in tokens.")

    _finite = field_validator("rewards", "total", "advantage")(_finite_values)


class AlarmEvent(_Event):
    """A reward-hacking alarm a GRPO run raised while training (``rollouts/alarms.py``): its kind,
    the first and last recorded step of the window that tripped it, and what was seen there.

    An event kind of its own rather than a warning ``log`` event: the window and the values are
    fields a reader can rely on (the worker, a ``--local`` run's sink, a test), not words to parse
    back out of a message, and ``log`` keeps the one shape every producer uses. An older worker that
    does not know the kind shows the line as plain output, as it does any line it cannot parse. The
    worker stores it as a line of the run's log (``line``) on a stream of its own, ``alarm``, so the
    log shows it and a reader of ``GET /api/runs/{id}/logs`` can pick it out; the run page's alarm
    list is computed from the stored rollouts with the same thresholds from the run's config
    (``GET /api/runs/{id}/rollouts/steps``), so it needs no table of its own."""

    event: Literal["alarm"] = "alarm"
    kind: AlarmKind = Field(description="Which check tripped.")
    first_step: int = Field(ge=0, description="First recorded step of the window that tripped it.")
    last_step: int = Field(ge=0, description="Last recorded step of that window.")
    message: str = Field(max_length=2000, description="What was seen in the window.")
    values: dict[Annotated[str, Field(min_length=1, max_length=200)], float] = Field(
        default_factory=dict, description="The values behind the message (means before and after)."
    )

    _finite = field_validator("values")(_finite_values)

    @property
    def line(self) -> str:
        """The alarm as a log line: ``reward-hacking alarm length_explosion (steps 10-40): ...``."""
        return f"reward-hacking alarm {self.kind} (steps {self.first_step}-{self.last_step}): {self.message}"


def step_message(step: int, total: int, values: dict[str, float]) -> str:
    """``step 60/120 loss 0.4123 lr 2e-05 grad_norm 1.234``: a training step's status with the
    values of ``STEP_METRICS`` it has, so a run's log shows how training goes, not only how far."""
    shown = [f"{name} {values[name]:.4g}" for name in STEP_METRICS if name in values]
    return " ".join([f"step {step}/{total}", *shown])


Event = Annotated[
    LogEvent | MetricEvent | CheckpointEvent | ArtifactEvent | StatusEvent | RolloutEvent | AlarmEvent,
    Field(discriminator="event"),
]
_EVENT = TypeAdapter[Event](Event)


def parse_line(line: str) -> Event | None:
    """The event a line carries, or None when it is plain output (including a malformed event,
    which is better shown as text than dropped)."""
    if not line.startswith("{") or '"event"' not in line:
        return None
    try:
        return _EVENT.validate_json(line)
    except ValidationError:
        return None


class EventSink:
    """Where a run reports; every method does nothing here, so code reporting to a bare
    ``EventSink()`` runs silently. Subclasses override ``emit``."""

    def emit(self, event: Event) -> None:
        """Deliver one event; the base sink drops it."""

    def log(self, message: str, *, level: Literal["debug", "info", "warning", "error"] = "info") -> None:
        self.emit(LogEvent(message=message, level=level))

    def metric(self, step: int, values: dict[str, float]) -> None:
        """Report metric values; non-finite ones (a diverged loss) become a warning instead."""
        finite = {name: float(value) for name, value in values.items() if math.isfinite(value)}
        if len(finite) < len(values):
            dropped = sorted(set(values) - set(finite))
            self.log(f"step {step}: non-finite {', '.join(dropped)} not recorded", level="warning")
        if finite:
            self.emit(MetricEvent(step=step, values=finite, time=time.time()))

    def checkpoint(self, path: str, *, step: int | None = None) -> None:
        self.emit(CheckpointEvent(path=path, step=step))

    def artifact(self, path: str, *, step: int | None = None) -> None:
        self.emit(ArtifactEvent(path=path, step=step))

    def status(self, message: str, *, progress: float | None = None) -> None:
        self.emit(StatusEvent(message=message, progress=progress))

    def step(self, step: int, total: int, values: dict[str, float]) -> None:
        """A training step's status, carrying its headline metrics (``step_message``)."""
        self.status(step_message(step, total, values), progress=min(1.0, step / total) if total else None)


class JsonLinesEmitter(EventSink):
    """Writes each event as one JSON line and flushes, so the worker sees it at once."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def emit(self, event: Event) -> None:
        self.stream.write(orjson.dumps(event.model_dump(exclude_none=True)).decode() + "\n")
        self.stream.flush()


E = TypeVar("E", bound=_Event)


class MemorySink(EventSink):
    """Keeps events in a list: what a test of training or evaluation code asserts on."""

    def __init__(self) -> None:
        self.events: list[Event] = []

    def emit(self, event: Event) -> None:
        self.events.append(event)

    def of(self, kind: type[E]) -> list[E]:
        return [event for event in self.events if isinstance(event, kind)]


class ProgressSink(EventSink):
    """Drives a rich progress bar from status events, whose messages carry a step's loss: what
    ``train --local`` and ``eval --local`` show while they run in the foreground."""

    def __init__(self, progress: Progress, task: TaskID) -> None:
        self.progress = progress
        self.task = task

    def emit(self, event: Event) -> None:
        if isinstance(event, StatusEvent):
            self.progress.update(self.task, completed=event.progress, description=event.message)
