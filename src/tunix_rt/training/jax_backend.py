"""The JAX backend: Google Tunix (``PeftTrainer``, ``RLCluster`` + ``GRPOLearner``) with qwix LoRA.

``train`` has the torch backend's shape and reads top to bottom: set up (device, seed) -> data
from the snapshot -> model -> fit -> save (adapter, tokenizer, manifest). The model is Tunix's
own Llama 3 implementation sized like the offline tiny preset, with the preset's tokenizer
trained on the same text as the torch backend, so the two backends train the same sequences.

SFT renders each example with the chat template exactly as TRL does (prompt with the generation
prompt, then prompt + completion) and marks as targets only the completion tokens, end-of-turn
EOS included. Batches are padded dynamically to their longest row, rounded up to a multiple of
``LENGTH_BUCKET`` tokens, and a short last batch is filled with empty rows: a few fixed shapes
instead of one compile per length. Tunix's ``TrainingHooks`` become run events and
``metrics.jsonl`` lines; its Orbax ``CheckpointManager`` saves every ``save_steps`` into
``checkpoints/<step>`` and, when the trainer is built, restores the newest checkpoint there and
skips the batches already trained, so a requeued run continues with the same losses.

GRPO uses the vanilla rollout on the same model, and the reward functions of ``rewards.py``
(each call recorded to ``completions.jsonl``); Tunix's reward statistics become run events.

jax, flax, optax, orbax, qwix and tunix are imported inside the functions: importing this module
costs nothing, and the API server never loads them.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import math
import shutil
import signal
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from types import FrameType
from typing import Any

import numpy as np

from tunix_rt.errors import MissingExtra, TunixError
from tunix_rt.rollouts import record as recording
from tunix_rt.runs.events import EventSink
from tunix_rt.settings import Settings
from tunix_rt.training import data, jax_mesh, manifest, models, rewards
from tunix_rt.training.config import TrainConfig
from tunix_rt.training.torch_backend import ADAPTER, BASE_MODEL, CHECKPOINTS, COMPLETIONS, CONFIG_FILE, METRICS

LENGTH_BUCKET = 16
ALL_LINEAR = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")
ROPE_THETA = 10_000
NORM_EPS = 1e-6
# transformers' LlamaConfig.initializer_range: the torch preset's init, so a full fine-tune on
# either backend trains weights of the same scale with the same learning rate.
INIT_STD = 0.02
FAMILIES = ("llama", "qwen2", "qwen3")
# Tunix 0.1.7's Llama 3 and Qwen 3 attention call apply_rope without the config's rope_theta, so
# its default base is what they compute with; Qwen 2 passes the config's.
FIXED_ROPE_THETA = {"llama": 1_000_000.0, "qwen3": 1_000_000.0}


def require_jax() -> None:
    """Fail with the extra to install rather than an ImportError traceback."""
    for module in ("jax", "flax", "optax", "orbax.checkpoint", "qwix", "tunix"):
        if importlib.util.find_spec(module.split(".")[0]) is None:
            raise MissingExtra("jax", "backend jax (Tunix)")


def unsupported(config: TrainConfig) -> list[tuple[str, str]]:
    """Config keys this backend cannot honour, as (field, reason): refused at submit (422)
    instead of being silently ignored when the run starts."""
    problems: list[tuple[str, str]] = []
    kind = models.source_kind(config.model)
    if kind == "hub":
        presets = ", ".join(models.TINY_PRESETS)
        problems.append(
            (
                "model",
                f"backend jax trains a local Hugging Face folder ({', '.join(FAMILIES)}) or a tiny preset ({presets})",
            )
        )
    elif kind == "local":
        problems.extend(("model", reason) for reason in checkpoint_problems(Path(config.model).expanduser()))
    if config.packing:
        problems.append(("packing", "Tunix's PeftTrainer does not pack sequences"))
    if config.merge:
        problems.append(("merge", "backend jax saves the adapter only; merging is not available"))
    if config.dtype in ("bf16", "fp16"):
        problems.append(("dtype", "backend jax trains in fp32 (use auto or fp32)"))
    if config.lora.dropout:
        problems.append(("lora.dropout", "backend jax has no adapter dropout"))
    if config.method == "grpo" and config.resources.devices > 1:
        problems.append(("resources.devices", "backend jax trains GRPO on one device"))
    return problems


def read_checkpoint_config(folder: Path) -> dict[str, Any]:
    """A Hugging Face folder's ``config.json`` (empty when it has none)."""
    path = folder / "config.json"
    return dict(json.loads(path.read_text())) if path.is_file() else {}


def _rope(hf: dict[str, Any]) -> tuple[float, str | None]:
    """RoPE base and scaling type, from transformers 4's ``rope_theta``/``rope_scaling`` or 5's
    ``rope_parameters``."""
    parameters = hf.get("rope_parameters") or {}
    scaling = hf.get("rope_scaling") or {}
    theta = hf.get("rope_theta", parameters.get("rope_theta", ROPE_THETA))
    kind = scaling.get("rope_type", scaling.get("type")) or parameters.get("rope_type")
    return float(theta), None if kind in (None, "default") else str(kind)


