"""The sweep config: a base training config, the space searched over its keys, the objective,
the search algorithm and scheduler, and the budget. Validated at submit like every run config.

What the model alone checks: the shape of each domain, that Optuna is not asked for a grid,
that the objective is a metric the scorecard produces. What needs the base config is checked by
``space_problems`` (called from the kind's ``admit``): every key of the space, set to each
value its domain can take, still makes a valid ``TrainConfig``, so a typo or an out-of-range
bound is a 422 naming the key before any trial starts; it runs on the base as submitted, so
the space is checked in the same answer that names the base's own problems.

>>> SweepConfig.model_validate({
...     "base": {"dataset": {"key": "arith@v1"}, "max_steps": 4},
...     "space": {"optimizer.lr": {"type": "loguniform", "low": 1e-4, "high": 1e-2}},
...     "objective": {"evalset": "arith-eval@v1"},
...     "trials": 4,
... }).total_trials
4
"""

from __future__ import annotations

import copy
import math
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import PydanticCustomError

from tunix_rt.datasets.schema import KEY_PATTERN
from tunix_rt.evaluation.config import BUILTIN_METRICS, DEFAULT_JUDGES, JUDGE_NAMES, check_judges
from tunix_rt.training.config import TrainConfig

SCALAR_METRICS = ("truncation_rate", "mean_output_tokens", "mean_output_chars")
"""Scorecard numbers that are plain floats rather than rates with intervals."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Domain(_Strict):
    """The values one config key takes: ``choice``/``grid`` list them, ``uniform``/``loguniform``
    draw a float in [low, high], ``randint`` an integer in [low, high)."""

    type: Literal["choice", "uniform", "loguniform", "randint", "grid"] = Field(description="Kind of domain.")
    values: list[Any] | None = Field(None, min_length=1, description="The values of a choice or grid.")
    low: float | None = Field(None, description="Lower bound of uniform, loguniform or randint.")
    high: float | None = Field(None, description="Upper bound (exclusive for randint).")

    @model_validator(mode="after")
    def _shape(self) -> Domain:
        if self.type in ("choice", "grid"):
            if self.values is None or self.low is not None or self.high is not None:
                raise PydanticCustomError("domain", "a {type} takes values, not low/high", {"type": self.type})
            return self
        if self.values is not None or self.low is None or self.high is None:
            raise PydanticCustomError("domain", "a {type} takes low and high, not values", {"type": self.type})
        if self.low >= self.high:
            raise PydanticCustomError("domain", "low must be below high")
        if self.type == "loguniform" and self.low <= 0:
            raise PydanticCustomError("domain", "a loguniform needs low above 0")
        if self.type == "randint" and not (self.low.is_integer() and self.high.is_integer()):
            raise PydanticCustomError("domain", "a randint takes integer bounds")
        return self

    def samples(self) -> list[Any]:
        """Values that stand for the whole domain when checking it against the base config:
        every listed value, or both ends of a range."""
        if self.values is not None:
            return list(self.values)
        assert self.low is not None
        assert self.high is not None
        if self.type == "randint":
            return [int(self.low), int(self.high) - 1]
        return [self.low, self.high]

    @property
    def size(self) -> int:
        return len(self.values) if self.type == "grid" and self.values is not None else 1

    def value_of(self, sampled: Any) -> Any:
        """The config value a search algorithm's sample stands for. Choices and grids are
        searched by index (Optuna's categoricals take only scalars; an index stands for any JSON
        value, such as a list of target modules); numbers come back as plain ints or floats.

        >>> Domain(type="choice", values=[["q_proj"], ["q_proj", "v_proj"]]).value_of(1)
        ['q_proj', 'v_proj']
        """
        if self.values is not None:
            return self.values[int(sampled)]
        return int(sampled) if self.type == "randint" else float(sampled)


class Objective(_Strict):
    """What a trial is scored by: one scorecard metric of its evaluation on an eval set."""

    evalset: str = Field(pattern=KEY_PATTERN, description="Eval set key, name@vN; must exist at submit.")
    metric: str = Field(
        "strict_accuracy",
        description=f"{', '.join(BUILTIN_METRICS + SCALAR_METRICS)}, or judge:<a listed judge>.",
    )
    mode: Literal["max", "min"] = Field("max", description="Whether a higher or a lower value is better.")
    judges: list[str] = Field(
        default_factory=lambda: list(DEFAULT_JUDGES), min_length=1, description=f"Judges: {', '.join(JUDGE_NAMES)}."
    )
    batch_size: int = Field(16, ge=1, le=1024, description="Prompts generated together in the evaluation.")
    max_new_tokens: int = Field(128, ge=1, le=8192, description="Most tokens generated per item.")
    limit: int | None = Field(None, ge=1, description="Evaluate only the first N items of the eval set.")

    _known_judges = field_validator("judges")(check_judges)

    @model_validator(mode="after")
    def _known_metric(self) -> Objective:
        judge = self.metric.removeprefix("judge:")
        if self.metric.startswith("judge:") and judge in self.judges:
            return self
        if self.metric not in BUILTIN_METRICS + SCALAR_METRICS:
            raise PydanticCustomError(
                "metric",
                "objective metric '{metric}' is not a scorecard metric: {known}, or judge:<a listed judge>",
                {"metric": self.metric, "known": ", ".join(BUILTIN_METRICS + SCALAR_METRICS)},
            )
        return self

    def value_of(self, scorecard: dict[str, Any]) -> float:
        """The objective's value in a stored scorecard."""
        if self.metric.startswith("judge:"):
            return float(scorecard["judges"][self.metric.removeprefix("judge:")]["value"])
        entry = scorecard[self.metric]
        return float(entry["value"] if isinstance(entry, dict) else entry)

    def better(self, a: float, b: float) -> bool:
        return a > b if self.mode == "max" else a < b


