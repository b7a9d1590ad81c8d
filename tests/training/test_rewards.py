"""Reward functions: pure, batched, and agreeing with the template and the answer checker."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import pytest

from tunix_rt.datasets.template import RenderTemplate
from tunix_rt.errors import Invalid
from tunix_rt.evaluation.judges import FormatJudge
from tunix_rt.training import rewards


def test_format_reward_wants_reasoning_then_one_answer() -> None:
    outputs: list[rewards.Completion] = [
        "<reasoning>2+2=4</reasoning><answer>4</answer>",
        "<answer>4</answer>",
        "<reasoning>x</reasoning><answer>4</answer><answer>5</answer>",
        "<reasoning>x</reasoning><answer>4",
        "4",
        [{"role": "assistant", "content": "<reasoning>a</reasoning>\n<answer>b</answer>\n"}],
    ]
    assert rewards.format_reward(outputs) == [1.0, 0.5, 0.0, 0.0, 0.0, 1.0]
    custom = RenderTemplate(reasoning_open="<think>", reasoning_close="</think>", answer_open="[", answer_close="]")
    assert rewards.format_reward(
        ["<think>a</think>[3]", "<reasoning>a</reasoning><answer>3</answer>"], template=custom
    ) == [
        1.0,
        0.0,
    ]


def test_correctness_reward_uses_the_answer_checker() -> None:
    outputs = ["<answer>42</answer>", "<answer>0.5</answer>", "the answer is 7", "<answer>8</answer>"]
    assert rewards.correctness_reward(outputs, answer=["42", "1/2", "7", "9"]) == [1.0, 0.5, 0.5, 0.0]


def test_correctness_reward_pays_nothing_for_a_near_miss_or_a_restated_question() -> None:
    """A relative tolerance made 1234568 lenient-equal to 1234567, and math-verify evaluated
    ``89 × 56``: GRPO paid 0.5 for a wrong number and for copying the question."""
    outputs = ["<answer>1234568</answer>", "<answer>$1,000,000.50</answer>", "<answer>89 × 56</answer>"]
    assert rewards.correctness_reward(outputs, answer=["1234567", "$1,000,000.00", "4984"]) == [0.0, 0.0, 0.0]


def test_an_unclosed_answer_tag_is_one_rule_everywhere() -> None:
    """Format reward, format judge and the strict check all want the closed tag; lenient reads it."""
    unclosed = "<reasoning>6 x 7 = 42</reasoning><answer>42"
    closed = unclosed + "</answer>"
    assert rewards.format_reward([unclosed, closed]) == [0.0, 1.0]
    assert rewards.correctness_reward([unclosed, closed], answer=["42", "42"]) == [0.5, 1.0]
    form = FormatJudge(RenderTemplate())
    assert [form.judge("6 x 7?", output, "42").correct for output in (unclosed, closed)] == [False, True]


def test_length_reward_falls_linearly_past_the_limit() -> None:
    assert rewards.length_reward(["x" * 5, "x" * 15, "x" * 30], max_chars=10) == [1.0, 0.5, 0.0]


def test_only_registered_rewards_load_and_unknown_names_are_422(tmp_path: Path) -> None:
    """A client naming ``os:system`` or any importable callable must not get it called."""
    (tmp_path / "brevity.py").write_text(
        "def short(completions, *, max_chars=3, **_):\n"
        "    return [1.0 if len(c) <= max_chars else 0.0 for c in completions]\n"
        "def _helper():\n    pass\n"
    )
    (tmp_path / "broken.py").write_text("def (:\n")
    assert "brevity:short" in rewards.available([tmp_path])
    assert "brevity:_helper" not in rewards.available([tmp_path])
    bound = rewards.bind("brevity:short", {"max_chars": 2}, RenderTemplate(), [tmp_path])
    assert bound(["abc", "a"]) == [0.0, 1.0]
    for name in ("os:system", "tunix_rt.training.rewards:length_reward", "brevity:missing", "brevity"):
        with pytest.raises(Invalid, match="unknown reward") as raised:
            rewards.resolve(name, [tmp_path])
        assert "brevity:short" in raised.value.detail
    with pytest.raises(Invalid) as refused:
        rewards.refuse_unknown(["format", "os:system"], [tmp_path], ["grpo", "rewards"])
    assert refused.value.errors is not None
    assert [e["loc"] for e in refused.value.errors] == [["grpo", "rewards", 1, "name"]]
    assert refused.value.extra["available"] == ["brevity:short", "correctness", "format", "length"]


def test_entry_points_register_rewards(monkeypatch: pytest.MonkeyPatch) -> None:
    entry = importlib.metadata.EntryPoint(
        name="tiny_length", value="tunix_rt.training.rewards:length_reward", group=rewards.ENTRY_POINT_GROUP
    )
    monkeypatch.setattr(
        importlib.metadata,
        "entry_points",
        lambda group: importlib.metadata.EntryPoints([entry] if group == rewards.ENTRY_POINT_GROUP else []),
    )
    assert "tiny_length" in rewards.available([])
    assert rewards.resolve("tiny_length", []) is rewards.length_reward
