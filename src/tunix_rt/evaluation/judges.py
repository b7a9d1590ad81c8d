"""Judges: each decides, for one model output, whether it is right (or well-formed) and why.

A ``Judge`` has a ``name`` and a ``version`` (recorded with every evaluation, so a score is
never compared across judges that changed) and a ``judge`` method returning a ``Judgement``.
Judges are built by name from ``JUDGE_NAMES``; an unknown name is an error (the config already
rejects it with a 422), never a silent fallback.

* ``exact`` — the tagged answer equals the expected answer character for character (trimmed).
* ``normalized`` — the answer found by any method equals the expected one after
  :func:`answers.normalize` (formatting noise ignored, values not reinterpreted).
* ``math`` — the lenient rule set of :func:`answers.check`: equal values, units, symbolic equivalence.
* ``format`` — template compliance: reasoning and answer tags present, in order, reasoning not
  empty, answer not empty and extractable. Says nothing about correctness.
* ``llm`` — an OpenAI-compatible chat endpoint (URL, model and key from settings) grades the
  answer against a rubric; retried on network errors and 429/5xx, and a clear error names the
  URL when it stays unreachable. A reply without a verdict is ``correct=None`` (not scored).

>>> FormatJudge(RenderTemplate()).judge("2+2?", "<reasoning>2+2=4</reasoning><answer>4</answer>", "4").correct
True
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any, Protocol

import httpx

from tunix_rt.datasets.template import RenderTemplate
from tunix_rt.errors import Invalid, TunixError
from tunix_rt.evaluation import answers
from tunix_rt.evaluation.config import JUDGE_NAMES
from tunix_rt.settings import Settings


@dataclass(frozen=True)
class Judgement:
    """One judge's verdict on one output: ``correct`` is None when the judge could not decide."""

    correct: bool | None
    details: dict[str, Any] = field(default_factory=dict)


class Judge(Protocol):
    """What every judge offers; built by :func:`build`."""

    name: str
    version: str

    def judge(self, prompt: str, output: str, expected: str) -> Judgement:
        """Decide on one output for the item's prompt and expected answer."""
        ...


class ExactJudge:
    name = "exact"
    version = "1"

    def __init__(self, template: RenderTemplate) -> None:
        self.template = template

    def judge(self, prompt: str, output: str, expected: str) -> Judgement:
        found = self.template.extract_answer(output)
        return Judgement(found is not None and found == expected.strip(), {"extracted": found})


class NormalizedJudge:
    name = "normalized"
    version = "1"

    def __init__(self, template: RenderTemplate) -> None:
        self.template = template

    def judge(self, prompt: str, output: str, expected: str) -> Judgement:
        split = self.template.split_reasoning(output)
        if not split.closed:
            return Judgement(False, {"extracted": None, "method": "none", "incomplete": True})
        found = answers.extract(split.answer_part, self.template.answer_open, self.template.answer_close)
        if found.answer is None:
            return Judgement(False, {"extracted": None, "method": "none"})
        normal = answers.normalize(found.answer)  # empty for an answer too long to read: never equal
        equal = bool(normal) and normal == answers.normalize(expected)
        return Judgement(equal, {"extracted": found.answer, "method": found.method})


class MathJudge:
    """Version 2: numbers compare exactly unless the expected one is approximate, and an expression
    is no answer for a number (version 1 took ``1234568`` for 1234567 and ``89 × 56`` for 4984)."""

    name = "math"
    version = "2"

    def __init__(self, template: RenderTemplate) -> None:
        self.template = template

    def judge(self, prompt: str, output: str, expected: str) -> Judgement:
        verdict = answers.check_output(output, expected, self.template)
        return Judgement(verdict.lenient, {"extracted": verdict.extracted, "reason": verdict.reason})


class FormatJudge:
    name = "format"
    version = "1"

    def __init__(self, template: RenderTemplate) -> None:
        self.template = template

    def judge(self, prompt: str, output: str, expected: str) -> Judgement:
        t = self.template
        problems: list[str] = []
        positions = {}
        for tag in (t.reasoning_open, t.reasoning_close, t.answer_open, t.answer_close):
            if tag:
                at = output.find(tag)
                if at < 0:
                    problems.append(f"missing {tag}")
                positions[tag] = at
        order = [positions[tag] for tag in (t.reasoning_open, t.reasoning_close, t.answer_open, t.answer_close) if tag]
        if not problems and order != sorted(order):
            problems.append("tags out of order")
        if t.reasoning_open and t.reasoning_close and not problems:
            start = positions[t.reasoning_open] + len(t.reasoning_open)
            if not output[start : positions[t.reasoning_close]].strip():
                problems.append("empty reasoning")
        answer = t.extract_answer(output)
        if answer is None or not answer:
            problems.append("no answer inside the answer tags")
        elif not answers.normalize(answer):
            problems.append("answer does not parse")
        return Judgement(not problems, {"problems": problems})


