"""The automatic quality report run on every ingested trace: structural flags, size statistics and a
check of the arithmetic written in the steps.

Training on traces that skip steps, never state their answer or get a sum wrong teaches a model
exactly those habits, so every trace is assessed on the way in and the report is kept beside it.

This runs on the ingest hot path (thousands of traces a second), which shapes the code: every regex
is compiled once at import, a step without an equals sign costs one substring test, and the exact
arithmetic runs on plain integer ratios (``Fraction`` normalises on every operation and was most of
the cost), only for the computations actually found.

The arithmetic check reads computations as people and models write them::

    27 × 19 = 513          $189 ÷ 6 = $31.5        1,200 / 4 = 300       -7 + 2 = -5
    10 ÷ 3 = 3.33          45 x 2 = 90              15% of 80 = 12        (28/100) × 341 = 95.48
    23 × 8 (ones) = 184    Distance = 118 × 4 = 472 km                   Break down: 88 = 80 + 8

A stated result is correct when it equals the true value rounded to the number of decimals the
writer used (``10 ÷ 3 = 3.33`` and ``10 ÷ 3 = 3.3`` are both right, ``3.5 + 2 = 5`` is not). Text that
only looks like arithmetic is left alone: dates (``2024-01-02``), times and ratios (``10:30``,
``3:4``), versions (``1.2.3``), labels (``step 1 = setup``), algebra (``2x + 3 = 7``) and anything
that continues an expression we cannot see whole (``y - 5 + 3 = ...``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from itertools import pairwise
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

from typing_extensions import TypedDict  # pydantic reads these as API schemas (needs this one on 3.11)

if TYPE_CHECKING:
    from tunix_rt.traces.schema import TraceIn

FLAG_MEANINGS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "steps_unordered": "Step indices do not strictly increase in list order.",
        "steps_gap": "Step indices, sorted, are not 0, 1, 2, ...: they start above 0 or skip a number.",
        "empty_step": "At least one step's content is blank (empty or only whitespace).",
        "answer_missing": "The final answer is blank.",
        "answer_not_in_steps": (
            "The final answer (trimmed, case-insensitive, as a whole token) appears in no step: "
            "the reasoning never states what it concludes."
        ),
        "arithmetic_error": "At least one computation written in the steps states a wrong result.",
    }
)
"""What each flag means, for documentation, the API and the UI's tooltips."""

FLAGS: Final[tuple[str, ...]] = tuple(FLAG_MEANINGS)
"""Every flag ``assess`` can raise, in the order a report lists them."""


class ArithmeticCheck(TypedDict):
    """One computation found in a step and its verdict."""

    step: int
    """The step's ``i``."""
    expression: str
    """The computation as written, without its result, e.g. ``"27 × 19"``."""
    stated: str
    """The result as written, e.g. ``"$31.5"``."""
    expected: str
    """The true value, plainly formatted: rounded to six decimals (more if the writer used more),
    trailing zeros dropped, e.g. ``"513"``, ``"31.5"``, ``"3.333333"``; a ``%`` result keeps its sign."""
    correct: bool
    """Whether the stated result is the true value rounded to the decimals the writer used."""
    start: int
    """Start of the whole computation in the step content, so a UI can highlight it."""
    end: int
    """End (exclusive) of the whole computation in the step content."""


class QualityStats(TypedDict):
    """Sizes and counts that curation filters and dashboards sort by."""

    step_count: int
    prompt_chars: int
    answer_chars: int
    step_chars_total: int
    step_chars_max: int
    arithmetic_checked: int
    arithmetic_wrong: int


class QualityReport(TypedDict):
    """The report kept beside every trace; ``ok`` is true exactly when ``flags`` is empty."""

    ok: bool
    flags: list[str]
    stats: QualityStats
    arithmetic: list[ArithmeticCheck]