def checkpoint_problems(folder: Path) -> list[str]:
    """Why Tunix's loaders cannot load ``folder`` as the checkpoint it is, or nothing: the model
    family must be one Tunix 0.1.7 implements (Llama 3, Qwen 2, Qwen 3 dense), with nothing its
    implementation computes differently (RoPE scaling, a RoPE base it ignores, Llama projection
    biases), in safetensors, with a tokenizer that has a chat template."""
    hf = read_checkpoint_config(folder)
    family = hf.get("model_type")
    if family not in FAMILIES:
        found = f"model family '{family}'" if family else "no config.json model_type"
        return [f"{folder} has {found}; backend jax loads {', '.join(FAMILIES)} checkpoints"]
    problems = []
    theta, scaling = _rope(hf)
    if scaling is not None:
        problems.append(f"{folder} uses RoPE scaling '{scaling}', which Tunix's {family} does not implement")
    fixed = FIXED_ROPE_THETA.get(family)
    if fixed is not None and theta != fixed:
        problems.append(
            f"{folder} has RoPE base {theta:g}, but Tunix 0.1.7's {family} always applies {fixed:g} "
            "(it ignores the config's rope_theta), so the checkpoint would compute other logits"
        )
    if family == "llama" and (hf.get("attention_bias") or hf.get("mlp_bias")):
        problems.append(f"{folder} has projection biases, which Tunix's Llama 3 does not implement")
    if not any(folder.glob("*.safetensors")):
        problems.append(f"{folder} has no *.safetensors weights (Tunix's loaders read safetensors only)")
    tokenizer_config = folder / "tokenizer_config.json"
    has_template = (folder / "chat_template.jinja").is_file() or (
        tokenizer_config.is_file() and "chat_template" in json.loads(tokenizer_config.read_text())
    )
    if not has_template:
        problems.append(f"{folder} has no tokenizer with a chat template (examples are rendered with it)")
    return problems


