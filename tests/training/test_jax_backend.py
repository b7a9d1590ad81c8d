"""The JAX (Tunix) backend on the tiny preset, on a CPU: it learns, masks the prompt, ends
targets with EOS, resumes exactly, its GRPO reward statistics are what the reward functions give,
and what it cannot do is refused at submit (422) while a missing extra is a 501."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tests.training.conftest import KEY, tiny_config
from tests.training.reward_probe import assert_called_as_documented, probe_spec
from tunix_rt.errors import Invalid, MissingExtra
from tunix_rt.runs.events import CheckpointEvent, MemorySink, MetricEvent
from tunix_rt.training import data, jax_backend, models, rewards
from tunix_rt.training.jax_backend import collate, encode, train
from tunix_rt.training.kind import require_backend

pytestmark = [pytest.mark.slow, pytest.mark.jax]


def losses(sink: MemorySink) -> dict[int, float]:
    return {e.step: e.values["loss"] for e in sink.of(MetricEvent) if isinstance(e, MetricEvent) and "loss" in e.values}


def test_loss_falls_and_the_run_folder_holds_the_evidence(dataset_dir: Path, tmp_path: Path) -> None:
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    sink = MemorySink()
    config = tiny_config(backend="jax", max_steps=30, batch_size=8, save_steps=10)
    final = train(config, run_dir, sink, dataset_dir=dataset_dir, resume_from=None)
    loss = losses(sink)
    assert sorted(loss) == list(range(1, 31))
    first, last = loss[1], sum(loss[s] for s in range(26, 31)) / 5
    assert last < 0.45 * first, (first, last)
    metrics = [json.loads(line) for line in (run_dir / "metrics.jsonl").read_text().splitlines()]
    assert [row["loss"] for row in metrics] == [loss[s] for s in range(1, 31)]
    logged = next(row for row in metrics if row["step"] == 10)
    assert {"lr", "grad_norm", "tokens_per_second", "samples_per_second", "steps_per_second"} <= set(logged)
    assert logged["tokens_per_second"] > 0
    assert logged["lr"] == pytest.approx(3e-3 * (1 - 9 / 30))
    checkpoints = [e.path for e in sink.of(CheckpointEvent) if isinstance(e, CheckpointEvent)]
    assert checkpoints == ["checkpoints/10", "checkpoints/20", "checkpoints/30"]
    assert sorted(p.name for p in (run_dir / "checkpoints").iterdir()) == ["10", "20", "30"]
    assert json.loads((run_dir / checkpoints[0] / "train_config.json").read_text())["backend"] == "jax"
    manifest = json.loads((run_dir / "run_manifest.json").read_text())
    assert manifest["dataset"]["key"] == KEY
    assert manifest["model"]["sha256"] == models.folder_sha256(run_dir / "base-model")
    assert manifest["tokenizer"] == {"source": "trained", "digits": "individual"}
    assert manifest["packages"]["google-tunix"] == "0.1.7"
    assert all(manifest["packages"][name] for name in ("jax", "flax", "qwix", "optax", "orbax-checkpoint"))
    assert (manifest["device"], manifest["dtype"], manifest["steps"]) == ("cpu", "fp32", 30)
    assert manifest["final_metrics"]["train_loss"] == pytest.approx(final["train_loss"])
    assert (run_dir / "adapter" / "adapter_model.safetensors").is_file()
    assert (run_dir / "adapter" / "tokenizer.json").is_file()


def test_only_the_assistant_tokens_are_targets_and_every_target_ends_with_eos(dataset_dir: Path) -> None:
    snapshot = data.read(dataset_dir, "train", None)
    tokenizer = models.train_tokenizer(data.texts(snapshot.train), models.TINY_PRESETS["tiny-llama"].vocab_size)
    rows = [encode(example, tokenizer, 128) for example in snapshot.train[:8]]
    tokens, mask = collate(rows[:7], 8, tokenizer.pad_token_id, 128)
    longest = max(len(row.ids) for row in rows[:7])
    assert tokens.shape == (8, -(-longest // jax_backend.LENGTH_BUCKET) * jax_backend.LENGTH_BUCKET)
    assert tokens.shape[1] < 128
    assert not mask[7].any()
    for i in range(7):
        targets = tokens[i][mask[i]].tolist()
        assert tokenizer.decode(targets) == snapshot.train[i]["completion"][0]["content"] + "<end_of_turn>\n"
        assert tokenizer.eos_token == "<end_of_turn>"
        assert tokenizer.eos_token_id in targets
        prompt = tokenizer.decode([t for t, m in zip(tokens[i], mask[i], strict=True) if not m and t != 0])
        assert snapshot.train[i]["prompt"][0]["content"] in prompt
        assert "<reasoning>" not in prompt
    assert tokenizer.pad_token_id == 0


ROLES = ("embed", "lm_head", "q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj", "norm")


def weight_scales(named: list[tuple[str, Any]]) -> dict[str, tuple[int, float]]:
    """Parameter count and standard deviation of each role's weights, all layers together."""
    grouped: dict[str, list[np.ndarray]] = {}
    for name, value in named:
        role = next(role for role in ROLES if role in name)
        grouped.setdefault(role, []).append(np.asarray(value, dtype=np.float64).ravel())
    return {role: (sum(a.size for a in parts), float(np.concatenate(parts).std())) for role, parts in grouped.items()}