# --- the grammar of a written computation -------------------------------------------------------
# Spaces are spaces and tabs only: a computation never spans lines, so a "- 3" bullet on the next
# line is not read as a subtraction.
_SP = r"[ \t\u00a0\u202f]"
_CURRENCY = r"[$\u20ac\u00a3]"
_MINUS = r"[-\u2212]"
# A number: optional sign and currency, thousands separators, decimals. Digits are capped (far above
# any real computation) so int() never meets its 4300-digit limit; a number must be whole (not the
# tail of 1.2.3 or of 1,2345) and its whole part has no leading zero ("01"), which keeps 2024-01-02 out.
_NUMBER = (
    rf"(?:{_MINUS}(?={_CURRENCY}?\d))?{_CURRENCY}?(?:{_MINUS}(?=\d))?"
    r"(?:0|[1-9]\d{0,2}(?:,\d{3}){1,6}|[1-9]\d{0,17})(?:\.\d{1,12})?(?![.,]?\d)"
)
# The letter x multiplies only between spaces or between digits, so "2x + 3" stays algebra.
_OPERATOR = (
    rf"(?:{_SP}*(?:[+\-\u2212*\u00d7\u00f7/\u00b7\u22c5]|\\times|\\cdot|\\div){_SP}*"
    rf"|{_SP}+[xX]{_SP}+|(?<=\d)[xX](?=\d))"
)
# "15% of 80" is one operand; the named copy is for reading the two numbers back.
_PERCENT_OF = rf"{_NUMBER}{_SP}?%{_SP}+of{_SP}+{_NUMBER}"
_PERCENT_OF_NAMED = rf"(?P<percent>{_NUMBER}){_SP}?%{_SP}+of{_SP}+(?P<base>{_NUMBER})"
_ATOM = rf"(?:{_PERCENT_OF}|{_NUMBER})"
_SIMPLE = rf"{_ATOM}(?:{_OPERATOR}{_ATOM}){{1,3}}"
_PAREN = rf"\({_SP}*{_SIMPLE}{_SP}*\)"
_OPERAND = rf"(?:{_PAREN}|{_ATOM})"
_EXPRESSION = rf"(?:{_OPERAND}(?:{_OPERATOR}{_OPERAND}){{1,5}}|{_PAREN}|{_PERCENT_OF})"
_RESULT = rf"{_NUMBER}(?:{_SP}?%)?"
_EQUALS = rf"{_SP}*(?:==?|\u2248){_SP}*"
# A short word note between a computation and its result: "23 × 8 (ones) = 184".
_NOTE = rf"(?:{_SP}*\([A-Za-z][A-Za-z ]{{0,30}}\))?"
# Never start inside a word, a number, a date, a time or a path.
_START = r"(?<![\w.,:\-\u2212/\\^])"
# What a computation can start with: tested first, it lets the engine skip ordinary prose quickly.
_FIRST = r"(?=[-\u2212$\u20ac\u00a3(\d])"

# "a op b = c". The result sits in a lookahead so that a chain "2 + 3 = 5 + 1 = 6" yields "5 + 1 = 6"
# as the next match; its first link, whose right side is an expression, is skipped.
_FORWARD = re.compile(rf"{_FIRST}{_START}(?P<expr>{_EXPRESSION}){_NOTE}{_EQUALS}(?=(?P<result>{_RESULT}))")
# "c = a op b", as in "Break down: 88 = 80 + 8". Only at the start of a clause (text, line, or after
# "(", ";", or ": " / ", "), which keeps labels such as "Step 3 = 4 + 5" from reading as claims.
_REVERSE = re.compile(
    rf"(?:^|(?<=[(;\n\r])|(?<=[:,])(?={_SP})){_SP}*(?P<result>{_NUMBER}){_EQUALS}(?P<expr>{_EXPRESSION})"
)
# What may not follow a forward result: more expression ("= 5 + 1", "= 6/8") or a ratio ("= 3:4").
_RESULT_CONTINUES = re.compile(rf"(?:{_OPERATOR}|\^|:){_SP}*{_MINUS}?{_CURRENCY}?[\d(]")
# What may not follow a reverse expression: a chain, a percent sign or more expression.
_EXPRESSION_CONTINUES = re.compile(rf"{_NOTE}{_EQUALS}|{_SP}*%|(?:{_OPERATOR}|\^|:){_SP}*{_MINUS}?[\d(]")

_NUMBER_AT = re.compile(_NUMBER)
_PERCENT_OF_AT = re.compile(_PERCENT_OF_NAMED)
_OPERATOR_AT = re.compile(_OPERATOR)

_OPERATOR_CHARS: Final = frozenset("+-\u2212*\u00d7\u00f7/\u00b7\u22c5xX")
_SPACES: Final = frozenset(" \t\u00a0\u202f")
_NUMBER_CLEANUP: Final = str.maketrans({"$": None, "\u20ac": None, "\u00a3": None, ",": None, "\u2212": "-"})
_ADDITIVE: Final = frozenset("+-\u2212")
_DIVIDING: Final = frozenset(("\u00f7", "/", "\\div"))
_EXPECTED_PLACES: Final = 6

# An exact value as (numerator, denominator), denominator > 0, never reduced: no gcd per operation
# as Fraction does, and the few operands of a written computation keep the integers small.
_Ratio = tuple[int, int]


