"""Training throughput of our PyTorch path against a plain TRL script, measured in the same run.

    python -m benchmarks.train [--model tiny-llama-s] [--steps 30] [--batch 16] [--device cpu]

* **Overhead**: tokens/s of ``torch_backend.train`` (events, metrics file, manifest, checkpoint
  config) vs a bare ``SFTTrainer`` on the same model (same preset, tokenizer and seed, so the same
  weights), the same examples and the same trainer settings. Goal: ratio >= 0.95.
* **Packing**: tokens/s of our path with ``packing: true`` vs dynamic padding, on short traces
  of one length and on short traces of 1 to 6 steps (lengths that vary, as real ones do).
  Goal: >= 2x.

Tokens are the real (non-padding) tokens TRL counts (``num_tokens``); time is the trainer's own
``train_runtime``, so model building and tokenisation are outside both measurements. Each
configuration runs once after a warm-up run; prints a markdown table.
"""

from __future__ import annotations

import argparse
import hashlib
import platform
import random
import tempfile
from pathlib import Path
from typing import Any

import orjson

from tunix_rt.runs.events import EventSink
from tunix_rt.training import data, models
from tunix_rt.training.config import TrainConfig
from tunix_rt.training.torch_backend import train, trainer_arguments

KEY = "bench@v1"
VARIED = "bench-varied@v1"


def write_snapshot(home: Path, count: int, *, key: str = KEY, max_steps: int = 1) -> Path:
    """Short arithmetic traces: a one-line question, 1 to ``max_steps`` running-sum steps, a
    number. With one step every trace tokenises to the same length (nothing for packing to
    remove but per-step cost); with several, lengths vary as real traces do, and dynamic
    padding pads each batch to its longest trace."""
    rng = random.Random(0)
    rows = []
    for n in range(count):
        terms = [rng.randrange(100) for _ in range(rng.randint(1, max_steps) + 1)]
        steps, total = [], terms[0]
        for i, term in enumerate(terms[1:]):
            steps.append({"i": i, "type": "calculation", "content": f"{total} + {term} = {total + term}"})
            total += term
        question = " + ".join(str(term) for term in terms)
        rows.append({"id": str(n), "prompt": f"What is {question}?", "final_answer": str(total), "steps": steps})
    folder = home / "datasets" / key
    folder.mkdir(parents=True)
    raw = b"".join(orjson.dumps(row) + b"\n" for row in rows)
    (folder / "train.jsonl").write_bytes(raw)
    (folder / "eval.jsonl").write_bytes(b"")
    manifest = {
        "key": key,
        "files": {"train": "train.jsonl", "eval": "eval.jsonl"},
        "sha256": {"train": hashlib.sha256(raw).hexdigest(), "eval": hashlib.sha256(b"").hexdigest()},
        "request": {"transforms": {"template": {}}},
    }
    (folder / "manifest.json").write_bytes(orjson.dumps(manifest))
    return folder


def ours(config: TrainConfig, dataset_dir: Path, scratch: Path) -> float:
    run_dir = Path(tempfile.mkdtemp(dir=scratch))
    final = train(config, run_dir, EventSink(), dataset_dir=dataset_dir, resume_from=None)
    tokens = max(float(row["num_tokens"]) for row in _log_history(run_dir) if "num_tokens" in row)
    return tokens / final["train_runtime"]


def _log_history(run_dir: Path) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in (run_dir / "metrics.jsonl").read_bytes().splitlines()]


def plain_trl(config: TrainConfig, dataset_dir: Path, scratch: Path) -> float:
    """What a user would write by hand: SFTConfig + SFTTrainer + LoRA, nothing else."""
    from peft import LoraConfig
    from transformers import set_seed
    from trl.trainer.sft_config import SFTConfig
    from trl.trainer.sft_trainer import SFTTrainer

    from datasets import Dataset

    run_dir = Path(tempfile.mkdtemp(dir=scratch))
    set_seed(config.seed)
    snapshot = data.read(dataset_dir, "train", None)
    loaded = models.load(
        config.model, data.texts(snapshot.train), run_dir / "base", max_positions=config.max_seq_length, seed=0
    )
    args = SFTConfig(
        **trainer_arguments(config, run_dir, "cpu" if config.device == "cpu" else "cuda", "fp32", False),
        max_length=config.max_seq_length,
        packing=config.packing,
        completion_only_loss=True,
    )
    trainer = SFTTrainer(
        model=loaded.model,
        args=args,
        train_dataset=Dataset.from_list(snapshot.train).remove_columns("answer"),
        processing_class=loaded.tokenizer,
        peft_config=LoraConfig(r=config.lora.rank, lora_alpha=config.lora.scaling_alpha, target_modules="all-linear"),
    )
    result = trainer.train()
    tokens = max(float(row["num_tokens"]) for row in trainer.state.log_history if "num_tokens" in row)
    return tokens / float(result.metrics["train_runtime"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="tiny-llama-s", help="Tiny preset or model id.")
    parser.add_argument("--steps", type=int, default=30, help="Optimizer steps per measurement.")
    parser.add_argument("--batch", type=int, default=16, help="Batch size.")
    parser.add_argument("--seq", type=int, default=256, help="max_seq_length (the packed row length).")
    parser.add_argument("--device", default="cpu", choices=["cpu", "cuda"], help="Device.")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        dataset_dir = write_snapshot(scratch / "home", 4000)
        varied_dir = write_snapshot(scratch / "home", 4000, key=VARIED, max_steps=6)
        body = {
            "model": options.model,
            "dataset": {"key": KEY},
            "max_steps": options.steps,
            "batch_size": options.batch,
            "max_seq_length": options.seq,
            "logging_steps": options.steps,
            "save_steps": 10 * options.steps,
            "device": options.device,
            "dtype": "fp32",
        }
        padded = TrainConfig.model_validate(body)
        packed = TrainConfig.model_validate({**body, "packing": True})
        varied = {**body, "dataset": {"key": VARIED}}
        ours(padded, dataset_dir, scratch)
        baseline = plain_trl(padded, dataset_dir, scratch)
        mine = ours(padded, dataset_dir, scratch)
        with_packing = ours(packed, dataset_dir, scratch)
        varied_padded = ours(TrainConfig.model_validate(varied), varied_dir, scratch)
        varied_packed = ours(TrainConfig.model_validate({**varied, "packing": True}), varied_dir, scratch)
    print(
        f"\n{options.model}, {options.steps} steps, batch {options.batch}, {options.device}, {platform.processor()}\n"
    )
    print("| measurement | tokens/s | ratio | goal |")
    print("|---|---:|---:|---:|")
    print(f"| plain TRL SFTTrainer | {baseline:,.0f} | 1.00 | |")
    print(f"| tunix-rt torch backend | {mine:,.0f} | {mine / baseline:.2f} | >= 0.95 |")
    print(f"| tunix-rt, packing on, same-length traces | {with_packing:,.0f} | {with_packing / mine:.2f} vs off | |")
    print(f"| tunix-rt, packing off, traces of 1-6 steps | {varied_padded:,.0f} | | |")
    gain = varied_packed / varied_padded
    print(f"| tunix-rt, packing on, traces of 1-6 steps | {varied_packed:,.0f} | {gain:.2f} vs off | >= 2.0 |")


if __name__ == "__main__":
    main()
