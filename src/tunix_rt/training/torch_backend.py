"""The PyTorch backend: transformers + TRL (``SFTTrainer``, ``GRPOTrainer``) + PEFT LoRA.

``train`` reads top to bottom: set up (device, dtype, seed) -> data from the snapshot -> model ->
fit -> save (adapter, tokenizer, optional merged model, manifest). TRL does the sequence work
(chat template, prompt masking with label -100, dynamic padding or packing); the
``EventCallback`` turns the trainer's logs into run events and ``metrics.jsonl``, writes the
config next to every checkpoint, and stops at the next step boundary on SIGTERM after saving a
checkpoint, so a cancelled or released run resumes where it stopped.

torch and friends are imported inside the functions: importing this module costs nothing.
"""

from __future__ import annotations

import importlib.util
import json
import signal
import tempfile
import time
from functools import partial
from pathlib import Path
from types import FrameType
from typing import Any

from tunix_rt.errors import MissingExtra, TunixError
from tunix_rt.rollouts import record
from tunix_rt.runs.events import EventSink
from tunix_rt.settings import Settings
from tunix_rt.training import data, distributed, manifest, models, rewards
from tunix_rt.training.config import TrainConfig

CHECKPOINTS = "checkpoints"
ADAPTER = "adapter"
MERGED = "merged"
BASE_MODEL = "base-model"
METRICS = "metrics.jsonl"
COMPLETIONS = "completions.jsonl"
ANSWER_COLUMN = "tunix_rt_answer"
TOKENS_COLUMN = "tunix_rt_completion_tokens"
CONFIG_FILE = "train_config.json"
_RENAMED = {"learning_rate": "lr"}


def require_torch() -> None:
    """Fail with the extra to install rather than an ImportError traceback."""
    for module in ("torch", "transformers", "trl", "peft"):
        if importlib.util.find_spec(module) is None:
            raise MissingExtra("torch", "backend torch")


def resolve_device(requested: str) -> str:
    """``cpu`` or ``cuda``; asking for an absent device is an error that says so."""
    import torch

    if requested == "cuda" and not torch.cuda.is_available():
        raise TunixError("device cuda was requested but no CUDA GPU is visible to this worker")
    if requested == "tpu":
        raise TunixError("device tpu needs backend jax")
    if requested == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    return requested


def resolve_dtype(requested: str, device: str) -> str:
    """``bf16``, ``fp16`` or ``fp32``: auto is bf16 on a GPU that has it, else fp32."""
    import torch

    if requested == "auto":
        return "bf16" if device == "cuda" and torch.cuda.is_bf16_supported() else "fp32"
    if requested == "fp16" and device != "cuda":
        raise TunixError("dtype fp16 needs a CUDA GPU; use bf16 or fp32 on a CPU")
    return requested