RUBRIC = (
    "You grade answers to questions. Compare the model's final answer with the reference answer. "
    "Equivalent forms count as correct (1/2 and 0.5, 120 km and 120 kilometers); a different value, "
    "a missing answer or several hedged answers are incorrect. Reply with one line: "
    "'VERDICT: CORRECT' or 'VERDICT: INCORRECT', then one sentence of justification."
)
_VERDICT = re.compile(r"VERDICT:\s*(CORRECT|INCORRECT)", re.IGNORECASE)
_RETRY_STATUS = frozenset({408, 409, 429, 500, 502, 503, 504})


class LlmJudge:
    """Grades with a chat model behind any OpenAI-compatible ``/chat/completions`` endpoint."""

    name = "llm"
    version = "1"

    def __init__(self, settings: Settings, client: httpx.Client | None = None) -> None:
        if not settings.llm_judge_url or not settings.llm_judge_model:
            raise Invalid("the llm judge needs TUNIX_RT_LLM_JUDGE_URL and TUNIX_RT_LLM_JUDGE_MODEL")
        self.url = settings.llm_judge_url.rstrip("/") + "/chat/completions"
        self.model = settings.llm_judge_model
        self.retries = settings.llm_judge_retries
        key = settings.llm_judge_api_key
        headers = {"Authorization": f"Bearer {key.get_secret_value()}"} if key is not None else {}
        self.client = client or httpx.Client(timeout=settings.llm_judge_timeout_seconds, headers=headers)

    def judge(self, prompt: str, output: str, expected: str) -> Judgement:
        body = {
            "model": self.model,
            "temperature": 0,
            "messages": [
                {"role": "system", "content": RUBRIC},
                {
                    "role": "user",
                    "content": f"Question:\n{prompt}\n\nReference answer:\n{expected}\n\nModel output:\n{output}",
                },
            ],
        }
        reply = self._post(body)
        try:
            text = str(reply["choices"][0]["message"]["content"])
        except (KeyError, IndexError, TypeError):
            return Judgement(None, {"error": "reply has no choices[0].message.content"})
        match = _VERDICT.search(text)
        if match is None:
            return Judgement(None, {"error": "no VERDICT line in the reply", "reply": text[:500]})
        return Judgement(match.group(1).upper() == "CORRECT", {"reply": text[:500], "model": self.model})

    def _post(self, body: dict[str, Any]) -> Any:
        """The endpoint's JSON reply; transient failures are retried with a doubling pause."""
        last = ""
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(min(0.25 * 2 ** (attempt - 1), 4.0))
            try:
                response = self.client.post(self.url, json=body)
            except httpx.HTTPError as exc:
                last = f"{type(exc).__name__}: {exc}"
                continue
            if response.status_code in _RETRY_STATUS:
                last = f"HTTP {response.status_code}"
                continue
            if response.status_code >= 400:
                raise TunixError(f"llm judge at {self.url} answered HTTP {response.status_code}: {response.text[:200]}")
            try:
                return response.json()
            except ValueError:
                raise TunixError(f"llm judge at {self.url} did not answer JSON") from None
        raise TunixError(f"llm judge at {self.url} is unreachable after {self.retries + 1} attempt(s): {last}")


def build(names: list[str], template: RenderTemplate, settings: Settings) -> list[Judge]:
    """The judges named, in order; an unknown name is an ``Invalid`` error listing the known ones."""
    unknown = [name for name in names if name not in JUDGE_NAMES]
    if unknown:
        raise Invalid(f"unknown judge(s) {', '.join(unknown)}; known: {', '.join(JUDGE_NAMES)}")
    plain: dict[str, type[ExactJudge | NormalizedJudge | MathJudge | FormatJudge]] = {
        "exact": ExactJudge,
        "normalized": NormalizedJudge,
        "math": MathJudge,
        "format": FormatJudge,
    }
    return [LlmJudge(settings) if name == "llm" else plain[name](template) for name in names]
