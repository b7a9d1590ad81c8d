"""The render template: rendering, extraction, and refusing unknown placeholders."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from tunix_rt.datasets.template import RenderTemplate

STEPS = [{"i": 0, "type": "calc", "content": "2 + 2 = 4"}, {"i": 1, "type": "result", "content": "So 4"}]


def test_default_render_and_round_trip() -> None:
    template = RenderTemplate()
    text = template.render(STEPS, "4")
    assert text == "<reasoning>2 + 2 = 4\nSo 4</reasoning><answer>4</answer>"
    assert template.extract_answer(text) == "4"


def test_custom_layout() -> None:
    template = RenderTemplate(
        reasoning_open="Steps:\n",
        reasoning_close="\n",
        step_format="{n}. [{type}] {content}",
        separator="",
        answer_open="Answer: ",
        answer_close=".",
    )
    text = template.render(STEPS, "4")
    assert text == "Steps:\n1. [calc] 2 + 2 = 4\n2. [result] So 4\nAnswer: 4."
    assert template.extract_answer(text) == "4"


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("<answer>5</answer> wait <answer> 4 </answer>", "4"),
        ("<answer>5</answer><answer>4", "5"),
        ("no tags", None),
        ("</answer><answer>", None),
        ("<answer></answer>", ""),
    ],
)
def test_extraction_takes_the_last_complete_answer(text: str, answer: str | None) -> None:
    assert RenderTemplate().extract_answer(text) == answer


@pytest.mark.parametrize("fmt", ["{content.__class__}", "{unknown}", "{content!r}", "{i:>4}"])
def test_unknown_placeholders_are_refused(fmt: str) -> None:
    with pytest.raises(ValidationError):
        RenderTemplate(step_format=fmt)


def test_no_steps_render_the_answer_alone_and_an_answer_only_template_judges_it_well_formed() -> None:
    from tunix_rt.evaluation.judges import FormatJudge
    from tunix_rt.training.rewards import format_reward

    full = RenderTemplate()
    assert full.render([], "4") == "<answer>4</answer>"
    bare = full.without_reasoning()
    assert (bare.reasoning_open, bare.reasoning_close, bare.separator) == ("", "", "")
    assert bare.render([], "4") == "<answer>4</answer>"
    assert bare.extract_answer("<answer>4</answer>") == "4"
    # A model taught the answer alone is well-formed under its own template, and not under the
    # reasoning template it never saw; an empty reasoning block is not what either teaches.
    assert FormatJudge(bare).judge("2+2?", "<answer>4</answer>", "4").correct is True
    assert format_reward(["<answer>4</answer>"], template=bare) == [1.0]
    assert FormatJudge(full).judge("2+2?", "<answer>4</answer>", "4").details["problems"] == [
        "missing <reasoning>",
        "missing </reasoning>",
    ]
    emptied = FormatJudge(full).judge("2+2?", "<reasoning></reasoning><answer>4</answer>", "4")
    assert emptied.details["problems"] == ["empty reasoning"]
