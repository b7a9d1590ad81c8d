"""The JAX backend on real checkpoints, offline: a small randomly initialised Hugging Face model
saved as safetensors with a tokenizer is loaded by Tunix's loader for its family and gives the
torch model's logits (the weights mapped right); a LoRA SFT run trains from it and records it by
path and hash; families Tunix does not implement are a 422 naming the family."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tests.training.conftest import tiny_config
from tunix_rt.errors import Invalid
from tunix_rt.runs.events import MemorySink, MetricEvent
from tunix_rt.training import data, jax_backend, models
from tunix_rt.training.kind import require_backend

pytestmark = [pytest.mark.slow, pytest.mark.jax]

TINY = models.TINY_PRESETS["tiny-llama"]


def save_checkpoint(folder: Path, family: str, texts: list[str], seed: int = 0) -> Any:
    """A ``family`` model the size of the tiny preset (grouped-query attention, untied head),
    weights drawn wide enough that logits are far from zero, saved with the tiny tokenizer. The
    RoPE base is the one Tunix's implementation of the family computes with (Qwen 2 reads it)."""
    import torch
    from transformers import AutoConfig, AutoModelForCausalLM

    tokenizer = models.train_tokenizer(texts, TINY.vocab_size)
    config = AutoConfig.for_model(
        family,
        vocab_size=len(tokenizer),
        hidden_size=TINY.hidden_size,
        intermediate_size=TINY.intermediate_size,
        num_hidden_layers=TINY.layers,
        num_attention_heads=TINY.heads,
        num_key_value_heads=TINY.heads // 2,
        head_dim=TINY.hidden_size // TINY.heads,
        rms_norm_eps=1e-6,
        rope_theta=jax_backend.FIXED_ROPE_THETA.get(family, 10_000.0),
        initializer_range=0.2,
        tie_word_embeddings=False,
        pad_token_id=tokenizer.pad_token_id,
        eos_token_id=tokenizer.eos_token_id,
        bos_token_id=tokenizer.bos_token_id,
    )
    torch.manual_seed(seed)
    model = AutoModelForCausalLM.from_config(config).eval()  # type: ignore[no-untyped-call]
    model.save_pretrained(folder, safe_serialization=True)
    tokenizer.save_pretrained(folder)
    return model


@pytest.mark.parametrize("family", ["llama", "qwen2", "qwen3"])
def test_tunix_loads_the_checkpoint_with_the_torch_models_logits(
    family: str, dataset_dir: Path, tmp_path: Path
) -> None:
    import torch
    from tunix.sft import utils

    texts = data.texts(data.read(dataset_dir, "train", None).train)
    reference = save_checkpoint(tmp_path, family, texts)
    ids = models.train_tokenizer(texts, TINY.vocab_size)("What is 3 + 4? <reasoning>3 + 4 = 7</reasoning>")["input_ids"]
    with torch.no_grad():
        expected = reference(torch.tensor([ids])).logits[0].numpy()
    loaded = jax_backend.load_checkpoint(tmp_path)
    tokens = np.array([ids], dtype=np.int32)
    present = np.ones_like(tokens, dtype=bool)
    logits, _cache = loaded(
        tokens, utils.build_positions_from_mask(present), None, utils.make_causal_attn_mask(present)
    )
    got = np.asarray(logits[0])
    assert expected.std() > 0.5  # logits far from zero: matching them means the weights mapped
    np.testing.assert_allclose(got, expected, atol=2e-4 * np.abs(expected).max())
    assert (got.argmax(-1) == expected.argmax(-1)).all()


def test_lora_sft_from_a_local_llama_checkpoint(dataset_dir: Path, tmp_path: Path) -> None:
    from tunix_rt.evaluation import jax_generate
    from tunix_rt.evaluation.config import SamplingSettings

    snapshot = data.read(dataset_dir, "train", None)
    folder = tmp_path / "checkpoint"
    save_checkpoint(folder, "llama", data.texts(snapshot.train))
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    sink = MemorySink()
    config = tiny_config(backend="jax", model=str(folder), max_steps=30, batch_size=8)
    require_backend(config)
    jax_backend.train(config, run_dir, sink, dataset_dir=dataset_dir, resume_from=None)
    loss = {e.step: e.values["loss"] for e in sink.of(MetricEvent) if isinstance(e, MetricEvent) and "loss" in e.values}
    assert sorted(loss) == list(range(1, 31))
    assert sum(loss[s] for s in range(26, 31)) / 5 < 0.6 * loss[1], loss
    evidence = json.loads((run_dir / "run_manifest.json").read_text())
    assert evidence["model"] == {
        "name": str(folder),
        "source": "local",
        "base": str(folder),
        "sha256": models.folder_sha256(folder),
        "family": "llama",
        "max_positions": 2048,
    }
    projections = ["down_proj", "gate_proj", "k_proj", "o_proj", "q_proj", "up_proj", "v_proj"]
    assert evidence["adapted_modules"] == {"names": projections, "count": 14, "trained_whole": []}
    assert not (run_dir / "base-model").exists()
    adapter = json.loads((run_dir / "adapter" / "adapter_config.json").read_text())
    assert "lm_head" not in adapter["module_path"]

    evaluated = jax_generate.load_run(run_dir, None, "cpu")
    prompt = evaluated.tokenizer.apply_chat_template(
        snapshot.train[0]["prompt"], tokenize=False, add_generation_prompt=True
    )
    (output,) = jax_generate.generate(evaluated, [prompt], batch_size=1, max_new_tokens=24, sampling=SamplingSettings())
    assert output.text.startswith("<reasoning>"), output.text


def test_a_family_tunix_does_not_implement_is_422_naming_it(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text(json.dumps({"model_type": "gpt2", "n_layer": 2}))
    with pytest.raises(Invalid) as raised:
        require_backend(tiny_config(backend="jax", model=str(tmp_path)))
    (error,) = raised.value.errors or []
    assert error["loc"] == ["body", "config", "model"]
    assert "model family 'gpt2'" in error["msg"]
    scaled = {"model_type": "llama", "rope_scaling": {"rope_type": "llama3", "factor": 8.0}}
    (tmp_path / "config.json").write_text(json.dumps(scaled))
    with pytest.raises(Invalid) as raised:
        require_backend(tiny_config(backend="jax", model=str(tmp_path)))
    messages = [e["msg"] for e in raised.value.errors or []]
    assert any("RoPE scaling 'llama3'" in m for m in messages)
    assert any("RoPE base 10000, but Tunix 0.1.7's llama always applies 1e+06" in m for m in messages)
    assert any("no *.safetensors" in m for m in messages)
    with pytest.raises(Invalid) as raised:
        require_backend(tiny_config(backend="jax", model="meta-llama/Llama-3.2-1B"))
    assert "local Hugging Face folder" in (raised.value.errors or [])[0]["msg"]
