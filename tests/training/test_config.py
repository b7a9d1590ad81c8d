"""The train config: defaults, unknown keys named, conflicting options refused together."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from tunix_rt.rollouts.alarms import Thresholds
from tunix_rt.training.config import TrainConfig


def test_defaults_fill_a_minimal_config() -> None:
    config = TrainConfig.model_validate({"dataset": {"key": "arith@v1"}})
    assert (config.backend, config.method, config.model, config.dtype, config.device) == (
        "torch",
        "sft",
        "tiny-llama",
        "auto",
        "auto",
    )
    assert (config.train_epochs, config.lora.rank, config.lora.scaling_alpha) == (1.0, 8, 16)
    assert config.grpo_settings.num_generations == 4
    assert TrainConfig.model_validate({"dataset": {"key": "a@v1"}, "backend": "jax"}).backend == "jax"


def test_every_unknown_key_is_named() -> None:
    with pytest.raises(ValidationError) as caught:
        TrainConfig.model_validate({"dataset": {"key": "a@v1", "x": 1}, "lr": 0.1, "lora": {"rank": 4}})
    assert {tuple(e["loc"]) for e in caught.value.errors()} == {("dataset", "x"), ("lr",), ("lora", "rank")}


def test_conflicting_options_are_refused_together() -> None:
    body = {
        "dataset": {"key": "a@v1"},
        "epochs": 2,
        "max_steps": 10,
        "lora": {"full": True, "alpha": 4},
        "grpo": {"num_generations": 2},
        "device": "tpu",
    }
    with pytest.raises(ValidationError) as caught:
        TrainConfig.model_validate(body)
    message = caught.value.errors()[0]["msg"]
    for problem in ("epochs or max_steps", "lora.full", "only used with method grpo", "device tpu needs backend jax"):
        assert problem in message


def test_grpo_batches_hold_whole_groups_and_do_not_pack() -> None:
    base = {"dataset": {"key": "a@v1"}, "method": "grpo", "grpo": {"num_generations": 4}}
    assert TrainConfig.model_validate({**base, "batch_size": 8}).grpo_settings.num_generations == 4
    with pytest.raises(ValidationError, match=r"multiple of grpo\.num_generations"):
        TrainConfig.model_validate({**base, "batch_size": 6})
    with pytest.raises(ValidationError, match="packing applies to sft only"):
        TrainConfig.model_validate({**base, "batch_size": 8, "packing": True})


def test_grpo_rollouts_are_recorded_at_logging_steps_unless_an_interval_is_given() -> None:
    base = {"dataset": {"key": "a@v1"}, "method": "grpo", "batch_size": 8}
    assert TrainConfig.model_validate(base).grpo_settings.rollouts_every is None
    given = TrainConfig.model_validate({**base, "grpo": {"rollouts_every": 5}})
    assert given.grpo_settings.rollouts_every == 5
    with pytest.raises(ValidationError, match="rollouts_every"):
        TrainConfig.model_validate({**base, "grpo": {"rollouts_every": 0}})


def test_grpo_alarm_thresholds_default_to_the_documented_ones_and_are_checked() -> None:
    base = {"dataset": {"key": "a@v1"}, "method": "grpo", "batch_size": 8}
    assert TrainConfig.model_validate(base).grpo_settings.alarms.thresholds == Thresholds()
    given = TrainConfig.model_validate({**base, "grpo": {"alarms": {"window": 6, "length_factor": 3}}})
    assert given.grpo_settings.alarms.thresholds == Thresholds(window=6, length_factor=3.0)
    refused = {
        "window": 1,
        "format_rise": 0,
        "length_factor": 0.5,
        "min_length_growth": -1,
        "zero_std_fraction": 1.5,
        "correctness_gain": "nan",
    }
    for name, value in refused.items():
        with pytest.raises(ValidationError) as caught:
            TrainConfig.model_validate({**base, "grpo": {"alarms": {name: value}}})
        assert [error["loc"] for error in caught.value.errors()] == [("grpo", "alarms", name)], name
    with pytest.raises(ValidationError, match="Extra inputs"):
        TrainConfig.model_validate({**base, "grpo": {"alarms": {"windw": 3}}})


def test_tokenizer_settings_belong_to_tiny_presets() -> None:
    base = {"dataset": {"key": "a@v1"}}
    assert TrainConfig.model_validate(base).tokenizer_settings.digits == "individual"
    merged = TrainConfig.model_validate({**base, "tokenizer": {"digits": "merged"}})
    assert (merged.tokenizer_settings.digits, merged.model_dump()["tokenizer"]) == ("merged", {"digits": "merged"})
    with pytest.raises(ValidationError, match="tokenizer settings apply to tiny presets only"):
        TrainConfig.model_validate({**base, "model": "Qwen/Qwen2.5-0.5B", "tokenizer": {"digits": "individual"}})
    with pytest.raises(ValidationError) as caught:
        TrainConfig.model_validate({**base, "tokenizer": {"digits": "pairs"}})
    assert caught.value.errors()[0]["loc"] == ("tokenizer", "digits")


def test_gradient_checkpointing_is_on_only_where_memory_is_worth_compute() -> None:
    base = {"dataset": {"key": "a@v1"}}
    tiny = TrainConfig.model_validate(base)
    hub = TrainConfig.model_validate({**base, "model": "Qwen/Qwen2.5-0.5B"})
    assert (tiny.checkpointing_on("cuda"), tiny.checkpointing_on("cpu")) == (False, False)
    assert (hub.checkpointing_on("cuda"), hub.checkpointing_on("cpu")) == (True, False)
    assert TrainConfig.model_validate({**base, "gradient_checkpointing": True}).checkpointing_on("cpu")
    with pytest.raises(ValidationError, match="gradient_checkpointing applies to backend torch"):
        TrainConfig.model_validate({**base, "backend": "jax", "gradient_checkpointing": False})


def test_the_output_head_is_adapted_on_tiny_presets_or_when_named() -> None:
    base = {"dataset": {"key": "a@v1"}}
    tiny, hub = TrainConfig.model_validate(base), TrainConfig.model_validate({**base, "model": "Qwen/Qwen2.5-0.5B"})
    assert (tiny.lora_targets, tiny.lora_head, hub.lora_targets, hub.lora_head) == (
        "all-linear",
        True,
        "all-linear",
        False,
    )
    named = TrainConfig.model_validate(
        {**base, "model": "Qwen/Qwen2.5-0.5B", "lora": {"target_modules": ["q_proj", "lm_head"]}}
    )
    assert (named.lora_targets, named.lora_head) == (["q_proj"], True)
    assert not TrainConfig.model_validate({**base, "lora": {"target_modules": ["q_proj"]}}).lora_head
    with pytest.raises(ValidationError, match="must name a module besides lm_head"):
        TrainConfig.model_validate({**base, "lora": {"target_modules": ["lm_head"]}})


def test_a_model_has_positions_for_its_longest_sequence_and_grpo_completion() -> None:
    base = {"dataset": {"key": "a@v1"}, "max_seq_length": 96}
    assert TrainConfig.model_validate(base).max_positions == 96
    grpo = {**base, "method": "grpo", "grpo": {"max_completion_length": 40}}
    assert TrainConfig.model_validate(grpo).max_positions == 136


def test_resources_that_cannot_run_are_refused_together() -> None:
    body = {
        "dataset": {"key": "a@v1"},
        "batch_size": 6,
        "device": "cpu",
        "merge": True,
        "resources": {"devices": 4, "nodes": 2, "strategy": "fsdp"},
    }
    with pytest.raises(ValidationError) as caught:
        TrainConfig.model_validate(body)
    message = caught.value.errors()[0]["msg"]
    for problem in (
        "resources.nodes over 1 needs resources.rendezvous",
        "batch_size 6 must be a multiple of resources.devices x resources.nodes (8)",
        "fsdp shards on GPUs only",
        "merge is not available with resources.strategy fsdp",
    ):
        assert problem in message
    with pytest.raises(ValidationError, match="devices"):
        TrainConfig.model_validate({"dataset": {"key": "a@v1"}, "resources": {"devices": 0}})
    with pytest.raises(ValidationError, match=r"only used with resources\.nodes over 1"):
        TrainConfig.model_validate({"dataset": {"key": "a@v1"}, "resources": {"rendezvous": "10.0.0.1:29500"}})
    with pytest.raises(ValidationError, match=r"needs resources\.devices x nodes over 1"):
        TrainConfig.model_validate({"dataset": {"key": "a@v1"}, "resources": {"strategy": "fsdp"}})


def test_the_batch_is_the_whole_runs_and_each_process_takes_its_share() -> None:
    config = TrainConfig.model_validate(
        {"dataset": {"key": "a@v1"}, "batch_size": 16, "resources": {"devices": 2, "nodes": 2, "rendezvous": "h:1"}}
    )
    assert (config.resources.world_size, config.per_device_batch_size) == (4, 4)
    assert TrainConfig.model_validate({"dataset": {"key": "a@v1"}}).per_device_batch_size == 8
