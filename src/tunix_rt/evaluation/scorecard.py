"""The scorecard of an evaluation and the failure analysis of its wrong items; pure functions.

A prediction (one line of ``predictions.jsonl``) carries the item's fields, the output, both
answer scores, the format verdict, whether generation was cut off, and each judge's verdict.
``scorecard`` turns a list of them into the numbers every evaluation reports: strict and lenient
accuracy with Wilson 95% intervals, format compliance, output length, truncation rate, per
section / category / difficulty breakdowns, each judge's accuracy, failure counts and the
primary score. ``classify_failure`` names why a wrong item is wrong, first match wins:

* ``repetition_loop`` — the output ends in the same chunk repeated (a degenerate generation);
* ``incomplete`` — the reasoning span was never closed: the model did not finish thinking, so it
  gave no answer (``RenderTemplate.split_reasoning``); often also cut at ``max_new_tokens``;
* ``truncated`` — generation stopped at ``max_new_tokens`` before closing the answer;
* ``extraction_failure`` — no answer could be found by any method;
* ``format_failure`` — an answer is there but the template is not followed (tags missing,
  out of order, empty reasoning); this includes right answers in the wrong format;
* ``arithmetic_slip`` — a computation written in the reasoning is wrong (the trace checker);
* ``wrong_final_answer`` — well-formed, careful-looking, and wrong.

>>> classify_failure({"output": "ha ha ha ha ha ha ha ha", "truncated": True, "method": "none", "format_ok": False})
'repetition_loop'
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from tunix_rt.evaluation.stats import wilson
from tunix_rt.traces.quality import check_arithmetic

Prediction = dict[str, Any]
FAILURE_LABELS = (
    "repetition_loop",
    "incomplete",
    "truncated",
    "extraction_failure",
    "format_failure",
    "arithmetic_slip",
    "wrong_final_answer",
)
BREAKDOWNS = ("section", "category", "difficulty")
_MIN_REPEATS = 4


def _repeats(text: str) -> bool:
    """Whether the text ends with one chunk (1 to 40 characters, not just spaces) repeated at
    least four times in a row: the signature of a model stuck in a loop."""
    tail = text[-400:]
    for size in range(1, 41):
        chunk = tail[-size:]
        if not chunk.strip() or len(tail) < size * _MIN_REPEATS:
            continue
        if tail.endswith(chunk * _MIN_REPEATS):
            return True
    return False


_REASONING_SPLIT = re.compile(r"\n+")


def arithmetic_slips(output: str) -> list[dict[str, Any]]:
    """The wrong computations in an output, one line taken as one step."""
    slips: list[dict[str, Any]] = []
    for index, line in enumerate(_REASONING_SPLIT.split(output)):
        slips.extend(dict(check) for check in check_arithmetic(line, index) if not check["correct"])
    return slips


def classify_failure(prediction: Prediction) -> str:
    """Why a wrong prediction is wrong: one of ``FAILURE_LABELS``."""
    output = str(prediction.get("output", ""))
    if _repeats(output.rstrip()):
        return "repetition_loop"
    if prediction.get("incomplete"):
        return "incomplete"
    if prediction.get("truncated"):
        return "truncated"
    if prediction.get("method") == "none":
        return "extraction_failure"
    if not prediction.get("format_ok"):
        return "format_failure"
    if arithmetic_slips(output):
        return "arithmetic_slip"
    return "wrong_final_answer"


def _rate(predictions: Sequence[Prediction], test: Callable[[Prediction], bool]) -> dict[str, Any]:
    hits = sum(1 for p in predictions if test(p))
    low, high = wilson(hits, len(predictions))
    value = hits / len(predictions) if predictions else 0.0
    return {"value": value, "hits": hits, "n": len(predictions), "low": low, "high": high}


def _group(predictions: Sequence[Prediction], field: str) -> dict[str, Any]:
    groups: dict[str, list[Prediction]] = {}
    for prediction in predictions:
        label = prediction.get(field)
        groups.setdefault("(missing)" if label is None else str(label), []).append(prediction)
    return {
        label: {
            "n": len(members),
            "strict": _rate(members, lambda p: bool(p["strict"])),
            "lenient": _rate(members, lambda p: bool(p["lenient"])),
            "format": _rate(members, lambda p: bool(p["format_ok"])),
        }
        for label, members in sorted(groups.items())
    }


def _judged_right(name: str, prediction: Prediction) -> bool:
    return bool(prediction["judges"][name]["correct"])


def _judge_scores(predictions: Sequence[Prediction]) -> dict[str, Any]:
    names: list[str] = []
    for prediction in predictions:
        names.extend(name for name in prediction.get("judges", {}) if name not in names)
    scores: dict[str, Any] = {}
    for name in names:
        decided = [p for p in predictions if p.get("judges", {}).get(name, {}).get("correct") is not None]
        rate = _rate(decided, partial(_judged_right, name))
        version = next(p["judges"][name]["version"] for p in predictions if name in p.get("judges", {}))
        scores[name] = {**rate, "version": version}
    return scores


def reasoning_lengths(predictions: Sequence[Prediction]) -> dict[str, Any]:
    """How long the model thought, in tokens, over the items whose output has a reasoning span
    (``reasoning_tokens`` is None for the others), and how often it never stopped thinking.

    >>> reasoning_lengths([{"reasoning_tokens": 3}, {"reasoning_tokens": 9, "incomplete": True}, {}])
    {'items': 2, 'mean_tokens': 6.0, 'median_tokens': 6.0, 'max_tokens': 9, 'incomplete_rate': 0.3333333333333333}
    """
    lengths = [p["reasoning_tokens"] for p in predictions if p.get("reasoning_tokens") is not None]
    incomplete = sum(1 for p in predictions if p.get("incomplete"))
    return {
        "items": len(lengths),
        "mean_tokens": statistics.fmean(lengths) if lengths else 0.0,
        "median_tokens": float(statistics.median(lengths)) if lengths else 0.0,
        "max_tokens": max(lengths, default=0),
        "incomplete_rate": incomplete / len(predictions) if predictions else 0.0,
    }


def scorecard(predictions: Sequence[Prediction], primary_metric: str = "strict_accuracy") -> dict[str, Any]:
    """Every number of an evaluation, from its predictions (see the module docstring)."""
    n = len(predictions)
    strict = _rate(predictions, lambda p: bool(p["strict"]))
    lenient = _rate(predictions, lambda p: bool(p["lenient"]))
    format_ok = _rate(predictions, lambda p: bool(p["format_ok"]))
    judges = _judge_scores(predictions)
    failures = Counter(p["failure"] for p in predictions if p.get("failure"))
    metrics = {"strict_accuracy": strict, "lenient_accuracy": lenient, "format_compliance": format_ok}
    metrics.update({f"judge:{name}": score for name, score in judges.items()})
    primary = metrics[primary_metric]
    return {
        "n_items": n,
        "n_scored": primary["n"],
        "strict_accuracy": strict,
        "lenient_accuracy": lenient,
        "format_compliance": format_ok,
        "mean_output_tokens": sum(p["output_tokens"] for p in predictions) / n if n else 0.0,
        "mean_output_chars": sum(len(p["output"]) for p in predictions) / n if n else 0.0,
        "truncation_rate": sum(1 for p in predictions if p["truncated"]) / n if n else 0.0,
        "reasoning": reasoning_lengths(predictions),
        "breakdowns": {field: _group(predictions, field) for field in BREAKDOWNS},
        "judges": judges,
        "failures": {label: failures[label] for label in FAILURE_LABELS},
        "primary_metric": primary_metric,
        "primary_score": primary["value"],
    }


def headline(card: dict[str, Any]) -> str:
    """The scorecard in one log line, the last an eval run writes, so its log ends with the result:
    ``n 16: strict_accuracy 0.750 (12/16), lenient_accuracy 0.812 (13/16), format_compliance
    1.000 (16/16), primary strict_accuracy 0.750``; with samples, pass@k and maj@k follow the rates."""
    rates = ", ".join(
        f"{name} {card[name]['value']:.3f} ({card[name]['hits']}/{card[name]['n']})"
        for name in ("strict_accuracy", "lenient_accuracy", "format_compliance")
    )
    drawn = card.get("sampling")
    if drawn:
        k = drawn["samples"]
        rates += f", pass@{k} {drawn['pass_at'][str(k)]['value']:.3f}, maj@{k} {drawn['maj_at_k']['value']:.3f}"
    return f"n {card['n_items']}: {rates}, primary {card['primary_metric']} {card['primary_score']:.3f}"
