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
from tunix_rt.errors import NotFound, TunixError

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


def prompt_lengths(examples: list[Example], tokenizer: Any) -> list[int]:
    """Tokens of each example's prompt as a model is given it: the chat template's rendering with
    the generation prompt, encoded as written (the template writes BOS itself)."""
    rendered = [
        tokenizer.apply_chat_template(row["prompt"], tokenize=False, add_generation_prompt=True) for row in examples
    ]
    return [len(ids) for ids in tokenizer(rendered, add_special_tokens=False)["input_ids"]]


def refuse_long_prompts(examples: list[Example], tokenizer: Any, limit: int, split: str) -> None:
    """GRPO's check of its prompts, the same on both backends: every prompt fits ``limit``
    (``max_seq_length``) tokens, or the run stops here naming how many do not.

    The model is sized for ``max_seq_length`` prompt tokens plus the completion, and neither
    TRL 1.16 (no ``max_prompt_length`` any more) nor Tunix's sampler (it grows its prompt buffer
    until the KV cache overflows) cuts a prompt: unchecked, a long prompt runs generation past
    the model's positions. Cutting it instead would drop the question or the chat template's
    generation prompt, and train on a prompt nobody wrote."""
    lengths = prompt_lengths(examples, tokenizer)
    over = [length for length in lengths if length > limit]
    if over:
        raise TunixError(
            f"{len(over)} of {len(lengths)} {split} prompts are longer than max_seq_length ({limit} tokens; "
            f"the longest has {max(over)}): GRPO would generate past the positions the model is sized for; "
            "raise max_seq_length or shorten them"
        )
