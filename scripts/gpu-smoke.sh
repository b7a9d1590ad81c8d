#!/usr/bin/env bash
# SFT smoke test for a GPU machine (CI has none): a ~0.5B-parameter randomly initialised Llama
# config in bf16, trained for a few dozen steps through the torch backend; prints tokens/s and
# model FLOPs utilisation (6 * parameters * tokens/s over the GPU's peak bf16 FLOP/s).
#
#   scripts/gpu-smoke.sh [PEAK_TFLOPS]     # default 989 (H100/H200 SXM dense bf16)
#
# The jax backend is not implemented yet: its half of this smoke test runs once it is.
set -euo pipefail
PEAK_TFLOPS="${1:-989}"
PYTHON="${PYTHON:-.venv/bin/python}"
"$PYTHON" - "$PEAK_TFLOPS" <<'PY'
import json, sys, tempfile, time
from pathlib import Path

import torch
from transformers import LlamaConfig, LlamaForCausalLM

from benchmarks.train import KEY, write_snapshot
from tunix_rt.runs.events import EventSink
from tunix_rt.training import models
from tunix_rt.training.config import TrainConfig
from tunix_rt.training.torch_backend import train

assert torch.cuda.is_available(), "this smoke test needs a CUDA GPU"
peak = float(sys.argv[1]) * 1e12
work = Path(tempfile.mkdtemp())
dataset_dir = write_snapshot(work / "home", 20000)
tokenizer = models.train_tokenizer([f"What is {a} + {b}?" for a in range(100) for b in range(100)], 32000)
config = LlamaConfig(
    vocab_size=len(tokenizer), hidden_size=1024, intermediate_size=4096, num_hidden_layers=24,
    num_attention_heads=16, num_key_value_heads=16, max_position_embeddings=1024,
    pad_token_id=tokenizer.pad_token_id, bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id,
)
torch.manual_seed(0)
model_dir = work / "model-0.5b"
LlamaForCausalLM(config).save_pretrained(model_dir)
tokenizer.save_pretrained(model_dir)
parameters = sum(p.numel() for p in LlamaForCausalLM(config).parameters())
body = {
    "model": str(model_dir), "dataset": {"key": KEY}, "max_steps": 40, "batch_size": 32, "max_seq_length": 512,
    "packing": True, "lora": {"full": True}, "dtype": "bf16", "device": "cuda", "logging_steps": 10,
    "save_steps": 1000,
}
run_dir = work / "run"
run_dir.mkdir()
final = train(TrainConfig.model_validate(body), run_dir, EventSink(), dataset_dir=dataset_dir, resume_from=None)
rows = [json.loads(line) for line in (run_dir / "metrics.jsonl").read_text().splitlines()]
tokens = max(row["num_tokens"] for row in rows if "num_tokens" in row)
rate = tokens / final["train_runtime"]
print(f"torch: {parameters / 1e6:.0f}M parameters, bf16, {rate:,.0f} tokens/s, MFU {6 * parameters * rate / peak:.1%}")
PY
