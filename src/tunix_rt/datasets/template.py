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

The reasoning tags also declare the *reasoning span* that evaluation, judges and rewards strip
before they look for the answer (``split_reasoning``), so a model that thinks before answering
(``<think>...</think>`` as DeepSeek-R1 and Qwen3 write it: a template with those reasoning tags)
is scored the way it was trained: an answer written while thinking is not its answer, and a span
never closed means the model did not finish thinking (*incomplete*), not that it answered wrong::

    >>> think = RenderTemplate(reasoning_open="<think>", reasoning_close="</think>")
    >>> think.split_reasoning("<think>maybe <answer>5</answer>? no, 2+2=4</think><answer>4</answer>")
    ReasoningSplit(reasoning='maybe <answer>5</answer>? no, 2+2=4', answer_part='<answer>4</answer>', closed=True)
    >>> think.split_reasoning("<think>2+2 is").closed
    False
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

STEP_FIELDS = frozenset({"i", "n", "type", "content"})


@dataclass(frozen=True, slots=True)
class ReasoningSplit:
    """An output cut at its reasoning span: what the model thought and what it then wrote."""

    reasoning: str | None
    """The text inside the reasoning span(s), trimmed; None when the output has no span."""
    answer_part: str
    """The output without its reasoning span(s): where the answer is looked for."""
    closed: bool
    """False when a span was opened and never closed: the model did not finish thinking."""


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

    def split_reasoning(self, text: str) -> ReasoningSplit:
        """Cut the reasoning span(s) out of an output (see the module docstring).

        Each ``reasoning_open ... reasoning_close`` span is cut; a close tag with no open tag before
        it ends a span the prompt opened (chat templates of thinking models end the prompt with
        ``<think>``), so everything before it is reasoning; an open tag never closed makes the rest
        of the output reasoning and the split ``closed=False``. A template without reasoning tags
        (an answer-only dataset's) has no span: the whole output is where the answer is.

        >>> RenderTemplate().split_reasoning("6 x 7 = 42</reasoning><answer>42</answer>")
        ReasoningSplit(reasoning='6 x 7 = 42', answer_part='<answer>42</answer>', closed=True)
        """
        opener, closer = self.reasoning_open, self.reasoning_close
        if not opener or not closer:
            return ReasoningSplit(None, text, True)
        thoughts: list[str] = []
        kept: list[str] = []
        rest = text
        first_close = rest.find(closer)
        if first_close >= 0 and opener not in rest[:first_close]:
            thoughts.append(rest[:first_close])
            rest = rest[first_close + len(closer) :]
        while (start := rest.find(opener)) >= 0:
            kept.append(rest[:start])
            end = rest.find(closer, start + len(opener))
            if end < 0:
                thoughts.append(rest[start + len(opener) :])
                return ReasoningSplit("\n".join(t.strip() for t in thoughts), "".join(kept), False)
            thoughts.append(rest[start + len(opener) : end])
            rest = rest[end + len(closer) :]
        kept.append(rest)
        reasoning = "\n".join(t.strip() for t in thoughts) if thoughts else None
        return ReasoningSplit(reasoning, "".join(kept), True)

    def extract_answer(self, text: str) -> str | None:
        """The answer inside the last complete answer tags after the reasoning span, trimmed; None
        when there is none or the reasoning was never closed.

        The last pair wins because a model that corrects itself writes its final answer last;
        an opened answer that a generation cut off before closing is skipped.
        """
        split = self.split_reasoning(text)
        if not split.closed:
            return None
        text = split.answer_part
        start = text.rfind(self.answer_open)
        while start != -1:
            end = text.find(self.answer_close, start + len(self.answer_open))
            if end != -1:
                return text[start + len(self.answer_open) : end].strip()
            start = text.rfind(self.answer_open, 0, start)
        return None
