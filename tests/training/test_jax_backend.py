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

from tests.training.conftest import KEY, ROLLOUT_CONFIG, assert_rollouts_recorded, tiny_config
from tests.training.reward_probe import FOLDER, assert_called_as_documented, probe_spec
from tunix_rt.errors import Invalid, MissingExtra
from tunix_rt.runs.events import CheckpointEvent, MemorySink, MetricEvent, StatusEvent
from tunix_rt.training import data, jax_backend, models, rewards
from tunix_rt.training.jax_backend import collate, encode, train
from tunix_rt.training.kind import require_backend

pytestmark = [pytest.mark.slow, pytest.mark.jax]


PROJECTIONS = ["down_proj", "gate_proj", "k_proj", "o_proj", "q_proj", "up_proj", "v_proj"]
ADAPTED = sorted([*PROJECTIONS, "lm_head"])


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
    statuses = [e.message for e in sink.of(StatusEvent) if isinstance(e, StatusEvent)]
    line = f"step 10/30 loss {loss[10]:.4g} lr {logged['lr']:.4g} grad_norm {logged['grad_norm']:.4g}"
    assert line in statuses
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
    assert manifest["model"]["max_positions"] == 128
    assert manifest["adapted_modules"] == {"names": ADAPTED, "count": 15, "trained_whole": []}
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
    dataset_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TUNIX_RT_REWARD_DIRS", str(FOLDER))
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
            scores = rewards.bind(spec["name"], spec.get("options", {}), template, [FOLDER])(
                row["completions"], answer=row["answer"]
            )
            assert scores == row["scores"]
            assert values[f"rewards/{spec['name']}/mean"] == pytest.approx(sum(scores) / 4, abs=1e-6)
            total = [t + spec.get("weight", 1.0) * s for t, s in zip(total, scores, strict=True)]
        assert values["reward"] == pytest.approx(sum(total) / 4, abs=1e-6)
    checkpoints = [e.path for e in sink.of(CheckpointEvent) if isinstance(e, CheckpointEvent)]
    assert checkpoints == ["checkpoints/actor/3"]


def test_grpo_rollouts_are_recorded_at_the_interval_with_tunixs_rewards_and_advantages(
    dataset_dir: Path, tmp_path: Path
) -> None:
    sink = MemorySink()
    train(tiny_config(backend="jax", **ROLLOUT_CONFIG), tmp_path, sink, dataset_dir=dataset_dir, resume_from=None)
    assert_rollouts_recorded(sink, tmp_path, dataset_dir)


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


def test_both_backends_adapt_the_same_modules_by_default(dataset_dir: Path, tmp_path: Path) -> None:
    """On a tiny preset ``all-linear`` is every projection and the output head, on both backends
    (torch trains the head whole: TRL 1.16 refuses an adapter on ``lm_head``)."""
    import jax
    from flax import nnx
    from peft import get_peft_model
    from peft.tuners.lora import LoraLayer
    from peft.utils import ModulesToSaveWrapper

    from tunix_rt.training import torch_backend

    config = tiny_config()
    tiny = models.TINY_PRESETS[config.model]
    snapshot = data.read(dataset_dir, "train", None)
    loaded = models.load(config.model, data.texts(snapshot.train), tmp_path / "base", max_positions=128, seed=0)
    peft_model = get_peft_model(loaded.model, torch_backend._peft_config(config))
    adapted = (LoraLayer, ModulesToSaveWrapper)
    torch_paths = {name for name, module in peft_model.named_modules() if isinstance(module, adapted)}
    jax_model = jax_backend.with_adapters(jax_backend.tiny_model(tiny, len(loaded.tokenizer), 0), config)
    jax_leaves = jax.tree_util.tree_flatten_with_path(nnx.state(jax_model, nnx.LoRAParam))[0]
    # A LoRA parameter's path is the module's, then the parameter's name (w_lora_a...), then value.
    jax_paths = {".".join(str(p.key) for p in path if hasattr(p, "key")).rsplit(".", 1)[0] for path, _ in jax_leaves}
    for paths in (torch_paths, jax_paths):
        assert sorted({path.rsplit(".", 1)[-1] for path in paths}) == ADAPTED
        assert len(paths) == len(PROJECTIONS) * tiny.layers + 1


