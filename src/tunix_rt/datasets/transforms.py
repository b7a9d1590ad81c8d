"""Build-time transforms of a trace's steps: step-type filters and self-correction augmentation.

Pure functions of (steps, answer, trace id, config): which traces get an injected error and what
error is drawn from a hash of the seed and the trace id, never from a shared random stream, so a
trace transforms the same whatever else is in the dataset and in whatever order it is written.
Steps are renumbered 0, 1, 2... afterwards so the result is still a valid v1 trace.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from tunix_rt.datasets.schema import SelfCorrection, Transforms
from tunix_rt.traces.quality import check_arithmetic

Steps = list[dict[str, Any]]
_OFFSETS = (1, -1, 2, -2, 10, -10, 3)


def seeded_unit(purpose: str, seed: int, trace_id: bytes) -> float:
    """A number in [0, 1) fixed by (purpose, seed, trace id): the one source of chance in builds."""
    digest = hashlib.blake2b(trace_id, digest_size=8, key=f"{purpose}:{seed}".encode()).digest()
    return int.from_bytes(digest, "big") / 2**64


def filter_steps(steps: Sequence[dict[str, Any]], transforms: Transforms) -> Steps:
    """Keep the steps whose type is included and not excluded, renumbered from 0."""
    include = transforms.include_step_types
    exclude = set(transforms.exclude_step_types)
    kept = [s for s in steps if (include is None or s["type"] in include) and s["type"] not in exclude]
    return renumber(kept)


def renumber(steps: Sequence[dict[str, Any]]) -> Steps:
    return [{"i": n, "type": step["type"], "content": step["content"]} for n, step in enumerate(steps)]


def verification_step(steps: Sequence[dict[str, Any]], answer: str) -> dict[str, Any]:
    """A step that re-checks every computation written in the steps, stating each verdict."""
    lines: list[str] = []
    for step in steps:
        for check in check_arithmetic(step["content"], step["i"]):
            if check["correct"]:
                lines.append(f"{check['expression']} = {check['expected']} ✓")
            else:
                lines.append(f"{check['expression']} is {check['expected']}, not {check['stated']} ✗")
    if not lines:
        return {"i": len(steps), "type": "verification", "content": f"Check: the steps above lead to {answer}."}
    return {"i": len(steps), "type": "verification", "content": "Check: " + "; ".join(lines) + "."}


def _wrong_value(expected: str, draw: float) -> str | None:
    try:
        value = Decimal(expected)
    except InvalidOperation:
        return None
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    offset = Decimal(_OFFSETS[int(draw * len(_OFFSETS))]).scaleb(-places)
    return f"{value + offset:.{places}f}"


def inject_error(steps: Sequence[dict[str, Any]], draw: float) -> Steps | None:
    """Before the first step with a right computation, a copy of it with a wrong result and then a
    step that catches and corrects it; None when no step has a computation to get wrong."""
    for position, step in enumerate(steps):
        for check in check_arithmetic(step["content"], step["i"]):
            if not check["correct"]:
                continue
            wrong = _wrong_value(check["expected"], draw)
            if wrong is None or wrong == check["expected"]:
                continue
            expression = check["expression"]
            mistaken = {"i": 0, "type": step["type"], "content": f"{expression} = {wrong}"}
            correction = {
                "i": 0,
                "type": "correction",
                "content": f"Wait, that is wrong: {expression} is not {wrong}. Recomputing: "
                f"{expression} = {check['expected']}.",
            }
            return renumber([*steps[:position], mistaken, correction, *steps[position:]])
    return None


def self_correct(
    steps: Sequence[dict[str, Any]], answer: str, trace_id: bytes, config: SelfCorrection
) -> tuple[Steps, bool]:
    """Apply self-correction augmentation; returns the steps and whether an error was injected.

    The verification step checks the original computations only: the injected mistake has
    already been corrected by the step after it.
    """
    result = renumber(steps)
    check = verification_step(result, answer) if config.verify else None
    injected = None
    if config.error_fraction and seeded_unit("inject", config.seed, trace_id) < config.error_fraction:
        injected = inject_error(result, seeded_unit("error", config.seed, trace_id))
    if injected is not None:
        result = injected
    if check is not None:
        result.append({**check, "i": len(result)})
    return result, injected is not None
