"""Rollouts as traces: each recorded completion parsed as a sampled one is (``sampling.sample.parse``:
the template's reasoning cut into steps, the answer extracted and checked against the expected
one), with ``meta.provenance`` in the sample run kind's shape (docs/guides/traces.md) plus what
GRPO adds: the step, group, each reward's value and the advantage. A completion without an
answer or without reasoning steps (or a blank prompt) is no trace (the trace contract needs both): it is counted as
dropped by reason, as sampling's policy counts it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tunix_rt.datasets.evalsets import EvalItem
from tunix_rt.datasets.template import RenderTemplate
from tunix_rt.rollouts.tables import RunRollout
from tunix_rt.runs.tables import Run
from tunix_rt.sampling.sample import parse
from tunix_rt.traces.schema import TraceIn


def item_id(rollout: RunRollout) -> str:
    """The rollout's prompt as provenance names it: its step and group (``step-4/group-1``)."""
    return f"step-{rollout.step}/group-{rollout.group_index}"


def provenance(run: Run, rollout: RunRollout, parsed: dict[str, Any]) -> dict[str, Any]:
    """The sample kind's ``meta.provenance`` fields, filled from the GRPO run, and GRPO's own."""
    grpo = run.config.get("grpo") or {}
    return {
        "source": f"grpo:{run.id}",
        "model": run.model,
        "params": {
            "temperature": grpo.get("temperature", 1.0),
            "max_tokens": grpo.get("max_completion_length", 128),
            "num_generations": grpo.get("num_generations", 4),
        },
        "verdict": parsed["verdict"],
        "reward": rollout.total,
        "sample_index": rollout.sample_index,
        "item_id": item_id(rollout),
        "prompts": run.dataset_key,
        "expected_answer": rollout.answer,
        "step": rollout.step,
        "rewards": rollout.rewards,
        "advantage": rollout.advantage,
    }


def traces(run: Run, rollouts: Iterable[RunRollout], dropped: dict[str, int]) -> Iterable[TraceIn]:
    """The traces of ``rollouts``; those that are none are counted in ``dropped`` by reason."""
    template = RenderTemplate.model_validate(run.config.get("template") or {})
    for rollout in rollouts:
        if not rollout.prompt.strip():
            dropped["no_prompt"] = dropped.get("no_prompt", 0) + 1
            continue
        item = EvalItem(id=item_id(rollout), prompt=rollout.prompt, expected_answer=rollout.answer or "")
        parsed = parse({"text": rollout.completion, "index": rollout.sample_index}, item, template, [])
        reason = "no_answer" if parsed["answer"] is None else "no_steps" if not parsed["steps"] else None
        if reason is not None:
            dropped[reason] = dropped.get(reason, 0) + 1
            continue
        yield TraceIn(
            prompt=rollout.prompt,
            final_answer=parsed["answer"],
            steps=[{"i": i, "type": "step", "content": step} for i, step in enumerate(parsed["steps"])],
            meta={"provenance": provenance(run, rollout, parsed)},
            source=f"grpo:{run.id}",
        )
