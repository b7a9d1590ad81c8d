"""The one configuration object: every knob is an environment variable ``TUNIX_RT_<NAME>``.

Keeping all settings here (instead of scattered ``os.environ`` reads) means the server, the
CLI, the workers and the tests agree on limits and paths, and ``.env`` files work everywhere.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

MiB = 1024 * 1024


class TraceLimits(BaseSettings):
    """Bounds on one trace; violating them is a 422 naming the field, never a truncation."""

    model_config = SettingsConfigDict(env_prefix="TUNIX_RT_", env_file=".env", extra="ignore")

    max_prompt_chars: int = Field(20_000, ge=1, description="Longest prompt accepted, in characters.")
    max_answer_chars: int = Field(5_000, ge=1, description="Longest final answer accepted, in characters.")
    max_step_chars: int = Field(10_000, ge=1, description="Longest step content accepted, in characters.")
    max_step_type_chars: int = Field(64, ge=1, description="Longest step type label accepted.")
    max_steps: int = Field(200, ge=1, description="Most steps one trace may have.")
    max_tags: int = Field(32, ge=0, description="Most tags one trace may carry.")
    max_tag_chars: int = Field(64, ge=1, description="Longest tag accepted.")


def _split_csv(value: object) -> object:
    if isinstance(value, str):
        return [item.strip() for item in value.split(",") if item.strip()]
    return value


class Settings(BaseSettings):
    """Process-wide settings; construct once and pass it down (tests build their own)."""

    model_config = SettingsConfigDict(env_prefix="TUNIX_RT_", env_file=".env", extra="ignore")

    home: Path = Field(Path(".tunix-rt"), description="Data home: SQLite file, runs/, datasets/, blobs/.")
    database_url: str | None = Field(None, description="SQLAlchemy async URL; defaults to SQLite in the data home.")
    host: str = Field("127.0.0.1", description="Address the server binds to.")
    port: int = Field(8000, ge=1, le=65535, description="Port the server listens on.")
    api_tokens: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Comma-separated bearer tokens, each 'TOKEN' (admin) or 'TOKEN:read|write|admin'.",
    )
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Comma-separated origins allowed by CORS; empty turns CORS off."
    )
    allowed_hosts: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Comma-separated host names this server answers to besides its bind address, localhost, "
        "127.0.0.1 and [::1] (a request naming another Host is refused, against DNS rebinding); "
        "'*' answers any (behind a proxy that checks Host itself).",
    )
    model_roots: Annotated[list[Path], NoDecode] = Field(
        default_factory=list,
        description="Comma-separated folders under which run configs may name a local model folder; "
        "the folder models/ in the data home when unset. runs/ in the data home (the checkpoints and adapters "
        "runs wrote, which GRPO and evaluations start from) is always allowed.",
    )
    reward_dirs: Annotated[list[Path], NoDecode] = Field(
        default_factory=list,
        description="Comma-separated folders of GRPO reward files besides rewards/ in the data home: each public "
        "function f of a file x.py is the reward 'x:f' (with the built-in rewards and the 'tunix_rt.rewards' "
        "entry points, the only rewards a run may name).",
    )
    max_body_bytes: int = Field(32 * MiB, ge=1024, description="Largest JSON request body, in bytes.")
    max_import_bytes: int = Field(
        2048 * MiB, ge=1024, description="Largest uploaded JSONL file, in bytes (streamed, not buffered)."
    )
    max_batch_size: int = Field(10_000, ge=1, description="Most traces in one batch request.")
    max_page_size: int = Field(1_000, ge=1, description="Largest page a list endpoint returns.")
    max_reported_errors: int = Field(
        1_000, ge=1, description="Most per-item errors listed in one response (the count is always exact)."
    )
    demo_traces: int = Field(200, ge=0, description="Synthetic traces loaded by 'serve --demo' into an empty store.")
    limits: TraceLimits = Field(default_factory=TraceLimits)
    run_lease_seconds: float = Field(
        30.0, gt=0, description="How long a worker's claim on a run lasts without a heartbeat before it is reaped."
    )
    run_heartbeat_seconds: float = Field(
        5.0, gt=0, description="How often a worker renews the lease of each run it holds (well under the lease)."
    )
    run_max_attempts: int = Field(
        3, ge=1, description="Claims a run may have; a lease that expires after the last one fails the run."
    )
    worker_concurrency: int = Field(1, ge=1, description="Runs one worker executes at the same time.")
    worker_devices: int | None = Field(
        None,
        ge=1,
        description="Devices a worker offers a run (a run's resources.devices must fit): unset, the GPUs it "
        "sees (CUDA_VISIBLE_DEVICES, else /dev/nvidiaN), or 1 without any (CPU processes).",
    )
    run_cancel_grace_seconds: float = Field(
        10.0, ge=0, description="Time between SIGTERM and SIGKILL when a run is cancelled or a worker stops."
    )
    run_poll_seconds: float = Field(
        0.5,
        gt=0,
        description="How often workers look for queued runs, running runs check for cancellation, and log "
        "followers read when no notification can tell them (SQLite written by another process).",
    )
    embedded_worker: bool = Field(True, description="Whether 'tunix-rt serve' runs a worker inside the server.")
    run_kinds: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Comma-separated extra run kinds as import paths 'module:ATTRIBUTE' (built-ins need none).",
    )
    blob_url: str | None = Field(
        None,
        description="fsspec URL of the registry's content-addressed blob store (e.g. s3://bucket/tunix); "
        "defaults to blobs/ under artifact_store when that is set, else to the folder blobs/ in the data home.",
    )
    artifact_store: str | None = Field(
        None,
        description="fsspec URL (s3://bucket/prefix, gs://..., az://..., file:///...) where run folders, "
        "checkpoints and dataset snapshots are kept, so workers on several machines need no shared "
        "filesystem; the data home is then each machine's scratch space. Unset, everything stays in the data home.",
    )
    artifact_store_options: dict[str, Any] = Field(
        default_factory=dict,
        description='fsspec storage options of artifact_store as JSON, e.g. {"endpoint_url": '
        '"http://127.0.0.1:9000"} for an S3-compatible server; credentials come from the backend\'s '
        "usual environment variables (AWS_ACCESS_KEY_ID, ...).",
    )
    run_priorities: dict[str, int] = Field(
        default_factory=dict,
        description='Default priority by run kind as JSON, e.g. {"eval": 10}; higher is claimed first.',
    )
    llm_judge_url: str | None = Field(
        None, description="Base URL of an OpenAI-compatible API for the llm judge, e.g. http://localhost:8080/v1."
    )
    llm_judge_model: str | None = Field(None, description="Chat model the llm judge asks.")
    llm_judge_api_key: SecretStr | None = Field(None, description="Bearer key for the llm judge's endpoint.")
    llm_judge_timeout_seconds: float = Field(30.0, gt=0, description="Timeout of one llm judge request.")
    teacher_url: str | None = Field(
        None,
        pattern=r"^https?://",
        description="Base URL of the OpenAI-compatible endpoint a sample run asks when its config names no model, "
        "e.g. http://localhost:8001/v1.",
    )
    teacher_model: str | None = Field(None, description="The model name a sample run asks teacher_url for.")
    teacher_api_key_env: str | None = Field(
        None, description="Name of the *_API_KEY variable holding teacher_url's key (the worker must have it)."
    )
    llm_judge_retries: int = Field(2, ge=0, le=10, description="Retries of an llm judge request on network errors.")
    judge_kappa_floor: float = Field(
        0.6,
        ge=-1.0,
        le=1.0,
        description="Cohen's kappa with human labels a judge needs before it may be a regression gate's metric.",
    )
    judge_min_labels: int = Field(
        30, ge=1, description="Human labels (correct or incorrect) a judge's agreement must rest on to gate."
    )
    ray_address: str | None = Field(
        None,
        description="Address of an existing Ray cluster for sweeps and 'worker --executor ray'; "
        "unset starts a local Ray in each sweep's run.",
    )
    ray_num_cpus: int | None = Field(
        None, ge=1, description="CPUs a local Ray (no ray_address) may use; unset lets Ray count the machine's."
    )
    max_log_streams: int = Field(
        256, ge=1, description="Live log streams (SSE) open at once on this server; more are refused with 429."
    )
    max_log_streams_per_token: int = Field(
        32, ge=1, description="Live log streams one token (or all callers without one) may hold open at once."
    )
    max_queued_runs_per_token: int = Field(
        500, ge=1, description="Queued runs one token (or all callers without one) may have waiting; more are a 429."
    )
    max_run_steps: int = Field(1_000_000, ge=1, description="Largest max_steps a run config may ask for.")
    max_run_epochs: float = Field(1_000.0, gt=0, description="Largest epochs a run config may ask for.")
    max_run_batch_size: int = Field(1_024, ge=1, description="Largest batch_size a run config may ask for.")
    max_sweep_concurrency: int = Field(16, ge=1, description="Most trials a sweep may run at once (concurrency).")

    @field_validator(
        "api_tokens", "cors_origins", "run_kinds", "allowed_hosts", "model_roots", "reward_dirs", mode="before"
    )
    @classmethod
    def _csv(cls, value: object) -> object:
        return _split_csv(value)

    @model_validator(mode="after")
    def _heartbeat_within_lease(self) -> Settings:
        if self.run_heartbeat_seconds >= self.run_lease_seconds:
            raise ValueError("run_heartbeat_seconds must be shorter than run_lease_seconds")
        return self

    @cached_property
    def resolved_database_url(self) -> str:
        """The database URL in use: the configured one, or SQLite inside the data home."""
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.home / 'tunix-rt.db').resolve()}"

    @property
    def resolved_blob_url(self) -> str:
        """The blob store in use: the configured URL, or the folder ``blobs`` inside the data home."""
        if self.blob_url:
            return self.blob_url
        if self.artifact_store:
            return f"{self.artifact_store.rstrip('/')}/blobs"
        return str((self.home / "blobs").resolve())

    @property
    def resolved_blob_options(self) -> dict[str, Any]:
        """The fsspec storage options of the blob store: artifact_store's when the blobs live there."""
        return {} if self.blob_url else dict(self.artifact_store_options)

    @property
    def resolved_model_roots(self) -> list[Path]:
        """The folders local models may come from: the configured ones (or models/ in the data home),
        and the data home's runs/, where this server's own runs wrote their checkpoints."""
        roots = [*(self.model_roots or [self.home / "models"]), self.home / "runs"]
        return [root.expanduser().resolve() for root in roots]

    @property
    def resolved_reward_dirs(self) -> list[Path]:
        """The folders whose reward files runs may name: rewards/ in the data home, then the configured ones."""
        return [folder.expanduser().resolve() for folder in [self.home / "rewards", *self.reward_dirs]]

    @property
    def is_sqlite(self) -> bool:
        return self.resolved_database_url.startswith("sqlite")
