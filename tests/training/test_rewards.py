"""Reward functions: pure, batched, and agreeing with the template and the answer checker."""

from __future__ import annotations

import pytest

from tunix_rt.datasets.template import RenderTemplate
from tunix_rt.errors import Invalid
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


def test_length_reward_falls_linearly_past_the_limit() -> None:
    assert rewards.length_reward(["x" * 5, "x" * 15, "x" * 30], max_chars=10) == [1.0, 0.5, 0.0]


def test_user_callables_load_by_import_path_and_unknown_names_are_422() -> None:
    bound = rewards.bind("tunix_rt.training.rewards:length_reward", {"max_chars": 2}, RenderTemplate())
    assert bound(["abc", "a"]) == [0.5, 1.0]
    with pytest.raises(Invalid, match="unknown reward"):
        rewards.resolve("brevity")
    with pytest.raises(Invalid, match="cannot be loaded"):
        rewards.resolve("tunix_rt.training.rewards:nothing")
