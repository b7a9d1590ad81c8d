"""The evaluation config: what is evaluated, on which eval set, how it generates and who judges.

Validated at submit (422 naming the field), like the training config. The model is either a
training run (``run``: its adapter or merged weights, and the render template from its manifest)
or a model reference (``model``: Hugging Face id, local folder or tiny preset), never both.
Unknown judge names are rejected, never silently replaced by a default.

>>> EvalConfig.model_validate({"evalset": "arith-eval@v1", "model": "tiny-llama"}).judges
['math', 'format']
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from tunix_rt.datasets.schema import KEY_PATTERN
from tunix_rt.datasets.template import RenderTemplate
from tunix_rt.training.models import TINY_PRESETS, TokenizerSettings

JUDGE_NAMES = ("exact", "normalized", "math", "format", "llm")
"""The judges ``judges.py`` registers; kept here so a config is checked without importing them."""
BUILTIN_METRICS = ("strict_accuracy", "lenient_accuracy", "format_compliance")
DEFAULT_JUDGES = ("math", "format")


def check_judges(judges: list[str]) -> list[str]:
    """Known judge names, each once; shared by every config that names judges (an eval run's,
    and a training run's automatic evaluation), so both refuse the same mistakes at submit."""
    unknown = [name for name in judges if name not in JUDGE_NAMES]
    if unknown:
        raise ValueError(f"unknown judge(s) {', '.join(unknown)}; known: {', '.join(JUDGE_NAMES)}")
    if len(set(judges)) != len(judges):
        raise ValueError("a judge is listed twice")
    return judges


class SamplingSettings(BaseModel):
    """Greedy decoding by default; a temperature above 0 samples (and is recorded with the result)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    temperature: float = Field(0.0, ge=0.0, le=5.0, description="0 is greedy; above 0 samples.")
    top_p: float = Field(1.0, gt=0.0, le=1.0, description="Nucleus sampling mass (sampling only).")
    top_k: int = Field(0, ge=0, description="Keep the k most likely tokens; 0 keeps all (sampling only).")
    seed: int = Field(0, ge=0, description="Seed of sampling.")

    @property
    def greedy(self) -> bool:
        return self.temperature == 0.0


class EvalConfig(BaseModel):
    """An evaluation run: a model or training run, an eval set, generation and judges."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    evalset: str = Field(pattern=KEY_PATTERN, description="Eval set key, name@vN; must exist at submit.")
    run: uuid.UUID | None = Field(None, description="Training run whose output is evaluated; exclusive with model.")
    model: str | None = Field(
        None,
        min_length=1,
        description="Hugging Face id, tiny preset, or the absolute path of a folder under the server's model roots "
        "(TUNIX_RT_MODEL_ROOTS); exclusive with run.",
    )
    tokenizer: TokenizerSettings | None = Field(
        None,
        description="How the tokenizer of a tiny preset given as model is trained on the eval set's text (every "
        "digit its own token when unset); a run or another model brings its own tokenizer.",
    )
    backend: Literal["torch", "jax"] = Field("torch", description="torch (transformers generate) or jax (Tunix).")
    template: RenderTemplate | None = Field(
        None, description="Render template; the training run's when evaluating a run, else the default."
    )
    batch_size: int = Field(16, ge=1, le=1024, description="Prompts generated together (left-padded).")
    max_new_tokens: int = Field(128, ge=1, le=8192, description="Most tokens generated per item.")
    sampling: SamplingSettings = Field(default_factory=SamplingSettings, description="Decoding parameters.")
    samples: int = Field(
        1,
        ge=1,
        le=64,
        description="Completions generated per item; above 1 adds pass@k, maj@k and per-item agreement to the "
        "scorecard (needs sampling.temperature above 0).",
    )
    judges: list[str] = Field(
        default_factory=lambda: list(DEFAULT_JUDGES), min_length=1, description=f"Judges: {', '.join(JUDGE_NAMES)}."
    )
    primary_metric: str = Field(
        "strict_accuracy",
        description="Score the leaderboard ranks by: strict_accuracy, lenient_accuracy, format_compliance "
        "or judge:<name> (that judge's accuracy).",
    )
    limit: int | None = Field(None, ge=1, description="Evaluate only the first N items (smoke tests).")
    device: Literal["auto", "cpu", "cuda"] = Field("auto", description="Where to generate.")

    _known_judges = field_validator("judges")(check_judges)

    @model_validator(mode="after")
    def _consistent(self) -> EvalConfig:
        problems = conflicts({name: getattr(self, name) for name in type(self).model_fields})
        if problems:
            raise PydanticCustomError("conflict", "; ".join(problems))
        return self

    @property
    def tokenizer_settings(self) -> TokenizerSettings:
        return self.tokenizer if self.tokenizer is not None else TokenizerSettings()

    @property
    def model_ref(self) -> str:
        """What the run evaluates, as the runs table records it: ``run:<id>`` or the model name."""
        return f"run:{self.run}" if self.run is not None else str(self.model)


def conflicts(fields: Mapping[str, Any]) -> list[str]:
    """Options of an evaluation config that contradict each other, each rule checked when the
    fields it reads are in ``fields``: the whole config's, or those that validated of one that
    did not (``partial.valid_fields``), so a misspelled key does not hide a conflict."""
    problems = []
    if "run" in fields and "model" in fields and (fields["run"] is None) == (fields["model"] is None):
        problems.append("give exactly one of run or model")
    if fields.get("tokenizer") is not None and "model" in fields and fields["model"] not in TINY_PRESETS:
        problems.append("tokenizer settings apply only when model is a tiny preset")
    samples, sampling = fields.get("samples"), fields.get("sampling")
    if samples is not None and samples > 1 and sampling is not None and sampling.greedy:
        problems.append(
            f"samples: {samples} needs sampling.temperature above 0 (greedy decoding writes the same output every time)"
        )
    metric, judges = fields.get("primary_metric"), fields.get("judges")
    if metric is not None and judges is not None and metric not in BUILTIN_METRICS:
        judge = metric.removeprefix("judge:")
        if not metric.startswith("judge:") or judge not in judges or judge == "format":
            problems.append(
                f"primary_metric {metric!r} is not one of {', '.join(BUILTIN_METRICS)} or judge:<a listed judge>"
            )
    return problems
