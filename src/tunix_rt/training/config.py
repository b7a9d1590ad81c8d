"""The training config: one pydantic model, validated when a run is submitted (422), not when it starts.

Every key is used by a backend or rejected here: unknown keys are errors that name them
(``extra="forbid"``), and options that contradict each other (``epochs`` with ``max_steps``, LoRA
rank with ``lora.full``, GRPO settings on an SFT run) are refused together in one message, so a
config is fixed in one round trip instead of one error at a time.

>>> TrainConfig.model_validate({"dataset": {"key": "arith@v1"}, "max_steps": 10}).model
'tiny-llama'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from tunix_rt.datasets.schema import KEY_PATTERN
from tunix_rt.datasets.template import RenderTemplate
from tunix_rt.evaluation.config import DEFAULT_JUDGES, JUDGE_NAMES, check_judges
from tunix_rt.rollouts import alarms
from tunix_rt.training.models import TINY_PRESETS, TokenizerSettings

DEFAULT_LORA_RANK = 8
DEFAULT_LORA_ALPHA = 16


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DatasetRef(_Strict):
    """Which frozen dataset snapshot to train on."""

    key: str = Field(pattern=KEY_PATTERN, description="Dataset key, name@vN; must exist when the run is submitted.")
    split: Literal["train", "eval", "all"] = Field("train", description="Split trained on.")


class LoraSettings(_Strict):
    """Low-rank adapters, or full fine-tuning with ``full: true``."""

    full: bool = Field(False, description="Train every weight instead of LoRA adapters (then r/alpha must be unset).")
    r: int | None = Field(None, ge=1, le=1024, description=f"Adapter rank; {DEFAULT_LORA_RANK} when unset.")
    alpha: int | None = Field(None, ge=1, description=f"Adapter scaling alpha; {DEFAULT_LORA_ALPHA} when unset.")
    dropout: float = Field(0.0, ge=0.0, lt=1.0, description="Dropout on the adapter input.")
    target_modules: list[str] | Literal["all-linear"] = Field(
        "all-linear",
        description="Module names to adapt, or 'all-linear' for every linear layer but the output head, and "
        "for a tiny preset the head too (lm_head). The same modules on both backends; the run manifest "
        "lists them. torch trains lm_head whole (TRL refuses an adapter on it).",
    )

    @property
    def rank(self) -> int:
        return self.r if self.r is not None else DEFAULT_LORA_RANK

    @property
    def scaling_alpha(self) -> int:
        return self.alpha if self.alpha is not None else DEFAULT_LORA_ALPHA


class OptimizerSettings(_Strict):
    """AdamW with a warmup then a decay schedule."""

    lr: float = Field(2e-4, gt=0, le=1.0, description="Peak learning rate.")
    warmup_steps: int = Field(0, ge=0, description="Optimizer steps of linear warmup from 0 to lr.")
    decay: Literal["linear", "cosine", "constant"] = Field("linear", description="Schedule after warmup.")
    weight_decay: float = Field(0.0, ge=0.0, description="AdamW decoupled weight decay.")
    max_grad_norm: float | None = Field(1.0, gt=0, description="Gradient clipping norm; null turns clipping off.")


class RewardSpec(_Strict):
    """One GRPO reward, by a name the server registers (training/rewards.py says which)."""

    name: str = Field(
        min_length=1,
        max_length=200,
        description="'format', 'correctness', 'length', a 'tunix_rt.rewards' entry point, or 'file:function' "
        "from the server's reward folders; an unknown name is refused at submit with the list of available ones.",
    )
    weight: float = Field(1.0, description="Weight of this reward in the sum GRPO optimises.")
    options: dict[str, Any] = Field(default_factory=dict, description="Keyword arguments bound to the function.")


def _default_rewards() -> list[RewardSpec]:
    return [RewardSpec(name="format"), RewardSpec(name="correctness")]


class AlarmSettings(_Strict):
    """When the reward-hacking alarms trip (``rollouts/alarms.py``): the child checks them while it
    trains and the API again from the stored rollouts, both with these values from the run's
    config, so the run page and the run's alarm events agree. Defaults are ``alarms.Thresholds``'s."""

    model_config = ConfigDict(allow_inf_nan=False)

    window: int = Field(
        alarms.Thresholds.window, ge=2, le=1000, description="Recorded steps per window: first half against second."
    )
    format_rise: float = Field(
        alarms.Thresholds.format_rise,
        gt=0,
        description="format_without_correctness: the format reward's mean rises at least this much...",
    )
    correctness_gain: float = Field(
        alarms.Thresholds.correctness_gain, description="...while correctness's mean rises less than this."
    )
    length_factor: float = Field(
        alarms.Thresholds.length_factor,
        ge=1,
        description="length_explosion: the second half's mean completion length is at least this times the first's...",
    )
    min_length_growth: float = Field(
        alarms.Thresholds.min_length_growth, ge=0, description="...and at least this many tokens longer."
    )
    zero_std_fraction: float = Field(
        alarms.Thresholds.zero_std_fraction,
        gt=0,
        le=1,
        description="reward_collapse: at every step of the window, at least this fraction of the groups got "
        "equal rewards (zero advantage).",
    )

    @property
    def thresholds(self) -> alarms.Thresholds:
        return alarms.Thresholds(**self.model_dump())


class GrpoSettings(_Strict):
    """Group relative policy optimisation: sample a group per prompt, reward, push toward the better ones."""

    num_generations: int = Field(4, ge=2, description="Completions sampled per prompt (the group).")
    max_completion_length: int = Field(128, ge=1, description="Most tokens generated per completion.")
    beta: float = Field(0.0, ge=0.0, description="KL penalty toward the reference model (0 keeps no reference).")
    temperature: float = Field(1.0, gt=0, description="Sampling temperature of the completions.")
    rewards: list[RewardSpec] = Field(
        default_factory=_default_rewards, min_length=1, description="Reward functions and their weights."
    )
    rollouts_every: int | None = Field(
        None,
        ge=1,
        description="Record the rollouts (prompts, completions, rewards, advantages) of the first step and every "
        "Nth; unset records them at every logging step (logging_steps).",
    )
    alarms: AlarmSettings = Field(
        default_factory=AlarmSettings, description="Thresholds of the reward-hacking alarms over the recorded steps."
    )


class AutoEvaluation(_Strict):
    """An evaluation of the trained model, queued as an ``eval`` run (tagged ``auto-eval``) in the
    same transaction that records the training run's success, so a finished training run is
    never left without the evaluation it asked for. The eval set is checked at submit."""

    evalset: str = Field(
        pattern=KEY_PATTERN, description="Eval set key, name@vN; must exist when the run is submitted."
    )
    judges: list[str] = Field(
        default_factory=lambda: list(DEFAULT_JUDGES), min_length=1, description=f"Judges: {', '.join(JUDGE_NAMES)}."
    )
    batch_size: int = Field(16, ge=1, le=1024, description="Prompts generated together (left-padded).")
    max_new_tokens: int = Field(128, ge=1, le=8192, description="Most tokens generated per item.")
    limit: int | None = Field(None, ge=1, description="Evaluate only the first N items.")

    _known_judges = field_validator("judges")(check_judges)


class MeshShape(_Strict):
    """How a JAX run lays its devices out: Tunix's two mesh axes. The batch is split along
    ``fsdp`` (data parallel), which also shards the weights (FSDP); ``tp`` splits attention heads
    and MLP widths (tensor parallel)."""

    fsdp: int | None = Field(None, ge=1, description="Devices along the data/FSDP axis; devices / tp when unset.")
    tp: int = Field(1, ge=1, description="Devices along the tensor-parallel axis.")


class RunResources(_Strict):
    """The devices one run trains on. ``batch_size`` stays the batch of the whole run on every
    backend: torch launches ``devices`` processes on each of ``nodes`` machines with torchrun
    and each takes ``batch_size / (devices x nodes)``; JAX lays the devices out as a ``mesh``
    and Tunix splits the batch along its data axis. So adding devices changes how fast a run
    trains, not what it learns."""

    devices: int = Field(1, ge=1, le=1024, description="Devices to train on (on each node); 1 trains on one device.")
    nodes: int = Field(
        1,
        ge=1,
        le=1024,
        description="torch: machines that train together; over 1 needs rendezvous. "
        "JAX hosts join with jax.distributed instead (see the scaling-out guide).",
    )
    strategy: Literal["auto", "ddp", "fsdp"] = Field(
        "auto",
        description="torch: ddp replicates the model on every device; fsdp shards weights, gradients and "
        "optimizer state across GPUs (for a model one GPU cannot hold; not on a CPU); auto is ddp. "
        "A JAX run's layout is its mesh.",
    )
    rendezvous: str | None = Field(
        None,
        pattern=r"^[A-Za-z0-9_.\-\[\]:]+:[0-9]{1,5}$",
        description="torch: host:port where the nodes of a multi-node run meet (torchrun's static "
        "rendezvous on node 0); required when nodes is over 1, unused otherwise.",
    )
    mesh: MeshShape | None = Field(
        None,
        description="JAX only: the mesh over the devices; {fsdp: devices, tp: 1} (data parallel) when unset. "
        "fsdp x tp must equal devices.",
    )
    cpus: float | None = Field(
        None,
        gt=0,
        le=4096,
        description="Ray executor only: CPUs reserved for the run on the cluster (its torch threads); 1 when unset.",
    )
    memory_gb: float | None = Field(
        None,
        gt=0,
        le=65536,
        description="Ray executor only: memory (GiB) reserved for the run on the cluster; none when unset.",
    )

    @property
    def world_size(self) -> int:
        """torch processes in the whole run."""
        return self.devices * self.nodes

    @property
    def sharded(self) -> bool:
        return self.strategy == "fsdp"

    @property
    def mesh_shape(self) -> tuple[int, int]:
        """``(fsdp, tp)``: the whole data axis when no mesh is given."""
        if self.mesh is None:
            return self.devices, 1
        tp = self.mesh.tp
        return (self.mesh.fsdp if self.mesh.fsdp is not None else max(1, self.devices // tp)), tp

    @property
    def data_parallel(self) -> int:
        """Ways a JAX run's batch is split: the ``fsdp`` axis."""
        return self.mesh_shape[0]