def event_callback(events: EventSink, run_dir: Path, config: TrainConfig) -> Any:
    """The trainer callback: logs become metric events and ``metrics.jsonl`` lines (with
    tokens/s and samples/s over each logging interval), saves become checkpoint events with the
    config written beside them, and SIGTERM ends training at the next step with a checkpoint.

    Under torchrun every process has one; only rank 0's writes files (its ``events`` are the
    only ones that report), and the processes agree on stopping: SIGTERM reaches them at
    slightly different steps, and one stopping alone would leave the others waiting for it."""
    import torch
    from transformers import TrainerCallback

    main = distributed.rank() == 0

    class _Callback(TrainerCallback):
        def __init__(self) -> None:
            self.stop_requested = False
            self.last_time = time.perf_counter()
            self.last_step = 0
            self.last_tokens: float | None = None

        def on_train_begin(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
            self.last_time = time.perf_counter()
            self.last_step = state.global_step
            events.status(f"training from step {state.global_step}", progress=self._progress(state))

        def on_step_end(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
            if torch.distributed.is_available() and torch.distributed.is_initialized():
                flag = torch.tensor([1 if self.stop_requested else 0])
                torch.distributed.all_reduce(flag, op=torch.distributed.ReduceOp.MAX)
                self.stop_requested = bool(flag.item())
            if self.stop_requested:
                control.should_save = True
                control.should_training_stop = True

        def on_log(
            self, args: Any, state: Any, control: Any, logs: dict[str, Any] | None = None, **kwargs: Any
        ) -> None:
            values = {_RENAMED.get(k, k): float(v) for k, v in (logs or {}).items() if isinstance(v, int | float)}
            elapsed = time.perf_counter() - self.last_time
            if "loss" in values and elapsed > 0 and state.global_step > self.last_step:
                steps = state.global_step - self.last_step
                samples = steps * args.per_device_train_batch_size * args.gradient_accumulation_steps * args.world_size
                values["samples_per_second"] = samples / elapsed
                if "num_tokens" in values and self.last_tokens is not None:
                    values["tokens_per_second"] = (values["num_tokens"] - self.last_tokens) / elapsed
                elif "num_tokens" in values:
                    values["tokens_per_second"] = values["num_tokens"] / elapsed
                self.last_time, self.last_step = time.perf_counter(), state.global_step
                self.last_tokens = values.get("num_tokens", self.last_tokens)
            if not values or not main:
                return
            with (run_dir / METRICS).open("a") as handle:
                handle.write(json.dumps({"step": state.global_step, "time": time.time(), **values}) + "\n")
            events.metric(state.global_step, values)
            events.step(state.global_step, state.max_steps, values)

        def on_save(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
            if not main:
                return
            relative = f"{CHECKPOINTS}/checkpoint-{state.global_step}"
            (run_dir / relative / CONFIG_FILE).write_text(config.model_dump_json(indent=2))
            events.checkpoint(relative, step=state.global_step)

        @staticmethod
        def _progress(state: Any) -> float | None:
            return min(1.0, state.global_step / state.max_steps) if state.max_steps else None

    return _Callback()


class RecordedReward:
    """A reward function for TRL: called with ``rewards.score``'s arguments (TRL's own, its state
    and logging hooks, are not passed on, so a function sees what the JAX backend gives it too),
    and appending what it scored to ``completions.jsonl``: the logged completions whose rewards
    the trainer's reward statistics summarise."""

    def __init__(
        self, function: rewards.RewardFunction, name: str, path: Path, columns: list[str], *, first: bool = False
    ) -> None:
        self.function = function
        self.__name__ = name
        self.path = path
        self.columns = columns
        self.first = first

    def __call__(self, completions: list[Any], **given: Any) -> list[float]:
        step = given["trainer_state"].global_step + 1
        columns = {name: given[name] for name in self.columns}
        texts, scores = rewards.score(self.function, completions, given["prompts"], columns, step)
        if self.first and "log_extra" in given:
            # the first function adds what rollouts need beside TRL's own logs, once per batch
            given["log_extra"](
                ANSWER_COLUMN,
                [None if value is None else str(value) for value in columns.get("answer", [None] * len(texts))],
            )
            given["log_extra"](TOKENS_COLUMN, [len(ids) for ids in given["completion_ids"]])
        if distributed.rank() != 0:
            return scores
        row = {
            "step": step,
            "reward": self.__name__,
            "completions": texts,
            "answer": list(columns.get("answer", [])),
            "scores": scores,
        }
        with self.path.open("a") as handle:
            handle.write(json.dumps(row) + "\n")
        return scores


def rollout_callback(trainer: Any, recorder: record.Recorder, group_size: int) -> Any:
    """The callback that records rollouts when due: at the end of a step, ``trainer._logs`` holds
    the step's generation batch as TRL logs it (prompts, completions, each reward function's
    values, advantages), with the answers and token counts the first reward function added; only
    rank 0 (where TRL gathers them) reports."""
    from transformers import TrainerCallback

    class _Rollouts(TrainerCallback):
        def on_step_end(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
            if distributed.rank() != 0 or not recorder.due(state.global_step):
                return
            logs = trainer._logs
            completions = [rewards.completion_text(completion) for completion in logs["completion"]]
            extra = logs["extra"]
            batch = record.Batch(
                prompts=[record.prompt_text(prompt) for prompt in logs["prompt"]],
                completions=completions,
                answers=list(extra.get(ANSWER_COLUMN, [None] * len(completions))),
                rewards={name: list(values) for name, values in logs["rewards"].items()},
                advantages=list(logs["advantages"]),
                lengths=list(extra.get(TOKENS_COLUMN, [len(text) for text in completions])),
                group_size=group_size,
            )
            recorder.record(state.global_step, batch)

    return _Rollouts()


def trainer_arguments(config: TrainConfig, run_dir: Path, device: str, dtype: str, has_eval: bool) -> dict[str, Any]:
    """Trainer arguments shared by SFT and GRPO: every config key lands in exactly one place."""
    optimizer = config.optimizer
    decay = optimizer.decay
    scheduler = "constant_with_warmup" if decay == "constant" and optimizer.warmup_steps else decay
    evaluate = config.eval_steps is not None and has_eval
    return {
        "output_dir": str(run_dir / CHECKPOINTS),
        "per_device_train_batch_size": config.per_device_batch_size,
        "per_device_eval_batch_size": config.per_device_batch_size,
        "gradient_accumulation_steps": config.gradient_accumulation_steps,
        "learning_rate": optimizer.lr,
        "warmup_steps": optimizer.warmup_steps,
        "lr_scheduler_type": scheduler,
        "weight_decay": optimizer.weight_decay,
        "max_grad_norm": optimizer.max_grad_norm or 0.0,
        "num_train_epochs": config.train_epochs,
        "max_steps": config.max_steps or -1,
        "seed": config.seed,
        "data_seed": config.seed,
        "save_strategy": "steps",
        "save_steps": config.save_steps,
        "logging_strategy": "steps",
        "logging_steps": config.logging_steps,
        "logging_first_step": True,
        "eval_strategy": "steps" if evaluate else "no",
        "eval_steps": config.eval_steps if evaluate else None,
        "use_cpu": device == "cpu",
        "bf16": dtype == "bf16",
        "fp16": dtype == "fp16",
        "report_to": "none",
        "disable_tqdm": True,
        "dataloader_num_workers": 0,
        "gradient_checkpointing": config.checkpointing_on(device),
        **parallel_arguments(config, device),
    }


def restore_onto_numbered_cpus() -> None:
    """Let ``torch.load`` take ``cpu:N`` as a place to restore tensors. transformers 5.12
    resumes the optimizer with ``map_location=args.device``, which under torchrun on a CPU is
    ``cpu:<local rank>``, a location torch's own deserializers refuse ("don't know how to restore
    data location ... cpu:0"), so every resumed multi-process CPU run failed. Registered once per
    process; it tags nothing when saving."""
    import torch

    torch.serialization.register_package(
        99, lambda _obj: None, lambda obj, location: obj if location.startswith("cpu:") else None
    )


def parallel_arguments(config: TrainConfig, device: str) -> dict[str, Any]:
    """How the Trainer spreads a run over torchrun's processes: DDP (its default there) over
    gloo on a CPU and NCCL on GPUs, or FSDP2 sharding every decoder layer (GPUs only);
    nothing for one device."""
    resources = config.resources
    if resources.world_size == 1:
        return {}
    arguments: dict[str, Any] = {
        "ddp_backend": "gloo" if device == "cpu" else "nccl",
        "ddp_find_unused_parameters": False,
    }
    if resources.sharded:
        if device == "cpu":
            # accelerate makes FSDP of GPU processes only: on a CPU the Trainer would quietly run DDP
            raise TunixError("resources.strategy fsdp needs GPUs; this run is on the CPU (use ddp)")
        arguments["fsdp"] = True
        arguments["fsdp_config"] = {"version": 2, "auto_wrap_policy": "TRANSFORMER_BASED_WRAP"}
    return arguments


def _peft_config(config: TrainConfig) -> Any:
    """PEFT's LoRA settings, the adapted modules the JAX backend adapts (``config.lora_targets``
    and ``lora_head``). The head is trained whole (``modules_to_save``) where JAX gives it
    adapters: TRL 1.16 refuses an adapter on ``lm_head``, whose weight it multiplies directly."""
    if config.lora.full:
        return None
    from peft import LoraConfig

    return LoraConfig(
        r=config.lora.rank,
        lora_alpha=config.lora.scaling_alpha,
        lora_dropout=config.lora.dropout,
        target_modules=config.lora_targets,
        modules_to_save=["lm_head"] if config.lora_head else None,
        task_type="CAUSAL_LM",
    )


def adapted_modules(model: Any) -> dict[str, Any]:
    """The manifest's account of the modules PEFT adapted: with LoRA, or trained whole."""
    from peft.tuners.lora import LoraLayer
    from peft.utils import ModulesToSaveWrapper

    modules = list(model.named_modules())
    return manifest.adapted(
        [name for name, module in modules if isinstance(module, LoraLayer)],
        [name for name, module in modules if isinstance(module, ModulesToSaveWrapper)],
    )


REAL_TOKENS = "num_real_tokens"


class PackedRows:
    """The collator of packed SFT batches when the model has no varlen attention kernel (flash
    attention, on CUDA): each packed row stays a row.

    TRL's padding-free collator concatenates every packed row of a batch into one sequence. With
    flash attention's varlen kernels that costs nothing; with SDPA or eager attention (a CPU, or
    a GPU without flash-attn) transformers masks that sequence block-diagonally but computes the
    full ``(batch_size x max_length)²`` square, so packing made training slower. Here position ids
    restart at each packed sequence within its row and no attention mask is passed, so
    transformers masks each row block-diagonally: attention costs ``batch_size x max_length²``,
    as for padded rows. The first token of each sequence is not a target (it is not predicted
    from the previous sequence), and the batch carries its real token count for ``num_tokens``.

    >>> batch = PackedRows(0)([{"input_ids": [5, 6, 7], "labels": [-100, 6, 7], "seq_lengths": [2, 1]}])
    >>> batch["position_ids"].tolist(), batch["labels"].tolist(), batch[REAL_TOKENS]
    ([[0, 1, 0]], [[-100, 6, -100]], 3)
    """

    def __init__(self, pad_token_id: int) -> None:
        self.pad_token_id = pad_token_id

    def __call__(self, examples: list[dict[str, Any]]) -> dict[str, Any]:
        import torch
        from torch.nn.utils.rnn import pad_sequence

        ids = [torch.tensor(example["input_ids"]) for example in examples]
        labels = [torch.tensor(example.get("labels", example["input_ids"])) for example in examples]
        positions = [torch.cat([torch.arange(length) for length in example["seq_lengths"]]) for example in examples]
        batch: dict[str, Any] = {
            "input_ids": pad_sequence(ids, batch_first=True, padding_value=self.pad_token_id),
            "labels": pad_sequence(labels, batch_first=True, padding_value=-100),
            "position_ids": pad_sequence(positions, batch_first=True, padding_value=0),
        }
        batch["labels"][batch["position_ids"] == 0] = -100
        batch[REAL_TOKENS] = sum(len(row) for row in ids)
        return batch


def packed_rows_trainer(base: type[Any]) -> type[Any]:
    """``SFTTrainer`` fed by ``PackedRows``: it takes the real token count off each batch before
    the model sees it, and counts it as ``num_tokens``. TRL 1.16 counts a batch without an
    attention mask as its position ids' width, one row's length, as it is for its single
    flattened row; the correction adds what that missed."""

    class _PackedRowsTrainer(base):  # type: ignore[misc]
        def compute_loss(
            self, model: Any, inputs: dict[str, Any], return_outputs: bool = False, num_items_in_batch: Any = None
        ) -> Any:
            real = int(inputs.pop(REAL_TOKENS))
            result = super().compute_loss(model, inputs, return_outputs, num_items_in_batch)
            if self.model.training:
                self._total_train_tokens += real - inputs["position_ids"].size(1)
                self._metrics["train"]["num_tokens"] = [self._total_train_tokens]
            return result

    return _PackedRowsTrainer


def uses_varlen_attention(model: Any) -> bool:
    """Whether the model attends with flash attention's varlen kernels, which make TRL's
    single-row padding-free batches cheap."""
    implementation = str(getattr(model.config, "_attn_implementation", "") or "")
    return "flash" in implementation


def build_trainer(
    config: TrainConfig, run_dir: Path, snapshot: data.Snapshot, loaded: models.LoadedModel, device: str, dtype: str
) -> Any:
    """The TRL trainer for ``config.method`` on the snapshot's examples."""
    from datasets import Dataset

    common = trainer_arguments(config, run_dir, device, dtype, bool(snapshot.eval))
    train_set = Dataset.from_list(snapshot.train)
    eval_set = Dataset.from_list(snapshot.eval) if common["eval_strategy"] == "steps" else None
    if config.method == "sft":
        from trl.trainer.sft_config import SFTConfig
        from trl.trainer.sft_trainer import SFTTrainer

        sft_args = SFTConfig(
            **common,
            max_length=config.max_seq_length,
            packing=config.packing,
            completion_only_loss=True,
            dataset_num_proc=None,
        )
        rows = config.packing and not uses_varlen_attention(loaded.model)
        trainer = (packed_rows_trainer(SFTTrainer) if rows else SFTTrainer)(
            model=loaded.model,
            args=sft_args,
            train_dataset=train_set.remove_columns("answer"),
            eval_dataset=eval_set.remove_columns("answer") if eval_set is not None else None,
            processing_class=loaded.tokenizer,
            peft_config=_peft_config(config),
        )
        if rows:
            trainer.data_collator = PackedRows(loaded.tokenizer.pad_token_id)
        return trainer
    from trl.trainer.grpo_config import GRPOConfig
    from trl.trainer.grpo_trainer import GRPOTrainer

    grpo = config.grpo_settings
    functions: list[Any] = [
        RecordedReward(
            rewards.bind(spec.name, spec.options, snapshot.template, Settings().resolved_reward_dirs),
            spec.name,
            run_dir / COMPLETIONS,
            rewards.column_names(snapshot.train[0]),
            first=position == 0,
        )
        for position, spec in enumerate(grpo.rewards)
    ]
    grpo_args = GRPOConfig(
        **common,
        num_generations=grpo.num_generations,
        max_completion_length=grpo.max_completion_length,
        beta=grpo.beta,
        temperature=grpo.temperature,
        reward_weights=[spec.weight for spec in grpo.rewards],
    )
    return GRPOTrainer(
        model=loaded.model,
        reward_funcs=functions,
        args=grpo_args,
        train_dataset=train_set.remove_columns("completion"),
        eval_dataset=eval_set.remove_columns("completion") if eval_set is not None else None,
        processing_class=loaded.tokenizer,
        peft_config=_peft_config(config),
    )


def merge(adapter_dir: Path, base: str, out: Path) -> None:
    """Load the base model, merge the adapter into its weights, write safetensors + tokenizer."""
    from peft import PeftModel
    from transformers import AutoModelForCausalLM, AutoTokenizer

    model = PeftModel.from_pretrained(AutoModelForCausalLM.from_pretrained(base), str(adapter_dir))
    model.merge_and_unload().save_pretrained(out, safe_serialization=True)
    AutoTokenizer.from_pretrained(str(adapter_dir)).save_pretrained(out)


def train(
    config: TrainConfig, run_dir: Path, events: EventSink, *, dataset_dir: Path, resume_from: Path | None
) -> dict[str, float]:
    """Train as ``config`` says, in ``run_dir``; returns the final metrics."""
    require_torch()
    from transformers import PrinterCallback, set_seed

    # set up
    main = distributed.rank() == 0
    device = resolve_device(config.device)
    dtype = resolve_dtype(config.dtype, device)
    if device == "cpu" and config.resources.world_size > 1:
        restore_onto_numbered_cpus()
    set_seed(config.seed)
    started = manifest.now()
    callback_holder: list[Any] = []
    signal.signal(signal.SIGTERM, partial(_request_stop, callback_holder))

    # data and model
    events.status("reading dataset")
    snapshot = data.read(dataset_dir, config.dataset.split, config.template)
    if not snapshot.train:
        raise TunixError(f"dataset {snapshot.key} has no {config.dataset.split} examples")
    events.status(f"building model {config.model}")
    digits = config.tokenizer_settings.digits
    # a tiny preset is written where it is built: by rank 0 into the run folder, by each other
    # process (which builds the same one from the same seed) into a folder of its own
    scratch = None if main else tempfile.TemporaryDirectory(prefix="tunix-rt-base-")
    loaded = models.load(
        config.model,
        data.texts(snapshot.train),
        run_dir / BASE_MODEL if scratch is None else Path(scratch.name),
        max_positions=config.max_positions,
        seed=config.seed,
        digits=digits,
    )
    if config.method == "grpo":
        data.refuse_long_prompts(snapshot.train, loaded.tokenizer, config.max_seq_length, "train")
        if config.eval_steps is not None:
            data.refuse_long_prompts(snapshot.eval, loaded.tokenizer, config.max_seq_length, "eval")
    evidence: dict[str, Any] = {
        "kind": "train",
        "config": config.model_dump(mode="json"),
        "template": snapshot.template.model_dump(mode="json"),
        "dataset": {"key": snapshot.key, "split": config.dataset.split, "sha256": snapshot.sha256},
        "model": {
            "name": config.model,
            "source": loaded.source,
            "base": BASE_MODEL if loaded.source == "tiny" else config.model,
            "sha256": loaded.model_sha256,
            "max_positions": getattr(loaded.model.config, "max_position_embeddings", None),
        },
        "tokenizer": models.tokenizer_record(config.model, digits),
        "tokenizer_sha256": loaded.tokenizer_sha256,
        "packages": manifest.package_versions("torch"),
        "git_commit": manifest.git_commit(),
        "device": device,
        "processes": config.resources.world_size,
        "dtype": dtype,
        "hardware": manifest.hardware(),
        "started_at": started,
        "resumed_from": _relative(resume_from, run_dir),
        "ended_at": None,
        "final_metrics": None,
    }
    if main:
        manifest.write(run_dir, evidence)

    # fit
    trainer = build_trainer(config, run_dir, snapshot, loaded, device, dtype)
    evidence["adapted_modules"] = None if config.lora.full else adapted_modules(trainer.model)
    if config.resources.world_size > 1:
        # what the Trainer made of the processes: MULTI_CPU / MULTI_GPU (DDP) or FSDP
        evidence["distributed"] = str(trainer.accelerator.distributed_type.value)
    if main:
        manifest.write(run_dir, evidence)
    callback = event_callback(events, run_dir, config)
    callback_holder.append(callback)
    trainer.remove_callback(PrinterCallback)
    trainer.add_callback(callback)
    if config.method == "grpo":
        recorder = record.Recorder.for_run(events, config)
        trainer.add_callback(rollout_callback(trainer, recorder, config.grpo_settings.num_generations))
    events.status("resuming from " + resume_from.name if resume_from else "training")
    result = trainer.train(resume_from_checkpoint=str(resume_from) if resume_from else None)
    if callback.stop_requested:
        raise TunixError(f"stopped by SIGTERM at step {trainer.state.global_step}; its checkpoint is saved")

    # validate
    final = {k: float(v) for k, v in result.metrics.items() if isinstance(v, int | float)}
    if trainer.eval_dataset is not None:
        final.update({k: float(v) for k, v in trainer.evaluate().items() if isinstance(v, int | float)})

    # save: the Trainer gathers a sharded model onto rank 0, which alone writes
    events.status("saving adapter")
    trainer.save_model(str(run_dir / ADAPTER))
    if scratch is not None:
        scratch.cleanup()
    if not main:
        return final
    loaded.tokenizer.save_pretrained(run_dir / ADAPTER)
    events.artifact(ADAPTER, step=trainer.state.global_step)
    if config.merge and not config.lora.full:
        trainer.model.merge_and_unload().save_pretrained(run_dir / MERGED, safe_serialization=True)
        loaded.tokenizer.save_pretrained(run_dir / MERGED)
        events.artifact(MERGED, step=trainer.state.global_step)
    evidence.update(ended_at=manifest.now(), final_metrics=final, steps=trainer.state.global_step)
    manifest.write(run_dir, evidence)
    events.artifact(manifest.MANIFEST)
    events.artifact(METRICS)
    return final


def _relative(path: Path | None, run_dir: Path) -> str | None:
    if path is None:
        return None
    return str(path.relative_to(run_dir)) if path.is_relative_to(run_dir) else str(path)


def _request_stop(holder: list[Any], _signum: int, _frame: FrameType | None) -> None:
    """SIGTERM: finish the current step, checkpoint, stop; before training starts, just exit."""
    if not holder:
        raise SystemExit(143)
    holder[0].stop_requested = True