class Search(_Strict):
    """How trial parameters are chosen."""

    type: Literal["random", "grid", "optuna"] = Field(
        "random", description="random sampling, the full grid, or Optuna's TPE through Ray Tune."
    )
    seed: int = Field(0, ge=0, description="Seed of the sampler.")


class Scheduler(_Strict):
    """When trials end: FIFO runs each to the end, ASHA stops the worse ones early on the
    training loss the trials report every ``logging_steps``."""

    type: Literal["fifo", "asha"] = Field("fifo", description="fifo or asha.")
    metric: Literal["loss"] = Field("loss", description="What ASHA compares (the training loss, lower is better).")
    grace_period: int = Field(1, ge=1, description="Loss reports a trial makes before ASHA may stop it.")
    reduction_factor: float = Field(2.0, gt=1, description="ASHA keeps 1/reduction_factor of trials per rung.")
    max_t: int = Field(100, ge=1, description="Loss reports after which ASHA stops any trial.")


class Resources(_Strict):
    """What Ray reserves for one trial (its training and evaluation run in the trial's process)."""

    cpu: float = Field(1.0, gt=0, description="CPUs per trial.")
    gpu: float = Field(0.0, ge=0, description="GPUs per trial (fractions share one).")


class SweepConfig(_Strict):
    """A sweep: trials of ``base`` with the ``space`` applied, scored by ``objective``."""

    base: TrainConfig = Field(description="The training config every trial starts from (evaluate is dropped).")
    space: dict[str, Domain] = Field(
        min_length=1, description="Dotted TrainConfig keys (optimizer.lr, lora.r, ...) and their domains."
    )
    objective: Objective = Field(description="The metric trials are ranked by.")
    search: Search = Field(default_factory=Search, description="Search algorithm.")
    scheduler: Scheduler = Field(default_factory=Scheduler, description="Trial scheduler.")
    trials: int | None = Field(
        None,
        ge=1,
        le=1000,
        description="Samples to draw (random: times the grid, if any); with search grid, the grid size when unset.",
    )
    concurrency: int = Field(1, ge=1, le=256, description="Trials running at once.")
    time_budget_s: float | None = Field(None, gt=0, description="Stop starting and running trials after this long.")
    resources: Resources = Field(default_factory=Resources, description="Per-trial resources.")

    @model_validator(mode="after")
    def _consistent(self) -> SweepConfig:
        problems = conflicts({name: getattr(self, name) for name in type(self).model_fields})
        if problems:
            raise PydanticCustomError("conflict", "; ".join(problems))
        return self

    @property
    def grid_size(self) -> int:
        """Points of the grid (choices count as grid axes under search grid)."""
        return _grid_size(self.space, self.search)

    @property
    def total_trials(self) -> int:
        if self.search.type == "grid":
            return self.grid_size
        assert self.trials is not None
        return self.trials * self.grid_size

    def trial_params(self, sampled: dict[str, Any]) -> dict[str, Any]:
        """A Tune trial's config (one sample per space key, see ``Domain.value_of``) as the
        dotted config values the trial trains with."""
        return {key: domain.value_of(sampled[key]) for key, domain in self.space.items()}

    def trial_config(self, params: dict[str, Any]) -> TrainConfig:
        """The base with ``params`` (dotted keys) applied and its own evaluation dropped (the
        sweep runs the evaluation itself, as a separate run of the trial)."""
        return TrainConfig.model_validate(trial_data(self.base.model_dump(mode="json"), params))


