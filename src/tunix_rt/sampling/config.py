"""The ``sample`` run config: where the prompts come from, which model answers them, how often,
and which completions become traces.

The model is either a local reference (generated in the run child by evaluation's own
generation code) or an OpenAI-compatible endpoint (a teacher: vLLM, Ollama, llama.cpp,
``tunix-rt models serve`` or a hosted API). An endpoint's key is named, never given: the
config holds ``api_key_env``, the name of the environment variable the run child reads, so a
key reaches neither the stored config nor the run's log.

>>> SampleConfig.model_validate({"source": {"evalset": "arith-eval@v1"}, "model": {"local": "tiny-llama"}}).k
4
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from tunix_rt.datasets.schema import KEY_PATTERN
from tunix_rt.datasets.template import RenderTemplate
from tunix_rt.evaluation.config import check_judges

ENV_NAME = re.compile(r"(?!TUNIX_RT_)[A-Z][A-Z0-9_]*_API_KEY")
"""The variables a config may name for a key: ``*_API_KEY`` (OPENAI_API_KEY, VLLM_API_KEY...), never
one of the server's own settings. The worker passes the named one to the run's child, so anyone
who may submit runs can have that key sent to an endpoint of their choosing: keep on the worker
only keys meant for sampling."""
POLICIES = ("verified", "all", "best_of_k")


class PromptSource(BaseModel):
    """Exactly one of a trace dataset's split (each trace's prompt, its final answer expected),
    an eval set (its items carry expected answers) or a prompts file (JSONL of
    ``{"id", "prompt", "expected_answer"}``, an absolute path readable by the worker)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    dataset: str | None = Field(None, pattern=KEY_PATTERN, description="Trace dataset key, name@vN.")
    split: Literal["train", "eval"] = Field("train", description="The dataset's split (dataset only).")
    evalset: str | None = Field(None, pattern=KEY_PATTERN, description="Eval set key, name@vN.")
    prompts_file: str | None = Field(None, min_length=1, description="Absolute path of a JSONL prompts file.")
    limit: int | None = Field(None, ge=1, description="Only the first N prompts.")

    @model_validator(mode="after")
    def _one(self) -> PromptSource:
        if sum(value is not None for value in (self.dataset, self.evalset, self.prompts_file)) != 1:
            raise ValueError("give exactly one of dataset, evalset or prompts_file")
        if self.prompts_file is not None and not self.prompts_file.startswith("/"):
            raise ValueError("prompts_file must be an absolute path")
        return self

    @property
    def name(self) -> str:
        """What the prompts came from, as provenance names it: ``KEY:SPLIT``, the eval set or the file."""
        if self.dataset is not None:
            return f"{self.dataset}:{self.split}"
        return str(self.evalset or self.prompts_file)


class Endpoint(BaseModel):
    """An OpenAI-compatible chat completions endpoint."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    base_url: str = Field(pattern=r"^https?://", description="Base URL up to /v1, e.g. http://localhost:8000/v1.")
    model: str = Field(min_length=1, description="The model name the endpoint serves.")
    api_key_env: str | None = Field(
        None, description="Name of the environment variable holding the API key (never the key itself)."
    )
    timeout_s: float = Field(60.0, gt=0, le=3600, description="Seconds one request may take.")

    @field_validator("api_key_env")
    @classmethod
    def _env_name(cls, value: str | None) -> str | None:
        if value is not None and not ENV_NAME.fullmatch(value):
            raise ValueError(
                "api_key_env is the name of an environment variable ending in _API_KEY (not a key, "
                "and not a TUNIX_RT_ setting)"
            )
        return value


class ModelChoice(BaseModel):
    """Exactly one of a local model reference or an endpoint."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    local: str | None = Field(None, min_length=1, description="Tiny preset, run id, model folder or hub id.")
    endpoint: Endpoint | None = Field(None, description="An OpenAI-compatible endpoint.")

    @model_validator(mode="after")
    def _one(self) -> ModelChoice:
        if (self.local is None) == (self.endpoint is None):
            raise ValueError("give exactly one of local or endpoint")
        return self

    @property
    def name(self) -> str:
        """The model as provenance and the cache key name it."""
        return f"local:{self.local}" if self.endpoint is None else f"{self.endpoint.base_url}#{self.endpoint.model}"


class SampleParams(BaseModel):
    """Decoding parameters; sample i of a prompt is drawn with seed ``seed + i``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    temperature: float = Field(0.8, ge=0.0, le=2.0, description="0 is greedy.")
    top_p: float = Field(1.0, gt=0.0, le=1.0, description="Nucleus sampling mass.")
    max_tokens: int = Field(256, ge=1, le=32768, description="Most tokens per completion.")
    seed: int = Field(0, ge=0, le=2**31 - 1, description="Seed of sample 0.")


class Price(BaseModel):
    """What the endpoint charges, per million tokens, so the run's log and summary can say what
    the sampling costs (and will cost) before the bill does. Left unset, only tokens are counted."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    prompt_per_million: float = Field(ge=0, description="Price of a million prompt (input) tokens.")
    completion_per_million: float = Field(ge=0, description="Price of a million completion (output) tokens.")
    currency: str = Field("USD", min_length=1, max_length=8, description="Shown beside every amount.")

    def cost(self, prompt_tokens: int, completion_tokens: int) -> float:
        """The price of that many tokens.

        >>> Price(prompt_per_million=0.5, completion_per_million=2.0).cost(1_000_000, 250_000)
        1.0
        """
        return (prompt_tokens * self.prompt_per_million + completion_tokens * self.completion_per_million) / 1e6


class SampleConfig(BaseModel):
    """A sampling run: prompts, model, k completions each, and the keep policy."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    source: PromptSource = Field(description="Where the prompts come from.")
    model: ModelChoice = Field(description="Who answers them.")
    k: int = Field(4, ge=1, le=64, description="Completions per prompt.")
    params: SampleParams = Field(default_factory=SampleParams, description="Decoding parameters.")
    policy: Literal["verified", "all", "best_of_k"] = Field(
        "verified",
        description="verified: keep the verified completions (rejection sampling); all: keep every parsable one "
        "with its verdict; best_of_k: keep the best completion of each prompt.",
    )
    template: RenderTemplate | None = Field(None, description="How completions are parsed; the default when unset.")
    concurrency: int = Field(4, ge=1, le=256, description="Requests in flight at once (endpoint only).")
    max_retries: int = Field(4, ge=0, le=20, description="Retries of a failed request, with exponential backoff.")
    requests_per_second: float | None = Field(None, gt=0, description="Most requests started per second.")
    judges: list[str] = Field(default_factory=list, description="Extra judges recorded with each verdict.")
    price: Price | None = Field(None, description="Token prices, for the cost in the log and the summary.")
    tags: list[str] = Field(default_factory=list, description="Tags put on every stored trace.")
    device: Literal["auto", "cpu", "cuda"] = Field("auto", description="Where a local model generates.")

    _known_judges = field_validator("judges")(check_judges)
