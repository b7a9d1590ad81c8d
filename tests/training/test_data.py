"""Training examples from a snapshot: GRPO prompts longer than ``max_seq_length`` are refused
when the run starts, on both backends alike, before the model ever sees a position it was not
sized for."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.training.conftest import KEY, arithmetic_records, tiny_config, write_snapshot
from tunix_rt.errors import TunixError
from tunix_rt.runs.events import MemorySink
from tunix_rt.training import data, models

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("backend", ["torch", pytest.param("jax", marks=pytest.mark.jax)])
def test_grpo_refuses_prompts_longer_than_max_seq_length(backend: str, tmp_path: Path) -> None:
    records = arithmetic_records(32)
    records[5]["prompt"] = "Please, " * 80 + "what is 1 + 2?"
    records[9]["prompt"] = "Kindly " * 60 + "what is 2 + 2?"
    dataset = write_snapshot(tmp_path / "home", KEY, records, arithmetic_records(4, seed=1))
    snapshot = data.read(dataset, "train", None)
    tokenizer = models.train_tokenizer(data.texts(snapshot.train), models.TINY_PRESETS["tiny-llama"].vocab_size)
    lengths = data.prompt_lengths(snapshot.train, tokenizer)
    assert lengths[5] > lengths[9] > 64 > max(lengths[:5] + lengths[6:9] + lengths[10:])
    config = tiny_config(
        backend=backend,
        method="grpo",
        max_seq_length=64,
        batch_size=4,
        grpo={"num_generations": 2, "max_completion_length": 8},
    )
    if backend == "torch":
        from tunix_rt.training.torch_backend import train
    else:
        from tunix_rt.training.jax_backend import train
    (tmp_path / "run").mkdir()
    with pytest.raises(TunixError) as raised:
        train(config, tmp_path / "run", MemorySink(), dataset_dir=dataset, resume_from=None)
    assert str(raised.value) == (
        f"2 of 32 train prompts are longer than max_seq_length (64 tokens; the longest has {lengths[5]}): "
        "GRPO would generate past the positions the model is sized for; raise max_seq_length or shorten them"
    )
