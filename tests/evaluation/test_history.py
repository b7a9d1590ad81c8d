"""One item across evaluations (issue 14, section 5) through the API and the CLI on both
databases: the history is in training order (a base model first, then by training run, whatever
order the evaluations were made in), each entry has the output and its verdicts, and the word
diff between two outputs is the same in the API and the CLI."""

from __future__ import annotations

import uuid

import httpx
import orjson
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.evaluation.test_api import EVALSET, evalset, recorded_eval, train_row
from tests.evaluation.test_cli import cli, refused
from tests.traces.test_cli import cli_env
from tunix_rt.evaluation.history import word_diff
from tunix_rt.settings import Settings

__all__ = ["cli_env", "evalset"]


def test_word_diff_rebuilds_both_texts() -> None:
    a = "<reasoning>2 + 3 = 6</reasoning><answer>6</answer>"
    b = "<reasoning>2 + 3 = 5, so five</reasoning><answer>5</answer>"
    runs = word_diff(a, b)
    assert "".join(run["text"] for run in runs if run["op"] != "insert") == a
    assert "".join(run["text"] for run in runs if run["op"] != "delete") == b
    assert word_diff("same words", "same words") == [{"op": "equal", "text": "same words"}]
    assert word_diff("", "new") == [{"op": "insert", "text": "new"}]
    assert word_diff("the answer is 7", "the answer is 8") == [
        {"op": "equal", "text": "the answer is "},
        {"op": "delete", "text": "7"},
        {"op": "insert", "text": "8"},
    ]


async def test_an_items_history_is_in_training_order_with_a_diff(
    client: httpx.AsyncClient,
    evalset: str,
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
    cli_env: dict[str, str],
) -> None:
    first, second = await train_row(sessions, "arith@v1"), await train_row(sessions, "arith@v1")
    # Evaluated out of training order: the later run first, the base model last.
    of_second = await recorded_eval(sessions, settings, {1}, second, reasoning_tokens=[7])
    of_first = await recorded_eval(sessions, settings, set(), first)
    of_base = await recorded_eval(sessions, settings, set(), None)

    answer = await client.get("/api/evaluations/history", params={"evalset": EVALSET, "item": "q1"})
    assert answer.status_code == 200, answer.text
    found = answer.json()
    assert (found["evalset"], found["item_id"], found["prompt"], found["expected_answer"]) == (
        EVALSET,
        "q1",
        "What is 1 + 1?",
        "2",
    )
    entries = found["entries"]
    assert [entry["evaluation"] for entry in entries] == [str(of_base), str(of_first), str(of_second)]
    assert [entry["source_run_id"] for entry in entries] == [None, str(first), str(second)]
    assert entries[0]["trained_at"] is None
    assert [entry["strict"] for entry in entries] == [False, False, True]
    assert [entry["extracted_answer"] for entry in entries] == ["0", "0", "2"]
    assert [entry["failure"] for entry in entries] == ["wrong_final_answer", "wrong_final_answer", None]
    assert entries[2]["reasoning_tokens"] == 7
    assert entries[2]["output"] == "<reasoning>x</reasoning><answer>2</answer>"

    item = {"evalset": EVALSET, "item": "q1"}
    diff = await client.get("/api/evaluations/history/diff", params={**item, "a": str(of_base), "b": str(of_second)})
    assert diff.json()["runs"] == [
        {"op": "equal", "text": "<reasoning>x</reasoning><answer>"},
        {"op": "delete", "text": "0"},
        {"op": "insert", "text": "2"},
        {"op": "equal", "text": "</answer>"},
    ]

    missing = await client.get("/api/evaluations/history", params={"evalset": EVALSET, "item": "nope"})
    assert missing.status_code == 404
    assert missing.json()["detail"] == f"no evaluation on {EVALSET} scored item 'nope'"
    stranger = uuid.uuid4()
    unscored = await client.get("/api/evaluations/history/diff", params={**item, "a": str(of_base), "b": str(stranger)})
    assert unscored.status_code == 422
    assert unscored.json()["detail"] == f"evaluation {stranger} did not score item 'q1' of {EVALSET}"

    as_json = orjson.loads((await cli(cli_env, "eval", "history", "q1", "--evalset", EVALSET, "--json")).stdout)
    assert as_json == found
    text = (
        await cli(cli_env, "eval", "history", "q1", "--evalset", EVALSET, "--diff", str(of_base), str(of_second))
    ).stdout
    assert text.splitlines()[:2] == [f"item q1 of {EVALSET}: expected 2", "What is 1 + 1?"]
    assert text.index(str(of_base)) < text.index(str(of_first)) < text.index(str(of_second))
    assert "[-0-]{+2+}" in "".join(text.split())
    assert await refused(cli_env, "eval", "history", "nope", "--evalset", EVALSET) == [
        f"error: no evaluation on {EVALSET} scored item 'nope'"
    ]
