"""Reasoning-model outputs (issue 14, section 2): the template's reasoning span is cut out before
the answer is looked for, the same way in evaluation, the answer judges and the GRPO rewards; a
span never closed is ``incomplete``; and how long the model thought is counted in its own tokens,
per item and in the scorecard, and stored with the evaluation on both databases."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.evaluation.test_api import recorded_eval
from tunix_rt.datasets.evalsets import EvalItem
from tunix_rt.datasets.template import ReasoningSplit, RenderTemplate
from tunix_rt.evaluation import judges, store
from tunix_rt.evaluation.answers import check_output
from tunix_rt.evaluation.evaluate import judge_outputs, token_count
from tunix_rt.evaluation.generate import Generation
from tunix_rt.evaluation.scorecard import classify_failure, scorecard
from tunix_rt.settings import Settings
from tunix_rt.training.models import train_tokenizer
from tunix_rt.training.rewards import correctness_reward

THINK = RenderTemplate(reasoning_open="<think>", reasoning_close="</think>")


@pytest.mark.parametrize(
    ("text", "split"),
    [
        ("<think>7 x 6 = 42</think><answer>42</answer>", ReasoningSplit("7 x 6 = 42", "<answer>42</answer>", True)),
        # The prompt opened the span (a thinking model's chat template ends with <think>).
        ("7 x 6 = 42</think>\n<answer>42</answer>", ReasoningSplit("7 x 6 = 42", "\n<answer>42</answer>", True)),
        ("<think>7 x 6 is", ReasoningSplit("7 x 6 is", "", False)),
        (
            "Sure. <think>a</think> then <think>b</think><answer>1</answer>",
            ReasoningSplit("a\nb", "Sure.  then <answer>1</answer>", True),
        ),
        ("<think>a</think><answer>1</answer><think>more", ReasoningSplit("a\nmore", "<answer>1</answer>", False)),
        ("<answer>42</answer>", ReasoningSplit(None, "<answer>42</answer>", True)),
    ],
)
def test_split_reasoning(text: str, split: ReasoningSplit) -> None:
    assert THINK.split_reasoning(text) == split


def test_a_template_without_reasoning_tags_has_no_span() -> None:
    answer_only = RenderTemplate().without_reasoning()
    assert answer_only.split_reasoning("<think>x</think>4") == ReasoningSplit(None, "<think>x</think>4", True)


def test_an_answer_written_while_thinking_is_not_the_answer() -> None:
    text = "<think>first guess <answer>5</answer>, but 2 + 2 = 4</think><answer>4</answer>"
    assert THINK.extract_answer(text) == "4"
    assert check_output(text, "4", THINK).strict
    only_inside = "<think>it is <answer>4</answer></think> so, 4?"
    verdict = check_output(only_inside, "4", THINK)
    assert (verdict.strict, verdict.lenient, verdict.method, verdict.extracted) == (False, True, "last_number", "4")
    assert THINK.extract_answer(only_inside) is None


def test_unclosed_reasoning_is_incomplete_on_every_reader() -> None:
    text = "<think>2 + 2 = 4 so the answer is <answer>4</answer>"
    verdict = check_output(text, "4", THINK)
    assert (verdict.strict, verdict.lenient, verdict.incomplete) == (False, False, True)
    assert verdict.reason == "reasoning not closed (incomplete)"
    finished = "<think>ok</think><answer>4</answer>"
    assert correctness_reward([text, finished], answer=["4", "4"], template=THINK) == [0.0, 1.0]
    assert judges.MathJudge(THINK).judge("q", text, "4").correct is False
    normalized = judges.NormalizedJudge(THINK).judge("q", text, "4")
    assert (normalized.correct, normalized.details["incomplete"]) == (False, True)
    assert judges.ExactJudge(THINK).judge("q", text, "4").correct is False
    assert judges.FormatJudge(THINK).judge("q", text, "4").details["problems"] == [
        "missing </think>",
        "no answer inside the answer tags",
    ]


def test_the_default_template_reads_as_before_when_the_reasoning_is_closed() -> None:
    default = RenderTemplate()
    assert check_output("<reasoning>2 + 2 = 4</reasoning><answer>4</answer>", "4", default).strict
    assert correctness_reward(["<reasoning>x</reasoning><answer>0.5</answer>"], answer=["1/2"]) == [0.5]


def test_judged_predictions_count_reasoning_tokens_with_the_models_tokenizer_and_class_incomplete() -> None:
    outputs = [
        "<think>7 x 6 = 42</think><answer>42</answer>",
        "<think>7 x 6 = 4",
        "<answer>42</answer>",
    ]
    tokenizer = train_tokenizer(outputs * 4, 300)
    items = [EvalItem(id=f"q{n}", prompt="What is 7 x 6?", expected_answer="42") for n in range(3)]
    generations = [Generation(text, 10, n == 1, 10) for n, text in enumerate(outputs)]
    predictions = judge_outputs(
        items, generations, judges.build(["math"], THINK, Settings()), THINK, lambda text: token_count(tokenizer, text)
    )
    expected_tokens = len(tokenizer.encode("7 x 6 = 42", add_special_tokens=False))
    assert expected_tokens > 0
    assert [p["reasoning_tokens"] for p in predictions] == [
        expected_tokens,
        len(tokenizer.encode("7 x 6 = 4", add_special_tokens=False)),
        None,
    ]
    assert [p["incomplete"] for p in predictions] == [False, True, False]
    assert [p["strict"] for p in predictions] == [True, False, True]
    # Incomplete beats truncated: the model was cut off while still thinking.
    assert [p["failure"] for p in predictions] == [None, "incomplete", None]
    assert predictions[1]["judges"]["math"]["correct"] is False

    card = scorecard(predictions)
    assert card["failures"]["incomplete"] == 1
    reasoning = card["reasoning"]
    assert reasoning["items"] == 2
    assert reasoning["max_tokens"] == max(expected_tokens, predictions[1]["reasoning_tokens"])
    assert reasoning["mean_tokens"] == pytest.approx((expected_tokens + predictions[1]["reasoning_tokens"]) / 2)
    assert reasoning["incomplete_rate"] == pytest.approx(1 / 3)


def test_a_loop_inside_the_reasoning_is_still_a_repetition_loop() -> None:
    looping = {"output": "<think>" + "ab " * 30, "incomplete": True, "truncated": True, "method": "none"}
    assert classify_failure(looping) == "repetition_loop"


async def test_reasoning_tokens_are_stored_with_each_item(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    run_id: uuid.UUID = await recorded_eval(sessions, settings, {0, 1}, None, reasoning_tokens=[5, None])
    async with sessions() as session:
        items = await store.items_of(session, run_id)
    assert [item.reasoning_tokens for item in items][:3] == [5, None, 5]