def assess(trace: TraceIn) -> QualityReport:
    """Flag structural problems, measure the trace and check every computation in its steps."""
    steps = trace.steps
    indices = [step.i for step in steps]
    flags: set[str] = set()
    if indices != list(range(len(indices))):
        if any(later <= earlier for earlier, later in pairwise(indices)):
            flags.add("steps_unordered")
        if sorted(indices) != list(range(len(indices))):
            flags.add("steps_gap")

    checks: list[ArithmeticCheck] = []
    total = longest = 0
    for step in steps:
        content = step.content
        total += len(content)
        longest = max(longest, len(content))
        if not content.strip():
            flags.add("empty_step")
        if "=" in content or "\u2248" in content:
            checks.extend(check_arithmetic(content, step.i))

    answer = trace.final_answer.strip().casefold()
    if not answer:
        flags.add("answer_missing")
    elif not any(_states(step.content.casefold(), answer) for step in reversed(steps)):
        flags.add("answer_not_in_steps")

    wrong = sum(1 for check in checks if not check["correct"])
    if wrong:
        flags.add("arithmetic_error")
    return {
        "ok": not flags,
        "flags": [flag for flag in FLAGS if flag in flags],
        "stats": {
            "step_count": len(steps),
            "prompt_chars": len(trace.prompt),
            "answer_chars": len(trace.final_answer),
            "step_chars_total": total,
            "step_chars_max": longest,
            "arithmetic_checked": len(checks),
            "arithmetic_wrong": wrong,
        },
        "arithmetic": checks,
    }


def check_arithmetic(text: str, step: int = 0) -> list[ArithmeticCheck]:
    """Find the computations written in ``text`` and check each; ``step`` labels the results.

    Public beyond ``assess`` because a model's free-text output (not only a stored trace) is worth
    checking too. Never raises: anything that does not parse cleanly is simply not a check.
    """
    checks: list[ArithmeticCheck] = []
    for match in _FORWARD.finditer(text):
        end = match.end("result")
        if _RESULT_CONTINUES.match(text, end) or _continues_before(text, match.start()):
            continue
        check = _check(step, match.group("expr"), match.group("result"), match.start(), end)
        if check is not None:
            checks.append(check)
    for match in _REVERSE.finditer(text):
        if _EXPRESSION_CONTINUES.match(text, match.end()):
            continue
        check = _check(step, match.group("expr"), match.group("result"), match.start("result"), match.end())
        if check is not None:
            checks.append(check)
    if len(checks) > 1:
        checks.sort(key=lambda check: check["start"])
    return checks


def _states(text: str, answer: str) -> bool:
    """Whether ``answer`` occurs in ``text`` as a whole token: "5" is not stated by "15" or "1.5"."""
    start = text.find(answer)
    while start != -1:
        end = start + len(answer)
        if _token_edge(text, start - 1, start - 2, answer[0]) and _token_edge(text, end, end + 1, answer[-1]):
            return True
        start = text.find(answer, start + 1)
    return False


def _token_edge(text: str, beside: int, beyond: int, edge: str) -> bool:
    """Whether the character at ``beside`` ends a token whose edge character is ``edge``."""
    if not edge.isalnum() or beside < 0 or beside >= len(text):
        return True
    neighbour = text[beside]
    if neighbour.isalnum():
        return False
    # "5" inside "1.5" or "1,500": the separator joins digits into one number.
    return not (neighbour in ".," and edge.isdigit() and 0 <= beyond < len(text) and text[beyond].isdigit())


def _continues_before(text: str, start: int) -> bool:
    """Whether the match is the tail of a longer expression ("y - 5 + 3"), whose value we can't know."""
    at = start - 1
    while at >= 0 and text[at] in _SPACES:
        at -= 1
    if at < 0 or text[at] not in _OPERATOR_CHARS:
        return False
    if text[at] in "xX" and at > 0 and text[at - 1].isalnum():
        return False  # the end of a word ("max"), not a multiplication sign
    at -= 1
    while at >= 0 and text[at] in _SPACES:
        at -= 1
    return at >= 0 and (text[at].isalnum() or text[at] in ")%")


def _check(step: int, expression: str, stated: str, start: int, end: int) -> ArithmeticCheck | None:
    value = _evaluate(expression)
    if value is None:
        return None
    correct, expected = _judge(value, stated)
    return {
        "step": step,
        "expression": expression,
        "stated": stated,
        "expected": expected,
        "correct": correct,
        "start": start,
        "end": end,
    }


def _evaluate(expression: str) -> _Ratio | None:
    """Exact value with × and ÷ before + and −; None for division by zero or anything unparsable."""
    value, position = _evaluate_sequence(expression, 0)
    return value if position == len(expression) else None


