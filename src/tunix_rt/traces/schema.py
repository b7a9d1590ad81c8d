"""The reasoning-trace contract v1, as pydantic models, plus its content hash.

Files written by the original tunix-rt validate unchanged against ``TraceIn``. Limits come
from settings through the validation context (``{"limits": TraceLimits}``) so that one model
serves the API, the CLI and tests with whatever bounds are configured.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Annotated, Any, Literal, cast

import orjson
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    StrictStr,
    ValidationInfo,
    field_validator,
    model_validator,
    with_config,
)
from typing_extensions import TypedDict  # pydantic validates these (needs this one on 3.11)

from tunix_rt.settings import TraceLimits
from tunix_rt.storable import INT32_MAX, INT64_MAX, INT64_MIN, NUL, StorableDict, storable
from tunix_rt.traces.columns import PLACES, SIGNS, Operation
from tunix_rt.traces.quality import QualityReport

_DEFAULT_LIMITS = TraceLimits()


def _limits(info: ValidationInfo) -> TraceLimits:
    context = info.context
    if isinstance(context, dict):
        limits = context.get("limits")
        if isinstance(limits, TraceLimits):
            return limits
    return _DEFAULT_LIMITS


def _without_nul(value: str | None) -> str | None:
    """A trace's text is stored as given (its content hash is its identity), and PostgreSQL
    text cannot hold NUL: refused with a 422 on both databases rather than altered."""
    if value is not None and NUL in value:
        raise ValueError("contains a NUL character (U+0000), which the store cannot hold")
    return value


class Step(BaseModel):
    """One reasoning step: its index, a free-form type label and its text."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    i: Annotated[StrictInt, Field(ge=0, le=INT64_MAX, description="Step index, unique within the trace.")]
    type: StrictStr = Field(description="What kind of step this is (setup, calculation, result...).")
    content: StrictStr = Field(description="The step's text.")

    _nul = field_validator("type", "content")(_without_nul)

    @field_validator("type")
    @classmethod
    def _type_bounds(cls, value: str, info: ValidationInfo) -> str:
        if not value.strip():
            raise ValueError("step type must not be empty")
        limit = _limits(info).max_step_type_chars
        if len(value) > limit:
            raise ValueError(f"step type is {len(value)} characters; the limit is {limit}")
        return value

    @field_validator("content")
    @classmethod
    def _content_bounds(cls, value: str, info: ValidationInfo) -> str:
        limit = _limits(info).max_step_chars
        if len(value) > limit:
            raise ValueError(f"step content is {len(value)} characters; the limit is {limit}")
        return value


class TraceIn(BaseModel):
    """A trace as a client sends it. ``id`` and ``created_at`` are honoured when given, so an
    export from one store imports into another with the same identities."""

    model_config = ConfigDict(extra="forbid")

    trace_version: Literal["1.0"] = Field("1.0", description="Contract version; only 1.0 exists.")
    prompt: StrictStr = Field(description="The question or task the reasoning answers.")
    final_answer: StrictStr = Field(description="The answer the reasoning arrives at.")
    steps: list[Step] = Field(min_length=1, description="Reasoning steps, at least one.")
    meta: StorableDict = Field(
        default_factory=dict,
        description="Free-form metadata (category, seed...), stored exactly: no NUL, NaN, infinity or integers "
        "outside 64 bits.",
    )
    tags: list[StrictStr] = Field(default_factory=list, description="Labels for filtering and curation.")
    source: StrictStr | None = Field(None, max_length=200, description="Where the trace came from.")
    id: uuid.UUID | None = Field(None, description="Identity to keep (for store-to-store moves).")
    created_at: datetime | None = Field(None, description="Creation time to keep (timezone-aware).")

    _nul = field_validator("prompt", "final_answer", "source")(_without_nul)

    @field_validator("prompt")
    @classmethod
    def _prompt_bounds(cls, value: str, info: ValidationInfo) -> str:
        if not value.strip():
            raise ValueError("prompt must not be empty")
        limit = _limits(info).max_prompt_chars
        if len(value) > limit:
            raise ValueError(f"prompt is {len(value)} characters; the limit is {limit}")
        return value

    @field_validator("final_answer")
    @classmethod
    def _answer_bounds(cls, value: str, info: ValidationInfo) -> str:
        limit = _limits(info).max_answer_chars
        if len(value) > limit:
            raise ValueError(f"final answer is {len(value)} characters; the limit is {limit}")
        return value

    @field_validator("steps")
    @classmethod
    def _steps_bounds(cls, value: list[Step], info: ValidationInfo) -> list[Step]:
        limit = _limits(info).max_steps
        if len(value) > limit:
            raise ValueError(f"trace has {len(value)} steps; the limit is {limit}")
        seen: set[int] = set()
        for step in value:
            if step.i in seen:
                raise ValueError(f"duplicate step index {step.i}")
            seen.add(step.i)
        return value

    @field_validator("tags")
    @classmethod
    def _tags_bounds(cls, value: list[str], info: ValidationInfo) -> list[str]:
        return validate_tags(value, _limits(info))

    @field_validator("created_at")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("created_at must carry a timezone (for example 2026-01-02T03:04:05Z)")
        return value

    def content_hash(self) -> str:
        return content_hash(self.prompt, [s.model_dump() for s in self.steps], self.final_answer)

    def plain(self) -> TraceDict:
        """The trace as the plain data the store, the hash and the quality report read."""
        return cast(TraceDict, self.model_dump())