class TrainConfig(_Strict):
    """A training run: backend, method, model, data, adapters, optimisation and intervals."""

    backend: Literal["torch", "jax"] = Field("torch", description="torch (transformers + TRL + PEFT) or jax (Tunix).")
    method: Literal["sft", "grpo"] = Field("sft", description="Supervised fine-tuning or GRPO reinforcement learning.")
    model: str = Field(
        "tiny-llama",
        min_length=1,
        description="Hugging Face id, offline tiny preset (tiny-llama, tiny-llama-s, tiny-llama-m), or the absolute "
        "path of a folder under the server's model roots (TUNIX_RT_MODEL_ROOTS, default models/ in the data home).",
    )
    tokenizer: TokenizerSettings | None = Field(
        None,
        description="How a tiny preset's tokenizer is trained (every digit its own token when unset); "
        "only with a tiny preset, since a hub or local model keeps its own tokenizer.",
    )
    dataset: DatasetRef = Field(description="The frozen dataset snapshot.")
    template: RenderTemplate | None = Field(None, description="Render template; the dataset's own when unset.")
    lora: LoraSettings = Field(default_factory=LoraSettings, description="Adapters or full fine-tuning.")
    optimizer: OptimizerSettings = Field(default_factory=OptimizerSettings, description="Optimizer and schedule.")
    epochs: float | None = Field(None, gt=0, description="Passes over the data; exclusive with max_steps.")
    max_steps: int | None = Field(None, ge=1, description="Optimizer steps; exclusive with epochs.")
    batch_size: int = Field(
        8,
        ge=1,
        description="Sequences per micro-batch of the whole run, shared among its resources.devices x "
        "resources.nodes processes (so a multiple of their number).",
    )
    gradient_accumulation_steps: int = Field(1, ge=1, description="Micro-batches per optimizer step.")
    max_seq_length: int = Field(
        512,
        ge=8,
        description="Longest tokenised sequence: SFT truncates longer ones; for GRPO the longest prompt "
        "(a longer one stops the run when it starts), the completion coming on top.",
    )
    packing: bool = Field(False, description="Pack several sequences per row (SFT only) instead of dynamic padding.")
    gradient_checkpointing: bool | None = Field(
        None,
        description="Recompute activations during the backward pass: less memory, about a third more compute. "
        "Unset: on for a hub or local model on a GPU, off otherwise (a tiny preset or a CPU run gains nothing "
        "from it). torch only; TRL would turn it on for every run.",
    )
    dtype: Literal["auto", "bf16", "fp16", "fp32"] = Field(
        "auto", description="Training precision; auto is bf16 on a GPU that supports it, else fp32."
    )
    device: Literal["auto", "cpu", "cuda", "tpu"] = Field(
        "auto", description="Where to train; an absent device is an error when the run starts."
    )
    seed: int = Field(0, ge=0, description="Seed of initialisation, shuffling, dropout and sampling.")
    eval_steps: int | None = Field(None, ge=1, description="Evaluate on the dataset's eval split every N steps.")
    save_steps: int = Field(100, ge=1, description="Checkpoint every N optimizer steps.")
    logging_steps: int = Field(10, ge=1, description="Report metrics every N optimizer steps.")
    merge: bool = Field(False, description="Also write the base model with the adapter merged in, as safetensors.")
    grpo: GrpoSettings | None = Field(None, description="GRPO settings; only with method grpo (defaults when unset).")
    resources: RunResources = Field(
        default_factory=RunResources,
        description="Devices and machines the run trains on (torch: torchrun with ddp or fsdp; JAX: a mesh); "
        "one device when unset.",
    )
    evaluate: AutoEvaluation | None = Field(
        None,
        description="Evaluate the trained model on an eval set when the run succeeds (an eval run tagged auto-eval).",
    )

    @model_validator(mode="after")
    def _consistent(self) -> TrainConfig:
        problems = conflicts({name: getattr(self, name) for name in type(self).model_fields})
        if problems:
            raise PydanticCustomError("conflict", "; ".join(problems))
        return self

    @property
    def tokenizer_settings(self) -> TokenizerSettings:
        return self.tokenizer if self.tokenizer is not None else TokenizerSettings()

    def checkpointing_on(self, device: str) -> bool:
        """Whether activations are recomputed on ``device`` (see ``gradient_checkpointing``)."""
        if self.gradient_checkpointing is not None:
            return self.gradient_checkpointing
        return device == "cuda" and self.model not in TINY_PRESETS

    @property
    def lora_targets(self) -> list[str] | Literal["all-linear"]:
        """The modules given low-rank adapters: ``lora.target_modules`` without the output head,
        whose training ``lora_head`` decides."""
        targets = self.lora.target_modules
        return targets if targets == "all-linear" else [name for name in targets if name != "lm_head"]

    @property
    def lora_head(self) -> bool:
        """Whether the output head (``lm_head``) is trained with the adapters: when named, and
        for ``all-linear`` on a tiny preset, whose frozen random base barely learns without it
        (60 steps at lr 3e-3 from a loss of 5.6-6.2: torch 4.68 without the head, 1.09 with it;
        JAX 1.08 and 0.52); a real checkpoint's head is left as trained."""
        if self.lora.target_modules == "all-linear":
            return self.model in TINY_PRESETS
        return "lm_head" in self.lora.target_modules

    @property
    def max_positions(self) -> int:
        """Positions a tiny preset is built with: the longest sequence, plus the completion GRPO
        generates after a prompt of that length. Evaluation generates within them."""
        return self.max_seq_length + (self.grpo_settings.max_completion_length if self.method == "grpo" else 0)

    @property
    def per_device_batch_size(self) -> int:
        """The share of ``batch_size`` each process takes."""
        return self.batch_size // self.resources.world_size

    @property
    def grpo_settings(self) -> GrpoSettings:
        return self.grpo if self.grpo is not None else GrpoSettings()

    @property
    def train_epochs(self) -> float:
        """Epochs when neither bound is given: one pass over the data."""
        return self.epochs if self.epochs is not None else 1.0


