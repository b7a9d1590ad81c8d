"""A GRPO reward for tests that writes down the arguments a backend calls it with, so tests can
check that both backends call reward functions the same way (``rewards.py``'s contract)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tunix_rt.training import data

FOLDER = Path(__file__).parent
"""A reward folder holding this file: tests name it in ``TUNIX_RT_REWARD_DIRS``, as a server would."""
PROBE = f"{Path(__file__).stem}:probe"


def probe(completions: list[Any], *, path: str, template: Any, **arguments: Any) -> list[float]:
    """Scores 0.0; appends the completions and every other argument (by type name where it is
    not JSON) to the file at ``path``."""
    call = {"completions": completions, "arguments": arguments}
    with Path(path).open("a") as handle:
        handle.write(json.dumps(call, default=lambda value: f"<{type(value).__name__}>") + "\n")
    return [0.0] * len(completions)


def probe_spec(path: Path) -> dict[str, Any]:
    """The reward spec of a probe writing to ``path``, weighted 0 so it changes no reward."""
    return {"name": PROBE, "weight": 0.0, "options": {"path": str(path)}}


def assert_called_as_documented(path: Path, dataset_dir: Path, steps: int, completions_per_step: int) -> None:
    """Each call got the generated texts and, one per completion, the conversation prompted, the
    dataset's ``answer`` of that same example, and the step: nothing else, on either backend."""
    snapshot = data.read(dataset_dir, "train", None)
    calls = [json.loads(line) for line in path.read_text().splitlines()]
    received = [sorted(call["arguments"]) for call in calls]
    assert received == [["answer", "prompts", "step"]] * steps, received
    assert [call["arguments"]["step"] for call in calls] == list(range(1, steps + 1))
    for call in calls:
        arguments = call["arguments"]
        assert len(call["completions"]) == len(arguments["prompts"]) == len(arguments["answer"])
        assert len(call["completions"]) == completions_per_step
        assert all(isinstance(text, str) for text in call["completions"])
        for prompt, answer in zip(arguments["prompts"], arguments["answer"], strict=True):
            assert {"prompt": prompt, "answer": answer} in [
                {"prompt": row["prompt"], "answer": row["answer"]} for row in snapshot.train
            ]
