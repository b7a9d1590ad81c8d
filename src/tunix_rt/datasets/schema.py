"""Dataset build requests, manifests and responses.

Every build input is a field of ``DatasetCreate`` with a description, unknown fields are refused,
and the whole validated request (defaults filled in) is written into the manifest: building the
same request again must give the same bytes, so nothing a build depends on may live outside it.
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from tunix_rt import short_ids
from tunix_rt.datasets.template import RenderTemplate
from tunix_rt.errors import Invalid
from tunix_rt.storable import INT32_MAX, INT64_MAX, INT64_MIN

NAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
KEY_RE = re.compile(r"^(?P<name>[a-z0-9][a-z0-9._-]{0,63})@v(?P<version>[1-9][0-9]{0,8})$")
NAME_PATTERN = NAME_RE.pattern
KEY_PATTERN = KEY_RE.pattern
MAX_VERSION = 999_999_999
"""The largest version a key can spell (nine digits, see ``KEY_RE``)."""

SPLITS = ("train", "eval", "all")
ExportFormat = Literal["trace", "messages", "prompt_completion", "tunix_sft", "training_example"]
SplitName = Literal["train", "eval", "all"]
Output = Literal["jsonl", "parquet"]


def make_key(name: str, version: int) -> str:
    return f"{name}@v{version}"


def parse_key(key: str) -> tuple[str, int]:
    """``name@vN`` into (name, N); anything else is ``Invalid`` (keys become folder names)."""
    match = KEY_RE.fullmatch(key)
    if match is None:
        raise Invalid(
            f"'{key[:80]}' is not a dataset key: expected name@vN with name matching {NAME_PATTERN}",
            errors=[{"loc": ["key"], "msg": "malformed dataset key", "type": "value_error"}],
        )
    return match["name"], int(match["version"])


class _Config(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TraceQuery(_Config):
    """Which traces a build starts from. Every given condition must hold (AND); inside ``ids`` and
    ``datasets`` any member matches (OR). With only ``datasets`` it is the union of those datasets."""

    source: str | None = Field(None, description="Exact source, e.g. synth:arithmetic.")
    tag: str | None = Field(None, description="Traces carrying this tag.")
    meta: dict[str, str] = Field(default_factory=dict, description="Metadata KEY: VALUE pairs that must all match.")
    created_after: datetime | None = Field(None, description="Created at or after (timezone-aware).")
    created_before: datetime | None = Field(None, description="Created before (timezone-aware).")
    q: str | None = Field(None, max_length=200, description="Text search over prompt and answer.")
    quality: Literal["ok", "flagged"] | None = Field(None, description="Quality verdict of the ingest report.")
    flag: str | None = Field(None, description="Traces carrying this quality flag.")
    exclude_flags: list[str] = Field(
        default_factory=list, description="Traces carrying any of these flags are left out."
    )
    min_steps: int | None = Field(None, ge=1, le=INT32_MAX, description="At least this many steps.")
    max_steps: int | None = Field(None, ge=1, le=INT32_MAX, description="At most this many steps.")
    arithmetic: Literal["verified", "unchecked", "wrong"] | None = Field(
        None,
        description="Arithmetic check: verified (computations found, all right), unchecked (none found), wrong.",
    )
    answer_check: Literal["stated", "not_stated"] | None = Field(
        None, description="Whether the reasoning states the final answer (the ingest report's answer check)."
    )
    ids: list[str] = Field(
        default_factory=list,
        description="Only these traces: their ids, or unique prefixes of them (6+ hex characters); a build "
        "records the full ids.",
    )
    datasets: list[str] = Field(default_factory=list, description="Only traces held by one of these dataset keys.")

    @field_validator("created_after", "created_before")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("must carry a timezone, e.g. 2026-01-02T00:00:00Z")
        return value

    @field_validator("ids")
    @classmethod
    def _ids(cls, value: list[str]) -> list[str]:
        """Full ids in their canonical text, prefixes as their hex digits (looked up at build)."""
        normal = []
        for text in value:
            try:
                normal.append(str(short_ids.parse(text, "trace")))
            except Invalid as exc:
                raise ValueError(exc.detail) from None
        return normal

    @field_validator("datasets")
    @classmethod
    def _keys(cls, value: list[str]) -> list[str]:
        for key in value:
            if KEY_RE.fullmatch(key) is None:
                raise ValueError(f"'{key[:80]}' is not a dataset key name@vN")
        return value

    @model_validator(mode="after")
    def _step_bounds(self) -> TraceQuery:
        if self.min_steps is not None and self.max_steps is not None and self.min_steps > self.max_steps:
            raise ValueError("min_steps is greater than max_steps")
        return self


class Stage(_Config):
    """One curriculum stage: the traces whose difficulty value is listed, or lies in [min, max)."""

    name: str = Field(pattern=NAME_PATTERN, description="Stage name, recorded on every item.")
    values: list[str] = Field(default_factory=list, description="Difficulty values (as text) that belong here.")
    min: float | None = Field(None, description="Numeric difficulty at least this (with a numeric key).")
    max: float | None = Field(None, description="Numeric difficulty below this (with a numeric key).")

    @model_validator(mode="after")
    def _one_rule(self) -> Stage:
        bounded = self.min is not None or self.max is not None
        if bool(self.values) == bounded:
            raise ValueError(f"stage '{self.name}' needs either values or min/max bounds")
        return self

    def holds(self, value: str | None) -> bool:
        if value is None:
            return False
        if self.values:
            return value in self.values
        try:
            number = float(value)
        except ValueError:
            return False
        return (self.min is None or number >= self.min) and (self.max is None or number < self.max)


class Selection(_Config):
    """How the matching traces are chosen and ordered."""

    strategy: Literal["all", "latest", "random", "stratified", "curriculum"] = Field(
        "all",
        description=(
            "all: oldest first; latest: newest first; random: seeded shuffle; stratified: seeded, balanced "
            "over a meta key; curriculum: ordered by a difficulty key into named stages."
        ),
    )
    seed: int = Field(0, ge=INT64_MIN, le=INT64_MAX, description="Seed of random, stratified and curriculum order.")
    stratify_by: str | None = Field(None, min_length=1, description="Meta key whose values are the strata.")
    balance: Literal["proportional", "equal"] = Field(
        "proportional", description="Under a limit, keep strata in their proportions, or take equally from each."
    )
    difficulty_key: str | None = Field(None, min_length=1, description="Meta key read for curriculum stages.")
    stages: list[Stage] = Field(default_factory=list, description="Curriculum stages, easiest first.")

    @model_validator(mode="after")
    def _strategy_needs(self) -> Selection:
        if self.strategy == "stratified" and not self.stratify_by:
            raise ValueError("the stratified strategy needs stratify_by")
        if self.strategy == "curriculum":
            if not self.difficulty_key or not self.stages:
                raise ValueError("the curriculum strategy needs difficulty_key and stages")
            names = [stage.name for stage in self.stages]
            if len(set(names)) != len(names):
                raise ValueError("stage names must be unique")
        elif self.stages or self.difficulty_key:
            raise ValueError("stages and difficulty_key apply only to the curriculum strategy")
        return self


class Dedupe(_Config):
    """Duplicates are dropped in selection order (the first one the strategy reaches is kept)."""

    exact: bool = Field(True, description="Drop traces whose content (after step filters) equals a kept one.")
    near: bool = Field(
        False, description="Drop traces whose prompt equals a kept one after normalisation (case, punctuation, spaces)."
    )


class SplitSpec(_Config):
    """Train/eval split: eval gets a fraction or a count, train the rest; seeded, optionally
    stratified, and optionally by groups so that a problem is never both trained on and evaluated."""

    eval_fraction: float | None = Field(None, ge=0, lt=1, description="Share of the selection for eval (default 0.1).")
    eval_count: int | None = Field(
        None,
        ge=0,
        le=INT32_MAX,
        description="Exact number of eval items (instead of a fraction); with group_by, the least.",
    )
    seed: int = Field(0, ge=INT64_MIN, le=INT64_MAX, description="Seed of the split; another seed gives another split.")
    stratify_by: str | None = Field(
        None, min_length=1, description="Meta key (or 'stage' for curriculum) to split each stratum alike."
    )
    group_by: str | None = Field(
        None,
        min_length=1,
        description="Hold out problems, not rows: traces with the same value go to the same split. 'prompt' "
        "groups by the prompt normalised as near-dedupe reads it (case, punctuation, spaces); any other name "
        "is a meta key (column_arithmetic writes 'problem'), and a trace without it is a group of its own. "
        "Eval takes whole groups, so it may hold a few more items than asked; the manifest's holdout "
        "section counts the groups per split and those in both (a build where any is refused).",
    )

    @model_validator(mode="after")
    def _one_size(self) -> SplitSpec:
        if self.eval_fraction is not None and self.eval_count is not None:
            raise ValueError("give eval_fraction or eval_count, not both")
        return self

    def eval_size(self, total: int) -> int:
        if self.eval_count is not None:
            return min(self.eval_count, total)
        fraction = 0.1 if self.eval_fraction is None else self.eval_fraction
        return round(total * fraction)


class SelfCorrection(_Config):
    """Teach checking: append a verification step, and for a seeded fraction inject an error that
    the next step explicitly corrects."""

    verify: bool = Field(True, description="Append a step that re-checks the computations.")
    error_fraction: float = Field(0.0, ge=0, le=1, description="Share of traces given an injected, corrected error.")
    seed: int = Field(
        0, ge=INT64_MIN, le=INT64_MAX, description="Seed choosing which traces get an injected error, and the error."
    )


class Transforms(_Config):
    """Applied at build time; the snapshot holds the transformed traces."""

    template: RenderTemplate = Field(default_factory=RenderTemplate, description="How the assistant side is written.")
    include_step_types: list[str] | None = Field(None, description="Keep only steps of these types (none: all).")
    exclude_step_types: list[str] = Field(default_factory=list, description="Drop steps of these types.")
    self_correction: SelfCorrection | None = Field(None, description="Self-correction augmentation, off by default.")
    answer_only: bool = Field(
        False,
        description="The answer-only twin: drop every step, so the model is taught to answer directly. The same "
        "request with and without it gives the same traces in the same splits (step filters still choose which "
        "traces are kept); the template's reasoning tags are cleared, so the completion is just the answer tags, "
        "and runs trained on it are judged on those. Its trace export has no steps.",
    )

    @model_validator(mode="after")
    def _answers_alone(self) -> Transforms:
        if not self.answer_only:
            return self
        if self.self_correction is not None:
            raise ValueError("answer_only drops the steps that self_correction adds to: use one or the other")
        # Frozen: the cleared template is set once, here, and recorded as such in the manifest.
        object.__setattr__(self, "template", self.template.without_reasoning())
        return self


class DatasetCreate(_Config):
    """A build request: the same request always gives the same snapshot bytes."""

    name: str = Field(pattern=NAME_PATTERN, description="Dataset name; the key is name@vN.")
    version: int | None = Field(
        None, ge=1, le=MAX_VERSION, description="Version to create; refused if taken (default: next)."
    )
    description: str = Field("", max_length=2000, description="What this dataset is for.")
    query: TraceQuery = Field(default_factory=TraceQuery, description="Which traces to start from.")
    selection: Selection = Field(default_factory=Selection, description="How traces are chosen and ordered.")
    limit: int | None = Field(None, ge=1, le=INT32_MAX, description="Most traces in the dataset (no limit by default).")
    dedupe: Dedupe = Field(default_factory=Dedupe, description="Duplicate removal.")
    split: SplitSpec = Field(default_factory=SplitSpec, description="Train/eval split.")
    transforms: Transforms = Field(default_factory=Transforms, description="Build-time transforms and template.")

    @model_validator(mode="after")
    def _stage_split(self) -> DatasetCreate:
        if self.split.stratify_by == "stage" and self.selection.strategy != "curriculum":
            raise ValueError("split.stratify_by 'stage' needs the curriculum strategy")
        return self


class DatasetSummary(BaseModel):
    key: str = Field(description="name@vN.")
    name: str
    version: int
    kind: Literal["traces", "eval"] = Field(description="traces: a trace dataset; eval: an eval set.")
    description: str
    item_count: int
    counts: dict[str, Any] = Field(description="Items per split (datasets) or per section (eval sets).")
    created_at: datetime


class DatasetRead(DatasetSummary):
    manifest: dict[str, Any] = Field(description="manifest.json: request, counts, strata, sha256, stats.")


class DatasetPage(BaseModel):
    items: list[DatasetSummary]
    next_cursor: str | None = Field(description="Pass as ?cursor= for the next page; null on the last page.")


class MovedTrace(BaseModel):
    id: uuid.UUID
    from_split: str
    to_split: str


DIFF_PROMPT_CHARS = 200


class DatasetDiff(BaseModel):
    a: str
    b: str
    added: int = Field(description="Traces in b but not in a.")
    removed: int = Field(description="Traces in a but not in b.")
    moved: int = Field(description="Traces in both, in another split.")
    unchanged: int = Field(description="Traces in both, in the same split.")
    added_ids: list[uuid.UUID] = Field(description="The first added traces (up to the sample size).")
    removed_ids: list[uuid.UUID] = Field(description="The first removed traces.")
    moved_items: list[MovedTrace] = Field(description="The first moved traces.")
    prompts: dict[uuid.UUID, str] = Field(
        description=f"The prompt of every trace listed above, by id, cut to {DIFF_PROMPT_CHARS} characters.",
    )