def _evaluate_sequence(text: str, position: int) -> tuple[_Ratio | None, int]:
    """Read ``operand (operator operand)*`` from ``position``; return its value and where it ended."""
    first, position = _evaluate_operand(text, position)
    if first is None:
        return None, position
    terms = [first]
    additions: list[str] = []
    while (operator := _OPERATOR_AT.match(text, position)) is not None:
        operand, after = _evaluate_operand(text, operator.end())
        if operand is None:
            break  # an operator with nothing after it ends the sequence; the caller decides
        position = after
        symbol = operator.group().strip(" \t\u00a0\u202f")
        (a, b), (c, d) = terms[-1], operand
        if symbol in _ADDITIVE:
            additions.append(symbol)
            terms.append(operand)
        elif symbol in _DIVIDING:
            if not c:
                return None, position
            terms[-1] = (a * d, b * c) if c > 0 else (-a * d, -b * c)
        else:
            terms[-1] = (a * c, b * d)
    a, b = terms[0]
    for symbol, (c, d) in zip(additions, terms[1:], strict=True):
        a, b = (a * d + c * b if symbol == "+" else a * d - c * b), b * d
    return (a, b), position


def _evaluate_operand(text: str, position: int) -> tuple[_Ratio | None, int]:
    if position < len(text) and text[position] == "(":
        inner, after = _evaluate_sequence(text, _skip_spaces(text, position + 1))
        after = _skip_spaces(text, after)
        if inner is None or after >= len(text) or text[after] != ")":
            return None, position
        return inner, after + 1
    percent = _PERCENT_OF_AT.match(text, position)
    if percent is not None:
        (a, b), (c, d) = _number(percent.group("percent")), _number(percent.group("base"))
        return (a * c, b * d * 100), percent.end()
    number = _NUMBER_AT.match(text, position)
    if number is None:
        return None, position
    return _number(number.group()), number.end()


def _skip_spaces(text: str, position: int) -> int:
    while position < len(text) and text[position] in _SPACES:
        position += 1
    return position


def _number(token: str) -> _Ratio:
    whole, _, decimals = token.translate(_NUMBER_CLEANUP).partition(".")
    return int(whole + decimals), 10 ** len(decimals)


def _judge(value: _Ratio, stated: str) -> tuple[bool, str]:
    """Compare the true value with the stated result at the writer's precision.

    A stated percentage ("15%") is accepted both for a value of 15 and for 0.15, since people write
    "12 ÷ 80 = 15%" as readily as "12 ÷ 80 × 100 = 15%".
    """
    number = stated.rstrip("% \t\u00a0\u202f")
    written, scale = _number(number)
    places = len(number.partition(".")[2])
    if number == stated:
        return _rounds_to(value, written, places), _plain(value, max(places, _EXPECTED_PLACES))
    numerator, denominator = value
    hundredfold = (numerator * 100, denominator)
    for candidate in (value, hundredfold):
        if _rounds_to(candidate, written, places):
            return True, _plain(candidate, max(places, _EXPECTED_PLACES)) + "%"
    # Wrong either way: show the reading closer to what was written (same denominator, so compare tops).
    target = written * denominator
    closer = hundredfold if abs(target - hundredfold[0] * scale) < abs(target - numerator * scale) else value
    return False, _plain(closer, max(places, _EXPECTED_PLACES)) + "%"


def _rounds_to(value: _Ratio, written: int, places: int) -> bool:
    """Whether ``written / 10**places`` is ``value`` rounded to ``places`` decimals.

    Exactly half-way, rounding half up, half to even and Python's ``round`` on a float (which lands
    on either side, 2.675 -> 2.67) are all accepted: each is a convention a writer may have used.
    Rounding down from half is not, so ``3.5 + 2 = 5`` is wrong.
    """
    numerator, denominator = value
    scale: int = 10**places
    # |written/scale - numerator/denominator| against half a unit of the last written digit.
    gap = 2 * abs(written * denominator - numerator * scale)
    if gap != denominator:
        return gap < denominator
    return (
        abs(written) * denominator > abs(numerator) * scale
        or written % 2 == 0
        or round(numerator / denominator, places) == written / scale
    )


def _plain(value: _Ratio, places: int) -> str:
    """``value`` rounded half up to ``places`` decimals, without exponent or trailing zeros."""
    numerator, denominator = value
    if numerator % denominator == 0:
        return str(numerator // denominator)
    units = (2 * abs(numerator) * 10**places + denominator) // (2 * denominator)
    digits = str(units).rjust(places + 1, "0")
    whole, fraction = digits[:-places], digits[-places:].rstrip("0")
    text = f"{whole}.{fraction}" if fraction else whole
    return f"-{text}" if numerator < 0 and units else text
