"""SFT smoke test for an accelerator machine (CI has none): both training backends on one randomly
initialised Llama checkpoint, printing tokens/s and model FLOPs utilisation.

    python -m benchmarks.gpu_smoke [--peak-tflops 989] [--backend both]     # a CUDA GPU, ~0.5B params
    python -m benchmarks.gpu_smoke --check                                  # a tiny model on the CPU

The checkpoint is a ~0.5B-parameter Llama config (24 layers, width 1024) saved as a Hugging Face
folder with the tiny presets' byte-level tokenizer, so the torch backend and the JAX backend
(Tunix's Llama 3 loader) train the same weights. PyTorch trains it in bf16 with packing; the JAX
backend trains in fp32, the only dtype it offers, and needs a CUDA build of jax
(``pip install 'jax[cuda12]'``) to use the GPU: without one its half says so and is skipped.
MFU is ``6 x parameters x tokens/s`` over the peak FLOP/s given (default: H100/H200 SXM dense bf16;
the JAX line is measured against the same peak, so it understates fp32 utilisation). ``--check``
runs the same code on a small model on the CPU for a few steps: it proves the script works where
no GPU is, and its figures mean nothing.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.train import KEY, write_snapshot
from tunix_rt.runs.events import EventSink
from tunix_rt.training import models
from tunix_rt.training.config import TrainConfig


@dataclass(frozen=True)
class Shape:
    hidden: int
    intermediate: int
    layers: int
    heads: int
    vocab: int


FULL = Shape(hidden=1024, intermediate=4096, layers=24, heads=16, vocab=32_000)
CHECK = Shape(hidden=64, intermediate=128, layers=2, heads=4, vocab=512)


@dataclass(frozen=True)
class Result:
    backend: str
    parameters: int
    dtype: str
    tokens_per_second: float

    def line(self, peak_flops: float) -> str:
        mfu = 6 * self.parameters * self.tokens_per_second / peak_flops
        return (
            f"{self.backend}: {self.parameters / 1e6:.1f}M parameters, {self.dtype}, "
            f"{self.tokens_per_second:,.0f} tokens/s, MFU {mfu:.2%}"
        )


def write_checkpoint(folder: Path, shape: Shape) -> int:
    """A random Llama checkpoint with a chat-templated tokenizer; returns its parameter count."""
    import torch
    from transformers import AutoConfig, AutoModelForCausalLM

    from tunix_rt.training.jax_backend import FIXED_ROPE_THETA

    tokenizer = models.train_tokenizer([f"What is {a} + {b}?" for a in range(100) for b in range(100)], shape.vocab)
    config = AutoConfig.for_model(
        "llama",
        vocab_size=len(tokenizer),
        hidden_size=shape.hidden,
        intermediate_size=shape.intermediate,
        num_hidden_layers=shape.layers,
        num_attention_heads=shape.heads,
        num_key_value_heads=shape.heads,
        max_position_embeddings=1024,
        # Tunix 0.1.7's Llama 3 applies this base whatever the config says: both backends
        # then compute the same model
        rope_theta=FIXED_ROPE_THETA["llama"],
        tie_word_embeddings=False,
        pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
    )
    torch.manual_seed(0)
    model = AutoModelForCausalLM.from_config(config)  # type: ignore[no-untyped-call]
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return sum(parameter.numel() for parameter in model.parameters())


def run_torch(body: dict[str, Any], work: Path, dataset_dir: Path, parameters: int) -> Result:
    from tunix_rt.training.torch_backend import train

    run_dir = work / "torch"
    run_dir.mkdir()
    config = TrainConfig.model_validate({**body, "packing": True})
    final = train(config, run_dir, EventSink(), dataset_dir=dataset_dir, resume_from=None)
    rows = [json.loads(line) for line in (run_dir / "metrics.jsonl").read_text().splitlines()]
    tokens = max(row["num_tokens"] for row in rows if "num_tokens" in row)
    return Result("torch", parameters, config.dtype, tokens / final["train_runtime"])


def run_jax(body: dict[str, Any], work: Path, dataset_dir: Path, parameters: int) -> Result | str:
    """The JAX half, or why it was skipped. The first logging interval (compilation) is left out
    of the rate."""
    import jax

    from tunix_rt.training.jax_backend import train

    if body["device"] == "cuda" and jax.default_backend() != "gpu":
        return "jax: skipped, this jax has no GPU backend (pip install 'jax[cuda12]')"
    run_dir = work / "jax"
    run_dir.mkdir()
    config = TrainConfig.model_validate({**body, "dtype": "fp32"})
    train(config, run_dir, EventSink(), dataset_dir=dataset_dir, resume_from=None)
    rows = [json.loads(line) for line in (run_dir / "metrics.jsonl").read_text().splitlines()]
    rates = [row["tokens_per_second"] for row in rows if "tokens_per_second" in row][1:]
    if not rates:
        return "jax: no steady-state interval was logged; raise --steps"
    return Result("jax", parameters, "fp32", sum(rates) / len(rates))


def smoke(*, check: bool, backends: list[str], steps: int, peak_tflops: float) -> list[str]:
    """Train each backend once on the same checkpoint; one printed line per backend."""
    shape = CHECK if check else FULL
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        dataset_dir = write_snapshot(work / "home", 2_000 if check else 20_000)
        model_dir = work / "model"
        parameters = write_checkpoint(model_dir, shape)
        body = {
            "model": str(model_dir),
            "dataset": {"key": KEY},
            "max_steps": steps,
            "batch_size": 8 if check else 32,
            "max_seq_length": 128 if check else 512,
            "lora": {"full": True},
            "dtype": "fp32" if check else "bf16",
            "device": "cpu" if check else "cuda",
            "logging_steps": max(1, steps // 4),
            "save_steps": 10 * steps,
        }
        for backend in backends:
            runner = run_torch if backend == "torch" else run_jax
            result = runner(body, work, dataset_dir, parameters)
            lines.append(result if isinstance(result, str) else result.line(peak_tflops * 1e12))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peak-tflops", type=float, default=989.0, help="The accelerator's peak dense TFLOP/s.")
    parser.add_argument("--backend", choices=["torch", "jax", "both"], default="both", help="Which backends.")
    parser.add_argument("--steps", type=int, default=40, help="Optimizer steps per backend.")
    parser.add_argument("--check", action="store_true", help="A tiny model on the CPU: checks the script only.")
    options = parser.parse_args()
    if not options.check:
        import torch

        if not torch.cuda.is_available():
            parser.error("no CUDA GPU here: run on a GPU machine, or pass --check to try the script on the CPU")
    backends = ["torch", "jax"] if options.backend == "both" else [options.backend]
    for line in smoke(check=options.check, backends=backends, steps=options.steps, peak_tflops=options.peak_tflops):
        print(line)


if __name__ == "__main__":
    main()
