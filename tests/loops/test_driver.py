"""The loop's pure parts: the bodies of the runs a round submits, checked by the kinds' own
config models, so a round's runs are accepted as the user's own would be."""

from __future__ import annotations

import uuid
from pathlib import Path

from tunix_rt.datasets.schema import DatasetCreate
from tunix_rt.loops.config import LoopConfig
from tunix_rt.loops.driver import dataset_request, eval_body, sample_body, train_body
from tunix_rt.sampling.config import SampleConfig
from tunix_rt.training.config import TrainConfig

LOOP = uuid.UUID("77777777-7777-4777-8777-777777777777")
START = uuid.UUID("66666666-6666-4666-8666-666666666666")
CONFIG = LoopConfig.model_validate(
    {
        "start": str(START),
        "dataset": "arith@v1",
        "evalset": "arith-eval@v1",
        "sampling": {"k": 3, "prompts": 50, "temperature": 0.5, "max_tokens": 96},
        "training": {"steps": 40, "lr": 1e-3},
        "evaluation": {"max_new_tokens": 96},
        "seed": 7,
    }
)


def test_each_round_samples_the_previous_model_on_the_training_prompts_with_its_own_seed() -> None:
    first = SampleConfig.model_validate(sample_body(CONFIG, START, 1, LOOP))
    second = SampleConfig.model_validate(sample_body(CONFIG, START, 2, LOOP))
    assert first.source.dataset == "arith@v1"
    assert (first.source.split, first.source.limit, first.k, first.policy) == ("train", 50, 3, "verified")
    assert first.model.local == str(START)
    assert (first.params.temperature, first.params.max_tokens) == (0.5, 96)
    assert (first.params.seed, second.params.seed) == (1007, 2007)
    assert first.tags == [f"loop:{LOOP}", "loop-round:1"]


def test_a_round_trains_like_the_start_run_but_from_the_previous_weights_on_its_own_data() -> None:
    start = TrainConfig.model_validate(
        {
            "model": "tiny-llama",
            "tokenizer": {},
            "dataset": {"key": "arith@v1"},
            "lora": {"full": True},
            "optimizer": {"lr": 3e-3, "warmup_steps": 10},
            "epochs": 2,
            "batch_size": 32,
            "max_seq_length": 192,
            "eval_steps": 50,
            "evaluate": {"evalset": "arith-eval@v1"},
        }
    ).model_dump(mode="json")
    weights = Path("/home/runs") / str(START) / "adapter"
    body = TrainConfig.model_validate(train_body(start, CONFIG, weights, "loop-77777777@v2"))
    assert body.model == str(weights)
    assert body.tokenizer is None  # a trained folder keeps its own tokenizer
    assert (body.dataset.key, body.dataset.split) == ("loop-77777777@v2", "train")
    assert (body.max_steps, body.save_steps, body.epochs, body.eval_steps) == (40, 40, None, None)
    assert (body.optimizer.lr, body.optimizer.warmup_steps) == (1e-3, 10)
    assert (body.batch_size, body.max_seq_length, body.lora.full) == (32, 192, True)
    assert body.evaluate is not None
    assert (body.evaluate.evalset, body.evaluate.max_new_tokens, body.evaluate.batch_size) == ("arith-eval@v1", 96, 100)


def test_round_zero_is_judged_with_the_settings_of_every_round() -> None:
    assert eval_body(CONFIG, START, "torch") == {
        "run": str(START),
        "evalset": "arith-eval@v1",
        "backend": "torch",
        "batch_size": 100,
        "max_new_tokens": 96,
    }


def test_a_round_dataset_holds_exactly_the_given_traces_all_for_training() -> None:
    ids = [str(uuid.UUID(int=n)) for n in (1, 2)]
    request = DatasetCreate.model_validate(dataset_request("loop-77777777", LOOP, 2, ids))
    assert (request.name, request.query.ids, request.split.eval_fraction) == ("loop-77777777", ids, 0.0)
    assert "round 2" in request.description


def test_a_round_dataset_can_require_every_arithmetic_step_to_check_out() -> None:
    ids = [str(uuid.UUID(int=1))]
    checked = DatasetCreate.model_validate(dataset_request("loop-77777777", LOOP, 1, ids, steps_checked=True))
    assert (checked.query.ids, checked.query.arithmetic) == (ids, "verified")
    assert DatasetCreate.model_validate(dataset_request("loop-77777777", LOOP, 1, ids)).query.arithmetic is None