def test_tunixs_sampler_returns_a_completion_without_the_eos_that_ended_it() -> None:
    """What the GRPO fix below rests on: the tokens Tunix 0.1.7's sampler returns stop before
    the EOS, so the backend has to put it back for the loss to see it."""
    from tunix.generate.sampler import CacheConfig, Sampler

    tokenizer = models.train_tokenizer(["What is 1 + 2? <reasoning>1 + 2 = 3</reasoning><answer>3</answer>"], 512)
    model = jax_backend.tiny_model(models.TINY_PRESETS["tiny-llama"], len(tokenizer), 0)
    cache = CacheConfig(cache_size=64, num_layers=2, num_kv_heads=4, head_dim=16)
    sampler = Sampler(model, jax_backend.TunixTokenizer(tokenizer), cache)
    prompt = tokenizer.apply_chat_template([{"role": "user", "content": "1 + 2?"}], tokenize=False)
    free = sampler([prompt], max_generation_steps=12, eos_tokens=[tokenizer.eos_token_id]).tokens[0].tolist()
    stop = next(token for k, token in enumerate(free) if k >= 2 and token not in free[:k])
    ended = sampler([prompt], max_generation_steps=12, eos_tokens=[stop]).tokens[0].tolist()
    assert ended == free[: free.index(stop)]


@pytest.mark.parametrize("pad", ["own", "eos"])
def test_grpo_trains_on_the_eos_that_ends_a_completion_and_on_every_prompt_token(
    pad: str, dataset_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GRPO's loss covers a completion up to and including its EOS, as TRL's does, and attends
    to the whole prompt, also where the tokenizer's pad is its EOS (a checkpoint without a pad
    token): Tunix masks ``token != pad``, which would drop the EOS and the prompt's end-of-turn
    tokens. Row i's completion ends with an EOS after 1 + i % 3 tokens (what the sampler returns
    then: the tokens before it)."""
    import dataclasses

    from tunix.rl.grpo.grpo_learner import GRPOLearner
    from tunix.rl.rollout.vanilla_rollout import VanillaRollout

    build_base = jax_backend.build_base

    def padded_with_eos(*args: Any) -> Any:
        tokenizer, base, source = build_base(*args)
        tokenizer.pad_token = tokenizer.eos_token
        return tokenizer, base, source

    if pad == "eos":
        monkeypatch.setattr(jax_backend, "build_base", padded_with_eos)
    generate, kept = VanillaRollout.generate, list[list[int]]()

    def ended_early(self: Any, prompts: list[str], rollout_config: Any, **kwargs: Any) -> Any:
        output = generate(self, prompts, rollout_config, **kwargs)
        kept.extend(row[: 1 + i % 3].tolist() for i, row in enumerate(output.tokens))
        return dataclasses.replace(output, tokens=[row[: 1 + i % 3] for i, row in enumerate(output.tokens)])

    monkeypatch.setattr(VanillaRollout, "generate", ended_early)
    advantage, examples = GRPOLearner._generate_and_compute_advantage, list[Any]()

    def captured(self: Any, *args: Any, **kwargs: Any) -> Any:
        examples.append(advantage(self, *args, **kwargs))
        return examples[-1]

    monkeypatch.setattr(GRPOLearner, "_generate_and_compute_advantage", captured)
    grpo = {"num_generations": 2, "max_completion_length": 8}
    config = tiny_config(backend="jax", method="grpo", max_steps=1, batch_size=4, grpo=grpo)
    train(config, tmp_path, MemorySink(), dataset_dir=dataset_dir, resume_from=None)
    snapshot = data.read(dataset_dir, "train", None)
    tokenizer = models.train_tokenizer(data.texts(snapshot.train), models.TINY_PRESETS["tiny-llama"].vocab_size)
    (example,) = examples
    ids, mask = np.asarray(example.completion_ids).tolist(), np.asarray(example.completion_mask).tolist()
    assert len(kept) == 4
    for row, tokens in enumerate(kept):
        ended = len(tokens) + 1
        assert ids[row][:ended] == [*tokens, tokenizer.eos_token_id]
        assert mask[row] == [True] * ended + [False] * (8 - ended)
    prompts, prompt_mask = np.asarray(example.prompt_ids).tolist(), np.asarray(example.prompt_mask).tolist()
    for row, ids_row in enumerate(prompts):
        start = ids_row.index(tokenizer.bos_token_id)
        assert tokenizer.eos_token_id in ids_row[start:]  # the user turn's end
        assert prompt_mask[row] == [False] * start + [True] * (len(ids_row) - start)
