"""One eval item across evaluations: every output a model wrote for it, in training order, and
a word-level diff between any two.

A score says how many items changed; a researcher then asks *how* one item's answer changed as
training went on (did the reasoning get longer, did the arithmetic go wrong at step 3?). The
history of an item lists every evaluation on its eval set that scored it, ordered as the models
were trained: evaluations of a base model (no training run) first, then by the training run's
creation and, for one run, by when each evaluation was made; each entry has the output and its
verdicts. The diff is Python's ``difflib`` over words, punctuation and whitespace (a
well-kept standard-library matcher; no third-party diff is needed for texts of this size), so the
API, the CLI and the UI all show the same diff.
"""

from __future__ import annotations

import difflib
import re
import uuid
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from tunix_rt.datasets import evalsets
from tunix_rt.datasets import store as datasets
from tunix_rt.errors import Invalid, NotFound, TunixError
from tunix_rt.evaluation.tables import Evaluation, EvaluationItem
from tunix_rt.runs.tables import Run
from tunix_rt.settings import Settings

DiffOp = Literal["equal", "delete", "insert"]
_WORDS = re.compile(r"\s+|\w+|[^\w\s]")
"""Words, single punctuation marks and runs of whitespace: model outputs glue tags and numbers
(``<answer>42</answer>``), which a split on whitespace alone would diff as one changed word."""


async def _prompt(session: AsyncSession, settings: Settings, evalset_key: str, item_id: str) -> str | None:
    """The item's prompt from the eval set's snapshot; None when the snapshot is not on this disk."""
    try:
        dataset = await datasets.get(session, evalset_key, kind="eval")
        return next((item.prompt for item in evalsets.load_items(settings, dataset) if item.id == item_id), None)
    except TunixError:
        return None


async def item_history(session: AsyncSession, settings: Settings, evalset_key: str, item_id: str) -> dict[str, Any]:
    """Every evaluation on ``evalset_key`` that scored ``item_id``, in training order (see the
    module docstring); ``NotFound`` when none did."""
    stmt = (
        select(EvaluationItem, Evaluation, Run.created_at)
        .join(Evaluation, Evaluation.run_id == EvaluationItem.run_id)
        .outerjoin(Run, Run.id == Evaluation.source_run_id)
        .where(Evaluation.evalset_key == evalset_key, EvaluationItem.item_id == item_id)
        .order_by(Run.created_at.asc().nulls_first(), Evaluation.created_at, Evaluation.run_id)
    )
    rows = (await session.execute(stmt)).all()
    if not rows:
        raise NotFound(f"no evaluation on {evalset_key} scored item {item_id!r}")
    return {
        "evalset": evalset_key,
        "item_id": item_id,
        "prompt": await _prompt(session, settings, evalset_key, item_id),
        "expected_answer": rows[0][0].expected_answer,
        "entries": [
            {
                "evaluation": evaluation.run_id,
                "model": evaluation.model,
                "source_run_id": evaluation.source_run_id,
                "dataset_key": evaluation.dataset_key,
                "trained_at": trained_at,
                "evaluated_at": evaluation.created_at,
                "output": item.output,
                "extracted_answer": item.extracted_answer,
                "strict": item.strict,
                "lenient": item.lenient,
                "format_ok": item.format_ok,
                "failure": item.failure,
                "reason": item.reason,
                "reasoning_tokens": item.reasoning_tokens,
                "agreement": item.agreement,
            }
            for item, evaluation, trained_at in rows
        ],
    }


def word_diff(a: str, b: str) -> list[dict[str, str]]:
    """``a`` turned into ``b``, word by word: runs of ``equal``, ``delete`` (only in a) and
    ``insert`` (only in b) text; joining the equal and delete runs gives ``a``, the equal and
    insert runs ``b``.

    >>> word_diff("2 + 2 = 5", "2 + 2 = 4")
    [{'op': 'equal', 'text': '2 + 2 = '}, {'op': 'delete', 'text': '5'}, {'op': 'insert', 'text': '4'}]
    """
    left, right = _WORDS.findall(a), _WORDS.findall(b)
    runs: list[dict[str, str]] = []

    def add(op: DiffOp, words: list[str]) -> None:
        if not words:
            return
        if runs and runs[-1]["op"] == op:
            runs[-1]["text"] += "".join(words)
        else:
            runs.append({"op": op, "text": "".join(words)})

    matcher = difflib.SequenceMatcher(None, left, right, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("equal", left[i1:i2])
        else:
            add("delete", left[i1:i2])
            add("insert", right[j1:j2])
    return runs


async def diff(
    session: AsyncSession, evalset_key: str, item_id: str, a: uuid.UUID, b: uuid.UUID
) -> list[dict[str, str]]:
    """The word diff of the item's output in evaluation ``a`` to its output in ``b``."""
    stmt = (
        select(EvaluationItem.run_id, EvaluationItem.output)
        .join(Evaluation, Evaluation.run_id == EvaluationItem.run_id)
        .where(
            EvaluationItem.run_id.in_([a, b]),
            EvaluationItem.item_id == item_id,
            Evaluation.evalset_key == evalset_key,
        )
    )
    outputs: dict[uuid.UUID, str] = dict((await session.execute(stmt)).all())
    for evaluation in (a, b):
        if evaluation not in outputs:
            raise Invalid(f"evaluation {evaluation} did not score item {item_id!r} of {evalset_key}")
    return word_diff(outputs[a], outputs[b])
