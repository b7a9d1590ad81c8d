"""The PyTorch backend on the tiny preset, on a CPU: it learns, masks the prompt, ends targets
with EOS, resumes exactly, and its GRPO reward statistics are what the reward functions give."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.training.conftest import KEY, ROLLOUT_CONFIG, assert_rollouts_recorded, tiny_config
from tests.training.reward_probe import FOLDER, assert_called_as_documented, probe_spec
from tunix_rt.runs.events import CheckpointEvent, MemorySink, MetricEvent
from tunix_rt.training import data, models, rewards
from tunix_rt.training.torch_backend import REAL_TOKENS, build_trainer, train

pytestmark = pytest.mark.slow


def losses(sink: MemorySink) -> dict[int, float]:
    return {e.step: e.values["loss"] for e in sink.of(MetricEvent) if isinstance(e, MetricEvent) and "loss" in e.values}


def test_loss_falls_and_the_run_folder_holds_the_evidence(dataset_dir: Path, tmp_path: Path) -> None:
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    sink = MemorySink()
    config = tiny_config(max_steps=40, batch_size=8, lora={"full": True}, save_steps=20, optimizer={"lr": 3e-3})
    train(config, run_dir, sink, dataset_dir=dataset_dir, resume_from=None)
    loss = losses(sink)
    first, last = loss[1], sum(loss[s] for s in range(36, 41)) / 5
    assert last < 0.45 * first, (first, last)
    metrics = [json.loads(line) for line in (run_dir / "metrics.jsonl").read_text().splitlines()]
    assert [row["loss"] for row in metrics if "loss" in row] == [loss[s] for s in range(1, 41)]
    logged = next(row for row in metrics if row["step"] == 10)
    assert {"lr", "grad_norm", "epoch", "tokens_per_second", "samples_per_second"} <= set(logged)
    assert logged["tokens_per_second"] > 0
    checkpoints = [e.path for e in sink.of(CheckpointEvent) if isinstance(e, CheckpointEvent)]
    assert checkpoints == ["checkpoints/checkpoint-20", "checkpoints/checkpoint-40"]
    assert json.loads((run_dir / checkpoints[0] / "train_config.json").read_text())["max_steps"] == 40
    manifest = json.loads((run_dir / "run_manifest.json").read_text())
    assert manifest["dataset"]["key"] == KEY
    assert (
        manifest["dataset"]["sha256"]["train"]
        == json.loads((dataset_dir / "manifest.json").read_text())["sha256"]["train"]
    )
    assert manifest["model"]["source"] == "tiny"
    assert manifest["model"]["sha256"] == models.folder_sha256(run_dir / "base-model")
    assert manifest["tokenizer"] == {"source": "trained", "digits": "individual"}
    assert len(manifest["tokenizer_sha256"]) == 64
    assert manifest["packages"]["torch"].startswith("2.")
    assert (manifest["device"], manifest["dtype"], manifest["config"]["max_steps"]) == ("cpu", "fp32", 40)
    assert (manifest["model"]["max_positions"], manifest["adapted_modules"]) == (128, None)
    assert manifest["ended_at"] >= manifest["started_at"]
    assert manifest["final_metrics"]["train_loss"] > 0
    assert (run_dir / "adapter" / "model.safetensors").is_file()


def test_only_the_assistant_tokens_are_labels_and_every_target_ends_with_eos(dataset_dir: Path, tmp_path: Path) -> None:
    config = tiny_config()
    snapshot = data.read(dataset_dir, "train", None)
    loaded = models.load(config.model, data.texts(snapshot.train), tmp_path / "base", max_positions=128, seed=0)
    trainer = build_trainer(config, tmp_path, snapshot, loaded, "cpu", "fp32")
    assert trainer.args.gradient_checkpointing is False  # TRL's default would recompute every activation
    batch = trainer.data_collator([trainer.train_dataset[i] for i in range(8)])
    tokenizer = loaded.tokenizer
    longest = max(len(trainer.train_dataset[i]["input_ids"]) for i in range(8))
    assert batch["input_ids"].shape[1] == longest < config.max_seq_length
    for i in range(8):
        labels = [t for t in batch["labels"][i].tolist() if t != -100]
        completion = snapshot.train[i]["completion"][0]["content"]
        assert tokenizer.decode(labels) == completion + "<end_of_turn>\n"
        assert tokenizer.eos_token == "<end_of_turn>"
        assert tokenizer.eos_token_id in labels
        prompt_text = tokenizer.decode(
            [
                t
                for t, lab in zip(batch["input_ids"][i].tolist(), batch["labels"][i].tolist(), strict=True)
                if lab == -100 and t != tokenizer.pad_token_id
            ]
        )
        assert snapshot.train[i]["prompt"][0]["content"] in prompt_text
        assert "<reasoning>" not in prompt_text


def test_a_resumed_run_continues_with_the_same_losses(dataset_dir: Path, tmp_path: Path) -> None:
    config = tiny_config(max_steps=12, save_steps=6, batch_size=8)
    whole, resumed = MemorySink(), MemorySink()
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    train(config, tmp_path / "a", whole, dataset_dir=dataset_dir, resume_from=None)
    checkpoint = tmp_path / "a" / "checkpoints" / "checkpoint-6"
    train(config, tmp_path / "b", resumed, dataset_dir=dataset_dir, resume_from=checkpoint)
    before, after = losses(whole), losses(resumed)
    assert sorted(after) == list(range(7, 13))
    for step in range(7, 13):
        assert after[step] == pytest.approx(before[step], abs=1e-5), step
    adapted = ["down_proj", "gate_proj", "k_proj", "lm_head", "o_proj", "q_proj", "up_proj", "v_proj"]
    manifest = json.loads((tmp_path / "b" / "run_manifest.json").read_text())
    assert manifest["adapted_modules"] == {"names": adapted, "count": 15, "trained_whole": ["lm_head"]}


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
        method="grpo",
        max_steps=3,
        batch_size=4,
        grpo={
            "num_generations": 2,
            "max_completion_length": 16,
            "rewards": [*specs, probe_spec(tmp_path / "probe.jsonl")],
        },
    )
    sink = MemorySink()
    train(config, tmp_path, sink, dataset_dir=dataset_dir, resume_from=None)
    logged = {e.step: e.values for e in sink.of(MetricEvent) if isinstance(e, MetricEvent) and "reward" in e.values}
    assert sorted(logged) == [1, 2, 3]
    rows = [json.loads(line) for line in (tmp_path / "completions.jsonl").read_text().splitlines()]
    assert len(rows) == 12
    assert_called_as_documented(tmp_path / "probe.jsonl", dataset_dir, steps=3, completions_per_step=4)
    template = data.read(dataset_dir, "train", None).template
    for step, values in logged.items():
        total = [0.0] * 4
        for spec in specs:
            row = next(r for r in rows if r["step"] == step and r["reward"] == spec["name"])
            scores = rewards.bind(spec["name"], spec.get("options", {}), template, [FOLDER])(
                row["completions"], answer=row["answer"]
            )
            assert scores == row["scores"]
            assert values[f"rewards/{spec['name']}/mean"] == pytest.approx(sum(scores) / 4, abs=1e-6)
            total = [t + spec.get("weight", 1.0) * s for t, s in zip(total, scores, strict=True)]
        assert values["reward"] == pytest.approx(sum(total) / 4, abs=1e-6)


def test_packed_rows_stay_rows_and_each_sequence_attends_only_to_itself(dataset_dir: Path, tmp_path: Path) -> None:
    import torch

    # Rows long enough for several traces now that each digit (and the space before it) is a token.
    config = tiny_config(packing=True, batch_size=4, max_seq_length=256)
    snapshot = data.read(dataset_dir, "train", None)
    loaded = models.load(config.model, data.texts(snapshot.train), tmp_path / "base", max_positions=256, seed=0)
    trainer = build_trainer(config, tmp_path, snapshot, loaded, "cpu", "fp32")
    rows = [trainer.train_dataset[i] for i in range(4)]
    batch = trainer.data_collator(rows)
    assert batch["input_ids"].shape == (4, max(len(row["input_ids"]) for row in rows))
    assert batch.pop(REAL_TOKENS) == sum(len(row["input_ids"]) for row in rows)
    first = rows[0]
    assert len(first["seq_lengths"]) > 2  # several traces share the row
    model = trainer.model.eval()
    with torch.no_grad():
        packed = model(**{k: v for k, v in batch.items() if k != "labels"}).logits[0]
        start = 0
        for length in first["seq_lengths"]:
            alone = model(input_ids=torch.tensor([first["input_ids"][start : start + length]])).logits[0]
            torch.testing.assert_close(packed[start : start + length], alone, atol=1e-4, rtol=1e-4)
            targets = [t for t in batch["labels"][0, start : start + length].tolist() if t != -100]
            assert loaded.tokenizer.decode(targets).endswith("</answer><end_of_turn>\n")
            start += length


def test_packing_counts_the_real_tokens_it_trains_on(dataset_dir: Path, tmp_path: Path) -> None:
    config = tiny_config(packing=True, batch_size=4, max_steps=3)
    train(config, tmp_path, MemorySink(), dataset_dir=dataset_dir, resume_from=None)
    snapshot = data.read(dataset_dir, "train", None)
    loaded = models.load(config.model, data.texts(snapshot.train), tmp_path / "again", max_positions=128, seed=0)
    trainer = build_trainer(config, tmp_path / "again", snapshot, loaded, "cpu", "fp32")
    logged = [json.loads(line) for line in (tmp_path / "metrics.jsonl").read_text().splitlines()]
    counted = next(row["num_tokens"] for row in logged if row["step"] == 3 and "num_tokens" in row)
    order = list(trainer.get_train_dataloader().batch_sampler)[:3]
    assert counted == sum(len(trainer.train_dataset[i]["input_ids"]) for batch in order for i in batch)


def test_grpo_rollouts_are_recorded_at_the_interval_with_the_trainers_rewards_and_advantages(
    dataset_dir: Path, tmp_path: Path
) -> None:
    sink = MemorySink()
    train(tiny_config(**ROLLOUT_CONFIG), tmp_path, sink, dataset_dir=dataset_dir, resume_from=None)
    assert_rollouts_recorded(sink, tmp_path, dataset_dir)
