"""Generation and evaluation with Tunix's sampler on a CPU: a short JAX LoRA run loads back exactly
as it was saved, batching changes nothing under greedy decoding, and the normal evaluation path
scores the trained model far more format-compliant than the untrained preset."""

from __future__ import annotations

import json
import shutil
import uuid
from pathlib import Path
from typing import Any

import pytest

from tests.evaluation.conftest import EVALSET, arithmetic_items, write_evalset
from tests.training.conftest import arithmetic_records, tiny_config, write_snapshot
from tunix_rt.errors import TunixError
from tunix_rt.evaluation import answers, generate, jax_generate
from tunix_rt.evaluation.config import EvalConfig, SamplingSettings
from tunix_rt.evaluation.evaluate import PREDICTIONS, evaluate
from tunix_rt.runs.events import MemorySink
from tunix_rt.settings import Settings

pytestmark = [pytest.mark.slow, pytest.mark.jax]


@pytest.fixture(scope="module")
def jax_trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, uuid.UUID]:
    """A data home holding an arithmetic eval set and a JAX LoRA run (its folder named by its id)."""
    from tunix_rt.training.jax_backend import train

    home = tmp_path_factory.mktemp("jax-eval-home")
    dataset = write_snapshot(home, "arith@v1", arithmetic_records(256), arithmetic_records(16, seed=1))
    write_evalset(home, EVALSET, arithmetic_items(16, seed=5))
    run_id = uuid.uuid4()
    run_dir = home / "runs" / str(run_id)
    run_dir.mkdir(parents=True)
    config = tiny_config(backend="jax", max_steps=60, batch_size=16, optimizer={"lr": 3e-3})
    train(config, run_dir, MemorySink(), dataset_dir=dataset, resume_from=None)
    return home, run_id


def run_eval(home: Path, out: Path, **config: Any) -> dict[str, Any]:
    out.mkdir(parents=True)
    body = {"evalset": EVALSET, "backend": "jax", "max_new_tokens": 40, "device": "cpu", **config}
    return evaluate(EvalConfig.model_validate(body), out, MemorySink(), Settings(home=home))


def test_batched_and_sequential_greedy_generation_are_identical(jax_trained: tuple[Path, uuid.UUID]) -> None:
    home, run_id = jax_trained
    loaded = jax_generate.load_run(home / "runs" / str(run_id), None, "cpu")
    assert loaded.source["weights"] == "adapter"
    questions = [f"What is {a} + {b}?" for a, b in ((1, 2), (9, 9), (0, 7), (5, 4), (8, 3), (6, 6))]
    questions.append("Tell me a story about a very long and winding road, please.")
    prompts = generate.render_prompts(loaded.tokenizer, questions, loaded.template)
    greedy = SamplingSettings()
    batched = jax_generate.generate(loaded, prompts, batch_size=8, max_new_tokens=24, sampling=greedy)
    one_by_one = jax_generate.generate(loaded, prompts, batch_size=1, max_new_tokens=24, sampling=greedy)
    assert batched == one_by_one
    assert any(g.text.endswith("</answer>") and not g.truncated for g in batched)
    # The close tag is kept: a row stopped there is a closed tag, which strict requires.
    assert any(answers.extract(g.text).method == "tag" and not g.truncated for g in batched)
    sampled = jax_generate.generate(
        loaded, prompts, batch_size=8, max_new_tokens=24, sampling=SamplingSettings(temperature=1.5, seed=3)
    )
    assert len(sampled) == len(prompts)
    assert sampled != batched


def test_the_trained_jax_run_follows_the_format_far_more_than_the_untrained_preset(
    jax_trained: tuple[Path, uuid.UUID], tmp_path: Path
) -> None:
    home, run_id = jax_trained
    before = run_eval(home, tmp_path / "before", model="tiny-llama")
    after = run_eval(home, tmp_path / "after", run=str(run_id))
    untrained, trained = before["scorecard"], after["scorecard"]
    assert trained["format_compliance"]["value"] >= untrained["format_compliance"]["value"] + 0.5
    assert trained["format_compliance"]["low"] > untrained["format_compliance"]["high"], (untrained, trained)
    assert after["model"] == {
        "type": "run",
        "run": str(run_id),
        "weights": "adapter",
        "base_model": "tiny-llama",
        "ref": f"run:{run_id}",
    }
    assert before["model"] == {
        "type": "model",
        "model": "tiny-llama",
        "source": "tiny",
        "tokenizer": {"source": "trained", "digits": "individual"},
        "ref": "tiny-llama",
    }
    assert (after["generation"]["backend"], after["generation"]["device"]) == ("jax", "cpu")
    assert after["generation"]["sampling"]["temperature"] == 0.0
    assert after["packages"]["google-tunix"] == "0.1.7"
    settings = after["scorecard"]["settings"]
    assert (settings["backend"], settings["dtype"], settings["packages"]["google-tunix"]) == ("jax", "float32", "0.1.7")


def test_jax_generation_refuses_what_it_cannot_load(jax_trained: tuple[Path, uuid.UUID], tmp_path: Path) -> None:
    home, run_id = jax_trained
    with pytest.raises(TunixError, match="backend torch"):
        jax_generate.load_model("gpt2", ["text"], None, "cpu", 0)
    torch_run = tmp_path / "torch-run"
    torch_run.mkdir()
    manifest = (home / "runs" / str(run_id) / "run_manifest.json").read_text()
    (torch_run / "run_manifest.json").write_text(manifest.replace('"backend": "jax"', '"backend": "torch"'))
    with pytest.raises(TunixError, match="trained with backend torch"):
        jax_generate.load_run(torch_run, None, "cpu")


def test_generation_stops_at_the_models_last_position_as_on_torch(
    jax_trained: tuple[Path, uuid.UUID], tmp_path: Path
) -> None:
    """The run's manifest says how many positions its model is built for (the training run's
    max_seq_length, 128); a copy that says 24 leaves each prompt a few tokens of room, where
    every output stops, marked truncated, as the torch path does."""
    home, run_id = jax_trained
    manifest = json.loads((home / "runs" / str(run_id) / "run_manifest.json").read_text())
    assert manifest["model"]["max_positions"] == 128
    short = uuid.uuid4()
    shutil.copytree(home / "runs" / str(run_id), home / "runs" / str(short))
    manifest["model"]["max_positions"] = 24
    (home / "runs" / str(short) / "run_manifest.json").write_text(json.dumps(manifest))
    summary = run_eval(home, tmp_path / "short", run=str(short))
    lines = [json.loads(line) for line in (tmp_path / "short" / PREDICTIONS).read_text().splitlines()]
    tokenizer = jax_generate.load_run(home / "runs" / str(short), None, "cpu").tokenizer
    rooms = [24 - len(tokenizer(line["rendered_prompt"], add_special_tokens=False)["input_ids"]) for line in lines]
    assert min(rooms) > 0
    assert [(line["output_tokens"], line["truncated"]) for line in lines] == [(room, True) for room in rooms]
    assert (summary["generation"]["max_positions"], summary["generation"]["position_limited"]) == (24, 16)
