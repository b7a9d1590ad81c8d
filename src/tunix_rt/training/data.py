"""A run's training examples, read from the frozen dataset snapshot (never the database).

The child process of a run has no database access; it finds the snapshot by key under the data
home (``<home>/datasets/<key>/``, the home the worker passes as ``TUNIX_RT_HOME``). Each record
becomes a conversational prompt/completion pair: the prompt is the system and user turns, the
completion is the assistant's reasoning and answer written by the render template, so TRL masks
the prompt and trains on reasoning, answer and the end-of-turn token. ``answer`` carries the
expected final answer for GRPO's correctness reward.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from tunix_rt.datasets.export import records, split_files, template_of
from tunix_rt.datasets.formats import to_messages
from tunix_rt.datasets.snapshot import MANIFEST
from tunix_rt.datasets.template import RenderTemplate
from tunix_rt.errors import NotFound

Example = dict[str, Any]


@dataclass(frozen=True)
class Snapshot:
    """The examples of one split, the template that rendered them, and what the manifest records."""

    key: str
    sha256: dict[str, str]
    template: RenderTemplate
    train: list[Example]
    eval: list[Example]


def example(record: dict[str, Any], template: RenderTemplate) -> Example:
    """One snapshot record as TRL's conversational prompt/completion row.

    >>> row = example({"prompt": "1+1?", "steps": [{"i": 0, "type": "c", "content": "1+1=2"}], "final_answer": "2"},
    ...               RenderTemplate())
    >>> row["completion"][0]["content"], row["answer"]
    ('<reasoning>1+1=2</reasoning><answer>2</answer>', '2')
    """
    messages = to_messages(record, template)["messages"]
    return {"prompt": messages[:-1], "completion": messages[-1:], "answer": str(record["final_answer"])}


def read(folder: Path, split: str, template: RenderTemplate | None) -> Snapshot:
    """The snapshot in ``folder``: ``split`` as training examples, plus the eval split (empty when
    training on it or on all), rendered with ``template`` or the dataset's own."""
    manifest_path = folder / MANIFEST
    if not manifest_path.is_file():
        raise NotFound(f"dataset snapshot {folder.name} is not under {folder.parent}")
    manifest = orjson.loads(manifest_path.read_bytes())
    chosen = template or template_of(manifest)

    def rows(name: str) -> list[Example]:
        return [example(record, chosen) for block in records(split_files(folder, manifest, name)) for record in block]

    return Snapshot(
        key=manifest["key"],
        sha256=dict(manifest["sha256"]),
        template=chosen,
        train=rows(split),
        eval=rows("eval") if split == "train" else [],
    )


def texts(examples: list[Example]) -> list[str]:
    """The text a tiny tokenizer is trained on: every message of every example, in order."""
    return [message["content"] for row in examples for message in (*row["prompt"], *row["completion"])]
