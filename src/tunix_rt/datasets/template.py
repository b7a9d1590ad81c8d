"""The one render template: how reasoning and answer are written for the model, and read back.

Training data, answer extraction in evaluation and rewards in RL must agree on a single format,
or a model is trained to write tags that the evaluator does not look for. So the template is a
small frozen model with both directions on it, ``render`` and ``extract_answer``, importable
without the database or any ML library. The default is the format of the Tunix GRPO examples::

    >>> RenderTemplate().render([{"i": 0, "type": "calc", "content": "2 + 2 = 4"}], "4")
    '<reasoning>2 + 2 = 4</reasoning><answer>4</answer>'
    >>> RenderTemplate().extract_answer("<reasoning>...</reasoning><answer> 4 </answer>")
    '4'

With no reasoning steps (an answer-only dataset) only the answer is written, never an empty
reasoning block: a model trained on ``<reasoning></reasoning>`` learns to write exactly what the
format judge flags as "empty reasoning". An answer-only build also clears the reasoning tags of
the template it records (``Transforms.answer_only``), so its runs are judged, and rewarded, on
the answer tags they were taught::

    >>> RenderTemplate().render([], "4")
    '<answer>4</answer>'
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

STEP_FIELDS = frozenset({"i", "n", "type", "content"})


class RenderTemplate(BaseModel):
    """Tags and layout of the assistant's answer; recorded in every dataset manifest."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    reasoning_open: str = Field("<reasoning>", description="Written before the reasoning steps.")
    reasoning_close: str = Field("</reasoning>", description="Written after the reasoning steps.")
    answer_open: str = Field(
        "<answer>", min_length=1, description="Written before the answer; marks it for extraction."
    )
    answer_close: str = Field("</answer>", min_length=1, description="Written after the answer; ends the extraction.")
    step_format: str = Field(
        "{content}",
        description="How one step is written; placeholders {i} (index), {n} (1-based position), {type}, {content}.",
    )
    step_separator: str = Field("\n", description="Written between two steps.")
    separator: str = Field("", description="Written between the closed reasoning and the opened answer.")
    prompt_separator: str = Field(
        "\n",
        description="Written after the question in prompt_completion text, so the answer starts on a token boundary.",
    )
    system_prompt: str | None = Field(
        None, description="Optional instruction given to the model before the question (system turn)."
    )

    @field_validator("step_format")
    @classmethod
    def _known_placeholders(cls, value: str) -> str:
        for _literal, name, spec, conversion in string.Formatter().parse(value):
            if name is None:
                continue
            if name not in STEP_FIELDS or spec or conversion:
                raise ValueError(f"unknown placeholder {{{name}}}; use only {', '.join(sorted(STEP_FIELDS))}")
        return value

    def render_steps(self, steps: Sequence[Mapping[str, Any]]) -> str:
        if self.step_format == "{content}":
            # The default format, without the formatter: exports render millions of steps.
            return self.step_separator.join([step["content"] for step in steps])
        return self.step_separator.join(
            self.step_format.format(i=step["i"], n=n, type=step["type"], content=step["content"])
            for n, step in enumerate(steps, 1)
        )

    def render(self, reasoning_steps: Sequence[Mapping[str, Any]], answer: str) -> str:
        """The assistant's text for these steps (dicts with ``i``, ``type``, ``content``) and answer;
        the answer alone when there are no steps."""
        answered = f"{self.answer_open}{answer}{self.answer_close}"
        if not reasoning_steps:
            return answered
        reasoning = f"{self.reasoning_open}{self.render_steps(reasoning_steps)}{self.reasoning_close}"
        return f"{reasoning}{self.separator}{answered}"

    def without_reasoning(self) -> RenderTemplate:
        """This template for answers alone: no reasoning tags to write, nor for a judge to expect."""
        return self.model_copy(update={"reasoning_open": "", "reasoning_close": "", "separator": ""})

    def extract_answer(self, text: str) -> str | None:
        """The answer inside the last complete answer tags, trimmed; None when there is none.

        The last pair wins because a model that corrects itself writes its final answer last;
        an opened answer that a generation cut off before closing is skipped.
        """
        start = text.rfind(self.answer_open)
        while start != -1:
            end = text.find(self.answer_close, start + len(self.answer_open))
            if end != -1:
                return text[start + len(self.answer_open) : end].strip()
            start = text.rfind(self.answer_open, 0, start)
        return None
