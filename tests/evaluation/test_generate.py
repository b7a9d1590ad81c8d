"""Generation and evaluation on a CPU with the tiny preset: training makes the model follow the
format, batching changes nothing under greedy decoding, and the evidence files are complete."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SHARED_DATA
from tests.evaluation.conftest import EVALSET, write_evalset
from tunix_rt.datasets.evalsets import EvalItem
from tunix_rt.datasets.template import RenderTemplate
from tunix_rt.evaluation import answers, determinants, generate
from tunix_rt.evaluation.config import EvalConfig, SamplingSettings
from tunix_rt.evaluation.evaluate import PREDICTIONS, SUMMARY, evaluate
from tunix_rt.runs.events import ArtifactEvent, LogEvent, MemorySink, StatusEvent
from tunix_rt.settings import Settings

pytestmark = pytest.mark.slow


def run_eval(home: Path, out: Path, **config: Any) -> dict[str, Any]:
    out.mkdir(parents=True)
    body = {"evalset": EVALSET, "max_new_tokens": 40, "device": "cpu", **config}
    return evaluate(EvalConfig.model_validate(body), out, MemorySink(), Settings(home=home))


def test_trained_model_follows_the_format_far_more_than_untrained(
    trained: tuple[Path, uuid.UUID], tmp_path: Path
) -> None:
    home, run_id = trained
    base = home / "runs" / str(run_id) / "base-model"
    before = run_eval(home, tmp_path / "before", model=str(base))["scorecard"]
    sink = MemorySink()
    out = tmp_path / "after"
    out.mkdir()
    config = EvalConfig.model_validate({"evalset": EVALSET, "run": str(run_id), "max_new_tokens": 40, "device": "cpu"})
    summary = evaluate(config, out, sink, Settings(home=home))
    after = summary["scorecard"]
    assert after["format_compliance"]["value"] >= before["format_compliance"]["value"] + 0.5, (before, after)
    assert after["strict_accuracy"]["value"] > before["strict_accuracy"]["value"]
    assert after["format_compliance"]["low"] > before["format_compliance"]["high"]
    assert summary["model"] == {
        "type": "run",
        "run": str(run_id),
        "weights": "full",
        "base_model": "tiny-llama",
        "ref": f"run:{run_id}",
    }
    assert summary["judges"] == [{"name": "math", "version": "2"}, {"name": "format", "version": "1"}]
    assert summary["generation"]["sampling"]["temperature"] == 0.0
    assert len(summary["evalset"]["sha256"]) == 64
    recorded = after["settings"]
    assert {
        key: recorded[key] for key in ("backend", "dtype", "device", "batch_size", "max_new_tokens", "samples")
    } == {
        "backend": "torch",
        "dtype": "float32",
        "device": "cpu",
        "batch_size": 16,
        "max_new_tokens": 40,
        "samples": 1,
    }
    assert recorded["sampling"] == {"temperature": 0.0}
    assert recorded["judges"] == {"math": "2", "format": "1"}
    assert recorded["checker_version"] == answers.CHECKER_VERSION
    assert recorded["evalset"] == {"key": EVALSET, "sha256": summary["evalset"]["sha256"], "items": 16}
    assert recorded["packages"]["torch"] == summary["packages"]["torch"]
    assert recorded["template_sha256"] == determinants.template_hash(RenderTemplate.model_validate(summary["template"]))
    assert after["settings_hash"] == determinants.fingerprint(recorded)
    # The untrained model was scored with the same settings: the two may be compared.
    assert before["settings_hash"] == after["settings_hash"]
    lines = [json.loads(line) for line in (out / PREDICTIONS).read_text().splitlines()]
    assert len(lines) == after["n_items"] == 16
    first = lines[0]
    assert {"id", "prompt", "output", "extracted_answer", "strict", "lenient", "format_ok", "judges", "failure"} <= set(
        first
    )
    assert first["rendered_prompt"].endswith("<start_of_turn>model\n")
    assert sum(after["failures"].values()) == 16 - after["strict_accuracy"]["hits"]
    assert set(after["breakdowns"]["category"]) <= {"small", "large"}
    assert json.loads((out / SUMMARY).read_text())["scorecard"] == after
    assert [e.path for e in sink.of(ArtifactEvent) if isinstance(e, ArtifactEvent)] == [PREDICTIONS, SUMMARY]
    assert any(e.progress == 1.0 for e in sink.of(StatusEvent) if isinstance(e, StatusEvent))


def test_batched_and_sequential_greedy_generation_are_identical(trained: tuple[Path, uuid.UUID]) -> None:
    home, run_id = trained
    loaded = generate.load_run(home / "runs" / str(run_id), None, "cpu")
    questions = [f"What is {a} + {b}?" for a, b in ((1, 2), (9, 9), (0, 7), (5, 4), (8, 3), (6, 6))]
    questions.append("Tell me a story about a very long and winding road, please.")
    prompts = generate.render_prompts(loaded.tokenizer, questions, loaded.template)
    greedy = SamplingSettings()
    batched = generate.generate(loaded, prompts, batch_size=8, max_new_tokens=24, sampling=greedy)
    one_by_one = generate.generate(loaded, prompts, batch_size=1, max_new_tokens=24, sampling=greedy)
    assert batched == one_by_one
    assert any(g.text.endswith("</answer>") and not g.truncated for g in batched)
    # The stop string is kept: a row stopped at the close tag is a closed tag, which strict requires.
    assert any(answers.extract(g.text).method == "tag" and not g.truncated for g in batched)


def test_the_original_eval_v2_file_evaluates_end_to_end(trained: tuple[Path, uuid.UUID], tmp_path: Path) -> None:
    source = SHARED_DATA / "eval_v2.jsonl"
    if not source.is_file():
        pytest.skip(f"the original tunix-rt data files are not at {SHARED_DATA}")
    home, run_id = trained
    items = [EvalItem.model_validate_json(line) for line in source.read_bytes().splitlines() if line.strip()]
    write_evalset(home, "eval-v2@v1", items)
    out = tmp_path / "v2"
    out.mkdir()
    config = EvalConfig.model_validate(
        {"evalset": "eval-v2@v1", "run": str(run_id), "max_new_tokens": 16, "batch_size": 32, "device": "cpu"}
    )
    card = evaluate(config, out, MemorySink(), Settings(home=home))["scorecard"]
    assert card["n_items"] == 100
    assert set(card["breakdowns"]["section"]) == {"core", "edge_case", "trace_sensitive"}
    assert card["breakdowns"]["section"]["core"]["n"] == 60
    assert "arithmetic" in card["breakdowns"]["category"]


def test_a_tiny_preset_is_evaluated_with_the_tokenizer_asked_for(
    trained: tuple[Path, uuid.UUID], tmp_path: Path
) -> None:
    home, _run_id = trained
    default = run_eval(home, tmp_path / "default", model="tiny-llama", limit=2, max_new_tokens=4)
    merged = run_eval(
        home, tmp_path / "merged", model="tiny-llama", tokenizer={"digits": "merged"}, limit=2, max_new_tokens=4
    )
    assert default["model"]["tokenizer"] == {"source": "trained", "digits": "individual"}
    assert merged["model"]["tokenizer"] == {"source": "trained", "digits": "merged"}
    loaded = generate.load_model("tiny-llama", ["What is 4984 + 12?", "4996"], None, "cpu", 0)
    assert loaded.tokenizer.tokenize(" 4996") == ["Ġ", "4", "9", "9", "6"]


def test_generation_stops_at_the_models_last_position_and_says_so(
    trained: tuple[Path, uuid.UUID], tmp_path: Path
) -> None:
    """The run's base model has the 128 positions it was trained with: an untrained copy rambles
    on, so each output stops where prompt + output fill them, marked truncated, and the run log
    and summary say how many items had less room than max_new_tokens."""
    home, run_id = trained
    base = home / "runs" / str(run_id) / "base-model"
    out = tmp_path / "long"
    out.mkdir()
    sink = MemorySink()
    body = {"evalset": EVALSET, "model": str(base), "max_new_tokens": 200, "limit": 4, "device": "cpu"}
    summary = evaluate(EvalConfig.model_validate(body), out, sink, Settings(home=home))
    tokenizer = generate.load_model(str(base), [], None, "cpu", 0).tokenizer
    lines = [json.loads(line) for line in (out / PREDICTIONS).read_text().splitlines()]
    rooms = [128 - len(tokenizer(line["rendered_prompt"], add_special_tokens=False)["input_ids"]) for line in lines]
    assert [(line["output_tokens"], line["truncated"]) for line in lines] == [(room, True) for room in rooms]
    assert (summary["generation"]["max_positions"], summary["generation"]["position_limited"]) == (128, 4)
    warnings = [e.message for e in sink.of(LogEvent) if isinstance(e, LogEvent) and e.level == "warning"]
    assert warnings == [
        "4 of 4 items had room for fewer than max_new_tokens (200) new tokens: the model has 128 positions "
        "for prompt and output together; outputs cut there are marked truncated"
    ]


def test_samples_keep_every_completion_and_score_pass_and_majority(
    trained: tuple[Path, uuid.UUID], tmp_path: Path
) -> None:
    """``samples: 4`` at temperature 1: four judged completions per item, all kept; the item's
    own verdict is its first sample's; pass@1 is the mean accuracy over every sample."""
    home, run_id = trained
    summary = run_eval(
        home, tmp_path / "sampled", run=str(run_id), samples=4, sampling={"temperature": 1.0, "seed": 3}, limit=6
    )
    card = summary["scorecard"]
    lines = [json.loads(line) for line in (tmp_path / "sampled" / PREDICTIONS).read_text().splitlines()]
    assert len(lines) == card["n_items"] == 6
    assert summary["generation"]["samples"] == 4
    assert card["settings"]["sampling"] == {"temperature": 1.0, "top_p": 1.0, "top_k": 0, "seed": 3}
    assert card["settings"]["samples"] == 4
    for line in lines:
        assert len(line["samples"]) == 4
        assert line["samples"][0]["output"] == line["output"]
        assert line["strict"] == line["samples"][0]["strict"]
        assert line["samples_correct"] == sum(sample["strict"] for sample in line["samples"])
        assert 0.25 <= line["agreement"] <= 1.0
    assert len({sample["output"] for line in lines for sample in line["samples"]}) > 6  # they differ
    drawn = card["sampling"]
    assert list(drawn["pass_at"]) == ["1", "2", "4"]
    correct = sum(line["samples_correct"] for line in lines)
    assert drawn["pass_at"]["1"]["value"] == pytest.approx(correct / 24)
    assert drawn["pass_at"]["4"]["value"] == pytest.approx(sum(line["samples_correct"] > 0 for line in lines) / 6)
    assert drawn["maj_at_k"]["value"] == pytest.approx(sum(line["majority_correct"] for line in lines) / 6)
    assert card["strict_accuracy"]["hits"] == sum(line["strict"] for line in lines)