def test_a_full_fine_tune_starts_from_the_torch_presets_weights_scale() -> None:
    """AdamW steps are about ``lr`` whatever a weight's size, so a full fine-tune learns as fast
    as the torch backend at the same config only from weights of the torch preset's scale (the
    adapter init's N(0, 1) embeddings left the demo at 0.4-0.6 format compliance where torch
    reached 1). Adapters on a frozen base keep the signal-preserving init they need."""
    import jax
    from flax import nnx

    preset = models.TINY_PRESETS["tiny-llama"]
    tokenizer = models.train_tokenizer(["What is 1 + 2? <reasoning>1 + 2 = 3</reasoning><answer>3</answer>"], 512)
    torch_model = models.tiny_model(preset, tokenizer, max_positions=128, seed=0)
    expected = weight_scales([(name, p.detach().numpy()) for name, p in torch_model.named_parameters()])

    def scales(full: bool) -> dict[str, tuple[int, float]]:
        model = jax_backend.tiny_model(preset, len(tokenizer), 0, full=full)
        leaves = jax.tree_util.tree_flatten_with_path(nnx.state(model, nnx.Param))[0]
        return weight_scales([(jax.tree_util.keystr(path), leaf) for path, leaf in leaves])

    full, adapters = scales(True), scales(False)
    assert set(full) == set(expected) == set(ROLES)
    for role, (count, std) in expected.items():
        assert full[role][0] == count, role
        assert full[role][1] == pytest.approx(std, rel=0.1, abs=1e-6), role
    assert full["norm"][1] == 0.0
    assert adapters["embed"][1] == pytest.approx(1.0, rel=0.1)
    assert adapters["q_proj"][1] == pytest.approx(1 / 8, rel=0.1)


def test_a_resumed_run_continues_with_the_same_losses(dataset_dir: Path, tmp_path: Path) -> None:
    config = tiny_config(backend="jax", max_steps=12, save_steps=6, batch_size=8)
    whole, resumed = MemorySink(), MemorySink()
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    train(config, tmp_path / "a", whole, dataset_dir=dataset_dir, resume_from=None)
    checkpoint = tmp_path / "a" / "checkpoints" / "6"
    train(config, tmp_path / "b", resumed, dataset_dir=dataset_dir, resume_from=checkpoint)
    before, after = losses(whole), losses(resumed)
    assert sorted(after) == list(range(7, 13))
    # The same compiled step on the same inputs from the same restored state: on a CPU XLA is
    # deterministic, so only float32 rounding in the checkpoint round trip (none: it is exact) could differ.
    for step in range(7, 13):
        assert after[step] == pytest.approx(before[step], abs=1e-6), step
    assert json.loads((tmp_path / "b" / "run_manifest.json").read_text())["resumed_from"] == str(checkpoint)


