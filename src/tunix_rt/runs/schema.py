"""The runs API's request and response models."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, computed_field

from tunix_rt.runs.store import RunStatus, resume_refusal

if TYPE_CHECKING:
    from tunix_rt.runs.tables import Run

Tag = Annotated[str, Field(min_length=1, max_length=64)]
MAX_NAME = 200
MAX_NOTES = 20_000
RunName = Annotated[
    str, Field(min_length=1, max_length=MAX_NAME, description="A human name, shown in lists and legends.")
]
RunNotes = Annotated[str, Field(max_length=MAX_NOTES, description="Free text about the run.")]


class RunCreate(BaseModel):
    """A run to queue: its kind and that kind's config (validated by the kind's model)."""

    model_config = ConfigDict(extra="forbid")

    kind: str = Field(min_length=1, max_length=64, description="Registered run kind, e.g. train or eval.")
    config: dict[str, Any] = Field(default_factory=dict, description="The kind's config; unknown fields are refused.")
    tags: list[Tag] = Field(default_factory=list, max_length=32, description="Labels for filtering.")
    priority: int | None = Field(
        None, ge=-1000, le=1000, description="Higher is claimed first; default from the run_priorities setting."
    )
    name: RunName | None = None
    notes: RunNotes | None = None


class RunUpdate(BaseModel):
    """What may change on a run after it is queued: the user's words about it. A field left
    out stays as it is; null clears it."""

    model_config = ConfigDict(extra="forbid")

    name: RunName | None = None
    notes: RunNotes | None = None


class RunRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    kind: str
    name: str | None = Field(description="A human name; lists show the short id without one.")
    notes: str | None
    status: RunStatus
    config: dict[str, Any]
    dataset_key: str | None
    evalset_key: str | None
    model: str | None
    tags: list[str]
    priority: int
    devices: int = Field(1, description="Devices it needs on one worker; only a worker offering as many claims it.")
    attempts: int = Field(description="How many times a worker has claimed it.")
    worker_id: str | None = Field(description="The worker holding it while it runs.")
    lease_expires_at: datetime | None
    heartbeat_at: datetime | None
    exit_code: int | None
    error: str | None = Field(description="Why it failed: the child's last stderr line, or the lease reason.")
    last_checkpoint: str | None
    retry_of: uuid.UUID | None = Field(description="The failed or cancelled run this one retries or resumes.")
    parent_id: uuid.UUID | None = Field(None, description="The run that submitted this one (a sweep, for its trials).")
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    updated_at: datetime
    resumable: bool = Field(
        False,
        description="POST .../resume would be accepted: failed or cancelled, a checkpoint recorded, a resumable kind.",
    )

    @classmethod
    def of(cls, run: Run, resumable_kinds: Collection[str]) -> RunRead:
        """The response for ``run``, with ``resumable`` worked out against the server's kinds
        (a plain ``model_validate`` leaves it false, which only hides the UI's resume button)."""
        read = cls.model_validate(run)
        read.resumable = resume_refusal(run, resumable_kinds) is None
        return read

    @computed_field  # type: ignore[prop-decorator]
    @property
    def url(self) -> str:
        return f"/api/runs/{self.id}"


class RunPage(BaseModel):
    items: list[RunRead]
    next_cursor: str | None


class LogLine(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    seq: int = Field(description="Position in the run's log, from 1; the SSE event id.")
    stream: str = Field(description="stdout, stderr, log, status, event, alarm (a reward-hacking alarm) or worker.")
    line: str
    created_at: datetime


class LogPage(BaseModel):
    items: list[LogLine]
    next_after: int = Field(description="Pass as ?after= to continue.")
    status: RunStatus
    done: bool = Field(description="The run is finished and every line has been returned.")


class MetricSeries(BaseModel):
    name: str
    count: int = Field(description="Points stored, before downsampling.")
    steps: list[int]
    values: list[float]
    times: list[datetime]


class RunMetrics(BaseModel):
    run_id: uuid.UUID
    names: list[str] = Field(description="Every series the run has.")
    series: list[MetricSeries]


class RunSeries(BaseModel):
    run_id: uuid.UUID
    name: str
    count: int = Field(description="Points stored, before downsampling.")
    steps: list[int]
    values: list[float]


class MetricsBatch(BaseModel):
    """Several runs' series at once, for overlaying them in one chart."""

    points: int = Field(description="The point budget the series were downsampled to, in all.")
    returned: int = Field(description="Points returned in all (at most ``points``).")
    series: list[RunSeries] = Field(description="Per run in the order asked, its series by name.")


class ArtifactEntry(BaseModel):
    path: str = Field(description="Relative to the run folder.")
    size: int
    sha256: str
    modified_at: datetime
    kind: str | None = Field(description="checkpoint or artifact when the run reported it, else null.")
    step: int | None


class ArtifactList(BaseModel):
    items: list[ArtifactEntry]
    truncated: bool = Field(description="More files exist than the page size.")


class WorkerSummary(BaseModel):
    id: str = Field(description="hostname:pid:suffix, as the worker registered itself.")
    hostname: str
    pid: int
    concurrency: int = Field(description="Runs it may hold at once.")
    devices: int = Field(description="Devices it offers a run; it claims runs needing at most these.")
    started_at: datetime
    heartbeat_at: datetime = Field(description="Its last heartbeat.")
    heartbeat_age_seconds: float = Field(description="Seconds from heartbeat_at to generated_at.")
    alive: bool = Field(description="It heartbeated within lease_seconds.")


class RunSummary(BaseModel):
    """Counts for a dashboard, read from the database in a few aggregates."""

    by_status: dict[RunStatus, int] = Field(description="Runs in each status; every status is present.")
    queued_by_kind: dict[str, int] = Field(description="Queued runs by kind; kinds with none are absent.")
    workers: list[WorkerSummary] = Field(description="Registered workers, alive or stale, by id.")
    lease_seconds: float = Field(description="The alive threshold: the run_lease_seconds setting.")
    generated_at: datetime
