"""Answer-checker cases and running them: how a user tests the checker on their own data before
trusting a score built on it (``tunix-rt eval check-answers``).

A case file is JSON Lines, one ``{"expected", "output", "correct"}`` object per line: ``correct``
says whether the output should pass in the mode being checked (``--mode``, strict by default). A
case may instead pin both modes with ``strict`` and ``lenient``, and the reason the checker
should give with ``reason``; the project's own table, :data:`BUILTIN` beside this module, is
written that way, and the unit tests and CI run it case by case.

A wrong accept (a wrong answer that passes) is the expensive error: it inflates a score and, in
GRPO, pays a reward for a wrong answer. The report lists those first.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from tunix_rt.errors import Invalid
from tunix_rt.evaluation.answers import Verdict, check

BUILTIN: Final = Path(__file__).with_name("answer_cases.jsonl")
"""The project's own cases: every defect the checker has had, and the forms it must keep accepting."""

Mode = Literal["strict", "lenient"]


class AnswerCase(BaseModel):
    """One line of a case file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    expected: str
    output: str
    correct: bool | None = None
    """Whether ``output`` should pass in the mode the file is checked in."""
    strict: bool | None = None
    lenient: bool | None = None
    reason: str | None = None
    """The checker's reason this case pins (``"exact"``, ``"number differs"``...), if any."""
    name: str | None = None

    @model_validator(mode="after")
    def _says_what_is_right(self) -> AnswerCase:
        if self.correct is None and self.strict is None and self.lenient is None:
            raise ValueError("give 'correct' (or 'strict' and/or 'lenient'): whether the output should pass")
        if self.correct is not None and (self.strict is not None or self.lenient is not None):
            raise ValueError("give either 'correct' or 'strict'/'lenient', not both")
        return self

    def wanted(self, mode: Mode) -> dict[Mode, bool]:
        """The verdicts this case pins: ``correct`` applies to ``mode``, the others to their own."""
        if self.correct is not None:
            return {mode: self.correct}
        wanted: dict[Mode, bool] = {}
        if self.strict is not None:
            wanted["strict"] = self.strict
        if self.lenient is not None:
            wanted["lenient"] = self.lenient
        return wanted


def read_cases(path: Path) -> list[tuple[int, AnswerCase]]:
    """Every case in ``path`` with its line number; all bad lines are reported at once."""
    cases: list[tuple[int, AnswerCase]] = []
    problems: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                cases.append((number, AnswerCase.model_validate(json.loads(line))))
            except json.JSONDecodeError as exc:
                problems.append({"line": number, "loc": [], "msg": f"not JSON: {exc.msg}"})
            except ValidationError as exc:
                problems.extend(
                    {"line": number, "loc": list(e["loc"]), "msg": e["msg"]} for e in exc.errors(include_url=False)
                )
    if problems:
        raise Invalid(f"{path}: {len({p['line'] for p in problems})} line(s) are not answer cases", errors=problems)
    if not cases:
        raise Invalid(f"{path}: no cases")
    return cases


@dataclass(frozen=True, slots=True)
class Miss:
    """A case the checker got wrong in one mode."""

    line: int
    case: AnswerCase
    mode: Mode
    verdict: Verdict

    @property
    def kind(self) -> str:
        """``wrong accept``, ``wrong reject`` or ``other reason`` (right verdict, different reason)."""
        passed = self.verdict.strict if self.mode == "strict" else self.verdict.lenient
        wanted = self.case.wanted(self.mode).get(self.mode)
        if passed == wanted:
            return "other reason"
        return "wrong accept" if passed else "wrong reject"


@dataclass(slots=True)
class CaseReport:
    """What running a case file found, per mode checked."""

    cases: int = 0
    checked: dict[str, int] = field(default_factory=dict)
    """Verdicts compared, per mode."""
    misses: list[Miss] = field(default_factory=list)

    def count(self, kind: str) -> int:
        return sum(miss.kind == kind for miss in self.misses)

    def as_json(self) -> dict[str, Any]:
        return {
            "cases": self.cases,
            "checked": self.checked,
            "wrong_accepts": self.count("wrong accept"),
            "wrong_rejects": self.count("wrong reject"),
            "other_reasons": self.count("other reason"),
            "misses": [
                {
                    "line": miss.line,
                    "name": miss.case.name,
                    "kind": miss.kind,
                    "mode": miss.mode,
                    "expected": miss.case.expected,
                    "extracted": miss.verdict.extracted,
                    "reason": miss.verdict.reason,
                    "pinned_reason": miss.case.reason,
                }
                for miss in self.misses
            ],
        }


def run_cases(cases: list[tuple[int, AnswerCase]], mode: Mode = "strict") -> CaseReport:
    """Check every case; a miss is a verdict other than the case's, or (where the case pins one) a
    reason other than its own."""
    report = CaseReport(cases=len(cases))
    for line, case in cases:
        verdict = check(case.output, case.expected)
        wanted = case.wanted(mode)
        misses = [
            Miss(line, case, checked, verdict)
            for checked, correct in wanted.items()
            if (verdict.strict if checked == "strict" else verdict.lenient) != correct
        ]
        if not misses and case.reason is not None and verdict.reason != case.reason:
            misses.append(Miss(line, case, next(iter(wanted)), verdict))
        for checked in wanted:
            report.checked[checked] = report.checked.get(checked, 0) + 1
        report.misses.extend(misses)
    return report