def conflicts(fields: Mapping[str, Any]) -> list[str]:
    """Options of a training config that contradict each other, each rule checked when the
    fields it reads are in ``fields``: the whole config's, or those that validated of one that
    did not (``partial.valid_fields``), so a misspelled key does not hide a conflict."""

    def has(*names: str) -> bool:
        return all(name in fields for name in names)

    def given(name: str) -> bool:
        return fields.get(name) is not None

    problems = []
    if given("epochs") and given("max_steps"):
        problems.append("give epochs or max_steps, not both")
    if given("tokenizer") and has("model") and fields["model"] not in TINY_PRESETS:
        problems.append("tokenizer settings apply to tiny presets only; a hub or local model keeps its own")
    lora = fields.get("lora")
    if lora is not None and lora.full and (lora.r is not None or lora.alpha is not None):
        problems.append("lora.full trains every weight: lora.r and lora.alpha must be unset")
    if lora is not None and isinstance(lora.target_modules, list) and not set(lora.target_modules) - {"lm_head"}:
        problems.append("lora.target_modules must name a module besides lm_head")
    method = fields.get("method")
    if has("method") and method != "grpo" and given("grpo"):
        problems.append("grpo settings are only used with method grpo")
    if method == "grpo" and fields.get("packing"):
        problems.append("packing applies to sft only")
    if method == "grpo" and has("batch_size", "grpo"):
        generations = (fields["grpo"] or GrpoSettings()).num_generations
        if fields["batch_size"] % generations:
            problems.append("batch_size must be a multiple of grpo.num_generations (whole groups per batch)")
    if given("gradient_checkpointing") and has("backend") and fields["backend"] != "torch":
        problems.append("gradient_checkpointing applies to backend torch")
    if fields.get("device") == "tpu" and fields.get("backend") == "torch":
        problems.append("device tpu needs backend jax")
    resources = fields.get("resources")
    if resources is not None:
        problems.extend(resource_conflicts(resources, fields))
    if given("eval_steps") and given("dataset") and fields["dataset"].split != "train":
        problems.append("eval_steps evaluates on the eval split, so dataset.split must be train")
    return problems