def checkpoint_model_config(hf: dict[str, Any]) -> Any:
    """Tunix's ``ModelConfig`` of the checkpoint's family, from its Hugging Face ``config.json``."""
    heads = int(hf["num_attention_heads"])
    theta, _scaling = _rope(hf)
    common = {
        "num_layers": int(hf["num_hidden_layers"]),
        "vocab_size": int(hf["vocab_size"]),
        "embed_dim": int(hf["hidden_size"]),
        "hidden_dim": int(hf["intermediate_size"]),
        "num_heads": heads,
        "head_dim": int(hf.get("head_dim") or hf["hidden_size"] // heads),
        "num_kv_heads": int(hf.get("num_key_value_heads") or heads),
        "rope_theta": int(theta),
        "norm_eps": float(hf["rms_norm_eps"]),
    }
    tied = bool(hf.get("tie_word_embeddings", False))
    family = hf["model_type"]
    if family == "llama":
        from tunix.models.llama3.model import ModelConfig as Llama3Config

        return Llama3Config(**common, weight_tying=tied)
    if family == "qwen2":
        from tunix.models.qwen2.model import ModelConfig as Qwen2Config

        return Qwen2Config(**common, use_tied_embedding=tied)
    from tunix.models.qwen3.model import ModelConfig as Qwen3Config

    return Qwen3Config(**common, use_tied_embedding=tied)


def load_checkpoint(folder: Path, mesh: Any = None) -> Any:
    """A local Hugging Face checkpoint as Tunix's own implementation of its family, loaded by
    Tunix's safetensors loader for that family, in fp32, placed on ``mesh`` by that loader
    when one is given."""
    import jax.numpy as jnp

    problems = checkpoint_problems(folder)
    if problems:
        raise TunixError("; ".join(problems))
    hf = read_checkpoint_config(folder)
    loaders = {
        "llama": "tunix.models.llama3.params",
        "qwen2": "tunix.models.qwen2.params",
        "qwen3": "tunix.models.qwen3.params",
    }
    params = importlib.import_module(loaders[hf["model_type"]])
    return params.create_model_from_safe_tensors(str(folder), checkpoint_model_config(hf), mesh=mesh, dtype=jnp.float32)


def resolve_device(requested: str) -> str:
    """``cpu``, ``cuda`` or ``tpu``; asking for an absent platform is an error that says so.
    Choosing ``cpu`` pins JAX to it before any computation, even with an accelerator present."""
    import jax

    if requested == "cpu":
        jax.config.update("jax_platforms", "cpu")  # type: ignore[no-untyped-call]
        return "cpu"
    platform = jax.default_backend()
    found = {"gpu": "cuda", "cuda": "cuda", "rocm": "cuda", "tpu": "tpu"}.get(platform, "cpu")
    if requested != "auto" and requested != found:
        raise TunixError(f"device {requested} was requested but JAX sees only {platform}")
    return found


def lora_module_regex(config: TrainConfig) -> str:
    """qwix's module-path pattern: ``config.lora_targets``, ``all-linear`` being every projection
    as PEFT resolves it for the torch backend (every linear layer but the output head), and the
    head when ``config.lora_head`` says so, so both backends adapt the same modules."""
    names = ALL_LINEAR if config.lora_targets == "all-linear" else tuple(config.lora_targets)
    head = ("lm_head",) if config.lora_head else ()
    return ".*(" + "|".join(sorted({*names, *head})) + ")"


def adapted_modules(model: Any) -> dict[str, Any]:
    """The manifest's account of the modules qwix adapted: those holding LoRA parameters (a
    parameter's path is its module's, then its own name); none is trained whole."""
    import jax
    from flax import nnx

    leaves = jax.tree_util.tree_flatten_with_path(nnx.state(model, nnx.LoRAParam))[0]
    keys = [[str(part.key) for part in path if isinstance(part, jax.tree_util.DictKey)] for path, _ in leaves]
    return manifest.adapted(sorted({".".join(parts[:-1]) for parts in keys}), [])


def model_config(preset: models.TinyPreset, vocab_size: int) -> Any:
    """Tunix's Llama 3 config of the preset's size (untied head, as in the torch preset)."""
    from tunix.models.llama3.model import ModelConfig

    return ModelConfig(
        num_layers=preset.layers,
        vocab_size=vocab_size,
        embed_dim=preset.hidden_size,
        hidden_dim=preset.intermediate_size,
        num_heads=preset.heads,
        head_dim=preset.hidden_size // preset.heads,
        num_kv_heads=preset.heads,
        rope_theta=ROPE_THETA,
        norm_eps=NORM_EPS,
        weight_tying=False,
    )


def tiny_model(preset: models.TinyPreset, vocab_size: int, seed: int, *, full: bool = False) -> Any:
    """A Tunix Llama 3 of the preset's size, norms 1, initialised for how it is trained.

    ``full`` (every weight trained): as the torch backend's preset, transformers' Llama init,
    every projection, the embedding and the head ~ N(0, ``INIT_STD``). The scale is what the
    learning rate is relative to: AdamW moves each weight by about ``lr`` per step whatever its
    size, so weights 50 times larger learn 50 times slower at the same config (the demo's 150
    steps reached 0.4-0.6 format compliance with the adapter init below, 1 with this one).

    Otherwise (adapters on a frozen random base): projections ~ N(0, 1/fan_in) and embeddings
    ~ N(0, 1), so activations keep their scale through the frozen layers and the adapters get a
    signal to learn from; with 0.02-scale weights the base's layers barely contribute. Tunix's
    own init is no substitute: it zeroes the MLP (no gradient for its adapters), and its dummy
    creator randomises the norms (near-zero logits)."""
    import jax
    from flax import nnx
    from tunix.models.llama3.model import Llama3

    model = Llama3(model_config(preset, vocab_size), rngs=nnx.Rngs(seed))
    params = nnx.state(model, nnx.Param)
    leaves, treedef = jax.tree_util.tree_flatten_with_path(params)
    keys = jax.random.split(jax.random.key(seed), len(leaves))
    values = []
    for (path, leaf), key in zip(leaves, keys, strict=True):
        name = ".".join(str(getattr(part, "key", getattr(part, "name", part))) for part in path)
        shape, dtype = leaf.shape, leaf.dtype
        if "norm" in name:
            values.append(jax.numpy.ones(shape, dtype))
        elif full:
            values.append(INIT_STD * jax.random.normal(key, shape, dtype))
        elif "embed" in name:
            values.append(jax.random.normal(key, shape, dtype))
        else:
            fan_in = shape[0] * shape[1] if "o_proj" in name else shape[0]
            values.append(jax.random.normal(key, shape, dtype) / math.sqrt(fan_in))
    nnx.update(model, jax.tree_util.tree_unflatten(treedef, values))
    return model


def with_adapters(model: Any, config: TrainConfig) -> Any:
    """The model with qwix LoRA adapters on the configured modules, or itself with ``lora.full``."""
    if config.lora.full:
        return model
    import qwix
    from flax import nnx

    provider = qwix.LoraProvider(
        module_path=lora_module_regex(config), rank=config.lora.rank, alpha=float(config.lora.scaling_alpha)
    )
    return qwix.apply_lora_to_model(model, provider, rngs=nnx.Rngs(config.seed), **model.get_model_input())


@dataclass
class Encoded:
    """One tokenised example: ids and the target mask (completion tokens, EOS included)."""

    ids: list[int]
    mask: list[bool]


def encode(example: data.Example, tokenizer: Any, max_length: int) -> Encoded:
    """The example rendered by the chat template as TRL renders it, the prompt masked out."""
    prompt = tokenizer.apply_chat_template(example["prompt"], tokenize=False, add_generation_prompt=True)
    full = tokenizer.apply_chat_template([*example["prompt"], *example["completion"]], tokenize=False)
    prompt_ids = tokenizer(prompt, add_special_tokens=False)["input_ids"]
    ids = tokenizer(full, add_special_tokens=False)["input_ids"]
    if ids[: len(prompt_ids)] != prompt_ids:
        raise TunixError("the chat template does not render the prompt as a prefix of the conversation")
    ids = ids[:max_length]
    return Encoded(ids=ids, mask=[i >= len(prompt_ids) for i in range(len(ids))])


def collate(rows: list[Encoded], batch_size: int, pad_id: int, max_length: int) -> tuple[np.ndarray, np.ndarray]:
    """``(tokens, target_mask)`` padded on the right to the longest row rounded up to
    ``LENGTH_BUCKET`` (at most ``max_length``); missing rows are padding with no targets."""
    longest = max(len(row.ids) for row in rows)
    length = min(max_length, -(-longest // LENGTH_BUCKET) * LENGTH_BUCKET)
    tokens = np.full((batch_size, length), pad_id, dtype=np.int32)
    mask = np.zeros((batch_size, length), dtype=bool)
    for i, row in enumerate(rows):
        tokens[i, : len(row.ids)] = row.ids
        mask[i, : len(row.mask)] = row.mask
    return tokens, mask


@dataclass
class StopFlag:
    """Set by SIGTERM: the batch iterators end, and Tunix saves its last checkpoint."""

    requested: bool = False


@dataclass
class BatchStream:
    """The training batches in a seeded order, epoch after epoch, reshuffled each epoch. Tunix
    skips the batches a restored checkpoint already trained by drawing them again, so the order
    depends on the seed only. Ends early when a stop is requested (SIGTERM)."""

    rows: list[Encoded]
    batch_size: int
    pad_id: int
    max_length: int
    seed: int
    accumulation: int
    stop: StopFlag
    tokens_at_step: dict[int, int] = field(default_factory=dict)

    def __iter__(self) -> Iterator[Any]:
        from tunix.sft.peft_trainer import TrainingInput

        index, epoch = 0, 0
        while True:
            order = np.random.default_rng([self.seed, epoch]).permutation(len(self.rows))
            for start in range(0, len(order), self.batch_size):
                if self.stop.requested:
                    return
                chunk = [self.rows[i] for i in order[start : start + self.batch_size]]
                tokens, mask = collate(chunk, self.batch_size, self.pad_id, self.max_length)
                tokens, mask = jax_mesh.local_rows(tokens), jax_mesh.local_rows(mask)
                step = index // self.accumulation + 1
                self.tokens_at_step[step] = self.tokens_at_step.get(step, 0) + int((tokens != self.pad_id).sum())
                index += 1
                yield TrainingInput(input_tokens=tokens, input_mask=mask)
            epoch += 1

    def steps(self, epochs: float) -> int:
        per_epoch = math.ceil(len(self.rows) / self.batch_size)
        return max(1, math.ceil(epochs * per_epoch / self.accumulation))


def model_inputs(pad_id: int) -> Callable[[Any], dict[str, Any]]:
    """Tunix's ``gen_model_input_fn``: attention and positions cover every real token, while the
    loss keeps ``input_mask``, the completion targets. Rows are right-padded, so a token is real
    when any non-pad token comes at or after it: a tokenizer whose pad is its EOS (most real
    checkpoints) keeps the end-of-turn tokens inside a prompt."""
    import jax.numpy as jnp
    from tunix.sft import utils

    def build(batch: Any) -> dict[str, Any]:
        present = jnp.flip(jnp.cumsum(jnp.flip(batch.input_tokens != pad_id, -1), -1) > 0, -1)
        return {
            "input_tokens": batch.input_tokens,
            "input_mask": batch.input_mask,
            "positions": utils.build_positions_from_mask(present),
            "attention_mask": utils.make_causal_attn_mask(present),
        }

    return build


def schedule(config: TrainConfig, total_steps: int) -> Any:
    """The optax learning-rate schedule: linear warmup from 0, then linear/cosine decay to 0 at
    the last step or constant, as the torch backend's schedulers."""
    import optax

    optimizer = config.optimizer
    warmup = min(optimizer.warmup_steps, total_steps)
    rest = max(1, total_steps - warmup)
    decay: Any
    if optimizer.decay == "linear":
        decay = optax.linear_schedule(optimizer.lr, 0.0, rest)
    elif optimizer.decay == "cosine":
        decay = optax.cosine_decay_schedule(optimizer.lr, rest)
    else:
        decay = optax.constant_schedule(optimizer.lr)
    if not warmup:
        return decay
    return optax.join_schedules([optax.linear_schedule(0.0, optimizer.lr, warmup), decay], [warmup])


def optimizer(config: TrainConfig, learning_rate: Any) -> Any:
    """AdamW with decoupled weight decay, after gradient clipping when configured."""
    import optax

    adamw = optax.adamw(learning_rate, weight_decay=config.optimizer.weight_decay)
    if config.optimizer.max_grad_norm is None:
        return adamw
    return optax.chain(optax.clip_by_global_norm(config.optimizer.max_grad_norm), adamw)


def checkpoint_options(config: TrainConfig) -> Any:
    """Orbax saves every ``save_steps`` and keeps them all, synchronously: a checkpoint event
    is only sent for a folder that is complete."""
    import orbax.checkpoint as ocp

    return ocp.CheckpointManagerOptions(
        save_decision_policy=ocp.checkpoint_managers.FixedIntervalPolicy(config.save_steps),
        max_to_keep=None,
        enable_async_checkpointing=False,
    )


def event_hooks(
    events: EventSink, run_dir: Path, config: TrainConfig, stream: BatchStream | None, max_steps: int, lr: Any
) -> Any:
    """Tunix's training hooks as run events: each step's loss (with lr, grad norm and
    throughput over the logging interval) to events and ``metrics.jsonl``, each saved checkpoint
    with the config written beside it, and eval losses."""
    from tunix.sft.hooks import TrainingHooks

    class _Hooks(TrainingHooks):  # type: ignore[misc]
        def __init__(self) -> None:
            self.last_time = time.perf_counter()
            self.last_step = 0
            self.checkpoints: list[int] = []

        def on_train_start(self, train_ctx: Any) -> None:
            self.last_time, self.last_step = time.perf_counter(), train_ctx.train_steps
            events.status(f"training from step {train_ctx.train_steps}", progress=train_ctx.train_steps / max_steps)

        def on_train_end(self, train_ctx: Any) -> None:
            """Nothing: the last step's metrics arrive after this, when the trainer closes."""

        def on_train_step_start(self, train_ctx: Any) -> None:
            """Nothing: a step is reported when its metrics are written."""

        def on_train_step_end(self, train_ctx: Any, train_step: int, train_loss: float) -> None:
            # The step's metrics go out before its checkpoint: a run killed once the checkpoint is
            # recorded resumes after that step, so its line must already be written.
            if not train_step % config.logging_steps or train_step in (1, max_steps):
                self.report(train_ctx, train_step, train_loss)
            if train_step % config.save_steps == 0:
                self.checkpoint(train_step)

        def report(self, train_ctx: Any, train_step: int, train_loss: float) -> None:
            """The step's loss, lr, grad norm and throughput since the last report."""
            values = {"loss": float(train_loss), "lr": float(lr(train_step - 1))}
            prefix = train_ctx.metrics_prefix
            # The step's own value: the logger's get_metric is the mean over every step so far.
            if train_ctx.metrics_logger.metric_exists(prefix, "grad_norm", "train"):
                values["grad_norm"] = float(
                    train_ctx.metrics_logger.get_metric_history(prefix, "grad_norm", "train")[-1]
                )
            elapsed = time.perf_counter() - self.last_time
            steps = train_step - self.last_step
            if elapsed > 0 and steps > 0:
                values["steps_per_second"] = steps / elapsed
                batch = stream.batch_size if stream is not None else config.batch_size
                values["samples_per_second"] = steps * batch * config.gradient_accumulation_steps / elapsed
                if stream is not None:
                    tokens = sum(stream.tokens_at_step.get(s, 0) for s in range(self.last_step + 1, train_step + 1))
                    values["tokens_per_second"] = tokens / elapsed
            self.last_time, self.last_step = time.perf_counter(), train_step
            record(events, run_dir, train_step, values)
            events.step(train_step, max_steps, values)

        def on_eval_step_start(self, train_ctx: Any) -> None:
            """Nothing: evaluation is reported as a whole."""

        def on_eval_step_end(self, train_ctx: Any, eval_loss: float) -> None:
            value = train_ctx.metrics_logger.get_metric_history(train_ctx.metrics_prefix, "loss", "eval")[-1]
            record(events, run_dir, train_ctx.train_steps, {"eval_loss": float(value)})

        def checkpoint(self, step: int) -> None:
            """Report the checkpoint of ``step`` once, when its folder exists."""
            folder = run_dir / checkpoint_root(config) / str(step)
            if step in self.checkpoints or not folder.is_dir():
                return
            (folder / CONFIG_FILE).write_text(config.model_dump_json(indent=2))
            self.checkpoints.append(step)
            events.checkpoint(f"{checkpoint_root(config)}/{step}", step=step)

    return _Hooks()


def record(events: EventSink, run_dir: Path, step: int, values: dict[str, float]) -> None:
    """One metrics line and one metric event."""
    with (run_dir / METRICS).open("a") as handle:
        handle.write(json.dumps({"step": step, "time": time.time(), **values}) + "\n")
    events.metric(step, values)


def checkpoint_root(config: TrainConfig) -> str:
    """Where Orbax writes step folders, relative to the run: ``checkpoints`` for SFT, and the
    actor's folder under it, where ``RLCluster`` puts it, for GRPO."""
    return CHECKPOINTS if config.method == "sft" else f"{CHECKPOINTS}/actor"


def prepare_checkpoints(resume_from: Path | None, root: Path) -> None:
    """Make the newest checkpoint under ``root``, the one Tunix restores, the one to resume from.

    One given from elsewhere (another run's folder) is copied there. Steps saved after it, or any
    step when starting fresh, were written by an attempt that died before its worker recorded
    them: they are removed, so a requeued run continues from exactly the checkpoint the worker
    recorded, as the torch backend does, and logs the same metrics after it."""
    keep = -1
    if resume_from is not None:
        if not resume_from.is_dir():
            raise TunixError(f"checkpoint {resume_from} does not exist")
        if resume_from.parent.resolve() != root.resolve():
            shutil.copytree(resume_from, root / resume_from.name)
        keep = int(resume_from.name)
    if not root.is_dir():
        return
    for entry in root.iterdir():
        step = entry.name.split(".", 1)[0]
        if step.isdigit() and int(step) > keep:
            shutil.rmtree(entry)


def save_params(state: Any, path: Path) -> None:
    """A model state as safetensors, each array named by its module path. On several hosts
    every process gathers the arrays (a collective) and process 0 writes them."""
    import jax
    from safetensors.numpy import save_file

    leaves = jax.tree_util.tree_flatten_with_path(state)[0]
    arrays = {
        ".".join(str(getattr(part, "key", getattr(part, "name", part))) for part in key_path): jax_mesh.whole(leaf)
        for key_path, leaf in leaves
    }
    if jax.process_index() == 0:
        save_file(arrays, str(path))


def build_base(
    config: TrainConfig, snapshot: data.Snapshot, base_dir: Path, mesh: Any = None
) -> tuple[Any, Any, dict[str, Any]]:
    """The tokenizer, the frozen base model and the manifest's account of where it came from.

    A tiny preset is built from the seed and its weights saved to ``base_dir`` (evaluation and
    resumption rebuild it from there); a local checkpoint is loaded with Tunix's loader for its
    family, keeps its own tokenizer, and is the base itself, recorded by path and hash. Either
    way the account holds the positions the model is built for, as the torch preset's config
    holds them (Tunix's Llama has no such limit of its own): evaluation generates within them.
    On a ``mesh`` the base's weights are placed as Tunix's sharding metadata says."""
    if models.source_kind(config.model) == "tiny":
        preset = models.TINY_PRESETS[config.model]
        tokenizer = models.train_tokenizer(
            data.texts(snapshot.train), preset.vocab_size, config.tokenizer_settings.digits
        )
        base = tiny_model(preset, len(tokenizer), config.seed, full=config.lora.full)
        base_dir.mkdir(parents=True, exist_ok=True)
        save_params(_params(base), base_dir / "model.safetensors")
        tokenizer.save_pretrained(base_dir)
        if mesh is not None:
            jax_mesh.shard_model(base, mesh)
        where, name = base_dir, BASE_MODEL
    else:
        from transformers import AutoTokenizer

        where = Path(config.model).expanduser()
        tokenizer = AutoTokenizer.from_pretrained(str(where))
        if tokenizer.pad_token is None:
            tokenizer.pad_token = tokenizer.eos_token
        base = load_checkpoint(where, mesh)
        name = str(where)
    source = {
        "name": config.model,
        "source": models.source_kind(config.model),
        "base": name,
        "sha256": models.folder_sha256(where),
        "max_positions": config.max_positions,
    }
    if source["source"] == "local":
        hf = read_checkpoint_config(where)
        source.update(family=hf["model_type"], max_positions=hf.get("max_position_embeddings"))
    return tokenizer, base, source


def fit_sft(
    config: TrainConfig,
    run_dir: Path,
    events: EventSink,
    snapshot: data.Snapshot,
    tokenizer: Any,
    model: Any,
    stop: StopFlag,
    mesh: Any = None,
) -> tuple[Any, dict[str, float]]:
    """Train with ``PeftTrainer``; returns the trainer and the final metrics. On a ``mesh`` a
    step's batch is still ``batch_size`` rows, which Tunix splits along the data axis: a batch
    of 8 on 2 devices trains on the same rows, with the same loss, as 8 on one."""
    from tunix.sft import peft_trainer

    def encoded(examples: list[data.Example]) -> list[Encoded]:
        return [encode(example, tokenizer, config.max_seq_length) for example in examples]

    accumulation = config.gradient_accumulation_steps
    stream = BatchStream(
        encoded(snapshot.train),
        config.batch_size,
        tokenizer.pad_token_id,
        config.max_seq_length,
        config.seed,
        accumulation,
        stop,
    )
    max_steps = config.max_steps or stream.steps(config.train_epochs)
    evaluate = config.eval_steps is not None and bool(snapshot.eval)
    eval_rows = encoded(snapshot.eval) if evaluate else []
    eval_batches = [
        peft_trainer.TrainingInput(
            *(
                jax_mesh.local_rows(array)
                for array in collate(
                    eval_rows[i : i + config.batch_size],
                    config.batch_size,
                    tokenizer.pad_token_id,
                    config.max_seq_length,
                )
            )
        )
        for i in range(0, len(eval_rows), config.batch_size)
    ]
    lr = schedule(config, max_steps)
    trainer = peft_trainer.PeftTrainer(
        model,
        optimizer(config, lr),
        peft_trainer.TrainingConfig(
            max_steps=max_steps,
            eval_every_n_steps=config.eval_steps or max_steps + 1,
            gradient_accumulation_steps=accumulation if accumulation > 1 else None,
            data_sharding_axis=jax_mesh.DATA_AXIS,
            checkpoint_root_directory=str(run_dir / CHECKPOINTS),
            checkpointing_options=checkpoint_options(config),
            pbar_description=None,
        ),
    ).with_gen_model_input_fn(model_inputs(tokenizer.pad_token_id))
    hooks = event_hooks(events, run_dir, config, stream, max_steps, lr)
    trainer.with_training_hooks(hooks)
    events.status(f"resuming from step {trainer.train_steps}" if trainer.train_steps else "training")
    start = time.perf_counter()
    trainer.train(stream, eval_batches or None)
    hooks.checkpoint(trainer.train_steps)
    history = trainer.metrics_logger.get_metric_history("", "loss", "train")
    final = {"train_runtime": time.perf_counter() - start, "train_loss": float(np.mean(history))}
    if eval_batches:
        final["eval_loss"] = float(trainer.metrics_logger.get_metric_history("", "loss", "eval")[-1])
    return trainer, final


def distinct_pad_id(tokenizer: Any) -> int:
    """A pad id for Tunix that is not EOS: the tokenizer's own pad when it is not, else a special
    token no prompt contains (not BOS, not written by the chat template), one named for padding
    first, else the last. Tunix tells real tokens from padding by ``token != pad`` (the sampler's
    prompt padding, GRPO's prompt and completion masks, attention in its loss), so with pad = EOS,
    as a checkpoint without a pad token gets, every end-of-turn token of a prompt and the EOS
    ending a completion would drop out."""
    pad, eos, bos = tokenizer.pad_token_id, tokenizer.eos_token_id, tokenizer.bos_token_id
    if pad is not None and pad != eos:
        return int(pad)
    template = str(tokenizer.chat_template or "")
    spare = [
        token_id
        for token_id, token in sorted(tokenizer.added_tokens_decoder.items())
        if token.special and token_id not in (eos, bos) and token.content not in template
    ]
    if not spare:
        raise TunixError(
            "the tokenizer pads with its EOS and has no spare special token to pad with instead; "
            "give the checkpoint's tokenizer a pad token of its own"
        )
    named = [token_id for token_id in spare if "pad" in tokenizer.added_tokens_decoder[token_id].content.lower()]
    return int(named[0] if named else spare[-1])


class TunixTokenizer:
    """The interface Tunix's sampler and RL cluster ask of a tokenizer, over a transformers
    tokenizer: prompts are encoded as rendered (the chat template writes BOS itself), as SFT
    encodes them, outputs decoded without special tokens, as TRL and evaluation decode them, and
    padding gets an id of its own (``distinct_pad_id``)."""

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer
        self.pad = distinct_pad_id(tokenizer)

    def encode(self, text: str) -> list[int]:
        ids: list[int] = self.tokenizer(text, add_special_tokens=False)["input_ids"]
        return ids

    def decode(self, ids: list[int]) -> str:
        text: str = self.tokenizer.decode(ids, skip_special_tokens=True)
        return text

    def bos_id(self) -> int:
        bos: int = self.tokenizer.bos_token_id
        return bos

    def eos_id(self) -> int:
        eos: int = self.tokenizer.eos_token_id
        return eos

    def pad_id(self) -> int:
        return self.pad


def keeping_eos(cluster: type[Any], eos_id: int) -> type[Any]:
    """Tunix's ``RLCluster`` whose rollouts keep the EOS that ended a completion.

    Tunix 0.1.7's sampler returns a completion's tokens before its EOS, so GRPO's loss never saw
    the token that ends an answer, and never learnt to stop; TRL's loss covers it. A completion
    shorter than the tokens generated ended with EOS, which is put back at its end. The token
    counts of the latest rollout (``completion_tokens``) are kept for its rollout records."""

    class _Cluster(cluster):  # type: ignore[misc]
        completion_tokens: list[int] = []  # noqa: RUF012 - replaced per call, never mutated

        def generate(self, prompts: Any, *args: Any, max_generation_steps: int | None = None, **kwargs: Any) -> Any:
            output = super().generate(prompts, *args, max_generation_steps=max_generation_steps, **kwargs)
            steps = max_generation_steps or self.cluster_config.rollout_config.max_tokens_to_generate
            tokens = [
                np.append(row, np.asarray([eos_id], dtype=np.asarray(row).dtype)) if len(row) < steps else row
                for row in output.tokens
            ]
            self.completion_tokens = [len(row) for row in tokens]
            return replace(output, tokens=tokens)

    return _Cluster


class RecordedReward:
    """A reward function for Tunix's reward manager: scores with the run's reward function,
    called with ``rewards.score``'s arguments (the conversation and dataset columns of each
    completion's example, looked up by the batch's ``row`` indices into ``examples``, as the
    torch backend gives them), appends what it scored (unweighted) to ``completions.jsonl``, adds
    the per-function mean to the step's metrics, and returns the weighted scores, whose sum is
    what GRPO optimises."""

    def __init__(
        self,
        function: rewards.RewardFunction,
        name: str,
        weight: float,
        path: Path,
        cluster: Any,
        examples: list[data.Example],
    ) -> None:
        self.function = function
        self.__name__ = name
        self.weight = weight
        self.path = path
        self.cluster = cluster
        self.examples = examples
        self.last: list[float] = []
        """The unweighted scores of the latest batch, which its rollouts record."""

    def __call__(self, prompts: list[str], completions: list[str], **given: Any) -> list[float]:
        chosen = [self.examples[int(i)] for i in given["row"]]
        columns = {name: [example[name] for example in chosen] for name in rewards.column_names(chosen[0])}
        step = self.cluster.global_steps + 1
        conversations = [example["prompt"] for example in chosen]
        texts, scores = rewards.score(self.function, list(completions), conversations, columns, step)
        self.last = scores
        row = {
            "step": step,
            "reward": self.__name__,
            "completions": texts,
            "answer": columns.get("answer", []),
            "scores": scores,
        }
        with self.path.open("a") as handle:
            handle.write(json.dumps(row) + "\n")
        self.cluster.buffer_metrics({f"rewards/{self.__name__}/mean": (float(np.mean(scores)), np.mean)})
        return [self.weight * score for score in scores]


class RolloutMetric:
    """Tunix's metric hook (``GRPOLearner(metric_fns=...)``), called with each scored batch's
    completions and the advantages Tunix computed from the summed rewards: when the step is
    due, the batch becomes rollouts, each function's values read from the scores its
    ``RecordedReward`` just gave and the lengths from the rollout's tokens (``keeping_eos``:
    with the EOS that ended a completion, as Tunix's ``completions/mean_length`` counts them).
    It adds no metric of its own."""

    def __init__(
        self,
        recorder: recording.Recorder,
        functions: list[RecordedReward],
        cluster: Any,
        examples: list[data.Example],
        group_size: int,
    ) -> None:
        self.recorder = recorder
        self.functions = functions
        self.cluster = cluster
        self.examples = examples
        self.group_size = group_size

    def __call__(self, prompts: list[str], completions: list[str], advantages: Any, **given: Any) -> dict[str, Any]:
        step = self.cluster.global_steps + 1
        if self.recorder.due(step):
            chosen = [self.examples[int(i)] for i in given["row"]]
            texts = [str(text) for text in completions]
            batch = recording.Batch(
                prompts=[recording.prompt_text(example["prompt"]) for example in chosen],
                completions=texts,
                answers=[None if example.get("answer") is None else str(example["answer"]) for example in chosen],
                rewards={function.__name__: function.last for function in self.functions},
                advantages=[float(value) for value in np.asarray(advantages)],
                lengths=list(self.cluster.completion_tokens),
                group_size=self.group_size,
            )
            self.recorder.record(step, batch)
        return {}


def prompt_batches(
    snapshot: data.Snapshot, tokenizer: Any, config: TrainConfig, rollout: Any, stop: StopFlag
) -> Iterator[dict[str, Any]]:
    """GRPO's batches: rendered prompts (a numpy array, as Tunix splits it) with the index of
    each one's example (``row``, by which rewards find its conversation and columns),
    ``batch_size / num_generations`` prompts per step (each sampled ``num_generations`` times),
    in a seeded order; each step gets its own sampling seed."""
    import jax

    prompts = [
        tokenizer.apply_chat_template(row["prompt"], tokenize=False, add_generation_prompt=True)
        for row in snapshot.train
    ]
    per_step = config.batch_size // config.grpo_settings.num_generations
    step, epoch = 0, 0
    while True:
        order = np.random.default_rng([config.seed, epoch]).permutation(len(prompts))
        for start in range(0, len(order) - per_step + 1, per_step):
            if stop.requested:
                return
            chosen = order[start : start + per_step]
            step += 1
            rollout.seed = jax.random.key_data(jax.random.key(config.seed * 1_000_003 + step))
            yield {
                "prompts": np.array([prompts[i] for i in chosen]),
                "row": chosen,
            }
        epoch += 1


def fit_grpo(
    config: TrainConfig,
    run_dir: Path,
    events: EventSink,
    snapshot: data.Snapshot,
    tokenizer: Any,
    base: Any,
    model: Any,
    stop: StopFlag,
) -> tuple[Any, dict[str, float]]:
    """Train with ``GRPOLearner`` on an ``RLCluster`` (vanilla rollout, one-device Auto mesh)."""
    import jax
    from tunix.rl import rl_cluster as rl
    from tunix.rl.grpo.grpo_learner import GRPOConfig, GRPOLearner
    from tunix.rl.rollout.base_rollout import RolloutConfig

    grpo = config.grpo_settings
    per_step = config.batch_size // grpo.num_generations
    max_steps = config.max_steps or max(1, math.ceil(config.train_epochs * len(snapshot.train) / per_step))
    lr = schedule(config, max_steps)
    mesh = jax.make_mesh((1, 1), ("fsdp", "tp"), axis_types=(jax.sharding.AxisType.Auto,) * 2)
    rollout = RolloutConfig(
        max_tokens_to_generate=grpo.max_completion_length,
        max_prompt_length=config.max_seq_length,
        kv_cache_size=config.max_seq_length + grpo.max_completion_length + LENGTH_BUCKET,
        temperature=grpo.temperature,
        top_p=1.0,
        eos_tokens=[tokenizer.eos_token_id],
    )
    cluster = keeping_eos(rl.RLCluster, tokenizer.eos_token_id)(
        actor=model,
        reference=base,
        tokenizer=TunixTokenizer(tokenizer),
        cluster_config=rl.ClusterConfig(
            role_to_mesh={rl.Role.ACTOR: mesh, rl.Role.REFERENCE: mesh, rl.Role.ROLLOUT: mesh},
            rollout_engine="vanilla",
            offload_to_cpu=False,
            training_config=rl.RLTrainingConfig(
                actor_optimizer=optimizer(config, lr),
                eval_every_n_steps=max_steps + 1,
                max_steps=max_steps,
                checkpoint_root_directory=str(run_dir / CHECKPOINTS),
                checkpointing_options=checkpoint_options(config),
                pbar_description=None,
            ),
            rollout_config=rollout,
        ),
    )
    hooks = event_hooks(events, run_dir, config, None, max_steps, lr)
    cluster.actor_trainer.with_training_hooks(hooks)

    def reward_events(buffer: Any) -> None:
        values = {}
        for name, (value, op) in buffer.metrics.items():
            array = np.asarray(value)
            if array.dtype.kind in "fiub" and array.size:
                values["reward" if name == "rewards/sum" else name] = float(op(array) if op else array.mean())
        if values:
            record(events, run_dir, buffer.global_steps + 1, values)

    cluster.with_external_metrics_logger(reward_events)
    functions = [
        RecordedReward(
            rewards.bind(spec.name, spec.options, snapshot.template, Settings().resolved_reward_dirs),
            spec.name,
            spec.weight,
            run_dir / COMPLETIONS,
            cluster,
            snapshot.train,
        )
        for spec in grpo.rewards
    ]
    recorder = recording.Recorder.for_run(events, config)
    learner = GRPOLearner(
        rl_cluster=cluster,
        algo_config=GRPOConfig(num_generations=grpo.num_generations, beta=grpo.beta),
        reward_fns=functions,
        metric_fns=[RolloutMetric(recorder, functions, cluster, snapshot.train, grpo.num_generations)],
    )
    start = time.perf_counter()
    # The legacy mesh context, not jax.set_mesh: Tunix 0.1.7 reads the physical mesh from it, and
    # set_mesh's abstract mesh makes its step functions reject single-device inputs.
    with mesh:
        learner.train(prompt_batches(snapshot, tokenizer, config, rollout, stop))
    hooks.checkpoint(cluster.actor_trainer.train_steps)
    return cluster.actor_trainer, {"train_runtime": time.perf_counter() - start}


def train(
    config: TrainConfig, run_dir: Path, events: EventSink, *, dataset_dir: Path, resume_from: Path | None
) -> dict[str, float]:
    """Train as ``config`` says, in ``run_dir``; returns the final metrics."""
    require_jax()
    problems = unsupported(config)
    if problems:
        raise TunixError("; ".join(f"{name}: {reason}" for name, reason in problems))

    # set up
    jax_mesh.initialize_distributed()
    device = resolve_device(config.device)
    mesh = jax_mesh.build_mesh(config.resources)
    started = manifest.now()
    stop = StopFlag()
    signal.signal(signal.SIGTERM, partial(_request_stop, stop))
    prepare_checkpoints(resume_from, run_dir / checkpoint_root(config))

    # data and model
    events.status("reading dataset")
    snapshot = data.read(dataset_dir, config.dataset.split, config.template)
    if not snapshot.train:
        raise TunixError(f"dataset {snapshot.key} has no {config.dataset.split} examples")
    events.status(f"building model {config.model}")
    tokenizer, base, source = build_base(config, snapshot, run_dir / BASE_MODEL, mesh)
    if config.method == "grpo":
        data.refuse_long_prompts(snapshot.train, tokenizer, config.max_seq_length, "train")
    evidence: dict[str, Any] = {
        "kind": "train",
        "config": config.model_dump(mode="json"),
        "template": snapshot.template.model_dump(mode="json"),
        "dataset": {"key": snapshot.key, "split": config.dataset.split, "sha256": snapshot.sha256},
        "model": source,
        "tokenizer": models.tokenizer_record(config.model, config.tokenizer_settings.digits),
        "tokenizer_sha256": models.tokenizer_sha256(tokenizer),
        "packages": manifest.package_versions("jax"),
        "git_commit": manifest.git_commit(),
        "device": device,
        "dtype": "fp32",
        "hardware": manifest.hardware(),
        "started_at": started,
        "resumed_from": None if resume_from is None else _relative(resume_from, run_dir),
        "ended_at": None,
        "final_metrics": None,
    }
    manifest.write(run_dir, evidence)

    # fit: on a mesh, inside its context, from which Tunix's trainer takes it (the legacy
    # context, as in fit_grpo), with the adapters created on the placed base
    with mesh if mesh is not None else contextlib.nullcontext():
        model = with_adapters(base, config)
        evidence["adapted_modules"] = None if config.lora.full else adapted_modules(model)
        if mesh is not None:
            evidence["placement"] = jax_mesh.placement(model, mesh)
            events.log(f"training on mesh {evidence['placement']}")
        manifest.write(run_dir, evidence)
        if config.method == "sft":
            trainer, final = fit_sft(config, run_dir, events, snapshot, tokenizer, model, stop, mesh)
        else:
            trainer, final = fit_grpo(config, run_dir, events, snapshot, tokenizer, base, model, stop)
    steps = int(trainer.train_steps)
    if stop.requested:
        raise TunixError(f"stopped by SIGTERM at step {steps}; its checkpoint is saved")

    # save
    events.status("saving adapter")
    _save_adapter(config, model, tokenizer, run_dir / ADAPTER)
    events.artifact(ADAPTER, step=steps)
    evidence.update(ended_at=manifest.now(), final_metrics=final, steps=steps)
    manifest.write(run_dir, evidence)
    events.artifact(manifest.MANIFEST)
    events.artifact(METRICS)
    return final


def _relative(path: Path, run_dir: Path) -> str:
    return str(path.relative_to(run_dir)) if path.is_relative_to(run_dir) else str(path)


def _params(model: Any) -> Any:
    from flax import nnx

    return nnx.state(model, nnx.Param)


def _save_adapter(config: TrainConfig, model: Any, tokenizer: Any, folder: Path) -> None:
    """The trained weights (LoRA matrices, or every weight with ``lora.full``), the tokenizer,
    and the adapter settings needed to apply them to the base model again."""
    from flax import nnx

    folder.mkdir(parents=True, exist_ok=True)
    if config.lora.full:
        save_params(_params(model), folder / "model.safetensors")
    else:
        save_params(nnx.state(model, nnx.LoRAParam), folder / "adapter_model.safetensors")
        settings = {
            "rank": config.lora.rank,
            "alpha": config.lora.scaling_alpha,
            "module_path": lora_module_regex(config),
        }
        (folder / "adapter_config.json").write_text(json.dumps(settings, indent=2))
    tokenizer.save_pretrained(folder)


def _request_stop(stop: StopFlag, _signum: int, _frame: FrameType | None) -> None:
    """SIGTERM: end the batch stream at the next step (Tunix then saves its last checkpoint)."""
    stop.requested = True