@with_config(ConfigDict(extra="forbid"))
class StepDict(TypedDict):
    """A ``Step`` as plain data: same fields and types, without the Python validators (``admits``)."""

    i: Annotated[StrictInt, Field(ge=0, le=INT64_MAX)]
    type: StrictStr
    content: StrictStr


@with_config(ConfigDict(extra="forbid"))
class TraceDict(TypedDict):
    """A ``TraceIn`` as plain data, what ingest validates into: same fields, types and defaults.

    Ingest is the hot path, and building six model instances per trace and running their Python
    validators was most of its cost (docs/benchmarks.md, trace ingest): this schema checks the
    types in pydantic-core alone, and ``admits`` then checks what those validators check (limits,
    blank text, step indices, tags, timezone, meta), returning False where they would refuse.
    NUL characters are checked on the raw JSON by the parsers in ``traces.io``. Anything refused
    is validated again with ``TraceIn``, whose errors are the ones reported, so a client sees the
    same errors either way; this schema only ever lets through what ``TraceIn`` accepts.
    """

    trace_version: Annotated[Literal["1.0"], Field(default="1.0")]
    prompt: StrictStr
    final_answer: StrictStr
    steps: Annotated[list[StepDict], Field(min_length=1)]
    meta: Annotated[dict[str, Any], Field(default_factory=dict)]
    tags: Annotated[list[StrictStr], Field(default_factory=list)]
    source: Annotated[StrictStr | None, Field(default=None, max_length=200)]
    id: Annotated[uuid.UUID | None, Field(default=None)]
    created_at: Annotated[datetime | None, Field(default=None)]


def admits(trace: TraceDict, limits: TraceLimits) -> bool:
    """Whether ``TraceIn``'s Python validators pass on a ``TraceDict`` without NUL characters;
    normalises its tags as they do. One pass of plain comparisons, no validator calls."""
    prompt = trace["prompt"]
    steps = trace["steps"]
    if (
        len(prompt) > limits.max_prompt_chars
        or not prompt.strip()
        or len(trace["final_answer"]) > limits.max_answer_chars
        or len(steps) > limits.max_steps
    ):
        return False
    max_type, max_content = limits.max_step_type_chars, limits.max_step_chars
    seen: set[int] = set()
    for step in steps:
        kind = step["type"]
        if len(kind) > max_type or not kind.strip() or len(step["content"]) > max_content or step["i"] in seen:
            return False
        seen.add(step["i"])
    created_at = trace["created_at"]
    if created_at is not None and created_at.tzinfo is None:
        return False
    if trace["tags"]:
        try:
            trace["tags"] = validate_tags(trace["tags"], limits)
        except ValueError:
            return False
    return storable(trace["meta"])


def validate_tags(tags: list[str], limits: TraceLimits) -> list[str]:
    """Normalise tags (trimmed, unique, order kept) and enforce the configured bounds."""
    cleaned: list[str] = []
    for tag in tags:
        tag = tag.strip()
        if not tag:
            raise ValueError("tags must not be empty")
        if NUL in tag:
            raise ValueError("a tag contains a NUL character (U+0000), which the store cannot hold")
        if len(tag) > limits.max_tag_chars:
            raise ValueError(f"tag '{tag[:20]}...' is longer than {limits.max_tag_chars} characters")
        if tag not in cleaned:
            cleaned.append(tag)
    if len(cleaned) > limits.max_tags:
        raise ValueError(f"{len(cleaned)} tags; the limit is {limits.max_tags}")
    return cleaned


def content_hash(prompt: str, steps: Sequence[Mapping[str, Any]], final_answer: str) -> str:
    """sha256 of the canonical JSON (sorted keys, no spaces, UTF-8) of prompt, steps and answer.

    Meta, tags and source are deliberately left out: the same reasoning imported from two
    sources is one trace.
    """
    canonical = orjson.dumps(
        {"final_answer": final_answer, "prompt": prompt, "steps": steps}, option=orjson.OPT_SORT_KEYS
    )
    return hashlib.sha256(canonical).hexdigest()