def _grid_size(space: Mapping[str, Domain], search: Search) -> int:
    sizes = [len(d.values) if search.type == "grid" and d.values is not None else d.size for d in space.values()]
    return math.prod(sizes)


def conflicts(fields: Mapping[str, Any]) -> list[str]:
    """Options of a sweep config that contradict each other, each rule checked when the fields
    it reads are in ``fields``: the whole config's, or those that validated of one that did not
    (``partial.valid_fields``), so a misspelled key does not hide a missing ``trials``."""
    search, space = fields.get("search"), fields.get("space")
    if search is None or "trials" not in fields:
        return []
    trials = fields["trials"]
    problems = []
    grid = [key for key, domain in (space or {}).items() if domain.type == "grid"]
    if search.type == "optuna" and grid:
        problems.append(f"search optuna cannot search a grid ({', '.join(grid)}); use choice or search grid")
    if search.type == "grid" and space is not None:
        other = [key for key, domain in space.items() if domain.type not in ("grid", "choice")]
        size = _grid_size(space, search)
        if other:
            problems.append(f"search grid takes grid or choice domains only, not {', '.join(other)}")
        elif trials is not None and trials != size:
            problems.append(f"search grid runs the grid's {size} trials, not {trials}")
    elif search.type != "grid" and trials is None:
        problems.append(f"search {search.type} needs trials")
    return problems


def trial_data(base: Mapping[str, Any], params: dict[str, Any]) -> dict[str, Any]:
    """A copy of a base config's data with ``params`` (dotted keys) set and ``evaluate`` dropped."""
    data = copy.deepcopy(dict(base))
    data["evaluate"] = None
    for key, value in params.items():
        _set(data, key, value)
    return data


def _set(data: dict[str, Any], dotted: str, value: Any) -> None:
    *parents, last = dotted.split(".")
    for part in parents:
        child = data.get(part)
        if not isinstance(child, dict):
            child = {}
            data[part] = child
        data = child
    data[last] = value


def _train_errors(data: dict[str, Any]) -> list[dict[str, Any]]:
    try:
        TrainConfig.model_validate(data)
    except ValidationError as exc:
        return [dict(error) for error in exc.errors(include_url=False)]
    return []


def _signature(error: dict[str, Any]) -> tuple[Any, ...]:
    return (tuple(error["loc"]), error["type"], error["msg"])


def set_by(key: str, loc: Sequence[Any]) -> bool:
    """Whether a problem at ``loc`` (a TrainConfig path) lies in what the dotted space ``key`` sets.

    >>> set_by("optimizer.lr", ["optimizer", "lr"]), set_by("grpo", ["grpo", "rewards", 0]), set_by("lora.r", ["lr"])
    (True, True, False)
    """
    parts = key.split(".")
    return [str(part) for part in loc[: len(parts)]] == parts


def space_domains(space: Any) -> dict[str, Domain]:
    """The keys of a submitted space whose domain is valid, with it (the others are the schema's
    problems), so the keys with valid domains are checked while another domain is malformed."""
    domains: dict[str, Domain] = {}
    for key, domain in space.items() if isinstance(space, dict) else ():
        try:
            domains[str(key)] = Domain.model_validate(domain)
        except ValidationError:
            continue
    return domains


def space_problems(base: Any, space: Mapping[str, Domain]) -> list[dict[str, Any]]:
    """One error per space key that cannot be set to some value of its domain in the base
    config (an unknown key, a value out of the field's range or of the wrong type), with the
    location ``body.config.space.<key>`` and the TrainConfig's own message.

    ``base`` is the base as submitted, valid or not: a key is blamed for the problems within
    what it sets, and for others only when the base alone has no such problem (the schema
    reports the base's own), so a misspelled base key does not hide, or pass for, a misspelled
    space key."""
    data = dict(base) if isinstance(base, Mapping) else {}
    known = {_signature(error) for error in _train_errors(trial_data(data, {}))}
    problems: list[dict[str, Any]] = []
    for key, domain in space.items():
        for sample in domain.samples():
            errors = _train_errors(trial_data(data, {key: sample}))
            added = [e for e in errors if set_by(key, e["loc"]) or _signature(e) not in known]
            if added:
                first = added[0]
                where = ".".join(str(part) for part in first["loc"]) or key
                msg = f"{where} = {sample!r}: {first['msg']}"
                problems.append({"loc": ["body", "config", "space", key], "msg": msg, "type": first["type"]})
                break
    return problems
