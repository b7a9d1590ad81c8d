"""The automatic quality report run on every ingested trace: structural flags, size statistics and a
check of the arithmetic written in the steps.

Training on traces that skip steps, never state their answer or get a sum wrong teaches a model
exactly those habits, so every trace is assessed on the way in and the report is kept beside it.

This runs on the ingest hot path (thousands of traces a second), which shapes the code: every regex
is compiled once at import; a step without an equals sign costs one substring test, and cheap
character tests rule a pattern out before it runs; numbers are atomic groups, so a failed attempt
never retries them; the patterns capture each operand, so the evaluator never reads an expression
twice; and the exact arithmetic runs on plain integer ratios (``Fraction`` normalises on every
operation and was most of the cost), only for the computations actually found.

The arithmetic check reads computations as people and models write them::

    27 × 19 = 513          $189 ÷ 6 = $31.5        1,200 / 4 = 300       -7 + 2 = -5
    10 ÷ 3 = 3.33          45 x 2 = 90              15% of 80 = 12        (28/100) × 341 = 95.48
    23 × 8 (ones) = 184    Distance = 118 × 4 = 472 km                   Break down: 88 = 80 + 8

Column arithmetic (``units: 7 + 5 + 0 = 12, write 2, carry 1``, see ``traces.columns``) is checked
as the algorithm: each column line against the one the algorithm writes for the prompt's question,
carries passed from column to column, no column missing; such a line is one check, not two.

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
from typing import TYPE_CHECKING, Any, Final

from typing_extensions import TypedDict  # pydantic reads these as API schemas (needs this one on 3.11)

from tunix_rt.traces.columns import ColumnReader, looks_like_column

if TYPE_CHECKING:
    from tunix_rt.traces.schema import StepDict, TraceDict

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
# A number therefore ends in one place only, so it is an atomic group: when what follows it fails,
# the engine does not retry shorter readings that cannot match. Every pattern below tries it again
# and again, so it is spelled for speed: "(?:a|)" rather than "(?:a)?", and "(?=,\d)" rules out the
# thousands-separator reading of a plain "144" at once.
_NUMBER = (
    rf"(?>(?:{_MINUS}(?={_CURRENCY}?\d)|){_CURRENCY}?(?:{_MINUS}(?=\d)|)"
    r"(?:0|[1-9](?:\d{0,2}(?=,\d)(?:,\d{3}){1,6}|\d{0,17}))(?:\.\d{1,12}|)(?![.,]?\d))"
)
# The letter x multiplies only between spaces or between digits, so "2x + 3" stays algebra.
_OPERATOR = (
    rf"(?:{_SP}*(?:[+\-\u2212*\u00d7\u00f7/\u00b7\u22c5]|\\times|\\cdot|\\div){_SP}*"
    rf"|{_SP}+[xX]{_SP}+|(?<=\d)[xX](?=\d))"
)
# "15% of 80" is one operand: a number followed by this and another number.
_OF = rf"{_SP}?%{_SP}+of{_SP}+"
_ATOM = rf"{_NUMBER}(?:{_OF}{_NUMBER})?"
_SIMPLE = rf"{_ATOM}(?:{_OPERATOR}{_ATOM}){{1,3}}"
# Atomic too: it can only end at the first ")".
_PAREN = rf"(?>\({_SP}*{_SIMPLE}{_SP}*\))"


def _operand_pattern(k: int) -> str:
    """Operand ``k`` of an expression, captured for the evaluator: a "(...)" in ``paren{k}``, or a number
    in ``number{k}`` and, for "15% of 80", its base in ``base{k}``."""
    return rf"(?:(?P<paren{k}>{_PAREN})|(?P<number{k}>{_NUMBER})(?:{_OF}(?P<base{k}>{_NUMBER}))?)"


# Two to six operands, each after the first with the operator before it in ``operator{k}`` (the
# optional links nest, so they fill in order and the longest reading is tried first), or one "(...)"
# or "15% of 80" alone: the closing condition turns down a plain number with no operator after it.
_EXPRESSION = (
    _operand_pattern(0)
    + "".join(rf"(?:(?P<operator{k}>{_OPERATOR}){_operand_pattern(k)}" for k in range(1, 6))
    + ")?" * 5
    + "(?(operator1)|(?(base0)|(?(paren0)|(?!))))"
)
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

# Cheap tests that rule a pattern out before it runs. A character every expression holds: an
# operator, the backslash of "\times", or the "%" of "15% of"...
_OPERATOR_SIGN = re.compile(r"[+\-\u2212*\u00d7\u00f7/\u00b7\u22c5\\xX%]")
# ...and what a reverse computation holds: a number, an equals sign and the start of an operand.
_REVERSE_EQUALS = re.compile(rf"\d{_EQUALS}[(\-\u2212$\u20ac\u00a3\d]")

# What the parentheses hold, read again by the evaluator; and where each pattern's operands start.
_READ = re.compile(_EXPRESSION)
_FORWARD_OPERANDS: Final = _FORWARD.groupindex["paren0"] - 1
_REVERSE_OPERANDS: Final = _REVERSE.groupindex["paren0"] - 1

_OPERATOR_CHARS: Final = frozenset("+-\u2212*\u00d7\u00f7/\u00b7\u22c5xX")
_SPACES: Final = " \t\u00a0\u202f"
_NUMBER_CLEANUP: Final = str.maketrans({"$": None, "\u20ac": None, "\u00a3": None, ",": None, "\u2212": "-"})
# What each operator spelling does; any other (× * x · \times...) multiplies.
_OPERATIONS: Final[Mapping[str, str]] = {"+": "+", "-": "-", "\u2212": "-", "/": "/", "\u00f7": "/", "\\div": "/"}
_EXPECTED_PLACES: Final = 6

# An exact value as (numerator, denominator), denominator > 0, never reduced: no gcd per operation
# as Fraction does, and the few operands of a written computation keep the integers small.
_Ratio = tuple[int, int]


def assess(trace: TraceDict) -> QualityReport:
    """Flag structural problems, measure the trace and check every computation in its steps.

    Takes the plain form ingest validates into (``TraceIn.plain()`` gives it from a model)."""
    steps = trace["steps"]
    flags: list[str] = []  # appended in the order of FLAGS
    checks: list[ArithmeticCheck] = []
    columns: ColumnReader | None = None
    total = longest = 0
    in_order, empty = True, False
    for position, step in enumerate(steps):
        if step["i"] != position:
            in_order = False
        content = step["content"]
        size = len(content)
        total += size
        if size > longest:
            longest = size
        if not content.strip():
            empty = True
        elif "=" in content or "\u2248" in content:
            if looks_like_column(content):
                columns = columns or ColumnReader(trace["prompt"])
                if (column := columns.check(step["i"], content)) is not None:
                    checks.append(column)
                    continue
            checks += check_arithmetic(content, step["i"])
    if columns is not None and (missing := columns.finish()) is not None:
        checks.append(missing)
    if not in_order:
        indices = [step["i"] for step in steps]
        if any(later <= earlier for earlier, later in pairwise(indices)):
            flags.append("steps_unordered")
        if sorted(indices) != list(range(len(indices))):
            flags.append("steps_gap")
    if empty:
        flags.append("empty_step")

    answer = trace["final_answer"].strip().casefold()
    if not answer:
        flags.append("answer_missing")
    elif not _states(answer, steps):
        flags.append("answer_not_in_steps")

    wrong = 0
    for check in checks:
        if not check["correct"]:
            wrong += 1
    if wrong:
        flags.append("arithmetic_error")
    return {
        "ok": not flags,
        "flags": flags,
        "stats": {
            "step_count": len(steps),
            "prompt_chars": len(trace["prompt"]),
            "answer_chars": len(trace["final_answer"]),
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
    # Every computation holds an equals sign, its expression before it (forward) or after (reverse).
    # Without an operator sign on that side of the last (first) one, a pattern cannot match, and no
    # match starts after the last one: the searches below stop there, where finditer would go on.
    first, last = text.find("="), text.rfind("=")
    if "\u2248" in text:
        approx = text.find("\u2248")
        first = approx if first == -1 else min(first, approx)
        last = max(last, text.rfind("\u2248"))
    if last == -1:
        return checks
    position = 0 if _OPERATOR_SIGN.search(text, 0, last) else last
    while position < last and (match := _FORWARD.search(text, position)) is not None:
        start, end = match.start(), match.end("result")
        position = match.end()
        if _RESULT_CONTINUES.match(text, end) or _continues_before(text, start):
            continue
        if (check := _check(step, match, _FORWARD_OPERANDS, start, end)) is not None:
            checks.append(check)
    position = 0 if _OPERATOR_SIGN.search(text, first) and _REVERSE_EQUALS.search(text) else last
    while position < last and (match := _REVERSE.search(text, position)) is not None:
        position = end = match.end()
        if _EXPRESSION_CONTINUES.match(text, end):
            continue
        if (check := _check(step, match, _REVERSE_OPERANDS, match.start("result"), end)) is not None:
            checks.append(check)
    if len(checks) > 1:
        checks.sort(key=lambda check: check["start"])
    return checks


def _states(answer: str, steps: list[StepDict]) -> bool:
    """Whether some step states ``answer`` (trimmed and casefolded) as a whole token, the last steps
    first: "5" is not stated by "15" or "1.5"."""
    # Casefolding an ASCII text only lowers A-Z, which cannot matter to an answer without letters.
    uncased = answer.upper() == answer
    # Only an alphanumeric end of the answer needs a token boundary beside it.
    head = answer[0] if answer[0].isalnum() else ""
    tail = answer[-1] if answer[-1].isalnum() else ""
    for step in reversed(steps):
        text = step["content"]
        if not (uncased and text.isascii()):
            text = text.casefold()
        start = text.find(answer)
        while start != -1:
            end = start + len(answer)
            if (not head or _token_edge(text, start - 1, start - 2, head)) and (
                not tail or _token_edge(text, end, end + 1, tail)
            ):
                return True
            start = text.find(answer, start + 1)
    return False


def _token_edge(text: str, beside: int, beyond: int, edge: str) -> bool:
    """Whether the character at ``beside`` ends a token whose edge character is ``edge`` (alphanumeric)."""
    if beside < 0 or beside >= len(text):
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


def _check(step: int, match: re.Match[str], operands: int, start: int, end: int) -> ArithmeticCheck | None:
    value = _evaluate(match.groups(), operands)
    if value is None:
        return None
    expression, stated = match.group("expr", "result")
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


def _evaluate(groups: tuple[str | Any, ...], at: int) -> _Ratio | None:
    """The exact value, × and ÷ before + and −, of the expression whose groups start at ``groups[at]``
    (``paren0``); None for division by zero."""
    term = _operand_value(groups[at], groups[at + 1], groups[at + 2])
    # × and ÷ build ``term``; + and − add it to ``total``, the sum of the terms before (subtracting it
    # if ``subtract``), left to right.
    total: _Ratio | None = None
    subtract = False
    for k in range(at + 3, at + 23, 4):  # operator{k}, paren{k}, number{k}, base{k}
        operator = groups[k]
        if operator is None or term is None:
            break
        operand = _operand_value(groups[k + 1], groups[k + 2], groups[k + 3])
        if operand is None:
            return None
        (a, b), (c, d) = term, operand
        operation = _OPERATIONS.get(operator.strip(_SPACES), "*")
        if operation == "*":
            term = (a * c, b * d)
        elif operation == "/":
            if not c:
                return None
            term = (a * d, b * c) if c > 0 else (-a * d, -b * c)
        else:
            total = term if total is None else _add(total, term, subtract)
            term, subtract = operand, operation == "-"
    if term is None or total is None:
        return term
    return _add(total, term, subtract)


def _add(total: _Ratio, term: _Ratio, subtract: bool) -> _Ratio:
    (a, b), (c, d) = total, term
    return (a * d - c * b if subtract else a * d + c * b), b * d


def _operand_value(paren: str | None, number: str | None, base: str | None) -> _Ratio | None:
    if number is None:  # a "(...)": what it holds is an expression again
        inner = _READ.fullmatch(paren[1:-1].strip(_SPACES)) if paren is not None else None
        return None if inner is None else _evaluate(inner.groups(), 0)
    if base is None:
        return _number(number)
    (a, b), (c, d) = _number(number), _number(base)  # "15% of 80"
    return a * c, b * d * 100


def _number(token: str) -> _Ratio:
    """The exact value of a number as written: currency and separators dropped, "−" read as "-"."""
    if token.isdecimal():  # plain digits (what \d matches is exactly what isdecimal accepts)
        return int(token), 1
    whole, _, decimals = token.lstrip("$\u20ac\u00a3").partition(".")
    if not (whole + decimals).isdecimal():  # a sign or thousands separators
        whole, _, decimals = token.translate(_NUMBER_CLEANUP).partition(".")
    return int(whole + decimals), 10 ** len(decimals)


def _judge(value: _Ratio, stated: str) -> tuple[bool, str]:
    """Compare the true value with the stated result at the writer's precision.

    A stated percentage ("15%") is accepted both for a value of 15 and for 0.15, since people write
    "12 ÷ 80 = 15%" as readily as "12 ÷ 80 × 100 = 15%".
    """
    numerator, denominator = value
    if stated.isdecimal() and numerator % denominator == 0:  # the common case, whole numbers
        return int(stated) * denominator == numerator, str(numerator // denominator)
    number = stated.rstrip("% \t\u00a0\u202f")
    written, scale = _number(number)
    places = len(number.partition(".")[2])
    if number == stated:
        return _rounds_to(value, written, places), _plain(value, max(places, _EXPECTED_PLACES))
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
