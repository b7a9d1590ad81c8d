"""``scripts/gpu-smoke.sh`` runs where a GPU is, which CI is not: its ``--check`` mode runs the same
code (checkpoint writing, both backends, the rate and MFU arithmetic) on a tiny model here, so the
script is known to work before a GPU machine runs it."""

from __future__ import annotations

import re

import pytest
from benchmarks.gpu_smoke import CHECK, Result, smoke

pytestmark = [pytest.mark.slow, pytest.mark.jax]


def test_check_mode_trains_both_backends_on_one_checkpoint_and_reports_rates() -> None:
    lines = smoke(check=True, backends=["torch", "jax"], steps=8, peak_tflops=1e-6)
    pattern = re.compile(r"^(torch|jax): ([\d.]+)M parameters, fp32, ([\d,]+) tokens/s, MFU ([\d.,]+)%$")
    matches = [pattern.match(line) for line in lines]
    assert [match.group(1) if match else line for match, line in zip(matches, lines, strict=True)] == ["torch", "jax"]
    parameters = {float(match.group(2)) for match in matches if match}
    assert len(parameters) == 1  # the same checkpoint
    expected = 2 * CHECK.vocab * CHECK.hidden / 1e6  # at least the untied embedding and head
    assert parameters.pop() >= round(expected, 1)
    assert all(int(match.group(3).replace(",", "")) > 0 for match in matches if match)


def test_mfu_is_six_flops_per_parameter_per_token_over_the_peak() -> None:
    result = Result("torch", parameters=500_000_000, dtype="bf16", tokens_per_second=100_000)
    assert result.line(peak_flops=989e12) == "torch: 500.0M parameters, bf16, 100,000 tokens/s, MFU 30.33%"
