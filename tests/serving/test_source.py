"""What ``models serve REF`` loads: a run by id prefix or folder, a registered version (pulled
once into the cache) and a local model folder generate what the run's own model does; a preset
is the same model for the same seed; a REF that names nothing says what it tried."""

from __future__ import annotations

import pytest

from tests.serving.conftest import VERSION, Home
from tunix_rt.errors import NotFound
from tunix_rt.evaluation import generate
from tunix_rt.evaluation.config import SamplingSettings
from tunix_rt.serving import source

pytestmark = pytest.mark.slow

QUESTIONS = ["What is 3 + 4?", "What is 12 + 9?"]


def answers(loaded: generate.Evaluated) -> list[str]:
    prompts = generate.render_prompts(loaded.tokenizer, QUESTIONS, loaded.template)
    outputs = generate.generate(loaded, prompts, batch_size=2, max_new_tokens=24, sampling=SamplingSettings())
    return [output.text for output in outputs]


def test_runs_and_versions_load_as_the_run(home: Home) -> None:
    expected = answers(generate.load_run(home.run_folder, None, "cpu"))
    assert all(expected)
    by_prefix = source.load(str(home.run_id)[:8], home.settings, device="cpu", seed=0)
    assert (by_prefix.source["type"], answers(by_prefix)) == ("run", expected)
    by_folder = source.load(str(home.run_folder), home.settings, device="cpu", seed=0)
    assert answers(by_folder) == expected
    version = source.load(VERSION, home.settings, device="cpu", seed=0)
    assert version.source["weights"] == "adapter"
    assert version.template == by_prefix.template
    assert answers(version) == expected
    cached = list((home.settings.home / source.CACHE).iterdir())
    assert [folder.name for folder in cached] == [version.source["content_hash"]]
    assert answers(source.load(VERSION, home.settings, device="cpu", seed=0)) == expected  # from the cache


def test_a_local_folder_and_a_preset(home: Home) -> None:
    base = home.run_folder / "base-model"
    folder = source.load(str(base), home.settings, device="cpu", seed=0)
    assert folder.source["source"] == "local"
    assert answers(folder) == answers(generate.load_model(str(base), [], None, "cpu", 0))
    preset = source.load("tiny-llama", home.settings, device="cpu", seed=3)
    again = generate.load_model("tiny-llama", source.preset_texts(3), None, "cpu", 3)
    assert answers(preset) == answers(again)
    assert source.preset_texts(3) == source.preset_texts(3) != source.preset_texts(4)


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("nobody:v1", "is no tiny preset, run or model folder, nor a registered version"),
        ("arith:v7", "nor a registered version"),
        ("Not A Name", "is no tiny preset, run, model folder, hub id or registry reference"),
        ("../../etc/x", "no model folder at ../../etc/x"),
    ],
)
def test_a_ref_that_names_nothing(home: Home, ref: str, message: str) -> None:
    with pytest.raises(NotFound) as raised:
        source.load(ref, home.settings, device="cpu", seed=0)
    assert message in raised.value.detail