def resource_conflicts(resources: RunResources, fields: Mapping[str, Any]) -> list[str]:
    """What ``resources`` contradicts, refused at submit since a started run would only fail
    later: a multi-node run without a place to meet, a rendezvous nobody uses, a batch that does
    not split evenly, options of one backend on the other, a JAX mesh not covering the devices."""
    if fields.get("backend") == "jax":
        return _jax_resource_conflicts(resources, fields.get("batch_size"))
    problems = []
    if resources.mesh is not None:
        problems.append("resources.mesh applies to backend jax")
    if resources.nodes > 1 and resources.rendezvous is None:
        problems.append("resources.nodes over 1 needs resources.rendezvous (host:port where the nodes meet)")
    if resources.nodes == 1 and resources.rendezvous is not None:
        problems.append("resources.rendezvous is only used with resources.nodes over 1")
    batch = fields.get("batch_size")
    if isinstance(batch, int) and batch % resources.world_size:
        problems.append(
            f"batch_size {batch} must be a multiple of resources.devices x resources.nodes "
            f"({resources.world_size}): each process takes an equal share"
        )
    if resources.sharded and fields.get("merge"):
        problems.append("merge is not available with resources.strategy fsdp (the adapter is saved; merge it later)")
    if resources.sharded and fields.get("device") == "cpu":
        problems.append("resources.strategy fsdp shards on GPUs only (accelerate has no FSDP on a CPU); use ddp")
    if resources.sharded and resources.world_size == 1:
        problems.append("resources.strategy fsdp shards across devices: it needs resources.devices x nodes over 1")
    return problems


def _jax_resource_conflicts(resources: RunResources, batch: Any) -> list[str]:
    problems = []
    if resources.nodes > 1 or resources.rendezvous is not None or resources.strategy != "auto":
        problems.append(
            "resources.nodes, rendezvous and strategy apply to backend torch: a JAX run's layout is "
            "resources.mesh, and its hosts join with jax.distributed"
        )
    fsdp, tp = resources.mesh_shape
    if resources.mesh is not None and fsdp * tp != resources.devices:
        problems.append(
            f"resources.mesh fsdp x tp = {fsdp} x {tp} = {fsdp * tp} must equal resources.devices ({resources.devices})"
        )
    if isinstance(batch, int) and batch % fsdp:
        problems.append(
            f"batch_size {batch} must be a multiple of the mesh's data axis (fsdp = {fsdp}): "
            "each slot of it takes an equal share"
        )
    return problems
