"""Export renderers: one pure function per format, from a snapshot record to the consumer's row.

A record is one line of a dataset's canonical ``trace`` JSONL (the trace v1 contract with its
``id``, ``created_at``, ``source`` and ``tags``). The assistant side of every format is written by
the dataset's one ``RenderTemplate``, so training text, answer extraction and rewards agree:

* ``messages``: ``{"messages": [{"role": "user"...}, {"role": "assistant"...}]}`` (TRL, chat templates)
* ``prompt_completion``: ``{"prompt", "completion"}`` (TRL's prompt-completion type, prompt masked)
* ``tunix_sft``: Gemma turns, ``<start_of_turn>user\\n...<end_of_turn>\\n<start_of_turn>model\\n...``;
  ``text`` is what Gemma's own chat template writes for the same messages (without the BOS token,
  which the tokenizer adds), ``prompt`` the part up to the model turn, for masking
* ``training_example``: ``{"id", "prompt", "response", "metadata"}`` as in the original tunix-rt, with
  ``id`` a UUID5 of the trace id, so it is the same in every export and every dataset
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    # Only annotations name it here, so `tunix-rt --help` can print FORMATS without pydantic.
    from tunix_rt.datasets.template import RenderTemplate

FORMATS = ("trace", "messages", "prompt_completion", "tunix_sft", "training_example")
"""The export formats, in the order help texts list them (the keys of ``RENDERERS``)."""
Record = dict[str, Any]
Renderer = Callable[[Record, "RenderTemplate"], Record]

TRAINING_EXAMPLE_NAMESPACE = uuid.UUID("5d0b7f7e-8f0e-4b8a-9a55-3c1f2a9e7b10")
GEMMA_USER = "<start_of_turn>user\n"
GEMMA_MODEL = "<start_of_turn>model\n"
GEMMA_END = "<end_of_turn>\n"


def completion_of(record: Record, template: RenderTemplate) -> str:
    return template.render(record["steps"], record["final_answer"])


def to_trace(record: Record, template: RenderTemplate) -> Record:
    """The record as stored in the snapshot (the template plays no part)."""
    return record


def to_messages(record: Record, template: RenderTemplate) -> Record:
    messages = [{"role": "system", "content": template.system_prompt}] if template.system_prompt else []
    messages.append({"role": "user", "content": record["prompt"]})
    messages.append({"role": "assistant", "content": completion_of(record, template)})
    return {"messages": messages}


def to_prompt_completion(record: Record, template: RenderTemplate) -> Record:
    """Plain text pair; a system prompt, if any, leads the prompt as Gemma-style templates put it.

    The prompt ends with the template's separator: without it BPE tokenizers merge the question's
    last character with the answer's first tag, and TRL must then cut the prompt short to mask it.
    """
    prompt = record["prompt"] + template.prompt_separator
    if template.system_prompt:
        prompt = f"{template.system_prompt}\n\n{prompt}"
    return {"prompt": prompt, "completion": completion_of(record, template)}


def to_tunix_sft(record: Record, template: RenderTemplate) -> Record:
    """Gemma turns as Gemma's chat template writes them: contents trimmed, a system prompt folded
    into the first user turn, the assistant as ``model``."""
    user = record["prompt"].strip()
    if template.system_prompt:
        user = f"{template.system_prompt}\n\n{user}"
    prompt = f"{GEMMA_USER}{user}{GEMMA_END}{GEMMA_MODEL}"
    return {
        "id": str(record["id"]),
        "prompt": prompt,
        "text": f"{prompt}{completion_of(record, template).strip()}{GEMMA_END}",
    }


def training_example_id(trace_id: str) -> str:
    return str(uuid.uuid5(TRAINING_EXAMPLE_NAMESPACE, trace_id))


def to_training_example(record: Record, template: RenderTemplate) -> Record:
    trace_id = str(record["id"])
    return {
        "id": training_example_id(trace_id),
        "prompt": record["prompt"],
        "response": completion_of(record, template),
        "metadata": {"source_trace_id": trace_id, "source": record.get("source"), "meta": record.get("meta", {})},
    }


RENDERERS: dict[str, Renderer] = {
    "trace": to_trace,
    "messages": to_messages,
    "prompt_completion": to_prompt_completion,
    "tunix_sft": to_tunix_sft,
    "training_example": to_training_example,
}
