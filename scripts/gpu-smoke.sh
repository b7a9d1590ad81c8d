#!/usr/bin/env bash
# SFT smoke test for a GPU machine (CI has none): both training backends on a ~0.5B-parameter
# randomly initialised Llama checkpoint, printing tokens/s and model FLOPs utilisation. The code
# and its options are in benchmarks/gpu_smoke.py.
#
#   scripts/gpu-smoke.sh [--peak-tflops 989] [--backend torch|jax|both] [--steps 40]
#   scripts/gpu-smoke.sh --check        # a tiny model on the CPU: checks the script where no GPU is
set -euo pipefail
cd "$(dirname "$0")/.."
exec "${PYTHON:-.venv/bin/python}" -m benchmarks.gpu_smoke "$@"