def test_grpo_reward_statistics_are_the_reward_functions_on_the_logged_completions(
    dataset_dir: Path, tmp_path: Path
) -> None:
    specs: list[dict[str, Any]] = [
        {"name": "format"},
        {"name": "correctness", "weight": 2.0},
        {"name": "length", "options": {"max_chars": 12}},
    ]
    config = tiny_config(
        backend="jax",
        method="grpo",
        max_steps=3,
        batch_size=4,
        grpo={
            "num_generations": 2,
            "max_completion_length": 16,
            "rewards": [*specs, probe_spec(tmp_path / "probe.jsonl")],
            "beta": 0.04,
        },
    )
    sink = MemorySink()
    train(config, tmp_path, sink, dataset_dir=dataset_dir, resume_from=None)
    logged = {e.step: e.values for e in sink.of(MetricEvent) if isinstance(e, MetricEvent) and "reward" in e.values}
    assert sorted(logged) == [1, 2, 3]
    assert sorted(losses(sink)) == [1, 2, 3]
    rows = [json.loads(line) for line in (tmp_path / "completions.jsonl").read_text().splitlines()]
    assert len(rows) == 12
    assert_called_as_documented(tmp_path / "probe.jsonl", dataset_dir, steps=3, completions_per_step=4)
    template = data.read(dataset_dir, "train", None).template
    for step, values in logged.items():
        total = [0.0] * 4
        for spec in specs:
            row = next(r for r in rows if r["step"] == step and r["reward"] == spec["name"])
            assert len(row["completions"]) == 4
            scores = rewards.bind(spec["name"], spec.get("options", {}), template)(
                row["completions"], answer=row["answer"]
            )
            assert scores == row["scores"]
            assert values[f"rewards/{spec['name']}/mean"] == pytest.approx(sum(scores) / 4, abs=1e-6)
            total = [t + spec.get("weight", 1.0) * s for t, s in zip(total, scores, strict=True)]
        assert values["reward"] == pytest.approx(sum(total) / 4, abs=1e-6)
    checkpoints = [e.path for e in sink.of(CheckpointEvent) if isinstance(e, CheckpointEvent)]
    assert checkpoints == ["checkpoints/actor/3"]


def test_what_the_jax_backend_cannot_do_is_422_listing_every_key() -> None:
    config = tiny_config(backend="jax", model="gpt2", packing=True, merge=True, dtype="bf16", lora={"dropout": 0.1})
    with pytest.raises(Invalid) as raised:
        require_backend(config)
    locs = {tuple(e["loc"][2:]) for e in raised.value.errors or []}
    assert locs == {("model",), ("packing",), ("merge",), ("dtype",), ("lora", "dropout")}


def test_without_tunix_a_jax_run_is_501_naming_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "tunix" else real(name, *a))
    with pytest.raises(MissingExtra) as raised:
        require_backend(tiny_config(backend="jax"))
    assert "'jax' extra" in raised.value.detail


def test_a_retried_run_restores_the_recorded_checkpoint_not_a_newer_one_on_disk(tmp_path: Path) -> None:
    root = tmp_path / "checkpoints"
    for name in ("10", "20", "30", "30.orbax-checkpoint-tmp-1"):
        (root / name).mkdir(parents=True)
    jax_backend.prepare_checkpoints(root / "20", root)
    assert sorted(p.name for p in root.iterdir()) == ["10", "20"]
    jax_backend.prepare_checkpoints(None, root)
    assert list(root.iterdir()) == []
    elsewhere = tmp_path / "other" / "6"
    elsewhere.mkdir(parents=True)
    (elsewhere / "state").write_text("x")
    jax_backend.prepare_checkpoints(elsewhere, root)
    assert (root / "6" / "state").read_text() == "x"