class TagsUpdate(BaseModel):
    """PATCH body: replace the tag list, or add/remove tags."""

    model_config = ConfigDict(extra="forbid")

    tags: list[StrictStr] | None = Field(None, description="The new tag list (replaces the old one).")
    add: list[StrictStr] = Field(default_factory=list, description="Tags to add.")
    remove: list[StrictStr] = Field(default_factory=list, description="Tags to remove.")


class TraceSummary(BaseModel):
    """A list row: everything but the steps and the full quality report."""

    id: uuid.UUID
    prompt: str
    final_answer: str
    step_count: int
    source: str | None
    tags: list[str]
    meta: dict[str, Any]
    quality_ok: bool
    quality_flags: list[str]
    created_at: datetime


class TraceRead(TraceSummary):
    model_config = ConfigDict(from_attributes=True)

    trace_version: str
    content_hash: str
    steps: list[Step]
    quality: QualityReport = Field(description="The automatic quality report made on ingest.")


class TraceCreated(TraceRead):
    created: bool = Field(description="False when the same content was already stored (idempotent create).")


class TracePage(BaseModel):
    items: list[TraceSummary]
    next_cursor: str | None = Field(description="Pass as ?cursor= for the next page; null on the last page.")


class IngestedItem(BaseModel):
    index: int
    id: uuid.UUID
    created: bool


class BatchResult(BaseModel):
    created: int
    duplicates: int
    invalid: int
    items: list[IngestedItem]
    errors: list[dict[str, Any]] = Field(description="Rejected items (partial mode): index or line, loc, msg.")


class ImportResult(BaseModel):
    lines: int = Field(description="Non-blank lines read.")
    created: int
    duplicates: int
    invalid: int
    committed: bool = Field(description="Whether anything was stored (false when all-or-nothing failed).")
    errors: list[dict[str, Any]]


class ColumnArithmeticOptions(BaseModel):
    """What the ``column_arithmetic`` generator asks: each problem draws an operation, then a digit
    count N, then two N-digit operands (a subtraction puts the larger first), all uniformly."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    min_digits: int = Field(2, ge=1, le=len(PLACES), description="Fewest digits of each operand.")
    max_digits: int = Field(3, ge=1, le=len(PLACES), description="Most digits of each operand.")
    operations: list[Operation] = Field(
        default_factory=lambda: list(SIGNS),
        min_length=1,
        description="Operations drawn from, each equally often: addition, subtraction.",
    )

    @model_validator(mode="after")
    def _consistent(self) -> ColumnArithmeticOptions:
        if self.min_digits > self.max_digits:
            raise ValueError("min_digits is greater than max_digits")
        if len(set(self.operations)) != len(self.operations):
            raise ValueError("an operation is listed twice")
        return self


class SynthRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: str = Field(
        description="Generator: arithmetic, word_problem, string, unit_conversion, card_game, column_arithmetic, "
        "mixed (the first five in turn)."
    )
    count: int = Field(ge=1, le=INT32_MAX, description="How many traces to generate (at most the batch limit).")
    seed: int = Field(
        0, ge=INT64_MIN, le=INT64_MAX, description="Same kind, count, seed and options give the same traces."
    )
    tags: list[StrictStr] = Field(default_factory=list, description="Tags to put on every generated trace.")
    column_arithmetic: ColumnArithmeticOptions | None = Field(
        None, description="Options of kind column_arithmetic (its defaults when unset); refused with another kind."
    )

    @model_validator(mode="after")
    def _options_of_the_kind(self) -> SynthRequest:
        if self.column_arithmetic is not None and self.kind != "column_arithmetic":
            raise ValueError("column_arithmetic options apply only to kind column_arithmetic")
        return self


class StepDiffRun(BaseModel):
    """One run of the step diff: ``a`` steps replaced by (or equal to) ``b`` steps."""

    op: Literal["equal", "replace", "insert", "delete"]
    a: list[Step] = Field(description="The run's steps in trace a (empty for insert).")
    b: list[Step] = Field(description="The run's steps in trace b (empty for delete).")


class TraceCompare(BaseModel):
    a: TraceRead
    b: TraceRead
    step_diff: list[StepDiffRun] = Field(description="Runs of equal / replace / insert / delete steps.")


class StepRange(BaseModel):
    min: int | None
    mean: float | None
    max: int | None


class TraceStats(BaseModel):
    """Counts for a selection of traces."""

    total: int
    flagged: int = Field(description="Traces whose quality report raised a flag.")
    by_source: dict[str, int]
    by_category: dict[str, int] = Field(description="By meta.category ('unknown' when absent).")
    by_flag: dict[str, int]
    steps: StepRange = Field(description="Step counts: min, mean (2 decimals) and max; null when empty.")
